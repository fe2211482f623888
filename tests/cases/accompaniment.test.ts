/**
 * Accompaniment, closures and hand-overs as people live them: moving a case to accompaniment,
 * the long-term plan with the mother's PDF copy, monitoring every 3 months, closures (a), (b) and
 * (c), a hand-over with its package and acknowledgement, a psychologist attached, and two people
 * deciding about the same case at once.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { replayCase } from "../../src/cases/domain/events.ts";
import { openCaseCount } from "../../src/cases/queries/caseload.ts";
import { caseJournalDecisions } from "../../src/cases/queries/journal.ts";
import { pdfText } from "../../src/platform/documents/pdf-text.ts";
import { createHarness, type Harness, type HarnessPerson } from "../helpers/harness.ts";
import {
  casePeople,
  days,
  concludedAssessment,
  makeDecisionPlan,
  monitorNothingChanged,
  openCaseThroughBot,
  texts,
  type CasePeople,
} from "../helpers/cases.ts";

/** The long-term plan from the card's button, with one action for the psychologist. */
async function makeRehabPlan(curator: HarnessPerson): Promise<void> {
  await curator.press("🗂 Реабилитационный план");
  await curator.send("Нет своего жилья и поддержки, долги");
  await curator.send("Ребёнок живёт с мамой в безопасности");
  await curator.send("Оформить пособия\nНайти жильё\nЗакрыть долги");
  await curator.send("Консультации психолога");
  await curator.press("Психолог");
  await curator.press("Через 2 недели");
  await curator.press("✅ Готово");
  await curator.press("💾 Сохранить план");
}

async function toAccompaniment(h: Harness, p: CasePeople): Promise<string> {
  const caseId = await openCaseThroughBot(h, p);
  await p.curator.send("/case 1/2026");
  await makeDecisionPlan(p.curator);
  await days(h, 7);
  await monitorNothingChanged(p.curator, "Перевести на сопровождение");
  return caseId;
}

