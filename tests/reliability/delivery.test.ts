/**
 * Delivery guarantees of the chat runtime and the outbox: redelivered and concurrent updates,
 * a failing turn, and Bot API failures (429 with retry_after, 5xx, dropped connections).
 * Webhook mode where updates must arrive in parallel; grammY polling elsewhere (the adapter
 * does not matter there).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChatApp } from "../../src/platform/chat/app.ts";
import { createChatApp } from "../../src/app/areas.ts";
import type { SessionState } from "../../src/platform/flow/types.ts";
import type { SimUser } from "@signal-desk/telegram-bot-api-sim";
import { answer, choose, lastBotText, waitText } from "../helpers/chat.ts";
import { startTestSystem, type TestSystem } from "../helpers/system.ts";
import {
  botMessages,
  countBotMessages,
  holdChatLock,
  chatLockWaiters,
  postWebhook,
  sql,
  textUpdate,
  waitUntil,
  type TgPerson,
} from "../helpers/reliability.ts";

/** The secret tests/helpers/system.ts configures in webhook mode. */
const WEBHOOK_SECRET = "test-secret-0123456789";
const FAILED = "Что-то пошло не так. Ваши ответы сохранены";

async function sessionOf(t: TestSystem, chatId: number) {
  const row = await t.database.db.dialogueSession.findUniqueOrThrow({
    where: { messenger_chatId: { messenger: "telegram", chatId: String(chatId) } },
  });
  return { ...row, state: row.state as unknown as SessionState };
}

async function outboxOf(t: TestSystem, chatId: number) {
  const rows = await t.database.db.outboxMessage.findMany({
    where: { chatId: String(chatId) },
    orderBy: { id: "asc" },
  });
  // The chat's command menu (set with the first update) is not a message: not counted here.
  return rows
    .map((r) => ({ ...r, call: r.payload as { method: string; text?: string } }))
    .filter((r) => r.call.method !== "setMyCommands");
}

/** Every sendMessage row was sent, and the chat shows exactly those messages, in outbox order. */
async function expectChatMatchesOutbox(t: TestSystem, user: SimUser) {
  await t.settled(user.id);
  const rows = await outboxOf(t, user.id);
  expect(rows.filter((r) => r.status !== "sent").map((r) => [String(r.id), r.status, r.lastError])).toEqual(
    [],
  );
  const sends = rows.filter((r) => r.call.method === "sendMessage");
  const chat = await user.chat();
  expect(botMessages(chat).map((m) => m.messageId)).toEqual(sends.map((r) => r.resultMessageId));
  return { rows, chat };
}

