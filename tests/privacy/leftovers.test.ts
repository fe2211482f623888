/**
 * Personal data the machinery holds is dropped as soon as it is not needed: a cancelled dialogue's
 * answers, a completed one's once the signal is stored, the text of delivered messages; processed
 * update ids, old delivery rows and abandoned dialogues by the hourly housekeeping job.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_HOUSEKEEPING, runHousekeeping } from "../../src/platform/housekeeping.ts";
import type { DbClient } from "../../src/platform/db/client.ts";
import { createHarness, type Harness, type HarnessPerson } from "../helpers/harness.ts";
import { reportSignal } from "../helpers/signals.ts";

const NAME = "Иванова Анна Петровна";
const ADDRESS = "г. Москва, ул. Ленина, 1";

/** Every row of the platform's tables as text, to look for what must not be there. */
async function platformRows(db: DbClient): Promise<string> {
  const rows = await db.$queryRaw<{ t: string }[]>`
    SELECT (SELECT coalesce(json_agg(d), '[]') FROM dialogue_sessions d)::text
        || (SELECT coalesce(json_agg(o), '[]') FROM outbox_messages o)::text AS t`;
  return rows[0]!.t;
}

describe("personal data left in the machinery", () => {
  let h: Harness;
  let reporter: HarnessPerson;

  beforeEach(async () => {
    h = await createHarness();
    reporter = await h.person("reporter", "Смирнова Ольга Ивановна");
    await h.person("head", "Орлова Елена Николаевна");
  });
  afterEach(async () => h.stop());

  it("/cancel deletes the dialogue's answers, and the delivered questions keep no text", async () => {
    await reporter.send("/new");
    await reporter.send(NAME);
    await reporter.send("12.03.1995");
    await reporter.send(ADDRESS);
    expect(await platformRows(h.database.db)).toContain(NAME);

    await reporter.send("/cancel");
    expect(reporter.last().text).toContain("Ответы удалены");
    const session = await h.database.db.dialogueSession.findFirstOrThrow({
      where: { chatId: reporter.userId },
    });
    expect(session.status).toBe("cancelled");
    expect(session.state).toMatchObject({ answers: {}, params: {} });
    const rows = await platformRows(h.database.db);
    expect(rows).not.toContain("Иванова");
    expect(rows).not.toContain("Ленина");
    expect(rows).not.toContain("1995");
  });

  it("a sent signal's dialogue keeps no answers; the cards and summaries delivered keep no text", async () => {
    await reportSignal(reporter, { name: NAME });
    const signal = await h.database.db.signal.findFirstOrThrow();
    expect(signal.womanFullName).toBe(NAME);
    const session = await h.database.db.dialogueSession.findFirstOrThrow({
      where: { chatId: reporter.userId },
    });
    expect(session.status).toBe("completed");
    expect(session.state).toMatchObject({ answers: {}, params: {} });
    const outbox = await h.database.db.outboxMessage.findMany();
    expect(outbox.length).toBeGreaterThan(10);
    expect(outbox.every((r) => r.status === "sent")).toBe(true);
    // What stays: the method, the chat and (for edits) the message; the head's card had buttons.
    expect(outbox.map((r) => Object.keys(r.payload as object).sort())).toContainEqual([
      "chatId",
      "keyboard",
      "method",
    ]);
    const rows = await platformRows(h.database.db);
    expect(rows).not.toContain("Иванова");
    expect(rows).not.toContain("+79000000001");
    expect(rows).not.toContain("Ленина");
  });

  it("housekeeping prunes old update ids and delivery rows, closes abandoned dialogues, scrubs old rows", async () => {
    const db = h.database.db;
    await reporter.send("/new");
    await reporter.send(NAME);
    const now = h.now();
    const day = 86_400_000;
    const ago = (days: number) => new Date(now.getTime() - days * day);
    // Rows as older code left them: a finished outbox row with its text, a completed dialogue with answers.
    await db.outboxMessage.create({
      data: {
        messenger: "telegram",
        chatId: "1",
        payload: { method: "sendMessage", chatId: "1", text: `Сигнал: ${NAME}` },
        status: "sent",
        createdAt: ago(1),
      },
    });
    await db.outboxMessage.create({
      data: {
        messenger: "telegram",
        chatId: "1",
        payload: { method: "sendMessage" },
        status: "sent",
        createdAt: ago(31),
      },
    });
    await db.dialogueSession.create({
      data: {
        messenger: "telegram",
        chatId: "2",
        flowId: "new_signal",
        flowVersion: 1,
        engineVersion: 1,
        status: "completed",
        state: { status: "completed", answers: { full_name: "Петрова Вера" }, params: {} },
      },
    });
    await db.processedUpdate.createMany({
      data: [
        { messenger: "telegram", botId: "1", updateId: 1_000_001n, chatId: "1", processedAt: ago(8) },
        { messenger: "telegram", botId: "1", updateId: 1_000_002n, chatId: "1", processedAt: ago(6) },
      ],
    });
    const updatesBefore = await db.processedUpdate.count();

    // Not yet idle for 7 days: the open dialogue stays.
    let result = await runHousekeeping(db, DEFAULT_HOUSEKEEPING, now);
    expect(result).toEqual({
      processedUpdatesDeleted: 1,
      outboxScrubbed: 1,
      outboxDeleted: 1,
      dialoguesScrubbed: 1,
      dialoguesExpired: 0,
    });
    expect(await db.processedUpdate.count()).toBe(updatesBefore - 1);
    expect(await platformRows(db)).not.toContain("Петрова");
    const open = await db.dialogueSession.findFirstOrThrow({ where: { chatId: reporter.userId } });
    expect(open.status).toBe("waiting");

    // A week later nobody answered: closed, answers gone; a second run finds nothing to do.
    result = await runHousekeeping(db, DEFAULT_HOUSEKEEPING, new Date(now.getTime() + 8 * day));
    expect(result.dialoguesExpired).toBe(1);
    const closed = await db.dialogueSession.findFirstOrThrow({ where: { chatId: reporter.userId } });
    expect(closed).toMatchObject({ status: "cancelled", promptMessageId: null });
    expect(closed.state).toMatchObject({ status: "cancelled", at: null, answers: {} });
    expect(await platformRows(db)).not.toContain("Иванова");
    result = await runHousekeeping(db, DEFAULT_HOUSEKEEPING, new Date(now.getTime() + 8 * day));
    expect(result.dialoguesExpired + result.dialoguesScrubbed + result.outboxScrubbed).toBe(0);

    // The person comes back: no dialogue is open, /new starts afresh.
    await reporter.send("/new");
    expect(reporter.last().text).toContain("Фамилия, имя и отчество");
  });
});
