import { describe, expect, it } from "vitest";
import { newSignalFlow } from "../../../flows/new-signal.ts";
import { acceptForm, formSteps, resumeSession, startSession } from "../../../src/platform/flow/engine.ts";
import type { EngineContext, EngineEvent, EngineMessage } from "../../../src/platform/flow/types.ts";
import { flowProblems } from "../../../src/platform/flow/validate.ts";
import { createProductTranslator, productAreas } from "../../../src/app/areas.ts";
import { runTranscript, type CaseInput, type TranscriptCase } from "../../helpers/transcript.ts";

const ctx: EngineContext = {
  now: new Date("2026-11-23T09:00:00Z"),
  timeZone: "Europe/Moscow",
  newNonce: () => "nonce1",
  personalByForm: true,
};

const messages = (events: EngineEvent[]): EngineMessage[] =>
  events.flatMap((e) => (e.type === "message" ? [e.message] : []));

const translator = createProductTranslator(() => undefined, productAreas());
const base = {
  flow: "new_signal",
  now: "2026-11-23T09:00:00Z",
  timeZone: "Europe/Moscow",
  locale: "ru",
} as const;

/** The urgent answers come first (the short path); the woman's details after them. */
const urgent: CaseInput[] = [
  { form: { full_name: { text: "Иванова Анна Петровна" } } },
  { press: "Открыто заявляет об отказе" },
  { press: "Вместе с ребёнком в палате" },
  { press: "30 мин назад" },
];

/** The session waiting at the second form (the woman's details), and the messages that led there. */
function atDetails() {
  const turns = runTranscript(newSignalFlow, { ...base, inputs: urgent }, translator, {
    personalByForm: true,
  });
  return { state: turns.at(-1)!.state, turns };
}

const filled = {
  birth: { text: "12.03.1995" },
  registered_address: { text: "Москва, ул. Ленина, 1" },
  actual_address: { preset: 0 },
  ambulance_from: { preset: 1 },
  phone: { text: "+7 900 123-45-67" },
};

describe("personal steps in the secure form", () => {
  it("asks each block of personal steps as one form button, without asking them in the chat", () => {
    const { state, events } = startSession(newSignalFlow, ctx);
    expect(state.at).toBe("full_name");
    const [message] = messages(events);
    // The name alone first (the urgent questions follow it in the chat), then the details together.
    expect(message?.form?.steps).toEqual(["full_name"]);
    expect(message?.texts[0]?.key).toBe("engine.form.prompt");
    const details = atDetails();
    expect(details.state.at).toBe("birth");
    expect(formSteps(newSignalFlow, details.state).map((s) => s.id)).toEqual([
      "birth",
      "registered_address",
      "actual_address",
      "ambulance_from",
      "phone",
      "comment",
    ]);
  });

  it("without the setting asks in the chat as before", () => {
    const { events } = startSession(newSignalFlow, { ...ctx, personalByForm: false });
    expect(messages(events)[0]?.form).toBeUndefined();
    expect(messages(events)[0]?.texts[0]?.key).toBe("flows.new_signal.full_name.prompt");
  });

  it("refuses typed personal answers in the chat and keeps nothing", () => {
    const start = startSession(newSignalFlow, ctx).state;
    const turn = resumeSession(newSignalFlow, start, { type: "text", text: "Иванова Анна" }, ctx);
    expect(turn.state.answers).toEqual({});
    expect(messages(turn.events)[0]?.texts[0]?.key).toBe("engine.form.use_form");
  });

  it("checks the form's answers by the steps' kinds and schemas, per field", () => {
    const start = startSession(newSignalFlow, ctx).state;
    expect(acceptForm(newSignalFlow, start, { full_name: { text: "Анна" } }, ctx)).toEqual({
      ok: false,
      errors: { full_name: "flows.new_signal.errors.full_name" },
    });
    const refused = acceptForm(
      newSignalFlow,
      atDetails().state,
      { ...filled, birth: { text: "вчера" }, phone: { text: "12" } },
      ctx,
    );
    expect(refused).toEqual({
      ok: false,
      errors: { birth: "engine.errors.date_unparseable", phone: "engine.errors.phone_invalid" },
    });
  });

  it("applies valid answers and goes on in the chat; the chat never shows them", () => {
    const result = acceptForm(newSignalFlow, atDetails().state, filled, ctx);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const { state, events } = result.turn;
    expect(state.answers).toMatchObject({
      full_name: "Иванова Анна Петровна",
      birth: "1995-03-12",
      actual_address: "same",
      ambulance_from: "unknown",
      phone: "+79001234567",
    });
    expect(state.at).toBe("$summary"); // the comment is optional: left empty, the summary follows
    const shown = JSON.stringify(messages(events));
    for (const secret of ["Иванова", "1995", "Ленина", "79001234567"]) expect(shown).not.toContain(secret);
    expect(messages(events)[0]?.texts[0]?.key).toBe("engine.form.received");
  });

  it("through resumeSession too (the runtime's path), and the summary says 'filled in the form'", () => {
    let state = startSession(newSignalFlow, ctx).state;
    state = resumeSession(
      newSignalFlow,
      state,
      { type: "form", answers: { full_name: { text: "Иванова Анна Петровна" } } },
      ctx,
    ).state;
    expect(state.at).toBe("category");
    state = resumeSession(newSignalFlow, state, { type: "text", text: "1" }, ctx).state;
    expect(JSON.stringify(state.answers)).toContain("Иванова");
  });

  it("a flow may mark only typed answers as personal", () => {
    const problems = flowProblems({
      id: "bad",
      version: 1,
      steps: [{ id: "pick", personal: true, answer: { kind: "yesno" } }],
    });
    expect(problems.join("\n")).toContain("a personal step is answered in a form");
  });

  it("the same flow plays in both modes to the same answers; in form mode no message shows them", () => {
    const urgentInChat: CaseInput[] = [
      { text: "Иванова Анна Петровна" },
      { press: "Открыто заявляет об отказе" },
      { press: "Вместе с ребёнком в палате" },
      { press: "30 мин назад" },
    ];
    const inChat: TranscriptCase = {
      ...base,
      inputs: [
        ...urgentInChat,
        { text: "12.03.1995" },
        { text: "Москва, ул. Ленина, 1" },
        { press: "Совпадает с регистрацией" },
        { press: "Неизвестно" },
        { text: "+7 900 123-45-67" },
        { text: "Плачет, просит помочь" },
        { press: "📤 Отправить в Службу" },
      ],
    };
    const byForm: TranscriptCase = {
      ...base,
      inputs: [
        ...urgent,
        { form: { ...filled, comment: { text: "Плачет, просит помочь" } } },
        { press: "📤 Отправить в Службу" },
      ],
    };
    const completed = (turns: ReturnType<typeof runTranscript>) =>
      turns.flatMap((t) => t.events).find((e) => e.type === "completed");
    const chatTurns = runTranscript(newSignalFlow, inChat, translator);
    const formTurns = runTranscript(newSignalFlow, byForm, translator, { personalByForm: true });
    expect(completed(chatTurns)).toBeDefined();
    expect(completed(formTurns)).toEqual(completed(chatTurns));
    const shown = JSON.stringify(formTurns.flatMap((t) => t.messages));
    for (const secret of ["Иванова", "12.03.1995", "Ленина", "123-45-67", "79001234567", "Плачет"])
      expect(shown).not.toContain(secret);
    expect(JSON.stringify(chatTurns.flatMap((t) => t.messages))).toContain("Иванова");
  });
});