describe("redelivered and simultaneous webhook updates (grammy/webhook)", () => {
  let t: TestSystem;
  let user: SimUser;
  let person: TgPerson;
  let nextUpdateId = 900_000_001;
  const post = (update: object) => postWebhook(t.system.apiUrl, WEBHOOK_SECRET, update);
  const processed = (updateId: number) =>
    t.database.db.processedUpdate.count({ where: { botId: String(t.botId), updateId: BigInt(updateId) } });

  beforeAll(async () => {
    t = await startTestSystem({ library: "grammy", mode: "webhook" });
    user = (await t.person("reporter", "Смирнова Ольга Ивановна")).user;
    person = { id: user.id, firstName: "Ольга" };
    expect(await post(textUpdate(nextUpdateId++, person, "/new"))).toBe(200);
    await waitText(user, "Фамилия, имя и отчество");
    await t.settled(user.id);
  });
  afterAll(async () => t?.stop());

  it("(a) the same update delivered twice at once, and again later, is handled once", async () => {
    // Without the secret nothing is read or handled.
    const forged = textUpdate(nextUpdateId++, person, "Подделка Анна Петровна");
    expect(await postWebhook(t.system.apiUrl, "wrong-secret-0123456789", forged)).toBe(401);
    expect(await processed(forged.update_id)).toBe(0);

    const before = await outboxOf(t, user.id);
    const updateId = nextUpdateId++;
    const update = textUpdate(updateId, person, "Иванова Анна Петровна");
    // The webhook answers only when the handler finished, so both are done when both answered.
    expect(await Promise.all([post(update), post(update)])).toEqual([200, 200]);
    await t.settled(user.id);
    const afterFirst = await outboxOf(t, user.id);
    // Telegram re-sends an update whose answer it did not get: same id, after it was handled.
    expect(await post(update)).toBe(200);
    await t.settled(user.id);

    expect(await processed(updateId)).toBe(1);
    const session = await sessionOf(t, user.id);
    expect(session.state.at).toBe("category");
    expect(session.state.answers).toEqual({ full_name: "Иванова Анна Петровна" });
    const after = await outboxOf(t, user.id);
    expect(after).toEqual(afterFirst);
    // One turn's worth: the next question, and the old question's buttons removed.
    expect(after.slice(before.length).map((r) => r.call.method)).toEqual([
      "sendMessage",
      "editMessageReplyMarkup",
    ]);
    const { chat } = await expectChatMatchesOutbox(t, user);
    expect(countBotMessages(chat, "Категория сигнала")).toBe(1);
  });

  it("(b) two answers of one chat arriving together are handled one after the other, none lost", async () => {
    // The urgent answers come first (buttons), then the typed details.
    await choose(user, "Категория сигнала", "Открыто заявляет об отказе");
    await choose(user, "Где сейчас женщина", "Вместе с ребёнком в палате");
    await choose(user, "Когда выявлен риск", "Только что");
    await waitText(user, "Дата рождения");
    await t.settled(user.id);
    expect(await post(textUpdate(nextUpdateId++, person, "12.03.1995"))).toBe(200);
    await waitText(user, "Адрес регистрации");
    await t.settled(user.id);
    const before = await outboxOf(t, user.id);

    const first = nextUpdateId++;
    const second = nextUpdateId++;
    const registered = "г. Москва, ул. Ленина, 1";
    const actual = "г. Москва, ул. Мира, 5";
    // Both requests are in flight before either may run: each turn waits for the chat's lock.
    const lock = await holdChatLock(t.database.url, `telegram:${user.id}`);
    let statuses: Promise<number[]>;
    try {
      statuses = Promise.all([
        post(textUpdate(first, person, registered)),
        post(textUpdate(second, person, actual)),
      ]);
      await waitUntil(
        async () => (await chatLockWaiters(t.database.url, `telegram:${user.id}`)) >= 2,
        "both turns to wait for the chat's lock",
      );
    } finally {
      await lock.release();
    }
    expect(await statuses).toEqual([200, 200]);
    await t.settled(user.id);

    expect(await processed(first)).toBe(1);
    expect(await processed(second)).toBe(1);
    const session = await sessionOf(t, user.id);
    // The second turn saw the first one's result: two steps further, both answers kept.
    expect(session.state.at).toBe("ambulance_from");
    const { registered_address, actual_address } = session.state.answers;
    expect([registered_address, actual_address].sort()).toEqual([registered, actual].sort());
    if (registered_address !== registered)
      console.warn("(b): the two updates were handled in the opposite order of their ids");

    const added = (await outboxOf(t, user.id)).slice(before.length);
    const { chat } = await expectChatMatchesOutbox(t, user);
    // The outbox keeps no text once sent: read the two new questions in the chat.
    const sentIds = added.filter((r) => r.call.method === "sendMessage").map((r) => r.resultMessageId);
    const texts = chat.messages
      .filter((m) => sentIds.includes(m.messageId))
      .map((m) => m.text?.split("?")[0]);
    expect(texts).toEqual(["Фактический адрес проживания", "Адрес, откуда её привезла скорая"]);
    expect(countBotMessages(chat, "Фактический адрес")).toBe(1);
    expect(countBotMessages(chat, "Адрес, откуда её привезла скорая")).toBe(1);
    expect(lastBotText(chat)).toContain("Адрес, откуда её привезла скорая");
  });

  it("(f) a retry that finds the chat busy with a turn is not dropped", async () => {
    const key = `telegram:${user.id}`;
    const jobsOfChat = () => t.system.jobs.boss.findJobs("outbox-deliver", { data: { chatKey: key } });
    const jobsBefore = new Set((await jobsOfChat()).map((j) => j.id));
    await t.sim.addFault(t.botId, { kind: "rate_limit", retryAfter: 1, method: "sendMessage" });
    const update = textUpdate(nextUpdateId++, person, "ГКБ №1");
    expect(await post(update)).toBe(200);
    await waitUntil(
      () =>
        t.database.db.outboxMessage.findFirst({
          where: { chatId: String(user.id), status: "pending", attempts: 1 },
        }),
      "the reply to be refused once (429, retry in 1 s)",
    );

    // Telegram re-sends that update just when the retry is due: its turn holds the chat while
    // the retry job runs (here the turn is kept waiting behind the test's lock meanwhile).
    const lock = await holdChatLock(t.database.url, key);
    let redelivered: Promise<number>;
    try {
      redelivered = post(update);
      await waitUntil(
        async () => (await chatLockWaiters(t.database.url, key)) >= 1,
        "the redelivered update to wait for the chat",
      );
      // The retry sends without the chat (no lock is taken around a messenger call); only
      // recording a question waits for the turn, so the job is running, or done, by now.
      await waitUntil(
        async () =>
          (await jobsOfChat()).some(
            (j) => !jobsBefore.has(j.id) && (j.state === "active" || j.state === "completed"),
          ),
        "the retry job to have started",
      );
    } finally {
      await lock.release();
    }
    expect(await redelivered).toBe(200);

    // The reply must not wait for the minutely outbox sweep (up to ~90 s).
    const chat = await waitText(user, "Телефон женщины", 5_000);
    expect(countBotMessages(chat, "Телефон женщины")).toBe(1);
    expect(await processed(update.update_id)).toBe(1);
    await expectChatMatchesOutbox(t, user);
  });
});

