/**
 * The reliability suite on MAX: redelivered and simultaneous webhook deliveries, an update the core
 * could not take (not acknowledged, delivered again), 429/500 storms while delivering, and a
 * restart with messages arriving while the bot is down. The same guarantees as on Telegram
 * (tests/reliability/delivery.test.ts, restart.test.ts), through the MAX adapter.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pino } from "pino";
import {
  botIdOf,
  createLocalMaxApi,
  SimClient,
  type RunningLocalMaxApi,
  type SimChatView,
  type SimUser,
} from "@signal-desk/max-bot-api-sim";
import { startSystem } from "../../src/app/system.ts";
import { loadConfig } from "../../src/platform/config.ts";
import { MAX_SECRET_HEADER } from "../../bots/max/webhook.ts";
import { createTestDatabase } from "../helpers/db.ts";
import { freePort, startMaxTestSystem, type MaxTestSystem } from "../helpers/system.ts";
import { waitUntil } from "../helpers/reliability.ts";

const SECRET = "max-test-secret-0123456789";

const botTexts = (chat: SimChatView) =>
  chat.messages.filter((m) => m.from === "bot").map((m) => m.text ?? "");

async function outboxOf(t: MaxTestSystem, user: SimUser) {
  await t.settled(user.chatId);
  return t.database.db.outboxMessage.findMany({
    where: { messenger: "max", chatId: String(user.chatId) },
    orderBy: { id: "asc" },
  });
}

describe("MAX webhook: duplicates and an update the core could not take", () => {
  let t: MaxTestSystem;
  let refuse = 0;
  beforeAll(async () => {
    t = await startMaxTestSystem("webhook", {
      // Stands for the database being down: the handler rejects before the runtime runs.
      wrapHandler: (handler) => async (update) => {
        if (refuse > 0) {
          refuse--;
          throw new Error("database unavailable");
        }
        return handler(update);
      },
    });
  });
  afterAll(async () => t?.stop());

  it("the same update delivered twice at once, and again later, is handled once", async () => {
    const { user } = await t.person("curator", "Петрова Анна Сергеевна");
    const update = {
      update_type: "message_created",
      timestamp: Date.now(),
      message: {
        sender: { user_id: user.id, first_name: "Анна", name: "Анна", is_bot: false, last_activity_time: 0 },
        recipient: { chat_id: user.chatId, chat_type: "dialog", user_id: t.botId },
        timestamp: Date.now(),
        body: { mid: `mid.dup${Date.now()}`, seq: 1, text: "/help", attachments: [] },
      },
      user_locale: "ru",
    };
    const post = () =>
      fetch(`${t.system.apiUrl}/max/webhook`, {
        method: "POST",
        headers: { "content-type": "application/json", [MAX_SECRET_HEADER]: SECRET },
        body: JSON.stringify(update),
      }).then((r) => r.status);
    expect(await Promise.all([post(), post()])).toEqual([200, 200]);
    expect(await post()).toBe(200);
    await t.settled(user.chatId);
    const chat = await user.chat();
    expect(botTexts(chat).filter((text) => text.startsWith("Что я умею"))).toHaveLength(1);
    expect(
      await t.database.db.processedUpdate.count({ where: { messenger: "max", chatId: String(user.chatId) } }),
    ).toBe(1);
  });

  it("an update the core could not take gets 500; MAX delivers it again and it is handled once", async () => {
    const { user } = await t.person("curator", "Сидорова Мария Ивановна");
    refuse = 1;
    await user.sendText("/help");
    const chat = await user.waitFor(
      (c) => botTexts(c).some((text) => text.startsWith("Что я умею")),
      "the help after a redelivery",
      { timeoutMs: 10_000 },
    );
    expect(refuse).toBe(0);
    expect((await t.sim.bot(t.botId)).lastWebhookError).toBe("HTTP 500");
    await t.settled(user.chatId);
    expect(botTexts(await user.chat())).toHaveLength(botTexts(chat).length);
    expect(botTexts(chat).filter((text) => text.startsWith("Что я умею"))).toHaveLength(1);
  });
});

describe("MAX API failures while delivering (polling)", () => {
  let t: MaxTestSystem;
  beforeAll(async () => {
    t = await startMaxTestSystem("polling");
  });
  afterAll(async () => t?.stop());

  it("a 429 then a 500 on sendMessage while the person types ahead: every message once, in order", async () => {
    const { user } = await t.person("reporter", "Смирнова Ольга Ивановна");
    await user.sendText("/new");
    await user.waitFor(
      (c) => botTexts(c).some((x) => x.includes("Фамилия, имя и отчество")),
      "the first question",
    );
    await t.settled(user.chatId);
    // MAX sends no retry-after: the outbox backs off (1 s, then 2 s) and keeps the chat's order.
    await t.sim.addFault(t.botId, { kind: "rate_limit", method: "sendMessage" });
    await t.sim.addFault(t.botId, { kind: "server_error", method: "sendMessage" });
    await user.sendText("Иванова Анна Петровна");
    await user.sendText("Открыто заявляет об отказе");
    await user.sendText("Вместе с ребёнком в палате");
    const chat = await user.waitFor(
      (c) => botTexts(c).some((x) => x.startsWith("Когда выявлен риск")),
      "the fourth question",
      { timeoutMs: 30_000 },
    );
    // A typed choice is echoed as understood, then the next question follows.
    expect(botTexts(chat).map((x) => x.split("?")[0])).toEqual([
      "Новый сигнал. Фамилия, имя и отчество женщины",
      "Категория сигнала",
      "→ Открыто заявляет об отказе",
      "Где сейчас женщина и ребёнок",
      "→ Вместе с ребёнком в палате",
      "Когда выявлен риск отказа",
    ]);
    const rows = await outboxOf(t, user);
    const sends = rows.filter((r) => (r.payload as { method: string }).method === "sendMessage");
    expect(sends.map((r) => [r.status, r.attempts])).toEqual([
      ["sent", 1],
      ["sent", 3],
      ["sent", 1],
      ["sent", 1],
      ["sent", 1],
      ["sent", 1],
    ]);
    expect((await t.sim.bot(t.botId)).faults).toEqual([]);
  }, 45_000);
});

describe("restart with MAX", () => {
  let server: RunningLocalMaxApi;
  beforeAll(async () => {
    server = await createLocalMaxApi().listen(0);
  });
  afterAll(async () => server?.close());

  it("a message sent while the bot is down is handled once by the next start; nothing is handled twice", async () => {
    const database = await createTestDatabase();
    const token = "max-restart-test-token-0123456789";
    const sim = new SimClient(server.url);
    await sim.registerBot({ token, name: "Signal Desk", username: "signal_desk_restart_bot" });
    const botId = botIdOf(token);
    const start = async () =>
      startSystem({
        config: loadConfig({
          DATABASE_URL: database.url,
          PORT: String(await freePort()),
          MESSENGERS: "max",
          MAX_BOT_TOKEN: token,
          MAX_API_ROOT: server.url,
          LOG_LEVEL: "silent",
        }),
        logger: pino({ level: "silent" }),
        jobPollingSeconds: 0.5,
      });
    let system = await start();
    try {
      const service = await database.db.service.create({
        data: { name: "Служба", timeZone: "Europe/Moscow" },
      });
      const user = await sim.user(botId, { id: 9_100_001, firstName: "Анна", lastName: "Петрова" });
      await database.db.staff.create({
        data: {
          serviceId: service.id,
          role: "curator",
          fullName: "Петрова Анна",
          identities: {
            create: { messenger: "max", externalUserId: String(user.id), chatId: String(user.chatId) },
          },
        },
      });
      await user.sendText("/help");
      await user.waitFor((c) => botTexts(c).length === 1, "the first help");
      await system.stop();

      await user.sendText("/help"); // while nobody polls
      system = await start();
      const chat = await user.waitFor((c) => botTexts(c).length === 2, "the help after the restart", {
        timeoutMs: 10_000,
      });
      await waitUntil(
        async () =>
          (await database.db.outboxMessage.count({ where: { messenger: "max", status: "pending" } })) === 0,
        "the outbox to drain",
      );
      expect(botTexts(chat).every((x) => x.startsWith("Что я умею"))).toBe(true);
      expect(await database.db.processedUpdate.count({ where: { messenger: "max" } })).toBe(2);
      // The messages the bot sent keep their numbers across the restart (messenger_message_refs).
      const sent = (
        await database.db.outboxMessage.findMany({ where: { messenger: "max", status: "sent" } })
      ).filter((r) => (r.payload as { method: string }).method !== "setMyCommands");
      expect(new Set(sent.map((r) => r.resultMessageId)).size).toBe(2);
    } finally {
      await system.stop();
      await database.drop();
    }
  });
});
