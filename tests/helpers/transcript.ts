/**
 * Transcript fixtures: a case file (a flow, a clock, a time zone, the user's inputs) run
 * through the engine turn by turn, with the session serialised to JSON and back between
 * turns. The result (rendered messages, events, state after each turn) is compared with an
 * expected file; `npm run test:update-transcripts` rewrites the expected files on purpose.
 */
import { readFileSync } from "node:fs";
import { resumeSession, startSession } from "../../src/platform/flow/engine.ts";
import type {
  EngineEvent,
  EngineInput,
  EngineMessage,
  FlowDefinition,
  FormAnswer,
  Json,
  SessionState,
} from "../../src/platform/flow/types.ts";
import type { Locale, Translator } from "../../src/platform/i18n/index.ts";

/** One thing the user does. */
export type CaseInput =
  | { text: string }
  | { press: string }
  | { contact: string }
  | { sticker: true }
  | { cancel: true }
  | { back: true }
  /** The secure form's answers (personal steps, with the service's personalDataByForm on). */
  | { form: Record<string, FormAnswer> };

/** A case file. */
export interface TranscriptCase {
  flow: string;
  now: string;
  timeZone: string;
  locale: Locale;
  /** Session parameters given at start (e.g. the items of an "each" group). */
  params?: Record<string, Json>;
  /** Answers pre-filled at start (a document being changed). */
  answers?: Record<string, Json>;
  inputs: CaseInput[];
}

/** A message as a person sees it. */
export interface SeenMessage {
  text: string;
  buttons?: string[][];
  replace?: true;
  contactButton?: string;
  closesKeyboard?: true;
}

/** What one turn produced, readable in a diff. */
export interface TranscriptTurn {
  input: CaseInput | { start: true };
  messages: SeenMessage[];
  events: Exclude<EngineEvent, { type: "message" }>[];
  state: SessionState;
}

/** Renders an engine message the way the chat shows it. */
export function seeMessage(
  translator: Translator,
  message: EngineMessage,
  locale: Locale,
  timeZone: string,
): SeenMessage {
  const seen: SeenMessage = { text: translator.renderAll(message.texts, locale, timeZone) };
  const buttons = (message.buttons ?? []).map((row) =>
    row.map((b) => translator.render(b.text, locale, timeZone)),
  );
  if (buttons.length > 0) seen.buttons = buttons;
  if (message.replace) seen.replace = true;
  if (message.requestContact)
    seen.contactButton = translator.render(message.requestContact, locale, timeZone);
  if (message.removeReplyKeyboard) seen.closesKeyboard = true;
  return seen;
}

/** Finds the callback data of the newest button with this label. */
function pressData(shown: EngineMessage[], label: string, translator: Translator, c: TranscriptCase): string {
  for (let i = shown.length - 1; i >= 0; i--) {
    for (const row of shown[i]!.buttons ?? []) {
      for (const button of row)
        if (translator.render(button.text, c.locale, c.timeZone) === label) return button.data;
    }
  }
  throw new Error(`no button "${label}" on screen`);
}

function toEngineInput(
  input: CaseInput,
  shown: EngineMessage[],
  translator: Translator,
  c: TranscriptCase,
): EngineInput {
  if ("text" in input) return { type: "text", text: input.text };
  if ("form" in input) return { type: "form", answers: input.form };
  if ("press" in input) return { type: "button", data: pressData(shown, input.press, translator, c) };
  if ("contact" in input) return { type: "contact", phone: input.contact, own: true };
  if ("sticker" in input) return { type: "unsupported", what: "sticker" };
  if ("cancel" in input) return { type: "cancel" };
  // "back" is the "◀ Back" button, exactly as a person (and the adapter suite) presses it.
  return {
    type: "button",
    data: pressData(
      shown,
      translator.render({ key: "engine.buttons.back" }, c.locale, c.timeZone),
      translator,
      c,
    ),
  };
}

/** Runs a case through the engine; throws when inputs are left after the session ended. */
export function runTranscript(
  flow: FlowDefinition,
  c: TranscriptCase,
  translator: Translator,
  /** Play it with personal steps in the secure form (the service's personalDataByForm). */
  options: { personalByForm?: boolean } = {},
): TranscriptTurn[] {
  let nonce = 0;
  const ctx = {
    now: new Date(c.now),
    timeZone: c.timeZone,
    newNonce: () => `n${String(++nonce).padStart(5, "0")}`,
    labelsOf: translator.labelsOf,
    ...(options.personalByForm ? { personalByForm: true } : {}),
  };
  const shown: EngineMessage[] = [];
  const record = (
    input: TranscriptTurn["input"],
    turn: { state: SessionState; events: EngineEvent[] },
  ): TranscriptTurn => {
    const messages = turn.events.flatMap((e) => (e.type === "message" ? [e.message] : []));
    shown.push(...messages);
    return {
      input,
      messages: messages.map((m) => seeMessage(translator, m, c.locale, c.timeZone)),
      events: turn.events.filter((e): e is Exclude<EngineEvent, { type: "message" }> => e.type !== "message"),
      state: JSON.parse(JSON.stringify(turn.state)) as SessionState,
    };
  };
  const turns = [
    record({ start: true }, startSession(flow, ctx, c.params ?? {}, c.answers ? { answers: c.answers } : {})),
  ];
  for (const [index, input] of c.inputs.entries()) {
    const state = turns.at(-1)!.state;
    if (state.status !== "waiting")
      throw new Error(`input ${index} is unused: the session is ${state.status}`);
    const restored = JSON.parse(JSON.stringify(state)) as SessionState;
    turns.push(record(input, resumeSession(flow, restored, toEngineInput(input, shown, translator, c), ctx)));
  }
  return turns;
}

/** Reads a JSON fixture. */
export function readJson<T = Json>(file: string): T {
  return JSON.parse(readFileSync(file, "utf8")) as T;
}
