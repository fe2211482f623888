/**
 * A real bot process (`node --import tsx src/app/main.ts`, what `npm start` runs) killed with SIGKILL
 * in the middle of a dialogue, then started again. The simulated Bot API runs in the test
 * process, so it outlives the bot; the bot reaches it through BOT_TOKEN + TELEGRAM_API_ROOT.
 * DATABASE_URL is set, so no embedded PostgreSQL is involved.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLocalBotApi, type RunningLocalBotApi } from "@signal-desk/telegram-bot-api-sim";
import { SimClient, type SimUser } from "@signal-desk/telegram-bot-api-sim";
import type { SessionState } from "../../src/platform/flow/types.ts";
import { answer, choose, lastBotText, waitText } from "../helpers/chat.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/db.ts";
import { freePort } from "../helpers/system.ts";
import {
  botMessages,
  countBotMessages,
  holdChatLock,
  chatLockWaiters,
  spawnBot,
  waitUntil,
  type BotProcess,
} from "../helpers/reliability.ts";

const BOT_ID = 5_550_001;
const BOT_TOKEN = `${BOT_ID}:reliability-restart-secret`;

describe("restart of a real bot process", () => {
  let database: TestDatabase;
  let api: RunningLocalBotApi;
  let sim: SimClient;
  let dataDir: string;
  let env: Record<string, string>;
  const processes: BotProcess[] = [];
  let serviceId: string;
  let hospitalId: string;

  async function start(): Promise<BotProcess> {
    const bot = await spawnBot(env);
    processes.push(bot);
    return bot;
  }

  async function reporter(userId: number, fullName: string, hospital = hospitalId): Promise<SimUser> {
    await database.db.staff.create({
      data: {
        serviceId,
        role: "reporter",
        hospitalId: hospital,
        fullName,
        identities: {
          create: { messenger: "telegram", externalUserId: String(userId), chatId: String(userId) },
        },
      },
    });
    const [lastName, firstName] = fullName.split(" ");
    return sim.user(BOT_ID, { id: userId, firstName: firstName!, lastName: lastName!, languageCode: "ru" });
  }

  async function session(chatId: number) {
    const row = await database.db.dialogueSession.findUniqueOrThrow({
      where: { messenger_chatId: { messenger: "telegram", chatId: String(chatId) } },
    });
    return { ...row, state: row.state as unknown as SessionState };
  }

  const processedCount = (chatId: number) =>
    database.db.processedUpdate.count({ where: { chatId: String(chatId) } });

  /** Waits until nothing is pending for the chat (the outbox rows of every turn were delivered). */
  const delivered = (chatId: number) =>
    waitUntil(
      async () =>
        (await database.db.outboxMessage.count({ where: { chatId: String(chatId), status: "pending" } })) ===
        0,
      `every message to ${chatId} delivered`,
    );

  /** Everything the chat shows matches the outbox one to one, and every user action was handled once. */
  async function expectConsistent(user: SimUser) {
    const chat = await user.chat();
    const rows = await database.db.outboxMessage.findMany({
      where: { chatId: String(user.id) },
      orderBy: { id: "asc" },
    });
    expect(rows.filter((r) => r.status !== "sent").map((r) => [String(r.id), r.status, r.lastError])).toEqual(
      [],
    );
    const sends = rows.filter((r) => (r.payload as { method: string }).method === "sendMessage");
    // One chat message per sendMessage row, in the same order: nothing lost, nothing sent twice.
    expect(botMessages(chat).map((m) => m.messageId)).toEqual(sends.map((r) => r.resultMessageId));
    const userActions = chat.messages.filter((m) => m.from === "user").length + chat.callbackAnswers.length;
    expect(await processedCount(user.id)).toBe(userActions);
    expect(chat.callbackAnswers.every((a) => a.answered)).toBe(true);
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    api = await createLocalBotApi().listen(0, "127.0.0.1");
    sim = new SimClient(api.url);
    dataDir = await mkdtemp(path.join(tmpdir(), "signal-desk-restart-"));
    env = {
      DATABASE_URL: database.url,
      PORT: "0",
      LOCAL_BOT_API_PORT: String(await freePort()),
      LOG_LEVEL: "warn",
      DEMO_SEED: "false",
      DATA_DIR: dataDir,
      BOT_TOKEN,
      TELEGRAM_API_ROOT: api.url,
      // A killed process's claims on its chats' messages expire after this.
      OUTBOX_LEASE_SECONDS: "3",
    };
    const service = await database.db.service.create({
      data: { name: "Служба (перезапуск)", timeZone: "Europe/Moscow" },
    });
    serviceId = service.id;
    const hospital = await database.db.hospital.create({
      data: { serviceId, name: "Роддом №1 (перезапуск)", shortName: "РД1" },
    });
    hospitalId = hospital.id;
  });

  afterAll(async () => {
    for (const bot of processes) await bot.stop("SIGKILL").catch(() => undefined);
    await api?.close();
    await database?.drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it("SIGKILL after the user's answer was sent but before it was handled: the answer is handled once by the next process", async () => {
    const user = await reporter(8_100_001, "Смирнова Ольга Ивановна");
    const first = await start();
    // The bot reaches the simulator through TELEGRAM_API_ROOT with its own token (not the local one).
    expect((await sim.bot(BOT_ID)).tokenBound).toBe(true);
    expect(first.output()).toContain("external (DATABASE_URL)");
    expect(first.output()).not.toContain("local Bot API server");

    await user.sendText("/new");
    await answer(user, "Фамилия, имя и отчество", "Иванова Анна Петровна");
    await choose(user, "Категория сигнала", "Открыто заявляет об отказе");
    await choose(user, "Где сейчас женщина", "Вместе с ребёнком в палате");
    await choose(user, "Когда выявлен риск", "30 мин назад");
    await answer(user, "Дата рождения или возраст", "12.03.1995");
    await answer(user, "Адрес регистрации", "г. Москва, ул. Ленина, 1");
    await waitText(user, "Фактический адрес");
    await delivered(user.id);
    const before = await session(user.id);
    expect(before.state.at).toBe("actual_address");
    expect(await processedCount(user.id)).toBe(7);

    // The bot fetches the next update but its turn cannot take the chat's lock: it is killed
    // after the user's message reached Telegram and before any reply exists.
    const lock = await holdChatLock(database.url, `telegram:${user.id}`);
    try {
      await user.sendText("г. Москва, ул. Мира, 5");
      await waitUntil(
        async () => (await chatLockWaiters(database.url, `telegram:${user.id}`)) >= 1,
        "the turn to wait for the chat's lock",
      );
      const killed = await first.stop("SIGKILL");
      expect(killed.signal).toBe("SIGKILL");
    } finally {
      await lock.release();
    }

    // Nothing of that turn was committed, and Telegram still holds the update (never confirmed).
    expect(await processedCount(user.id)).toBe(7);
    const afterKill = await session(user.id);
    expect(afterKill.state).toEqual(before.state);
    expect(afterKill.updatedAt).toEqual(before.updatedAt);
    expect((await sim.bot(BOT_ID)).pendingUpdateCount).toBe(1);
    expect(countBotMessages(await user.chat(), "Адрес, откуда её привезла скорая")).toBe(0);

    await start();
    // The redelivered answer is taken at the step it answered.
    await waitText(user, "Адрес, откуда её привезла скорая");
    const resumed = await session(user.id);
    expect(resumed.state.at).toBe("ambulance_from");
    expect(resumed.state.answers).toMatchObject({
      full_name: "Иванова Анна Петровна",
      birth: "1995-03-12",
      registered_address: "г. Москва, ул. Ленина, 1",
      actual_address: "г. Москва, ул. Мира, 5",
    });
    expect(resumed.state.nonce).toBe(before.state.nonce);
    expect(await processedCount(user.id)).toBe(8);

    await choose(user, "Адрес, откуда её привезла скорая", "Неизвестно");
    await answer(user, "Телефон женщины", "+7 900 000-00-01");
    await choose(user, "Комментарий", "Пропустить");
    await choose(user, "Проверьте сигнал", "📤 Отправить в Службу");
    const chat = await waitText(user, "Номер в журнале Службы");
    expect(lastBotText(chat)).toMatch(/Номер в журнале роддома: 1\/\d{4}\nНомер в журнале Службы: 1\/\d{4}/);

    const signals = await database.db.signal.findMany({ where: { hospitalId } });
    expect(signals).toHaveLength(1);
    expect(signals[0]).toMatchObject({
      hospitalNumber: 1,
      serviceNumber: 1,
      womanFullName: "Иванова Анна Петровна",
      registeredAddress: "г. Москва, ул. Ленина, 1",
      actualAddress: "г. Москва, ул. Мира, 5",
      category: "intends_to_abandon",
      location: "together_in_ward",
    });
    // Every question was shown once; the answer sent before the crash exists once.
    for (const question of [
      "Новый сигнал",
      "Дата рождения",
      "Адрес регистрации",
      "Фактический адрес",
      "Адрес, откуда её привезла скорая",
    ]) {
      expect(countBotMessages(chat, question), question).toBe(1);
    }
    expect(
      chat.messages.filter((m) => m.from === "user" && m.text === "г. Москва, ул. Мира, 5"),
    ).toHaveLength(1);
    await delivered(user.id);
    expect((await session(user.id)).status).toBe("completed");
    await expectConsistent(user);
    // DEMO_SEED=false: nothing but what this test created.
    expect(await database.db.staff.count({ where: { isDemo: true } })).toBe(0);
    expect(await database.db.hospital.count({ where: { isDemo: true } })).toBe(0);
  });

  it("SIGKILL during a 20-message delivery: each message is recorded once sent, so at most the one in flight is sent again", async () => {
    for (const running of processes) await running.stop("SIGKILL").catch(() => undefined);
    const chatId = 8_100_003;
    const user = await sim.user(BOT_ID, { id: chatId, firstName: "Пакет" });
    // Twenty messages committed for one chat (as a burst of notices would leave them), each
    // answered by the Bot API only after 150 ms.
    await database.db.outboxMessage.createMany({
      data: Array.from({ length: 20 }, (_, i) => ({
        messenger: "telegram",
        chatId: String(chatId),
        payload: { method: "sendMessage", chatId: String(chatId), text: `Пакет ${i + 1}.` },
      })),
    });
    await sim.addFault(BOT_ID, { kind: "latency", ms: 150, method: "sendMessage", count: 1000 });
    const bot = await start();
    await user.waitFor((chat) => botMessages(chat).length >= 5, "five messages delivered", {
      timeoutMs: 15_000,
    });
    await bot.stop("SIGKILL");
    await sim.clearFaults(BOT_ID);
    const shownBeforeKill = botMessages(await user.chat()).length;
    const recorded = await database.db.outboxMessage.count({
      where: { chatId: String(chatId), status: "sent" },
    });
    // Every message the chat shows was recorded, except the one whose answer the kill cut off.
    expect(shownBeforeKill - recorded).toBeLessThanOrEqual(1);
    expect(shownBeforeKill).toBeLessThan(20);

    await start();
    await delivered(chatId);
    const counts = new Map<string, number>();
    for (const m of botMessages(await user.chat()))
      counts.set(m.text ?? "", (counts.get(m.text ?? "") ?? 0) + 1);
    expect([...counts.keys()].sort()).toEqual(Array.from({ length: 20 }, (_, i) => `Пакет ${i + 1}.`).sort());
    const twice = [...counts.values()].filter((n) => n > 1);
    expect(twice.length).toBeLessThanOrEqual(1);
    expect(twice.every((n) => n === 2)).toBe(true);
    // In order: the first delivery of each message follows the previous one's.
    const order = botMessages(await user.chat()).map((m) => Number(/\d+/.exec(m.text ?? "")![0]));
    const firsts = [...new Set(order)];
    expect(firsts).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it("SIGKILL while the reply waits for a retry: the retry job survives and the next process delivers it once", async () => {
    const running = processes.at(-1);
    const bot =
      running && running.child.exitCode === null && running.child.signalCode === null
        ? running
        : await start();
    const otherHospital = await database.db.hospital.create({
      data: { serviceId, name: "Роддом №2 (перезапуск)", shortName: "РД2" },
    });
    const user = await reporter(8_100_002, "Кузнецова Мария Петровна", otherHospital.id);

    await user.sendText("/new");
    await answer(user, "Фамилия, имя и отчество", "Петрова Вера Николаевна");
    await choose(user, "Категория сигнала", "Не приняла решения");
    await choose(user, "Где сейчас женщина", "Ребёнок в реанимации");
    await choose(user, "Когда выявлен риск", "Только что");
    await answer(user, "Дата рождения или возраст", "29");
    await answer(user, "Адрес регистрации", "г. Тверь, ул. Советская, 3");
    await waitText(user, "Фактический адрес");
    await delivered(user.id);

    // The reply to the next answer is committed, but Telegram refuses it (429, retry in 3 s):
    // the retry is a pg-boss job in the database, and the process dies before it is due.
    await sim.addFault(BOT_ID, { kind: "rate_limit", retryAfter: 3, method: "sendMessage" });
    await user.sendText("г. Тверь, ул. Мира, 7");
    const refused = await waitUntil(
      () =>
        database.db.outboxMessage.findFirst({
          where: { chatId: String(user.id), status: "pending", attempts: 1 },
        }),
      "the reply to be refused once",
    );
    expect((refused.payload as { text: string }).text).toContain("Адрес, откуда её привезла скорая");
    await bot.stop("SIGKILL");
    expect((await sim.bot(BOT_ID)).faults).toEqual([]);
    expect(await processedCount(user.id)).toBe(8);
    expect((await session(user.id)).state.answers).toMatchObject({ actual_address: "г. Тверь, ул. Мира, 7" });

    const last = await start();
    // No user action needed: the new process runs the retry job once it is due.
    const shown = await waitText(user, "Адрес, откуда её привезла скорая", 15_000);
    expect(countBotMessages(shown, "Адрес, откуда её привезла скорая")).toBe(1);
    const retried = await waitUntil(
      () => database.db.outboxMessage.findFirst({ where: { id: refused.id, status: { not: "pending" } } }),
      "the retried reply to be recorded",
    );
    expect(retried).toMatchObject({ status: "sent", attempts: 2 });
    expect(retried.sentAt!.getTime() - refused.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(0);

    await choose(user, "Адрес, откуда её привезла скорая", "Неизвестно");
    await choose(user, "Телефон женщины", "Неизвестно");
    await choose(user, "Комментарий", "Пропустить");
    await choose(user, "Проверьте сигнал", "📤 Отправить в Службу");
    const chat = await waitText(user, "Номер в журнале Службы");
    // Its hospital's journal starts at 1; the service journal continues after the first test's signal.
    expect(lastBotText(chat)).toMatch(/Номер в журнале роддома: 1\/\d{4}\nНомер в журнале Службы: 2\/\d{4}/);
    await delivered(user.id);
    await expectConsistent(user);

    // A graceful stop still works after all this.
    const stopped = await last.stop("SIGTERM");
    expect(stopped.code, last.output()).toBe(0);
  });
});
