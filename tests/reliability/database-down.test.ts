/**
 * PostgreSQL becomes unreachable in the middle of a dialogue (a TCP proxy in front of it is cut):
 * an update that arrives meanwhile is not acknowledged — polling does not move past it, the
 * webhook answers 503 so Telegram delivers it again — and it is handled exactly once, at the
 * step it answered, when the database is back. Pressing "send" during an outage gives exactly
 * one signal. The job queue's errors during the outage are logged a few times, not per poll.
 * Every library and mode.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { SessionState } from "../../src/platform/flow/types.ts";
import { answer, choose, waitText } from "../helpers/chat.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/db.ts";
import { startDbProxy, type DbProxy } from "../helpers/db-proxy.ts";
import { countBotMessages, waitUntil } from "../helpers/reliability.ts";
import { startTestSystem, VARIANTS, type TestSystem } from "../helpers/system.ts";

describe.each(VARIANTS)("database down ($library, $mode)", (variant) => {
  let database: TestDatabase;
  let proxy: DbProxy;
  let t: TestSystem | undefined;

  afterEach(async () => {
    proxy?.up();
    await t?.stop();
    await proxy?.close();
    await database?.drop();
  });

  it("an answer sent during the outage is handled once, at its step, after recovery; so is 'send'", async () => {
    database = await createTestDatabase();
    proxy = await startDbProxy(database.url);
    const logs: string[] = [];
    t = await startTestSystem(variant, {
      // The system reaches the database only through the proxy; the test reads it directly.
      database: { ...database, url: proxy.url, drop: async () => {} },
      logSink: (line) => logs.push(line),
    });
    const db = database.db;
    const { user } = await t.person("reporter", "Смирнова Ольга Ивановна");
    await t.person("head", "Орлова Елена Николаевна");
    const session = async () =>
      (await db.dialogueSession.findFirstOrThrow({ where: { chatId: String(user.id) } }))
        .state as unknown as SessionState;
    const processed = () => db.processedUpdate.count({ where: { chatId: String(user.id) } });

    await user.sendText("/new");
    await answer(user, "Фамилия, имя и отчество", "Иванова Анна Петровна");
    await choose(user, "Категория сигнала", "Открыто заявляет об отказе");
    await choose(user, "Где сейчас женщина", "Вместе с ребёнком в палате");
    await choose(user, "Когда выявлен риск", "Только что");
    await waitText(user, "Дата рождения или возраст");
    await t.settled(user.id);
    expect(await processed()).toBe(5);

    proxy.down();
    const outageStart = logs.length;
    await user.sendText("12.03.1995");
    // Long enough for several polls of the job queue and retries of the update.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(await processed()).toBe(5);
    expect((await session()).at).toBe("birth");
    proxy.up();

    await waitText(user, "Адрес регистрации", 20_000);
    await answer(user, "Адрес регистрации", "г. Москва, ул. Ленина, 1");
    await waitText(user, "Фактический адрес");
    const state = await session();
    // The answer landed in its own field, and the next one in the next.
    expect(state.answers).toMatchObject({
      full_name: "Иванова Анна Петровна",
      birth: "1995-03-12",
      registered_address: "г. Москва, ул. Ленина, 1",
    });
    expect(await processed()).toBe(7);
    const chat = await user.chat();
    expect(countBotMessages(chat, "Дата рождения или возраст")).toBe(1);
    expect(countBotMessages(chat, "Адрес регистрации")).toBe(1);
    // The queue's failed polls (several a second) left a few lines, not one per poll.
    const queueErrors = logs.slice(outageStart).filter((l) => l.includes('"job queue error"'));
    expect(queueErrors.length).toBeLessThanOrEqual(4);

    await choose(user, "Фактический адрес", "Совпадает с регистрацией");
    await choose(user, "Адрес, откуда её привезла скорая", "Неизвестно");
    await choose(user, "Телефон женщины", "Неизвестно");
    await choose(user, "Комментарий", "Пропустить");
    await waitText(user, "Проверьте сигнал");
    await t.settled(user.id);

    proxy.down();
    const summary = (await user.chat()).messages.filter((m) => m.from === "bot").at(-1)!;
    await user.press("📤 Отправить в Службу", { messageId: summary.messageId });
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await db.signal.count()).toBe(0);
    proxy.up();
    await waitText(user, "Номер в журнале Службы", 20_000);
    await waitUntil(async () => (await db.signal.count()) === 1, "the signal");
    await t.settled(user.id);
    expect(await db.signal.count()).toBe(1);
    expect(countBotMessages(await user.chat(), "✅")).toBeLessThanOrEqual(1);
  });
});