describe("accompaniment", () => {
  let h: Harness;
  let p: CasePeople;
  beforeEach(async () => {
    h = await createHarness();
    p = await casePeople(h);
  });
  afterEach(async () => h.stop());

  it("moves to accompaniment, makes the long-term plan with a PDF copy for the mother, monitors every 3 months, closes (a)", async () => {
    const caseId = await toAccompaniment(h, p);
    const { db } = h.database;
    expect(texts(p.curator).join("\n")).toContain("🤝 Случай № 1/2026 переведён на сопровождение.");
    expect(p.head.last().text).toContain(
      "🤝 Случай № 1/2026 переведён на сопровождение (решение: Петрова А. С.).",
    );
    const c = await db.case.findUniqueOrThrow({ where: { id: caseId } });
    expect(c.status).toBe("accompaniment");
    const entry = await db.caseMonitoring.findFirstOrThrow({ where: { caseId } });
    expect(c.accompanimentAt).toEqual(entry.recordedAt);
    // The caseload counts it still (9 per curator: stage 3 and accompaniment alike).
    expect(await openCaseCount(db, p.curator.staffId)).toBe(1);
    await p.head.send("/my");
    expect(p.head.last().text).toContain("• № 1/2026 (Петрова А. С.), сопровождение");

    // The long-term plan is due within a month: reminded 3 days before.
    await days(h, 27);
    expect(p.curator.last().text).toContain(
      "⏰ Случай № 1/2026: реабилитационный план нужно составить с мамой до 30.12.2026",
    );
    await makeRehabPlan(p.curator);
    await h.advance(1);
    const copy = p.curator.messages().find((m) => m.text.startsWith("[Реабилитационный план"));
    expect(copy?.text).toContain("экземпляр для клиентки");
    const pdf = [...h.messenger.files.entries()].find(([name]) => name.startsWith("Реабилитационный план"))!;
    const pages = (await pdfText(pdf[1])).join("\n");
    expect(pages).toContain("Реабилитационный план сопровождения");
    expect(pages).toContain("Клиентка: Иванова Анна Петровна");
    expect(pages).toContain("Нет своего жилья и поддержки, долги");
    expect(pages).toContain("Консультации психолога");
    expect(pages).toContain("Клиентка: ____");

    // Monitoring every 3 months from the long-term plan.
    // (Long waits in one step: the reminders that fell due meanwhile are told once, the latest of each kind.)
    const sincePlan = texts(p.curator).length;
    await h.advance(89 * 24 * 60);
    expect(texts(p.curator).slice(sincePlan).join("\n")).not.toContain("пора записать мониторинг");
    await days(h, 2);
    expect(p.curator.last().text).toContain("📋 Случай № 1/2026: пора записать мониторинг");
    await monitorNothingChanged(p.curator);
    await h.advance(92 * 24 * 60);
    expect(p.curator.last().text).toContain("пора записать мониторинг");
    await monitorNothingChanged(p.curator, "Закрыть: (а) план выполнен");
    const closed = await db.case.findUniqueOrThrow({
      where: { id: caseId },
      include: { events: { orderBy: { id: "asc" } } },
    });
    expect(closed).toMatchObject({ status: "closed", closeReason: "plan_done" });
    expect(replayCase(closed.events)).toMatchObject({
      status: "closed",
      closeReason: "plan_done",
      accompanimentAt: closed.accompanimentAt,
      closedAt: closed.closedAt,
    });
    const monitorings = await db.caseMonitoring.findMany({
      where: { caseId },
      orderBy: { recordedAt: "asc" },
    });
    expect(monitorings.map((m) => [m.stage, m.number, m.decision])).toEqual([
      ["decision_change", 1, "to_accompaniment"],
      ["accompaniment", 1, "continue"],
      ["accompaniment", 2, "close_plan_done"],
    ]);
  });

  it.each([
    ["(б) семья не выполняет обязательства по плану", "plan_not_kept"],
    ["(в) действия семьи противоречат интересам ребёнка", "against_child_interests"],
  ] as const)(
    "closes %s from the card, and the heads are offered to pass the information on",
    async (label, reason) => {
      const caseId = await toAccompaniment(h, p);
      await concludedAssessment(h, caseId, p.curator.staffId);
      await p.curator.send("/case 1/2026");
      await p.curator.press("⏹ Решение по случаю");
      expect(
        p.curator
          .last()
          .buttons.flat()
          .map((b) => b.text),
      ).toEqual([
        "(а) план выполнен, ребёнок в семье, риска нет",
        "(б) семья не выполняет обязательства по плану",
        "(в) действия семьи противоречат интересам ребёнка",
        "◀ Назад",
      ]);
      await p.curator.press(label);
      expect(p.curator.last().text).toContain(`Закрыть случай № 1/2026 с причиной «${label}»?`);
      await p.curator.press("✅ Да, закрыть");
      expect(texts(p.curator).at(-1)).toContain("Информация по случаю передаётся дальше");
      expect(p.head.last().text).toContain(`⏹ Случай № 1/2026 закрыт: ${label} (решение: Петрова А. С.).`);
      expect(
        p.head
          .last()
          .buttons.flat()
          .map((b) => b.text),
      ).toEqual(["📦 Передать в другую организацию"]);
      const c = await h.database.db.case.findUniqueOrThrow({ where: { id: caseId } });
      expect(c).toMatchObject({ status: "closed", closeReason: reason });
    },
  );

  it("refuses closing (b) or (c) before a safety and risk assessment of the case is concluded", async () => {
    const caseId = await toAccompaniment(h, p);
    await p.curator.send("/case 1/2026");
    await p.curator.press("⏹ Решение по случаю");
    await p.curator.press("(б) семья не выполняет обязательства по плану");
    await p.curator.press("✅ Да, закрыть");
    expect(h.messenger.callbackAnswers.at(-1)?.text).toContain(
      "Закрыть случай по этой причине можно только после оценки безопасности и риска (/assess)",
    );
    const c = await h.database.db.case.findUniqueOrThrow({ where: { id: caseId } });
    expect(c).toMatchObject({ status: "accompaniment", closeReason: null, closedAt: null });
    expect(await h.database.db.caseEvent.count({ where: { caseId, type: "closed" } })).toBe(0);
    // With the assessment concluded, the same closure goes through.
    await concludedAssessment(h, caseId, p.curator.staffId);
    await p.curator.send("/case 1/2026");
    await p.curator.press("⏹ Решение по случаю");
    await p.curator.press("(б) семья не выполняет обязательства по плану");
    await p.curator.press("✅ Да, закрыть");
    expect(await h.database.db.case.findUniqueOrThrow({ where: { id: caseId } })).toMatchObject({
      status: "closed",
      closeReason: "plan_not_kept",
    });
  });

  it("hands a closed (c) case to the guardianship authority: the package PDF, then daily reminders until receipt is confirmed", async () => {
    const caseId = await toAccompaniment(h, p);
    await concludedAssessment(h, caseId, p.curator.staffId);
    await p.curator.send("/case 1/2026");
    await makeRehabPlan(p.curator);
    await p.curator.press("⏹ Решение по случаю");
    await p.curator.press("(в) действия семьи противоречат интересам ребёнка");
    await p.curator.press("✅ Да, закрыть");
    await p.head.press("📦 Передать в другую организацию");
    await p.head.press("Орган опеки и попечительства");
    await p.head.send("Отдел опеки и попечительства Центрального района");
    await p.head.press("Сегодня");
    await p.head.send("12-о");
    await p.head.press("📦 Передать");
    expect(p.head.last().text).toContain("📦 Передача случая № 1/2026 записана.");
    expect(p.head.last().text).toContain("Подтверждение получения ждём до 05.12.2026 09:00.");
    await h.advance(1);
    expect(p.head.last().text).toContain(
      "[Пакет документов 1-2026.pdf] 📦 Пакет документов по случаю № 1/2026",
    );
    const pages = (await pdfText(h.messenger.files.get("Пакет документов 1-2026.pdf")!)).join("\n");
    for (const part of [
      "Пакет документов по случаю № 1/2026",
      "Получатель: Орган опеки и попечительства — Отдел опеки и попечительства Центрального района",
      "Приказ руководителя Службы № 12-о",
      "1. Сигнальный лист",
      "Сигнальный лист не заполнен.",
      "2. План по изменению решения об отказе",
      "Встреча с матерью женщины",
      "3. Реабилитационный план сопровождения",
      "Консультации психолога",
      "4. Лист мониторинга",
      "всё по плану",
      "Перевести на",
      "5. Решения по случаю",
      "закрыт: (в) действия семьи противоречат интересам ребёнка",
    ])
      expect(pages).toContain(part);
    expect(p.head2.last().text).toContain("📦 Случай № 1/2026 передан: Орган опеки и попечительства");

    // Closed (c) stays closed with its reason (the half-year figures count it so).
    const c = await h.database.db.case.findUniqueOrThrow({ where: { id: caseId } });
    expect(c).toMatchObject({ status: "closed", closeReason: "against_child_interests", handedOverAt: null });

    // Reminders from the deadline, once a day, until receipt is confirmed.
    await days(h, 5);
    const reminder = "получение не подтверждено".toLowerCase();
    const count = () => texts(p.head).filter((t) => t.toLowerCase().includes(reminder)).length;
    expect(count()).toBe(1);
    await days(h, 2);
    expect(count()).toBe(3);
    await p.head.press("✅ Получение подтверждено");
    expect(texts(p.head).join("\n")).toContain("✅ Получение документов по случаю № 1/2026 подтверждено.");
    expect(p.head2.last().text).toContain("подтверждено (Кузнецова М. П.)");
    // The pressed reminder now shows the case's card; no reminder comes after.
    const after = count();
    await days(h, 3);
    expect(count()).toBe(after);
    const reminders = await h.database.db.caseReminder.findMany({
      where: { caseId, key: { startsWith: "ho:" } },
    });
    expect(reminders).toHaveLength(3);

    // The registration journal's decisions about the case, with their dates, from its events.
    const decisions = (await caseJournalDecisions(h.database.db, [caseId])).get(caseId);
    const events = await h.database.db.caseEvent.findMany({ where: { caseId }, orderBy: { id: "asc" } });
    const at = (type: string) => events.find((e) => e.type === type)!.at;
    expect(decisions).toEqual([
      { decision: "opened", at: at("opened") },
      { decision: "accompaniment", at: at("moved_to_accompaniment") },
      { decision: "closed", at: at("closed"), reason: "against_child_interests" },
      { decision: "handed_over", at: at("handed_over"), recipient: "guardianship" },
    ]);
    // The old reminder's button now refuses politely.
    await p.head2.press("✅ Получение подтверждено");
    expect(h.messenger.callbackAnswers.at(-1)).toMatchObject({
      text: "Получение уже подтверждено.",
      showAlert: true,
    });
  });

  it("hands an open case over: it ends (handed_over) and leaves the curator's caseload", async () => {
    const caseId = await openCaseThroughBot(h, p);
    await p.head.send("/case 1/2026");
    await p.head.press("📦 Передать в другую организацию");
    await p.head.press("Служба координации работы со случаем");
    await p.head.send("Служба кураторов Советского района");
    await p.head.press("Вчера");
    await p.head.send("7");
    await p.head.press("📦 Передать");
    const c = await h.database.db.case.findUniqueOrThrow({
      where: { id: caseId },
      include: { events: true },
    });
    expect(c.status).toBe("handed_over");
    expect(c.handedOverAt?.toISOString()).toBe(h.now().toISOString());
    expect(replayCase(c.events).status).toBe("handed_over");
    const handover = await h.database.db.caseHandover.findFirstOrThrow();
    expect(handover.handedOn.toISOString().slice(0, 10)).toBe("2026-11-22");
    await p.curator.send("/my");
    expect(p.curator.last().text).not.toContain("1/2026 —");
    expect(await openCaseCount(h.database.db, p.curator.staffId)).toBe(0);
  });

  it("a psychologist attached by the head gets the plan's actions for them and their reminders", async () => {
    const psychologist = await h.person("psychologist", "Сидорова Елена Викторовна");
    await toAccompaniment(h, p);
    await p.head.send("/case 1/2026");
    await p.head.press("🧑‍⚕️ Психолог");
    await p.head.press("Психолог: Сидорова Е. В.");
    expect(psychologist.last().text).toContain(
      "🧑‍⚕️ Вас прикрепили к случаю № 1/2026 (куратор Петрова А. С.).",
    );
    expect(p.curator.last().text).toContain(
      "🧑‍⚕️ Случай № 1/2026: психолог — Сидорова Е. В. (Кузнецова М. П.).",
    );
    await p.curator.send("/case 1/2026");
    await makeRehabPlan(p.curator);
    expect(psychologist.last().text).toBe(
      "🗂 Случай № 1/2026: в плане есть действия для вас:\n• «Консультации психолога» — до 14.12.2026",
    );
    await days(h, 14);
    expect(psychologist.last().text).toBe(
      "⏰ Случай № 1/2026: сегодня срок действия «Консультации психолога».",
    );
    await days(h, 1);
    expect(p.head.last().text).toBe(
      "⚠ Случай № 1/2026: просрочено действие «Консультации психолога» (срок 14.12.2026, отвечает: Сидорова Е. В.).",
    );
    // The psychologist reads the case and may start a safety and risk assessment on it (seed 003),
    // but may not decide on it.
    await psychologist.send("/case 1/2026");
    expect(psychologist.last().text).toContain("📁 Случай № 1/2026");
    expect(
      psychologist
        .last()
        .buttons.flat()
        .map((b) => b.text),
    ).toEqual(["🛡 Оценка безопасности и риска", "🔄 Обновить"]);
  });
});

