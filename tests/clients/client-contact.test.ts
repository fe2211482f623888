/**
 * The mother's own channel to her curator, through the bot as people use it: the curator records
 * her consent and gets an invitation (links and a QR code); she joins, gets her plan, gets the new
 * one when it changes, writes and gets an answer, is reminded of what she agreed to do, stops —
 * and nothing reaches her after. Strangers with used or expired invitations get nothing; she
 * reaches no staff command and no other case; no invitation without consent; closing the case
 * ends the channel kindly.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createProductTranslator, personalDataHooks, productAreas } from "../../src/app/areas.ts";
import { clientPersonalData } from "../../src/clients/personal-data.ts";
import { CARD } from "../../src/cases/chat/kinds.ts";
import { CONTACT, INVITE, REPLY } from "../../src/clients/chat/kinds.ts";
import { pdfText } from "../../src/platform/documents/pdf-text.ts";
import type { InboundInput } from "../../src/platform/messenger/contract.ts";
import {
  casePeople,
  days,
  monitorNothingChanged,
  openCaseThroughBot,
  texts,
  type CasePeople,
} from "../helpers/cases.ts";
import { createHarness, type Harness, type HarnessPerson } from "../helpers/harness.ts";

/** The mother: a messenger user who is not staff. */
class Mother {
  private callback = 1;
  constructor(
    private readonly h: Harness,
    readonly userId: string,
  ) {}
  chat() {
    return this.h.messenger.chat(this.userId);
  }
  texts(): string[] {
    return this.chat().map((m) => m.text);
  }
  last(): string {
    return this.chat().at(-1)?.text ?? "";
  }
  send(text: string): Promise<void> {
    const command = /^\/(\w+)(?:\s+(.*))?$/s.exec(text);
    const input: InboundInput = command
      ? { kind: "command", command: command[1]!, args: command[2] ?? "", messageId: 0 }
      : { kind: "text", text, messageId: 0 };
    return this.h.deliver(this.userId, input);
  }
  pressData(data: string, messageId = 0): Promise<void> {
    return this.h.deliver(this.userId, {
      kind: "callback",
      data,
      callbackQueryId: `m${this.userId}-${this.callback++}`,
      messageId,
    });
  }
  async press(label: string): Promise<void> {
    for (const message of [...this.chat()].reverse()) {
      const button = message.buttons.flat().find((b) => b.text === label);
      if (button) return this.pressData(button.data!, message.id);
    }
    throw new Error(`no button "${label}" in her chat:\n${this.texts().join("\n---\n")}`);
  }
}

/** What the bot answers to a button that is no longer valid (the platform's text). */
function staleText(): string {
  return createProductTranslator().render({ key: "engine.stale_button" }, "ru", "Europe/Moscow");
}

/** A decision plan with an action the woman carries out herself. */
async function makePlanWithHerAction(curator: HarnessPerson): Promise<void> {
  await curator.press("🗂 Составить план");
  await curator.send("Мать готова помогать, есть съёмное жильё");
  await curator.send("Мама забирает ребёнка домой");
  await curator.send("Оформить пособия\nНайти кроватку и коляску");
  await curator.send("Сходить в женскую консультацию");
  await curator.press("Сама женщина");
  await curator.press("Через 3 дня");
  await curator.press("✅ Готово");
  await curator.press("💾 Сохранить план");
}

/** The code of the newest invitation link in the curator's chat. */
function invitationCode(curator: HarnessPerson): string {
  const text = [...texts(curator)].reverse().find((t) => t.includes("?start="));
  const code = /\?start=([A-Za-z0-9_-]+)/.exec(text ?? "")?.[1];
  if (!code) throw new Error(`no invitation link:\n${texts(curator).slice(-5).join("\n---\n")}`);
  return code;
}

async function recordConsent(curator: HarnessPerson): Promise<void> {
  await curator.send("/case 1/2026");
  await curator.press("📱 Связь с мамой в мессенджере");
  await curator.press("📝 Записать согласие");
  await curator.press("Сама женщина");
  await curator.press("Сегодня");
  await curator.press("Telegram");
  await curator.press("💾 Записать и получить приглашение");
}

