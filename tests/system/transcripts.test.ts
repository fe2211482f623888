/**
 * The engine's transcript fixtures, played by a person in the local Bot API server through
 * each adapter (grammY, Telegraf) in each mode (polling, webhook), and in the local MAX server
 * through the MAX adapter (polling, webhook). After every turn, each message the engine produced
 * for that turn must be on screen; at the end, the whole chat must equal one stored snapshot, the
 * same for every messenger, adapter and mode.
 */
import { existsSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createChatApp } from "../../src/app/areas.ts";
import type { SimChatView, SimUser } from "@signal-desk/telegram-bot-api-sim";
import type { SimChatView as MaxChatView, SimUser as MaxUser } from "@signal-desk/max-bot-api-sim";
import { intakeFlow } from "../fixtures/flows/intake.ts";
import { intakeTexts } from "../fixtures/flows/intake.texts.ts";
import { planFlow, progressFlow } from "../fixtures/flows/plan.ts";
import { planTexts } from "../fixtures/flows/plan.texts.ts";
import type { FlowDefinition } from "../../src/platform/flow/types.ts";
import { readJson, type CaseInput, type TranscriptCase, type TranscriptTurn } from "../helpers/transcript.ts";
import { MAX_VARIANTS, startMaxTestSystem, startTestSystem, VARIANTS } from "../helpers/system.ts";

const dir = path.resolve(import.meta.dirname, "../fixtures/transcripts");
const update = process.env.UPDATE_TRANSCRIPTS === "1";
const cases = readdirSync(dir).filter((f) => f.endsWith(".case.json"));

/** The case being played: its start parameters and pre-filled answers (the command reads them). */
let playing: TranscriptCase | undefined;

const FIXTURE_FLOWS: FlowDefinition[] = [intakeFlow, planFlow, progressFlow];

/** An app with only the fixture flows, open to everyone; `/<flow>` starts one as the case file says. */
const app = createChatApp([
  {
    id: "fixture",
    flows: FIXTURE_FLOWS.map((flow) => ({
      flow,
      permission: "settings.change" as const,
      onComplete: async (turn) => turn.reply({ texts: [{ key: "flows.intake.done" }] }),
    })),
    commands: FIXTURE_FLOWS.map((flow) => ({
      name: flow.id,
      description: "flows.intake.name.label",
      permission: "settings.change" as const,
      run: (turn) =>
        turn.startFlow(flow.id, playing?.params ?? {}, playing?.answers ? { answers: playing.answers } : {}),
    })),
  },
]);

const extraTexts = {
  ru: { flows: { ...intakeTexts.ru.flows, ...planTexts.ru.flows } },
  en: { flows: { ...intakeTexts.en.flows, ...planTexts.en.flows } },
};

/** A person in either simulator (their clients share these methods). */
type Person = SimUser | MaxUser;
type ChatView = SimChatView | MaxChatView;

/**
 * What the chat shows, reduced to what a person sees. MAX has no reply keyboards: its "share my
 * contact" button is an inline `request_contact` button on the hint message, where Telegram shows a
 * reply keyboard under the input field (not part of any message); it is left out to compare the rest.
 */
function snapshot(chat: ChatView) {
  return chat.messages.map((m) => {
    const rows = (m.buttons ?? [])
      .map((row) => (row as { text: string; type?: string }[]).filter((b) => b.type !== "request_contact"))
      .filter((row) => row.length > 0);
    return {
      from: m.from,
      text: m.text ?? `[${m.kind}]`,
      ...(rows.length ? { buttons: rows.map((row) => row.map((b) => b.text)) } : {}),
    };
  });
}

function newestButton(chat: ChatView, label: string): number {
  const message = [...chat.messages]
    .reverse()
    .find(
      (m) => m.from === "bot" && (m.buttons ?? []).flat().some((b: { text: string }) => b.text === label),
    );
  if (!message) throw new Error(`no button "${label}" on screen`);
  return message.messageId;
}

async function play(user: Person, input: CaseInput, backLabel: string, maxText: number): Promise<void> {
  // Messengers cannot send an empty message or a very long one (Telegram: 4096, MAX: 4000
  // characters); these stand in for them, the same on both so the snapshots are one.
  if ("text" in input) await user.sendText(input.text === "" ? "\u200b" : input.text.slice(0, maxText));
  else if ("contact" in input) await user.shareContact({ phoneNumber: input.contact });
  else if ("sticker" in input) await user.sendSticker();
  else if ("cancel" in input) await user.sendText("/cancel");
  else {
    const label = "press" in input ? input.press : backLabel;
    const result = await user.press(label, { messageId: newestButton(await user.chat(), label) });
    if (result.kind === "callback") await user.waitForCallbackAnswer(result.callbackQueryId);
  }
}