describe("two people deciding at once", () => {
  let h: Harness;
  let p: CasePeople;
  beforeEach(async () => {
    h = await createHarness();
    p = await casePeople(h);
  });
  afterEach(async () => h.stop());

  it("the curator and a head close the same case at once: one wins, the other is told who did", async () => {
    const caseId = await openCaseThroughBot(h, p);
    for (const person of [p.curator, p.head]) {
      await person.send("/case 1/2026");
      await person.press("⏹ Решение по случаю");
    }
    await p.curator.press("(а) не изменила решение об отказе");
    await p.head.press("(б) изменила решение, проблемы устранены");
    const confirm = (person: HarnessPerson) => {
      const message = [...person.messages()]
        .reverse()
        .find((m) => m.buttons.flat().some((b) => b.text === "✅ Да, закрыть"))!;
      const data = message.buttons.flat().find((b) => b.text === "✅ Да, закрыть")!.data!;
      return h.deliver(person.userId, {
        kind: "callback",
        data,
        callbackQueryId: `race-${person.userId}`,
        messageId: message.id,
      });
    };
    await Promise.all([confirm(p.curator), confirm(p.head)]);
    const c = await h.database.db.case.findUniqueOrThrow({
      where: { id: caseId },
      include: { events: true },
    });
    expect(c.status).toBe("closed");
    expect(c.events.filter((e) => e.type === "closed")).toHaveLength(1);
    const loser = c.closeReason === "not_changed" ? p.head : p.curator;
    const winner = c.closeReason === "not_changed" ? "Петрова А. С." : "Кузнецова М. П.";
    const answer = h.messenger.callbackAnswers.find((a) => a.id === `race-${loser.userId}`);
    expect(answer).toMatchObject({ showAlert: true });
    expect(answer?.text).toMatch(
      new RegExp(`По случаю № 1/2026 решение уже принято: закрыт \\(${winner.replace(/\./g, "\\.")}\\)`),
    );
    // The loser's message shows the case as it is now.
    expect(
      loser.messages().some((m) => m.text.includes("Закрыт ") && m.text.includes("📁 Случай № 1/2026")),
    ).toBe(true);
  });

  it("old buttons after each step are refused, nothing changes", async () => {
    const caseId = await openCaseThroughBot(h, p);
    await p.curator.send("/case 1/2026");
    await makeDecisionPlan(p.curator);
    await p.curator.send("/case 1/2026");
    await p.curator.press("⏹ Решение по случаю");
    await p.curator.press("(а) не изменила решение об отказе");
    const oldConfirm = [...p.curator.messages()].reverse().find((m) => m.text.startsWith("Закрыть случай"))!;
    const data = oldConfirm.buttons.flat().find((b) => b.text === "✅ Да, закрыть")!.data!;
    // Meanwhile the case changed (a monitoring): the confirmation shown before is stale.
    await days(h, 7);
    await monitorNothingChanged(p.curator);
    await h.deliver(p.curator.userId, {
      kind: "callback",
      data,
      callbackQueryId: "stale-1",
      messageId: oldConfirm.id,
    });
    expect(h.messenger.callbackAnswers.find((a) => a.id === "stale-1")?.text).toBe(
      "Случай только что изменили — показываю, как он выглядит сейчас.",
    );
    expect((await h.database.db.case.findUniqueOrThrow({ where: { id: caseId } })).status).toBe("open");
    // After closing, the monitoring and plan buttons of older messages are refused.
    await p.curator.send("/case 1/2026");
    await p.curator.press("⏹ Решение по случаю");
    await p.curator.press("(а) не изменила решение об отказе");
    await p.curator.press("✅ Да, закрыть");
    for (const label of ["📋 Мониторинг", "🗂 Скорректировать план", "📝 Сигнальный лист"]) {
      await p.curator.press(label);
      expect(h.messenger.callbackAnswers.at(-1)?.text).toMatch(
        /По случаю № 1\/2026 решение уже принято: закрыт/,
      );
    }
    const events = await h.database.db.caseEvent.findMany({ where: { caseId } });
    expect(events.filter((e) => e.type === "closed")).toHaveLength(1);
  });
});
