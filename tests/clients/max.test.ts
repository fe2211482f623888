/**
 * The mother's channel on MAX, through the local MAX server and the real system: the curator's
 * consent dialogue gives a MAX deep link; she opens it (`bot_started` with the payload), writes,
 * and the curator's answer reaches her from the bot.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SimChatView } from "@signal-desk/max-bot-api-sim";
import { startMaxTestSystem, type MaxTestSystem } from "../helpers/system.ts";

const botTexts = (chat: SimChatView) =>
  chat.messages.filter((m) => m.from === "bot").map((m) => m.text ?? "");

describe("client contact on MAX", () => {
  let t: MaxTestSystem;
  beforeAll(async () => {
    t = await startMaxTestSystem("polling");
  });
  afterAll(async () => t?.stop());

  it("consent → MAX link → she joins → she writes → the curator answers", async () => {
    const { db } = t.database;
    const { staffId, user: curator } = await t.person("curator", "Петрова Анна Сергеевна");
    const now = new Date();
    const signal = await db.signal.create({
      data: {
        serviceId: t.serviceId,
        hospitalId: t.hospitalId,
        reporterId: staffId,
        hospitalYear: 2026,
        hospitalNumber: 1,
        serviceYear: 2026,
        serviceNumber: 1,
        womanFullName: "Иванова Анна Петровна",
        womanNameKey: "иванова анна петровна",
        category: "undecided",
        location: "together_in_ward",
        identifiedAt: now,
        registeredAt: now,
        transmittedAt: now,
        status: "case_opened",
        curatorId: staffId,
      },
    });
    await db.case.create({
      data: {
        serviceId: t.serviceId,
        signalId: signal.id,
        caseYear: 2026,
        caseNumber: 1,
        number: "1/2026",
        curatorId: staffId,
        openedAt: now,
      },
    });

    /** Does something, then waits until the bot has shown `expected`. */
    const step = async (action: () => Promise<unknown>, expected: string) => {
      await action();
      await curator.waitFor((c) => botTexts(c).some((x) => x.includes(expected)), expected);
      await t.settled(curator.chatId);
    };
    await step(() => curator.sendText("/case 1/2026"), "📁 Случай № 1/2026");
    await step(() => curator.press("📱 Связь с мамой в мессенджере"), "Сначала запишите её согласие");
    await step(() => curator.press("📝 Записать согласие"), "Кто дал согласие?");
    await step(() => curator.press("Сама женщина"), "Когда дано согласие?");
    await step(() => curator.press("Сегодня"), "В каком мессенджере");
    await step(() => curator.press("MAX"), "Проверьте согласие");
    await step(() => curator.press("💾 Записать и получить приглашение"), "Приглашение для мамы");
    const invitation = botTexts(await curator.chat()).find((x) => x.includes("Приглашение для мамы"))!;
    const code = /max\.ru\/[^?\s]+\?start=([A-Za-z0-9_-]+)/.exec(invitation)?.[1];
    expect(code, invitation).toBeDefined();

    const mother = await t.sim.user(t.botId, { id: 8_800_001, firstName: "Анна", languageCode: "ru" });
    const herStep = async (action: () => Promise<unknown>, expected: string) => {
      await action();
      await mother.waitFor((c) => botTexts(c).some((x) => x.includes(expected)), expected);
      await t.settled(mother.chatId);
    };
    await herStep(() => mother.start(code), "написать вашему куратору — Анна —");
    await curator.waitFor((c) => botTexts(c).at(-1)?.includes("подключилась к боту") === true, "joined");

    await herStep(() => mother.sendText("Когда следующая встреча?"), "Сообщение передано");
    await curator.waitFor(
      (c) => botTexts(c).at(-1) === "✉️ Сообщение от мамы по случаю № 1/2026:\n\nКогда следующая встреча?",
      "her message",
    );
    await step(() => curator.press("↩️ Ответить"), "Ваш ответ маме");
    await step(() => curator.sendText("В четверг в 10, я позвоню накануне"), "✅ Ответ отправлен маме");
    await mother.waitFor(
      (c) => botTexts(c).at(-1) === "💬 Отвечает Анна:\n\nВ четверг в 10, я позвоню накануне",
      "the answer",
    );
    expect(await db.clientMessage.count()).toBe(2);
  });
});