/** How many messages the chat holds after a turn: the user's own, plus each new bot message. */
function growth(turn: TranscriptTurn): number {
  const input = turn.input;
  const typed =
    "start" in input || "text" in input || "contact" in input || "sticker" in input || "cancel" in input
      ? 1
      : 0;
  const pressed = "press" in input || "back" in input;
  let bot = 0;
  for (const m of turn.messages) {
    if (!(m.replace && pressed)) bot++;
    if (m.contactButton) bot++;
  }
  if (turn.events.some((e) => e.type === "completed")) bot++;
  return typed + bot;
}

/** What a run needs of a test system, on either messenger. */
interface Run {
  database: Awaited<ReturnType<typeof startTestSystem>>["database"];
  system: Awaited<ReturnType<typeof startTestSystem>>["system"];
  serviceId: string;
  person(
    role: "reporter",
    name: string,
    o: { locale: "ru" | "en"; hospitalId: string },
  ): Promise<{ user: Person }>;
  settled(chatId: number | string): Promise<void>;
  stop(): Promise<void>;
}

const RUNS = [
  ...VARIANTS.map((v) => ({
    name: `${v.library}/${v.mode}`,
    maxText: 4000,
    snapshotWriter: v.library === "grammy" && v.mode === "polling",
    start: (clock: () => Date): Promise<Run> => startTestSystem(v, { app, extraTexts, clock }),
  })),
  ...MAX_VARIANTS.map((v) => ({
    name: `max/${v.mode}`,
    maxText: 4000,
    snapshotWriter: false,
    start: (clock: () => Date): Promise<Run> => startMaxTestSystem(v.mode, { app, extraTexts, clock }),
  })),
];

describe.each(RUNS)("transcripts through $name", (variant) => {
  let t: Run;
  // Each case runs at its own moment, like the engine-level run.
  let now = new Date();
  beforeAll(async () => {
    t = await variant.start(() => now);
  });
  afterAll(async () => t?.stop());

  for (const file of cases) {
    it(file.replace(".case.json", ""), async () => {
      const c = readJson<TranscriptCase>(path.join(dir, file));
      const turns = readJson<TranscriptTurn[]>(path.join(dir, file.replace(".case.json", ".expected.json")));
      now = new Date(c.now);
      playing = c;
      const hospital = await t.database.db.hospital.create({
        data: {
          serviceId: t.serviceId,
          name: `Роддом ${file}`,
          shortName: file.slice(0, 12),
          timeZone: c.timeZone,
        },
      });
      const { user } = await t.person("reporter", "Тестова Анна", {
        locale: c.locale,
        hospitalId: hospital.id,
      });
      const backLabel = t.system.translator.render({ key: "engine.buttons.back" }, c.locale, c.timeZone);
      let expected = 0;
      for (const [index, turn] of turns.entries()) {
        if ("start" in turn.input) await user.sendText(`/${c.flow}`);
        else {
          const input = c.inputs[index - 1]!;
          await play(user, input, backLabel, variant.maxText);
          // A press that only edits messages may leave the screen's texts as they were (the same
          // menu again): once the press is answered, wait for its edits to be delivered.
          if ("press" in input || "back" in input) await t.settled("chatId" in user ? user.chatId : user.id);
        }
        expected += growth(turn);
        const chat: ChatView = await (
          user.waitFor as (p: (v: ChatView) => boolean, d: string, o: object) => Promise<ChatView>
        )(
          (view) =>
            view.messages.length >= expected &&
            turn.messages.every((m) => view.messages.some((v) => v.from === "bot" && v.text === m.text)),
          `turn ${index} (${JSON.stringify(turn.input).slice(0, 40)}) to show ${expected} messages`,
          { timeoutMs: 10_000 },
        );
        expect(chat.messages.length, `messages after turn ${index}`).toBe(expected);
      }
      const snapshotFile = path.join(dir, file.replace(".case.json", ".chat.json"));
      await t.settled("chatId" in user ? user.chatId : user.id);
      const seen = snapshot(await user.chat());
      if (update && variant.snapshotWriter) writeFileSync(snapshotFile, `${JSON.stringify(seen, null, 2)}\n`);
      if (!existsSync(snapshotFile))
        throw new Error(`${snapshotFile} is missing: run npm run test:update-transcripts`);
      expect(seen).toEqual(readJson(snapshotFile));
    });
  }
});
