/**
 * Telegram and MAX at once, offline (each on its local server): a person invited in Telegram binds
 * MAX to themselves with /link and gets notifications in both; a reporter works entirely in MAX;
 * the admin's invitation names a link per messenger.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pino } from "pino";
import { SimClient as TgSim } from "@signal-desk/telegram-bot-api-sim";
import { SimClient as MaxSim, type SimChatView } from "@signal-desk/max-bot-api-sim";
import { startSystem, type System } from "../../src/app/system.ts";
import { runAdmin } from "../../src/cli/admin.ts";
import { loadConfig } from "../../src/platform/config.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/db.ts";
import { freePort } from "../helpers/system.ts";

const texts = (chat: { messages: { from: string; text?: string }[] }) =>
  chat.messages.filter((m) => m.from === "bot").map((m) => m.text ?? "");

describe("Telegram and MAX at once", () => {
  let database: TestDatabase;
  let system: System;
  let tg: TgSim;
  let max: MaxSim;
  let tgBot: number;
  let maxBot: number;
  let serviceId: string;
  let hospitalId: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    system = await startSystem({
      config: loadConfig({
        DATABASE_URL: database.url,
        PORT: String(await freePort()),
        LOCAL_BOT_API_PORT: "0",
        LOCAL_MAX_API_PORT: "0",
        LOG_LEVEL: "silent",
      }),
      logger: pino({ level: "silent" }),
      jobPollingSeconds: 0.5,
    });
    tg = new TgSim(system.localBotApiUrl!);
    max = new MaxSim(system.localMaxApiUrl!);
    tgBot = (await tg.bots())[0]!.id;
    maxBot = (await max.bots())[0]!.id;
    const service = await database.db.service.create({ data: { name: "Служба", timeZone: "Europe/Moscow" } });
    serviceId = service.id;
    hospitalId = (
      await database.db.hospital.create({ data: { serviceId, name: "Роддом №1", shortName: "РД1" } })
    ).id;
  });
  afterAll(async () => {
    await system?.stop();
    await database?.drop();
  });

  it("runs both bots, and the admin's invitation gives a link for each", async () => {
    expect([...system.adapters.keys()]).toEqual(["telegram", "max"]);
    expect(system.botUsernames).toEqual({ telegram: "signal_desk_local_bot", max: "signal_desk_local_bot" });
    const printed = await runAdmin(database.db, [
      "invite",
      "--role",
      "head",
      "--name",
      "Кузнецова Мария Петровна",
    ]);
    const code = /\/start ([A-Za-z0-9_-]+)\)/.exec(printed)![1]!;
    expect(printed).toContain(`https://t.me/signal_desk_local_bot?start=${code}`);
    expect(printed).toContain(`https://max.ru/signal_desk_local_bot?start=${code}`);

    // A link invitation for someone who already has a messenger: same person, one more account.
    const person = await database.db.staff.create({
      data: { serviceId, role: "curator", fullName: "Петрова Анна Сергеевна" },
    });
    const linkPrinted = await runAdmin(database.db, ["invite", "--staff", person.id, "--days", "2"]);
    expect(linkPrinted).toContain("to bind one more messenger, valid 2 days");
    const linkCode = /\/start ([A-Za-z0-9_-]+)\)/.exec(linkPrinted)![1]!;
    const maxUser = await max.user(maxBot, { id: 8_200_010, firstName: "Анна", languageCode: "ru" });
    await maxUser.start(linkCode);
    await maxUser.waitFor(
      (c) => texts(c).some((t) => t.includes("Готово, Петрова Анна Сергеевна")),
      "linked",
    );
    expect(await database.db.staff.count({ where: { fullName: "Петрова Анна Сергеевна" } })).toBe(1);
    expect(await database.db.messengerIdentity.findMany({ where: { staffId: person.id } })).toMatchObject([
      { messenger: "max", externalUserId: "8200010", chatId: String(maxUser.chatId) },
    ]);
  });

  it("a head invited in Telegram links MAX with /link; a reporter in MAX sends a signal; the head gets it in both and acts in MAX", async () => {
    // The head redeems an invitation in Telegram.
    const printed = await runAdmin(database.db, [
      "invite",
      "--role",
      "head",
      "--name",
      "Кузнецова Мария Петровна",
    ]);
    const code = /\/start ([A-Za-z0-9_-]+)\)/.exec(printed)![1]!;
    const headTg = await tg.user(tgBot, { id: 8_200_001, firstName: "Мария", languageCode: "ru" });
    await headTg.sendText(`/start ${code}`);
    await headTg.waitFor(
      (c) => texts(c).some((t) => t.includes("Вы подключены как руководитель службы")),
      "welcome",
    );

    // /link gives a one-time MAX link; opening it in MAX binds MAX to the same person.
    await headTg.sendText("/link");
    const offer = await headTg.waitFor((c) => texts(c).some((t) => t.includes("max.ru/")), "the MAX link");
    const linkCode = /https:\/\/max\.ru\/signal_desk_local_bot\?start=([A-Za-z0-9_-]+)/.exec(
      texts(offer).at(-1)!,
    )![1]!;
    expect(texts(offer).at(-1)).not.toContain("t.me/"); // already bound there
    const headMax = await max.user(maxBot, { id: 8_200_001, firstName: "Мария", languageCode: "ru" });
    await headMax.start(linkCode);
    await headMax.waitFor((c) => texts(c).some((t) => t.includes("этот мессенджер привязан")), "linked");
    const staff = await database.db.staff.findMany({
      where: { fullName: "Кузнецова Мария Петровна" },
      include: { identities: true },
    });
    expect(staff).toHaveLength(1);
    expect(staff[0]!.identities.map((i) => i.messenger).sort()).toEqual(["max", "telegram"]);

    // The same link a second time, and /link once both are bound.
    const other = await max.user(maxBot, { id: 8_200_002, firstName: "Чужой", languageCode: "ru" });
    await other.start(linkCode);
    await other.waitFor((c) => texts(c).some((t) => t.includes("уже использовано")), "used link refused");
    await headMax.sendText("/link");
    await headMax.waitFor((c) => texts(c).some((t) => t.includes("уже привязаны")), "all bound");

    // A reporter working in MAX only.
    const reporterMax = await max.user(maxBot, { id: 8_200_003, firstName: "Ольга", languageCode: "ru" });
    await database.db.staff.create({
      data: {
        serviceId,
        role: "reporter",
        hospitalId,
        fullName: "Смирнова Ольга Ивановна",
        identities: {
          create: {
            messenger: "max",
            externalUserId: String(reporterMax.id),
            chatId: String(reporterMax.chatId),
          },
        },
      },
    });
    const step = async (act: () => Promise<unknown>, seen: number) => {
      await act();
      await reporterMax.waitFor((c) => texts(c).length > seen, `reply ${seen + 1}`, { timeoutMs: 10_000 });
      return texts(await reporterMax.chat()).length;
    };
    let n = 0;
    n = await step(() => reporterMax.sendText("/new"), n);
    n = await step(() => reporterMax.sendText("Иванова Анна Петровна"), n);
    n = await step(() => reporterMax.press("Открыто заявляет об отказе"), n);
    n = await step(() => reporterMax.press("Вместе с ребёнком в палате"), n);
    n = await step(() => reporterMax.press("30 мин назад"), n);
    // A typed date or phone is echoed as understood, then the next question: two new messages.
    n = await step(() => reporterMax.sendText("12.03.1995"), n + 1);
    n = await step(() => reporterMax.sendText("г. Москва, ул. Ленина, 1"), n);
    n = await step(() => reporterMax.press("Совпадает с регистрацией"), n);
    n = await step(() => reporterMax.press("Неизвестно"), n);
    n = await step(() => reporterMax.sendText("+7 900 000-00-01"), n + 1);
    await step(() => reporterMax.press("Пропустить"), n);
    await reporterMax.press("📤 Отправить в Службу");
    const done = await reporterMax.waitFor(
      (c) => texts(c).some((t) => t.startsWith("✅ Сигнал передан")),
      "sent",
    );
    const number = /Номер в журнале Службы: (\d+\/\d+)/.exec(texts(done).at(-1)!)![1]!;

    // The head's card (the number, no name: the least personal data in chats) arrives in both.
    const hasCard = (c: { messages: { from: string; text?: string }[] }) =>
      texts(c).some((t) => t.startsWith(`🆕 Новый сигнал ${number}`));
    await headTg.waitFor(hasCard, "the card in Telegram", { timeoutMs: 10_000 });
    const cardMax: SimChatView = await headMax.waitFor(hasCard, "the card in MAX", { timeoutMs: 10_000 });
    const card = cardMax.messages.findLast((m) => m.text?.startsWith(`🆕 Новый сигнал ${number}`))!;
    expect(card.buttons?.flat().map((b) => b.text)).toContain("🔴 Срочно (до 3 часов)");

    // The head acts in MAX: the press is answered and the card shows the urgency.
    const press = await headMax.press("🔴 Срочно (до 3 часов)", { messageId: card.messageId });
    if (press.kind === "callback") await headMax.waitForCallbackAnswer(press.callbackQueryId);
    const updated = await headMax.waitFor(
      (c) =>
        c.messages
          .find((m) => m.messageId === card.messageId)
          ?.buttons?.flat()
          .every((b) => b.text !== "🔴 Срочно (до 3 часов)") ?? false,
      "the card after choosing urgency",
      { timeoutMs: 10_000 },
    );
    expect(updated.messages.find((m) => m.messageId === card.messageId)!.edited).toBe(true);
  }, 60_000);
});