describe("a failing turn (grammy/polling)", () => {
  let t: TestSystem;
  let failSettingsOnce = false;
  const adapterCrashes = new Set<string>();

  beforeAll(async () => {
    const base = createChatApp();
    // A use case that throws inside the turn's transaction (what a bug or a lost database would do).
    const app: ChatApp = {
      ...base,
      flows: base.flows.map((feature) =>
        feature.flow.id !== "settings"
          ? feature
          : {
              ...feature,
              async onComplete(turn, answers, params) {
                if (failSettingsOnce) {
                  failSettingsOnce = false;
                  throw new Error("injected use-case failure");
                }
                await feature.onComplete!(turn, answers, params);
              },
            },
      ),
    };
    t = await startTestSystem(
      { library: "grammy", mode: "polling" },
      {
        app,
        // A fault outside the runtime (in the adapter's handler call) for chosen texts.
        wrapHandler: (handler) => async (update) => {
          if (update.input.kind === "text" && adapterCrashes.has(update.input.text))
            throw new Error("injected adapter failure");
          await handler(update);
        },
      },
    );
  });
  afterAll(async () => t?.stop());

  it("(c) a use case throws: the turn rolls back, the user is told, the next message works", async () => {
    const { staffId, user } = await t.person("curator", "Петрова Анна Сергеевна");
    await user.sendText("/settings");
    await choose(user, "На каком языке вам удобнее?", "Русский");
    await waitText(user, "Ваш рабочий телефон");
    await t.settled(user.id);
    const before = await sessionOf(t, user.id);
    expect(before.state).toMatchObject({ at: "phone", answers: { language: "ru" } });
    const processedBefore = await t.database.db.processedUpdate.count({ where: { chatId: String(user.id) } });

    failSettingsOnce = true;
    await user.sendText("+7 900 111-22-33");
    const failed = await waitText(user, FAILED);
    expect(lastBotText(failed)).toBe(
      "Что-то пошло не так. Ваши ответы сохранены — попробуйте ещё раз через минуту.",
    );
    expect(failSettingsOnce).toBe(false);
    await t.settled(user.id);

    // Nothing of the turn stayed: the dialogue is where it was, the staff row untouched.
    const after = await sessionOf(t, user.id);
    expect(after.state).toEqual(before.state);
    expect(after.status).toBe("waiting");
    expect(after.updatedAt).toEqual(before.updatedAt);
    const staff = await t.database.db.staff.findUniqueOrThrow({ where: { id: staffId } });
    expect(staff.phone).toBeNull();
    expect(await t.database.db.auditEvent.count({ where: { action: "staff.settings_changed" } })).toBe(0);
    // The failed update is marked processed (a redelivery must not fail again), with one message.
    expect(await t.database.db.processedUpdate.count({ where: { chatId: String(user.id) } })).toBe(
      processedBefore + 1,
    );
    const { chat } = await expectChatMatchesOutbox(t, user);
    expect(botMessages(chat).filter((m) => (m.text ?? "").startsWith(FAILED))).toHaveLength(1);

    // Same process, next message: the same answer now completes the dialogue.
    await user.sendText("+7 900 111-22-33");
    await waitText(user, "Настройки сохранены.");
    const saved = await t.database.db.staff.findUniqueOrThrow({ where: { id: staffId } });
    expect(saved.phone).not.toBeNull();
    expect((await sessionOf(t, user.id)).status).toBe("completed");
    await expectChatMatchesOutbox(t, user);
  });

  it("(c) the database refuses a turn's write mid-dialogue: the answers before it are kept", async () => {
    const { user } = await t.person("reporter", "Кузнецова Мария Петровна");
    // A fault inside PostgreSQL for one answer: the session update of that turn fails.
    await sql(
      t.database.url,
      `CREATE FUNCTION reliability_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF NEW.state::text LIKE '%ОТКАЗ-БД%' THEN RAISE EXCEPTION 'injected database failure'; END IF;
         RETURN NEW;
       END $$;
       CREATE TRIGGER reliability_refuse BEFORE INSERT OR UPDATE ON dialogue_sessions
         FOR EACH ROW EXECUTE FUNCTION reliability_refuse();`,
    );
    try {
      await user.sendText("/new");
      await answer(user, "Фамилия, имя и отчество", "Иванова Анна Петровна");
      await choose(user, "Категория сигнала", "Открыто заявляет об отказе");
      await choose(user, "Где сейчас женщина", "Вместе с ребёнком в палате");
      await choose(user, "Когда выявлен риск", "Только что");
      await answer(user, "Дата рождения или возраст", "12.03.1995");
      await waitText(user, "Адрес регистрации");
      await t.settled(user.id);
      const before = await sessionOf(t, user.id);

      await user.sendText("ул. ОТКАЗ-БД, 13");
      await waitText(user, FAILED);
      await t.settled(user.id);
      const after = await sessionOf(t, user.id);
      expect(after.state).toEqual(before.state);
      expect(after.state.answers).toMatchObject({ full_name: "Иванова Анна Петровна", birth: "1995-03-12" });
      expect(after.state.answers).not.toHaveProperty("registered_address");

      await user.sendText("г. Москва, ул. Ленина, 1");
      await waitText(user, "Фактический адрес");
      const next = await sessionOf(t, user.id);
      expect(next.state.at).toBe("actual_address");
      expect(next.state.answers).toEqual({
        ...before.state.answers,
        registered_address: "г. Москва, ул. Ленина, 1",
      });
      const { chat } = await expectChatMatchesOutbox(t, user);
      expect(countBotMessages(chat, "Адрес регистрации")).toBe(1);
    } finally {
      await sql(
        t.database.url,
        "DROP TRIGGER reliability_refuse ON dialogue_sessions; DROP FUNCTION reliability_refuse();",
      );
    }
  });

  it("(c) the handler throws outside the runtime: polling goes on and the next message works", async () => {
    const { user } = await t.person("reporter", "Орлова Нина Викторовна");
    adapterCrashes.add("сбой адаптера");
    await user.sendText("сбой адаптера");
    await user.sendText("/help");
    const chat = await waitText(user, "Что я умею");
    // The runtime never saw the first update (nothing to report, nothing stored); the second was answered.
    expect(botMessages(chat)).toHaveLength(1);
    expect(await t.database.db.processedUpdate.count({ where: { chatId: String(user.id) } })).toBe(1);
    await expectChatMatchesOutbox(t, user);
  });
});