describe("client contact", () => {
  let h: Harness;
  let p: CasePeople;
  let caseId: string;
  beforeEach(async () => {
    h = await createHarness();
    p = await casePeople(h);
    await h.database.db.messengerBot.create({
      data: { messenger: "telegram", botId: "1", username: "signal_desk_bot" },
    });
    caseId = await openCaseThroughBot(h, p);
  });
  afterEach(async () => h.stop());

  it("consent → invitation → she joins → plan → new plan → messages both ways → reminder → stop", async () => {
    const { db } = h.database;
    // The service's emergency phone: set by its admin; a curator may not.
    const admin = await h.person("admin", "Смирнов Олег Иванович");
    await admin.send("/hotline 8 800 100-00-00");
    expect(admin.last().text).toContain("✅ Экстренный телефон службы: 8 800 100-00-00.");
    await p.curator.send("/hotline 112");
    expect(p.curator.last().text).not.toContain("✅");
    await p.curator.send("/case 1/2026");
    await makePlanWithHerAction(p.curator);

    // No invitation without consent: the card offers consent only, and a crafted button is refused.
    await p.curator.press("📱 Связь с мамой в мессенджере");
    expect(p.curator.last().text).toContain("Сначала запишите её согласие");
    expect(
      p.curator
        .last()
        .buttons.flat()
        .map((b) => b.text),
    ).toEqual(["📝 Записать согласие"]);
    await h.deliver(p.curator.userId, {
      kind: "callback",
      data: INVITE.data({ caseId }),
      callbackQueryId: "x1",
      messageId: 0,
    });
    expect(h.messenger.callbackAnswers.at(-1)?.text).toContain("Сначала запишите согласие");
    expect(await db.clientInvitation.count()).toBe(0);

    await recordConsent(p.curator);
    const consent = await db.clientConsent.findFirstOrThrow({ where: { caseId } });
    expect(consent).toMatchObject({ givenBy: "woman", channel: "telegram", withdrawnAt: null });
    expect(texts(p.curator).join("\n")).toContain("Приглашение для мамы по случаю № 1/2026");
    expect(p.curator.last().text).toContain("QR-код для Telegram");
    const qr = [...h.messenger.files.entries()].find(([name]) => name.startsWith("QR Telegram"));
    expect(qr?.[1].subarray(1, 4).toString()).toBe("PNG");
    const code = invitationCode(p.curator);

    // She joins with the link.
    const mother = new Mother(h, "7700001");
    await mother.send(`/start ${code}`);
    expect(mother.last()).toContain("написать вашему куратору — Анна —");
    expect(
      mother
        .chat()
        .at(-1)!
        .buttons.flat()
        .map((b) => b.text),
    ).toEqual(["✉️ Написать куратору", "📄 Мой план", "⏹ Больше не писать мне"]);
    expect(p.curator.last().text).toBe(
      "📱 Мама по случаю № 1/2026 подключилась к боту. Её сообщения будут приходить сюда.",
    );
    expect(await db.staff.count({ where: { identities: { some: { externalUserId: "7700001" } } } })).toBe(0);

    // Her plan comes as a PDF, her version: no reasons, no staff notes, no full name.
    await h.advance(1);
    expect(mother.last()).toBe(
      "[Мой план, версия 1.pdf] 📄 Ваш план — то, о чём вы договорились с куратором.",
    );
    const v1 = (await pdfText(h.messenger.files.get("Мой план, версия 1.pdf")!)).join("\n");
    expect(v1).toContain("Мама забирает ребёнка домой");
    expect(v1).toContain("Сходить в женскую консультацию");
    expect(v1).not.toContain("Иванова");
    expect(v1).not.toContain("Мать готова помогать");
    expect(v1).not.toContain("Жильё");

    // The plan changes: she gets the new version.
    await p.curator.send("/case 1/2026");
    await p.curator.press("🗂 Скорректировать план");
    await p.curator.press("💾 Сохранить план");
    expect(await db.casePlan.count({ where: { caseId } })).toBe(2);
    await h.advance(1);
    expect(mother.last()).toBe("[Мой план, версия 2.pdf] 📄 План обновился — вот новая версия.");
    await h.advance(5);
    expect(mother.texts().filter((t) => t.startsWith("[Мой план")).length).toBe(2);

    // She writes; the curator sees it under the case number and answers with the button.
    await mother.send("Можно перенести встречу на среду?");
    expect(mother.last()).toBe("✅ Сообщение передано. Анна ответит, как только сможет.");
    const relayed = p.curator.last();
    expect(relayed.text).toBe(
      "✉️ Сообщение от мамы по случаю № 1/2026:\n\nМожно перенести встречу на среду?",
    );
    expect(relayed.text).not.toContain("Иванова");
    await p.curator.press("↩️ Ответить");
    await p.curator.send("Да, давайте в среду в 11");
    expect(p.curator.last().text).toBe("✅ Ответ отправлен маме (случай № 1/2026).");
    expect(mother.last()).toBe("💬 Отвечает Анна:\n\nДа, давайте в среду в 11");
    const kept = await db.clientMessage.findMany({ where: { caseId }, orderBy: { at: "asc" } });
    expect(kept.map((m) => [m.direction, m.text])).toEqual([
      ["in", "Можно перенести встречу на среду?"],
      ["out", "Да, давайте в среду в 11"],
    ]);
    expect(
      await db.auditEvent.count({
        where: { action: { in: ["client.message_relayed", "client.reply_sent"] } },
      }),
    ).toBe(2);
    // Delivered messages keep no text in the outbox (hers and the curator's alike).
    const delivered = await db.outboxMessage.findMany({
      where: { chatId: { in: [mother.userId, p.curator.userId] } },
    });
    expect(delivered.length).toBeGreaterThan(0);
    expect(JSON.stringify(delivered.map((m) => m.payload))).not.toMatch(/перенести встречу|в среду в 11/);

    // Outside the curator's hours (Mon 21:00 Moscow) she learns when to expect an answer.
    await h.advance(8 * 60 + 55); // 2026-11-23 18:00 UTC = 21:00 Moscow
    await mother.send("Спасибо!");
    expect(mother.last()).toContain("Если нужна помощь срочно — звоните: 8 800 100-00-00.");
    expect(mother.last()).toContain("Сейчас Анна не на связи и ответит 24.11");

    // The reminder of her action comes the day before at 10:00 her time, and on the day.
    const before = mother.texts().length;
    await days(h, 3);
    const reminders = mother
      .texts()
      .slice(before)
      .filter((t) => t.startsWith("🔔 Напоминание"));
    expect(reminders).toEqual([
      "🔔 Напоминание\nЗавтра: Сходить в женскую консультацию\nЕсли что-то не получается — напишите куратору, вместе найдёте выход.",
      "🔔 Напоминание\nСегодня: Сходить в женскую консультацию\nЕсли что-то не получается — напишите куратору, вместе найдёте выход.",
    ]);

    // She stops: binding gone, consent withdrawn, the curator told; nothing reaches her after.
    await mother.send("/stop");
    expect(mother.last()).toContain("Хорошо, больше не буду писать.");
    expect(p.curator.last().text).toBe(
      "⏹ Мама по случаю № 1/2026 отключилась от бота; согласие на связь отозвано.",
    );
    expect(await db.clientIdentity.count()).toBe(0);
    expect((await db.clientConsent.findFirstOrThrow({ where: { caseId } })).withdrawnHow).toBe("client_stop");
    const after = mother.texts().length;
    await p.curator.press("↩️ Ответить");
    await p.curator.send("Вы здесь?");
    expect(p.curator.last().text).toBe("Мама сейчас не подключена к боту — ответ не дойдёт.");
    await p.curator.send("/cancel");
    await p.curator.send("/case 1/2026");
    await p.curator.press("🗂 Скорректировать план");
    await p.curator.press("💾 Сохранить план");
    await days(h, 2);
    expect(mother.texts().length).toBe(after);
    // A new invitation needs a new consent.
    await p.curator.send("/case 1/2026");
    await p.curator.press("📱 Связь с мамой в мессенджере");
    expect(
      p.curator
        .last()
        .buttons.flat()
        .map((b) => b.text),
    ).toEqual(["📝 Записать согласие"]);
  });

  it("she reaches no staff command, no staff button and no other case", async () => {
    await p.curator.send("/case 1/2026");
    await recordConsent(p.curator);
    const mother = new Mother(h, "7700002");
    await mother.send(`/start ${invitationCode(p.curator)}`);
    const curatorBefore = texts(p.curator).length;

    for (const command of ["/case 1/2026", "/my", "/help", "/settings", "/journal", "/hours", "/link"]) {
      await mother.send(command);
      expect(mother.last()).toBe("Здесь можно просто написать куратору или открыть свой план.");
    }
    // Crafted buttons: the case card, the curator's channel card and reply, of her case and of another.
    const other = "00000000-0000-4000-8000-000000000000";
    const stale = staleText();
    for (const data of [
      CARD.data({ caseId }),
      CONTACT.data({ caseId }),
      REPLY.data({ caseId }),
      CARD.data({ caseId: other }),
      "cx:p|" + other,
    ]) {
      const count = mother.texts().length;
      await mother.pressData(data);
      expect(mother.texts().length).toBe(count);
      expect(h.messenger.callbackAnswers.at(-1)?.text).toBe(stale);
    }
    expect(mother.texts().join("\n")).not.toMatch(/Иванова|Случай № 1\/2026|Куратор: Петрова/);
    expect(texts(p.curator).length).toBe(curatorBefore);
    // Her own buttons work.
    await mother.press("✉️ Написать куратору");
    expect(mother.last()).toBe("Напишите, что хотите сказать, — я сразу передам его куратору.");
    await mother.press("⏹ Больше не писать мне");
    await mother.press("Нет, оставить");
    expect(mother.last()).toBe("Хорошо, я на связи.");
    expect(await h.database.db.clientIdentity.count()).toBe(1);
  });

  it("a stranger with a used or expired client invitation gets nothing", async () => {
    await p.curator.send("/case 1/2026");
    await recordConsent(p.curator);
    const used = invitationCode(p.curator);
    await new Mother(h, "7700003").send(`/start ${used}`);
    const stranger = new Mother(h, "7700004");
    await stranger.send(`/start ${used}`);
    expect(stranger.texts()).toEqual(["Эта ссылка уже использована. Если нужна новая — попросите куратора."]);

    await p.curator.send("/case 1/2026");
    await p.curator.press("📱 Связь с мамой в мессенджере");
    await p.curator.press("⏹ Отключить связь");
    await p.curator.press("Да, отключить");
    await recordConsent(p.curator);
    const late = invitationCode(p.curator);
    await h.advance(73 * 60);
    const stranger2 = new Mother(h, "7700005");
    await stranger2.send(`/start ${late}`);
    expect(stranger2.texts()).toEqual(["Срок этой ссылки истёк. Попросите у куратора новую."]);
    await stranger2.send("Здравствуйте");
    expect(stranger2.texts().join("\n")).not.toMatch(/1\/2026|Анна|план/);
    expect(await h.database.db.clientIdentity.count()).toBe(0);
  });

  it("a meeting agreed with her is told at once and reminded the day before and two hours before", async () => {
    await p.curator.send("/case 1/2026");
    await recordConsent(p.curator);
    const mother = new Mother(h, "7700007");
    await mother.send(`/start ${invitationCode(p.curator)}`);
    await p.curator.send("/case 1/2026");
    await p.curator.press("📱 Связь с мамой в мессенджере");
    await p.curator.press("📅 Назначить встречу");
    await p.curator.send("25.11");
    await p.curator.press("11:00");
    await p.curator.send("Служба, ул. Мира, 5, кабинет 3");
    await p.curator.press("💾 Назначить");
    expect(p.curator.last().text).toContain("📅 Встреча по случаю № 1/2026 назначена на 25.11.2026");
    expect(mother.last()).toContain("📅 Анна ждёт вас на встречу: 25.11.2026");
    expect(mother.last()).toContain("11:00, Служба, ул. Мира, 5, кабинет 3.");
    // The meeting is on Wednesday 11:00 Moscow (08:00 UTC); it is Monday 12:00 Moscow now.
    await h.advance(22 * 60);
    expect(mother.texts().filter((t) => t.startsWith("🔔"))).toEqual([]);
    await h.advance(60);
    expect(mother.last()).toContain("Завтра встреча с куратором: 25.11.2026");
    await h.advance(22 * 60);
    expect(mother.last()).toContain("Через два часа встреча с куратором: 25.11.2026");
    await h.advance(24 * 60);
    expect(mother.texts().filter((t) => t.startsWith("🔔"))).toHaveLength(2);

    // Anonymising her signal (src/privacy) removes her words, the meeting's place and her binding.
    await mother.send("Я опоздаю на 10 минут");
    const { db } = h.database;
    const c = await db.case.findUniqueOrThrow({ where: { id: caseId }, select: { signalId: true } });
    await db.$transaction((tx) => clientPersonalData.anonymise(tx, [c.signalId], h.now()));
    expect((await db.clientMessage.findMany()).map((m) => [m.direction, m.text])).toEqual([["in", null]]);
    expect((await db.clientMeeting.findFirstOrThrow()).place).toBeNull();
    expect(await db.clientIdentity.count()).toBe(0);
    expect(personalDataHooks(productAreas())).toContain(clientPersonalData);
  });

  it("closing the case ends the channel with a kind message", async () => {
    await p.curator.send("/case 1/2026");
    await makePlanWithHerAction(p.curator);
    await recordConsent(p.curator);
    const mother = new Mother(h, "7700006");
    await mother.send(`/start ${invitationCode(p.curator)}`);
    await h.advance(1);
    await days(h, 7);
    await monitorNothingChanged(p.curator, "Закрыть: (а) не изменила решение");
    expect(await h.database.db.case.count({ where: { status: "closed" } })).toBe(1);
    await h.advance(1);
    expect(mother.last()).toContain("Работа службы с вами завершена");
    expect(texts(p.curator).join("\n")).toContain(
      "Случай № 1/2026 завершён — связь с мамой в мессенджере закрыта",
    );
    expect((await h.database.db.clientConsent.findFirstOrThrow()).withdrawnHow).toBe("case_ended");
    const count = mother.texts().length;
    await days(h, 3);
    expect(mother.texts().length).toBe(count);
  });
});
