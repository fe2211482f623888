/**
 * Stage 3 as people live it, with a controlled clock: a case is opened, the curator fills the signal
 * sheet and makes the plan with the woman, monitors it weekly (7, 14, 21, 28 days) and closes the
 * case with (b). The journal columns equal the replay of the case's events all along.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { replayCase } from "../../src/cases/domain/events.ts";
import { createHarness, type Harness } from "../helpers/harness.ts";
import {
  casePeople,
  days,
  fillSheet,
  makeDecisionPlan,
  monitorNothingChanged,
  openCaseThroughBot,
  texts,
  type CasePeople,
} from "../helpers/cases.ts";

describe("stage 3: from opening to closure (b)", () => {
  let h: Harness;
  let p: CasePeople;
  beforeEach(async () => {
    h = await createHarness();
    p = await casePeople(h);
  });
  afterEach(async () => h.stop());

  it("sheet, plan, monitorings at 7, 14, 21 and 28 days, closure (b)", async () => {
    const caseId = await openCaseThroughBot(h, p);
    const { db } = h.database;
    expect(p.curator.last().text).toContain("Открыт случай № 1/2026");
    expect(
      p.curator
        .last()
        .buttons.flat()
        .map((b) => b.text),
    ).toEqual(["📝 Сигнальный лист", "📁 Карточка случая"]);

    // The sheet: the visit's rehabilitation potential is not asked again.
    const sheetInteractions = await fillSheet(p.curator);
    expect(sheetInteractions).toBe(15);
    const asked = texts(p.curator).join("\n");
    expect(asked).not.toContain("Опишите их кратко");
    expect(asked).toContain("✅ Сигнальный лист по случаю № 1/2026 сохранён.");
    const sheet = await db.caseSheet.findUniqueOrThrow({ where: { caseId } });
    expect(sheet.complete).toBe(true);
    expect(sheet.answers).toMatchObject({ potential: "Мать женщины готова помогать", housing: "rented" });

    // The plan, made the same day; the reasons came from the visit.
    await makeDecisionPlan(p.curator);
    const plan = await db.casePlan.findFirstOrThrow({ where: { caseId }, include: { actions: true } });
    expect(plan).toMatchObject({ kind: "decision_change", version: 1 });
    expect(plan.content).toMatchObject({
      reasons: { values: ["housing", "money"] },
      mainGoal: "Мама забирает ребёнка домой",
    });
    expect(plan.actions.map((a) => [a.what, a.responsible, a.organisation])).toEqual([
      ["Встреча с матерью женщины", "curator", null],
      ["Оформить пособие на ребёнка", "organisation", "Соцзащита Центрального района"],
    ]);
    expect(texts(p.head).at(-1)).toContain(
      "🗂 Случай № 1/2026: Петрова А. С. — план по изменению решения, версия 1.",
    );

    // Weekly monitoring: the curator is asked on the 7th day, five interactions when nothing changed.
    const interactions: number[] = [];
    for (const week of [1, 2, 3]) {
      await days(h, 7);
      expect(p.curator.last().text).toContain("📋 Случай № 1/2026: пора записать мониторинг");
      interactions.push(await monitorNothingChanged(p.curator));
      expect(p.curator.last().text).toBe(`✅ Мониторинг № ${week} по случаю № 1/2026 записан.`);
    }
    expect(interactions).toEqual([5, 5, 5]);
    await days(h, 7);
    expect(p.curator.last().text).toContain("пора записать мониторинг");
    await monitorNothingChanged(p.curator, "Закрыть: (б) изменила, проблемы устранены");
    expect(texts(p.curator).slice(-1)[0]).toContain(
      "⏹ Случай № 1/2026 закрыт: (б) изменила решение, проблемы устранены.",
    );
    expect(texts(p.head).at(-1)).toContain(
      "⏹ Случай № 1/2026 закрыт: (б) изменила решение, проблемы устранены",
    );

    const c = await db.case.findUniqueOrThrow({
      where: { id: caseId },
      include: { events: { orderBy: { id: "asc" } }, monitorings: true },
    });
    expect(c).toMatchObject({
      status: "closed",
      closeReason: "changed_resolved",
      nextDueAt: null,
      overdueSince: null,
    });
    expect(c.monitorings).toHaveLength(4);
    expect(replayCase(c.events)).toEqual({
      status: c.status,
      accompanimentAt: c.accompanimentAt,
      closedAt: c.closedAt,
      closeReason: c.closeReason,
      handedOverAt: c.handedOverAt,
    });
    expect(c.events.map((e) => e.type)).toEqual([
      "opened",
      "sheet_filled",
      "plan_made",
      "monitoring_recorded",
      "monitoring_recorded",
      "monitoring_recorded",
      "monitoring_recorded",
      "closed",
    ]);
    // Nothing was late, so the heads were never told of a missed monitoring; the limit never came.
    expect(texts(p.head).join("\n")).not.toMatch(/не записан|месяц работы/);
    await days(h, 5);
    expect(texts(p.head).join("\n")).not.toMatch(/месяц работы/);
  });

  it("the plan is reminded a day before it is due and reported to the heads when it is late", async () => {
    await openCaseThroughBot(h, p);
    await days(h, 2);
    expect(p.curator.last().text).toBe(
      "⏰ Случай № 1/2026: план по изменению решения нужно составить вместе с женщиной до 26.11.2026 12:00.",
    );
    expect(
      p.curator
        .last()
        .buttons.flat()
        .map((b) => b.text),
    ).toEqual(["🗂 Составить план"]);
    await days(h, 1);
    expect(p.head.last().text).toBe(
      "⚠ Случай № 1/2026: план по изменению решения не составлен, срок был 26.11.2026 12:00 (куратор Петрова А. С.).",
    );
    const c = await h.database.db.case.findFirstOrThrow();
    expect(c.overdueSince?.toISOString()).toBe("2026-11-26T09:00:00.000Z");
    // Made late: the case is no longer overdue.
    await p.curator.send("/case 1/2026");
    await makeDecisionPlan(p.curator);
    expect((await h.database.db.case.findFirstOrThrow()).overdueSince).toBeNull();
  });

  it("a missed monitoring escalates to the heads a day later; the curator can still record it", async () => {
    await openCaseThroughBot(h, p);
    await p.curator.send("/case 1/2026");
    await makeDecisionPlan(p.curator);
    await days(h, 7);
    expect(texts(p.head).join("\n")).not.toContain("не записан");
    await days(h, 1);
    for (const head of [p.head, p.head2]) {
      expect(head.last().text).toBe(
        "⚠ Случай № 1/2026: мониторинг за 30.11.2026 12:00 не записан (куратор Петрова А. С.).",
      );
    }
    expect(p.curator.last().text).toContain("мониторинг за 30.11.2026 12:00 не записан");
    // The head records it together with the curator (the standard: monitoring by both).
    await monitorNothingChanged(p.head);
    expect(texts(p.curator).at(-1)).toContain(
      "📋 Случай № 1/2026: мониторинг № 1 записан (Кузнецова М. П.).",
    );
    // What stays overdue is the first action (due 26.11, reported on the 27th), not the monitoring.
    expect(texts(p.head).join("\n")).toContain(
      "⚠ Случай № 1/2026: просрочено действие «Встреча с матерью женщины» (срок 26.11.2026, отвечает: Куратор).",
    );
    expect((await h.database.db.case.findFirstOrThrow()).overdueSince?.toISOString()).toBe(
      "2026-11-27T06:00:00.000Z",
    );
  });

  it("at the one-month limit asks the heads to close or extend; an extension is journaled with its reason", async () => {
    await openCaseThroughBot(h, p);
    await p.curator.send("/case 1/2026");
    await makeDecisionPlan(p.curator);
    for (let week = 0; week < 4; week++) {
      await days(h, 7);
      await monitorNothingChanged(p.curator);
    }
    await days(h, 2);
    expect(p.head.last().text).toBe(
      "⏰ Случай № 1/2026: месяц работы по изменению решения истёк (23.12.2026 12:00). Закройте случай, переведите на сопровождение или продлите этап с причиной.",
    );
    expect(
      p.head
        .last()
        .buttons.flat()
        .map((b) => b.text),
    ).toEqual(["⏹ Решение по случаю", "⏳ Продлить этап"]);
    expect(texts(p.curator).join("\n")).toContain("Решение о продлении или закрытии принимает руководитель.");
    await p.head.press("⏳ Продлить этап");
    await p.head.press("14 дней");
    await p.head.send("Ребёнку трудно подобрать семью, мама колеблется");
    await p.head.press("⏳ Продлить");
    expect(texts(p.head).join("\n")).toContain("⏳ Этап по случаю № 1/2026 продлён до 06.01.2027 12:00.");
    expect(p.head2.last().text).toBe(
      "⏳ Случай № 1/2026: этап продлён до 06.01.2027 12:00 (Кузнецова М. П.). Причина: Ребёнку трудно подобрать семью, мама колеблется",
    );
    const event = await h.database.db.caseEvent.findFirstOrThrow({ where: { type: "extended" } });
    expect(event.data).toMatchObject({ days: 14, reason: "Ребёнку трудно подобрать семью, мама колеблется" });
    // The old limit is not asked about again; the new one is.
    const before = texts(p.head).length;
    await days(h, 2);
    expect(texts(p.head).slice(before).join("\n")).not.toContain("месяц работы");
    await days(h, 12);
    expect(texts(p.head).join("\n")).toContain("месяц работы по изменению решения истёк (06.01.2027 12:00)");
  });

  it("a monitoring that asks for a correction opens the plan to change; the new version keeps the old one", async () => {
    const caseId = await openCaseThroughBot(h, p);
    await p.curator.send("/case 1/2026");
    await makeDecisionPlan(p.curator);
    await days(h, 7);
    await p.curator.press("📋 Мониторинг");
    await p.curator.press("Отметить по каждому действию");
    expect(p.curator.last().text).toContain("Действие 1 из 2: Встреча с матерью женщины (до 26.11.2026)");
    await p.curator.press("Выполнено");
    await p.curator.press("Не выполнено");
    await p.curator.press("Да");
    await p.curator.press("Продолжить работу");
    await p.curator.send("Соцзащита просит ещё документы");
    await p.curator.press("💾 Сохранить");
    expect(texts(p.curator).slice(-3).join("\n")).toContain("Скорректируйте план");
    expect(p.curator.last().text).toContain("Проверьте план:");
    await p.curator.press("✏ Изменить ответ");
    await p.curator.press("Действия");
    await p.curator.press("✏ 2");
    await p.curator.press("Срок");
    await p.curator.press("Через неделю");
    await p.curator.press("✅ Готово");
    await p.curator.press("💾 Сохранить план");
    const plans = await h.database.db.casePlan.findMany({
      where: { caseId },
      orderBy: { version: "asc" },
      include: { actions: { orderBy: { position: "asc" } } },
    });
    expect(plans.map((plan) => plan.version)).toEqual([1, 2]);
    // The same actions (keys), their status carried over, the deadline of the second moved.
    expect(plans[1]!.actions.map((a) => a.actionKey)).toEqual(plans[0]!.actions.map((a) => a.actionKey));
    expect(plans[1]!.actions.map((a) => a.status)).toEqual(["done", "not_done"]);
    expect(plans[0]!.actions[1]!.dueDate.toISOString().slice(0, 10)).toBe("2026-12-07");
    expect(plans[1]!.actions[1]!.dueDate.toISOString().slice(0, 10)).toBe("2026-12-07");
    const entry = await h.database.db.caseMonitoring.findFirstOrThrow();
    expect(plans[1]!.monitoringId).toBe(entry.id);
    expect(entry).toMatchObject({
      planCorrected: true,
      decision: "continue",
      note: "Соцзащита просит ещё документы",
    });
  });

  it("/case: a usage hint, a case that does not exist, and another curator's case all answer plainly", async () => {
    await openCaseThroughBot(h, p);
    const other = await h.person("curator", "Зайцева Ольга Игоревна");
    await p.curator.send("/case");
    expect(p.curator.last().text).toBe("Укажите номер случая, например: /case 17/2026");
    await p.curator.send("/case семнадцать");
    expect(p.curator.last().text).toBe("Укажите номер случая, например: /case 17/2026");
    await p.curator.send("/case 99");
    expect(p.curator.last().text).toBe("Случай № 99/2026 не найден.");
    await other.send("/case 1/2026");
    expect(other.last().text).toBe("Случай № 1/2026 не найден.");
    await p.reporter.send("/case 1/2026");
    expect(p.reporter.last().text).not.toContain("Случай № 1/2026");
    await p.curator.send("/case №1/2026");
    expect(p.curator.last().text).toContain("📁 Случай № 1/2026 (сигнал 1/2026)");
    expect(p.curator.last().text).toContain("Женщина: Иванова А. П.");
    expect(p.curator.last().text).toContain("Далее: план по изменению решения — до 26.11.2026 12:00");
    const audit = await h.database.db.auditEvent.findFirstOrThrow({ where: { action: "case.read" } });
    expect(audit.details).toMatchObject({ via: "chat" });
  });

  it("forged and foreign buttons change nothing: a reason of the other stage, another curator's case", async () => {
    const caseId = await openCaseThroughBot(h, p);
    const other = await h.person("curator", "Зайцева Ольга Игоревна");
    const { CLOSE, SHEET } = await import("../../src/cases/chat/kinds.ts");
    const c = await h.database.db.case.findUniqueOrThrow({ where: { id: caseId } });
    const press = async (userId: string, data: string, id: string) => {
      await h.deliver(userId, { kind: "callback", data, callbackQueryId: id });
      return h.messenger.callbackAnswers.find((a) => a.id === id);
    };
    const stageB = await press(
      p.curator.userId,
      CLOSE.data({ caseId, reason: "aa", version: c.version }),
      "f1",
    );
    expect(stageB?.text).toBe("Это решение не подходит для текущего этапа случая.");
    const foreign = await press(other.userId, SHEET.data({ caseId }), "f2");
    expect(foreign?.text).toBe("Этот случай ведёт другой куратор.");
    const headSheet = await press(p.head.userId, SHEET.data({ caseId }), "f3");
    expect(headSheet?.text).toBe("Это вам недоступно.");
    const garbage = await press(p.curator.userId, "cs:cl:not-an-id:aa:1", "f4");
    expect(garbage?.text).toBe("Эта кнопка уже не действует.");
    expect((await h.database.db.case.findUniqueOrThrow({ where: { id: caseId } })).status).toBe("open");
    expect(await h.database.db.caseSheet.count()).toBe(0);
  });
});