describe.concurrent("Bot API failures while delivering (grammy/polling)", () => {
  // One system per test: faults are planned per bot, and these tests run at the same time.
  let t429: TestSystem;
  let tNetwork: TestSystem;
  let t500: TestSystem;
  beforeAll(async () => {
    const variant = { library: "grammy", mode: "polling" } as const;
    [t429, tNetwork, t500] = await Promise.all([
      startTestSystem(variant),
      startTestSystem(variant),
      startTestSystem(variant),
    ]);
  });
  afterAll(async () => {
    await Promise.all([t429?.stop(), tNetwork?.stop(), t500?.stop()]);
  });

  it("(d) five 429s in a row: every message arrives once, in order, after waiting retry_after each time", async ({
    expect,
  }) => {
    const t = t429;
    const { user } = await t.person("reporter", "Смирнова Ольга Ивановна");
    await user.sendText("/new");
    await waitText(user, "Фамилия, имя и отчество");
    await t.settled(user.id);

    await t.sim.addFault(t.botId, { kind: "rate_limit", retryAfter: 1, method: "sendMessage", count: 5 });
    const started = Date.now();
    // The person types ahead: three answers, each queueing the next question behind the refused one.
    await user.sendText("Иванова Анна Петровна");
    await user.sendText("Открыто заявляет об отказе");
    await user.sendText("Вместе с ребёнком в палате");
    await waitText(user, "Когда выявлен риск", 20_000);
    const { rows, chat } = await expectChatMatchesOutbox(t, user);

    // A typed choice is echoed as understood, then the next question follows.
    expect(botMessages(chat).map((m) => (m.text ?? "").split("?")[0])).toEqual([
      "Новый сигнал. Фамилия, имя и отчество женщины",
      "Категория сигнала",
      "→ Открыто заявляет об отказе",
      "Где сейчас женщина и ребёнок",
      "→ Вместе с ребёнком в палате",
      "Когда выявлен риск отказа",
    ]);
    const sends = rows.filter((r) => r.call.method === "sendMessage");
    expect(sends.map((r) => r.attempts)).toEqual([1, 6, 1, 1, 1, 1]);
    // Five refusals, each honoured for retry_after = 1 s before the next try.
    expect(sends[1]!.sentAt!.getTime() - started).toBeGreaterThanOrEqual(5_000);
    expect((await t.sim.bot(t.botId)).faults).toEqual([]);
    expect((await sessionOf(t, user.id)).state.answers).toEqual({
      full_name: "Иванова Анна Петровна",
      category: "intends_to_abandon",
      location: "together_in_ward",
    });
  });

  it("(d) a dropped connection is retried after a back-off and delivered once", async ({ expect }) => {
    const t = tNetwork;
    const { user } = await t.person("curator", "Петрова Анна Сергеевна");
    await t.sim.addFault(t.botId, { kind: "network", method: "sendMessage" });
    const started = Date.now();
    await user.sendText("/help");
    await waitText(user, "Что я умею");
    const { rows, chat } = await expectChatMatchesOutbox(t, user);
    expect(botMessages(chat)).toHaveLength(1);
    expect(rows.map((r) => [r.status, r.attempts])).toEqual([["sent", 2]]);
    expect(rows[0]!.sentAt!.getTime() - started).toBeGreaterThanOrEqual(1_000);
  });

  it("(e) three 500s then success: delivered once, every attempt counted, backing off 1 s, 2 s, 4 s", async ({
    expect,
  }) => {
    const t = t500;
    const { user } = await t.person("curator", "Петрова Анна Сергеевна");
    await t.sim.addFault(t.botId, { kind: "server_error", method: "sendMessage", count: 3 });
    const started = Date.now();
    await user.sendText("/help");
    await waitText(user, "Что я умею", 20_000);
    const { rows, chat } = await expectChatMatchesOutbox(t, user);
    expect(botMessages(chat)).toHaveLength(1);
    expect(rows.map((r) => [r.status, r.attempts, r.call.method])).toEqual([["sent", 4, "sendMessage"]]);
    expect(rows[0]!.sentAt!.getTime() - started).toBeGreaterThanOrEqual(7_000);
    expect((await t.sim.bot(t.botId)).faults).toEqual([]);
  });
});
