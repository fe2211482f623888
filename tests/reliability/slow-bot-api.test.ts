/**
 * A slow Bot API holds nothing in the database: while a delivery waits for Telegram, no
 * transaction is open and no chat lock is taken, so the same person's next update is handled at
 * once and other chats' deliveries are not queued behind it; the order of each chat's messages is
 * still kept.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionState } from "../../src/platform/flow/types.ts";
import { waitText } from "../helpers/chat.ts";
import { postWebhook, textUpdate, waitUntil, botMessages } from "../helpers/reliability.ts";
import { startTestSystem, type TestSystem } from "../helpers/system.ts";

const SECRET = "test-secret-0123456789";

describe("a slow Bot API (grammy/webhook)", () => {
  let t: TestSystem;
  beforeAll(async () => {
    t = await startTestSystem({ library: "grammy", mode: "webhook" });
  });
  afterAll(async () => t?.stop());

  it("no transaction is open while Telegram answers; the next update of the chat is handled meanwhile", async () => {
    const { user } = await t.person("reporter", "Смирнова Ольга Ивановна");
    const person = { id: user.id, firstName: "Ольга" };
    let updateId = 700_000_001;
    expect(await postWebhook(t.system.apiUrl, SECRET, textUpdate(updateId++, person, "/new"))).toBe(200);
    await waitText(user, "Фамилия, имя и отчество");
    await t.settled(user.id);

    // Every message takes 1.5 s to be accepted from now on.
    await t.sim.addFault(t.botId, { kind: "latency", ms: 1_500, method: "sendMessage", count: 10 });
    await t.sim.addFault(t.botId, {
      kind: "latency",
      ms: 1_500,
      method: "editMessageReplyMarkup",
      count: 10,
    });
    const started = Date.now();
    expect(
      await postWebhook(t.system.apiUrl, SECRET, textUpdate(updateId++, person, "Иванова Анна Петровна")),
    ).toBe(200);
    // The delivery of the next question is in flight now.
    await waitUntil(
      async () =>
        (await t.database.db.outboxMessage.count({
          where: { chatId: String(user.id), leasedUntil: { not: null } },
        })) > 0,
      "the reply to be claimed",
    );
    const open = await t.database.db.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM pg_stat_activity
       WHERE datname = current_database() AND state LIKE 'idle in transaction%'`;
    expect(open[0]!.n).toBe(0);
    // The person answers again before the question even arrived: handled at once, not after 1.5 s.
    expect(
      await postWebhook(t.system.apiUrl, SECRET, textUpdate(updateId, person, "Открыто заявляет об отказе")),
    ).toBe(200);
    expect(Date.now() - started).toBeLessThan(1_000);
    const session = await t.database.db.dialogueSession.findFirstOrThrow({
      where: { chatId: String(user.id) },
    });
    expect((session.state as unknown as SessionState).at).toBe("location");

    // Both questions arrive, in order, once each.
    const chat = await waitText(user, "Где сейчас женщина", 15_000);
    await t.settled(user.id);
    const texts = botMessages(await user.chat()).map((m) => (m.text ?? "").split("\n")[0]);
    const category = texts.findIndex((x) => x!.includes("Категория сигнала"));
    const location = texts.findIndex((x) => x!.includes("Где сейчас женщина"));
    expect(category).toBeGreaterThan(0);
    expect(location).toBeGreaterThan(category);
    expect(texts.filter((x) => x!.includes("Категория сигнала"))).toHaveLength(1);
    expect(chat).toBeDefined();
    // The earlier questions' buttons were removed, even the one still in flight when answered.
    const withButtons = (await user.chat()).messages.filter(
      (m) => m.from === "bot" && (m.buttons ?? []).length > 0,
    );
    expect(withButtons.map((m) => (m.text ?? "").split("\n")[0])).toEqual([
      expect.stringContaining("Где сейчас женщина"),
    ]);
  });
});
