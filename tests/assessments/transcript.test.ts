/**
 * Whole assessments through the chat (in-process harness, controlled clock): from a signal with
 * threats, a safety plan, ratings, an overall level below the highest factor with its reasoning,
 * conclusion 3 opening a case, the hand-over with the form and the head's review; and from a case
 * with no threat and conclusion 1.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { pdfText } from "../../src/platform/documents/pdf-text.ts";
import { replayJournal } from "../../src/signals/domain/lifecycle.ts";
import { latestCompletedAssessment } from "../../src/assessments/queries/latest.ts";
import { createHarness, type Harness } from "../helpers/harness.ts";
import {
  answerAction,
  answerPlanning,
  answerRatings,
  answerSafety,
  arrivedSignal,
  openCaseByOutcome,
  team,
  type Team,
} from "../helpers/assessments.ts";
import { reportSignal } from "../helpers/signals.ts";

describe("a child safety and risk assessment in the chat", () => {
  let h: Harness;
  let t: Team;
  beforeEach(async () => {
    h = await createHarness();
    t = await team(h);
  });
  afterEach(async () => h.stop());

  it("from a signal: threats → safety plan → ratings → overall level with reasoning → conclusion 3 → case opened → hand-over → review", async () => {
    const { db } = h.database;
    // An earlier signal about the same woman: the planning check must show it first.
    await reportSignal(t.reporter);
    await arrivedSignal(t);
    const { curator, head, head2 } = t;

    await curator.send("/assess");
    expect(curator.last().text).toBe("Оценка безопасности и риска: выберите случай или сигнал.");
    expect(
      curator
        .last()
        .buttons.flat()
        .map((b) => b.text),
    ).toEqual(["🛡 Сигнал 2/2026"]);
    await curator.press("🛡 Сигнал 2/2026");
    const check = curator.messages().at(-2)!.text;
    expect(check).toBe(
      [
        "Оценка безопасности и риска № 1/2026",
        "Сигнал 2/2026",
        "Планирование (не более 20 минут). Сначала — что уже известно о семье:",
        "• Прежние сигналы о ней: сигнал 1/2026 — ожидает назначения.",
        "• Прежних оценок безопасности и риска не было.",
        "Ответьте на вопросы планирования.",
      ].join("\n"),
    );
    expect(curator.last().text).toContain("Ребёнок: фамилия, имя, отчество?");

    await h.advance(12);
    await answerPlanning(curator);
    let card = curator.last().text;
    expect(card).toContain("Ребёнок: до 2 лет — крайне уязвим(а)");
    expect(card).toContain("Срочность: Немедленно: выезд в течение часа");
    expect(card).toContain("Контакт с семьёй — до 23.11.2026 13:12");
    expect(card).toContain("✓ планирование: 12 минут (норма 20 минут)");
    expect(card).not.toContain("Иванов"); // no names of the family in cards

    await h.advance(40);
    await curator.press("🤝 Контакт с семьёй установлен");
    expect(curator.last().text).toContain("✓ контакт при срочности: 40 минут (норма 1 ч)");
    await h.advance(20);
    await curator.press("🛡 Оценка безопасности");
    expect(curator.last().text).toContain("Угроза 1 из 15. Ребёнок получил серьёзную физическую травму?");
    await curator.press("ℹ️ Пояснение");
    const info = curator.last().text;
    expect(info.startsWith("«Ребенок получил серьезную физическую травму».")).toBe(true);
    expect(info).toContain("двумя критериями: способностью причинить ребёнку серьёзный вред");
    expect(info).toContain("Угроза 1 из 15."); // the same question again, under the explanation
    await answerSafety(curator, [6, 9]);
    card = curator.messages().at(-2)!.text;
    expect(card).toContain("Выявлены 2 непосредственные угрозы — нужен план безопасности.");
    expect(curator.last().text).toContain("Как будет защищён ребёнок?");

    await curator.press("План мероприятий в семье");
    expect(curator.messages().at(-2)!.text).toContain(
      "Угрозы: Опьянение угрожает ребёнку, Семейное насилие.",
    );
    await answerAction(curator, {
      text: "Отец не остаётся с ребёнком наедине",
      due: "Завтра",
      responsible: "Мать; бабушка Сидорова М. И.",
      monitoring: "Ежедневный звонок специалиста матери в 10:00",
    });
    expect(curator.messages().at(-2)!.text).toBe("Мероприятие 1 добавлено в план.");
    await curator.press("➕ Добавить мероприятие");
    await answerAction(curator, {
      text: "Консультация нарколога для отца",
      due: "01.11",
      responsible: "Отец",
      monitoring: "Справка о приёме, повторный визит специалиста",
    });
    // A past day: the action is not lost, only its deadline is asked again.
    expect(curator.messages().at(-2)!.text).toBe(
      "Этот срок уже прошёл — укажите сегодняшний или более поздний день.\nУкажите срок ещё раз.",
    );
    expect(curator.last().text).toContain("Срок выполнения?");
    await curator.send("25.11");
    const plan = curator.last().text;
    expect(plan).toContain(
      "1. Отец не остаётся с ребёнком наедине — до 24.11.2026; отвечает: Мать; бабушка Сидорова М. И.; контроль: Ежедневный звонок специалиста матери в 10:00",
    );
    expect(plan).toContain("2. Консультация нарколога для отца — до 25.11.2026; отвечает: Отец;");
    await h.advance(60);
    await curator.press("✅ План готов");
    card = curator.last().text;
    expect(card).toContain("План безопасности: 2 мероприятия.");
    expect(card).toContain("✓ контакт и оценка безопасности: 1 ч 20 мин (норма 2 ч 20 мин)");

    await h.advance(45);
    await curator.press("⚖ Оценка риска");
    expect(curator.last().text).toContain("Фактор 1 из 10. Возраст ребёнка — уровень риска?");
    await answerRatings(curator, "hmhmlmmhnlhllm");
    const sideBySide = curator.last();
    expect(sideBySide.text).toContain("1. Возраст — Высокий");
    expect(sideBySide.text).toContain("6.2. Заболевания, влияющие на поведение родителей — Нет информации");
    expect(sideBySide.text).toContain(
      "По уровням: высокий — 1, 3.1, 6.1, 7; умеренный — 2, 3.2, 4, 5, 10; низкий — 3.3, 6.3, 8, 9; нет информации — 6.2.",
    );
    expect(sideBySide.buttons.map((row) => row.map((b) => b.text))).toEqual([
      ["Высокий", "Умеренный", "Низкий"],
      ["ℹ️ Уровни риска"],
      ["✏ Изменить оценки факторов", "✏ Исправить одну оценку"],
      ["✏ Исправить ответ об угрозе"],
    ]);

    await curator.press("Умеренный");
    expect(curator.messages().at(-2)!.text).toBe(
      "Вы выбрали уровень «умеренный», а факторы 1, 3.1, 6.1, 7 оценены выше. Это возможно (например, сильный нейтрализующий фактор), но нужно письменное обоснование.",
    );
    expect(curator.last().text).toContain("Обоснуйте, почему итоговый уровень ниже оценки этих факторов:");
    expect(
      curator
        .last()
        .buttons.flat()
        .map((b) => b.text),
    ).not.toContain("Пропустить");
    await curator.send("Отец выехал");
    expect(curator.last().text).toContain("Слишком короткий ответ.");
    await curator.send(
      "Отец выехал из квартиры и живёт отдельно; бабушка постоянно с ребёнком, мать выполняет план безопасности.",
    );
    card = curator.last().text;
    expect(card).toContain("Итоговый уровень риска: умеренный");

    await curator.press("🧾 Заключение");
    await curator.press("3 — есть основания, открыть случай");
    await curator.press("💾 Сохранить заключение");
    expect(curator.messages().at(-2)!.text).toBe(
      "Заключение сохранено. Открыт случай № 1/2026 (куратор Петрова А. С.).\nПередайте форму в орган опеки (норма — 7 минут).",
    );
    card = curator.last().text;
    expect(card).toContain("Заключение: 3: обоснованные предположения о нарушении прав, открыть случай");
    expect(card).toContain("Открыт случай № 1/2026.");
    expect(card).toContain("✓ сбор информации и оценка риска: 45 минут (норма 1 ч 40 мин)");
    for (const person of [head, head2]) {
      const texts = person.messages().map((m) => m.text);
      expect(texts).toContain("По сигналу 2/2026 открыт случай № 1/2026 (куратор Петрова А. С.).");
      const notice = person.last();
      expect(notice.text).toBe(
        "🧾 Оценка № 1/2026 (Случай № 1/2026 (сигнал 2/2026)) завершена: 3: обоснованные предположения о нарушении прав, открыть случай; итоговый риск — умеренный. Специалист: Петрова А. С.",
      );
      expect(notice.buttons.flat().map((b) => b.text)).toEqual(["📄 Форма (PDF)", "🔍 Отметить супервизию"]);
    }

    // The case was opened by the cases' action, and the signal decided by its own events.
    const signal = await db.signal.findFirstOrThrow({
      where: { serviceNumber: 2 },
      include: { events: { orderBy: { id: "asc" } }, case: true },
    });
    expect(signal.status).toBe("case_opened");
    expect(signal.case).toMatchObject({ number: "1/2026", curatorId: curator.staffId, status: "open" });
    expect(signal.events.slice(-2).map((e) => e.type)).toEqual(["outcome", "case_opened"]);
    expect(replayJournal(signal.events)).toMatchObject({
      status: "case_opened",
      decidedAt: signal.decidedAt,
    });
    const assessment = await db.assessment.findFirstOrThrow({
      include: { events: { orderBy: { id: "asc" } } },
    });
    expect(assessment).toMatchObject({
      status: "completed",
      stage: "handover",
      caseId: signal.case!.id,
      caseOpened: true,
      conclusion: 3,
      overallLevel: "moderate",
      planRequired: true,
    });
    expect(await latestCompletedAssessment(db, signal.case!.id)).toMatchObject({
      number: "1/2026",
      conclusion: 3,
      overallLevel: "moderate",
      threatsFound: true,
      handedOverAt: null,
    });

    await h.advance(5);
    await curator.press("📤 Передать в орган опеки");
    await curator.send("Отдел опеки и попечительства Центрального района, opeka@example.ru");
    await curator.press("Электронной почтой");
    await curator.press("📤 Записать передачу");
    const handedOver = curator.messages().slice(-3);
    expect(handedOver[0]!.text).toBe("Передача в орган опеки записана: 23.11.2026 15:02. Форма — ниже.");
    expect(handedOver[1]!.text).toBe("[Форма оценки 1-2026.pdf] Форма оценки № 1/2026");
    expect(handedOver[2]!.text).toContain("✓ передача в орган опеки: 5 минут (норма 7 минут)");
    expect(head.last().text).toBe(
      "📤 Оценка № 1/2026 (Случай № 1/2026 (сигнал 2/2026)): форма передана в орган опеки 23.11.2026 15:02.",
    );
    const form = h.messenger.files.get("Форма оценки 1-2026.pdf")!;
    if (process.env.DUMP_FORM) (await import("node:fs")).writeFileSync(process.env.DUMP_FORM, form);
    const text = (await pdfText(form)).join("\n").replace(/\s+/g, " ");
    expect(text).toContain("ФОРМА ОЦЕНКИ БЕЗОПАСНОСТИ И ОЦЕНКИ РИСКА ЖЕСТОКОГО ОБРАЩЕНИЯ С РЕБЕНКОМ");
    expect(text).toContain("Иванов Пётр Алексеевич, 20.11.2026 г.р.");
    expect(text).toContain("выявлены и составлен план безопасности");
    const stored = await db.assessment.findFirstOrThrow();
    expect(stored.handoverFileId).not.toBeNull();
    const file = await db.storedFile.findUniqueOrThrow({ where: { id: stored.handoverFileId! } });
    expect(file).toMatchObject({
      purpose: "assessment_form",
      contentType: "application/pdf",
      deleteAfter: null,
    });

    // The head's supervisor review, from the notice.
    await head.press("🔍 Отметить супервизию");
    await head.send("Сроки регламента соблюдены; план безопасности детализирован, контроль назначен.");
    expect(head.last().text).toBe("Супервизия оценки № 1/2026 отмечена.");
    expect(curator.last().text).toBe(
      "🔍 Кузнецова М. П. отметил(а) супервизию оценки № 1/2026: Сроки регламента соблюдены; план безопасности детализирован, контроль назначен.",
    );

    const final = await db.assessment.findFirstOrThrow({ include: { events: { orderBy: { id: "asc" } } } });
    expect(final.events.map((e) => e.type)).toEqual([
      "started",
      "planned",
      "contact_made",
      "safety_recorded",
      "plan_started",
      "plan_action_added",
      "plan_action_added",
      "plan_completed",
      "rated",
      "overall_set",
      "concluded",
      "handed_over",
      "reviewed",
    ]);
    expect(final.events.find((e) => e.type === "overall_set")?.data).toEqual({
      level: "moderate",
      above: ["1", "3.1", "6.1", "7"],
      reasoned: true,
    });
    // Events carry no personal data or free text.
    const serialized = JSON.stringify(final.events.map((e) => e.data));
    for (const personal of ["Иванов", "Отец", "бабушка", "Сидорова", "опеки"])
      expect(serialized).not.toContain(personal);
    const audit = await db.auditEvent.findMany({
      where: { subjectType: "assessment" },
      orderBy: { id: "asc" },
    });
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        "assessment.started",
        "assessment.planned",
        "assessment.concluded",
        "assessment.handed_over",
        "assessment.reviewed",
      ]),
    );
  });

  it("from a case: no threat and conclusion 1 — recorded in the case, no case opened, no plan", async () => {
    const { db } = h.database;
    await arrivedSignal(t);
    await openCaseByOutcome(t.curator);
    const { curator } = t;
    await curator.send("/assess 1/2026");
    expect(curator.messages().at(-2)!.text).toContain("Случай № 1/2026 (сигнал 1/2026)");
    await answerPlanning(curator, { urgency: "planned" });
    expect(curator.last().text).toContain("Срочность: Планово: время визита согласуется с семьёй");
    expect(curator.last().text).not.toContain("Контакт с семьёй — до");
    await curator.press("🤝 Контакт с семьёй установлен");
    await curator.press("🛡 Оценка безопасности");
    await answerSafety(curator, []);
    const card = curator.last();
    expect(card.text).toContain("Непосредственных угроз не выявлено.");
    expect(card.buttons.flat().map((b) => b.text)).toEqual(["⚖ Оценка риска", "✖ Отменить оценку"]);
    await curator.press("⚖ Оценка риска");
    await answerRatings(curator, "llllllllllllll");
    await curator.press("Низкий");
    expect(curator.last().text).toContain("Обоснование итогового уровня");
    await curator.press("Пропустить");
    await curator.press("🧾 Заключение");
    await curator.press("1 — не подтвердился, случай не открывать");
    await curator.press("💾 Сохранить заключение");
    expect(curator.messages().at(-2)!.text).toBe(
      "Заключение сохранено: случай не открывается.\nПередайте форму в орган опеки (норма — 7 минут).",
    );
    expect(await db.case.count()).toBe(1);
    const assessment = await db.assessment.findFirstOrThrow({ include: { case: true } });
    expect(assessment).toMatchObject({
      origin: "case",
      conclusion: 1,
      caseOpened: false,
      planRequired: false,
      overallLevel: "low",
      overallReasoning: null,
    });
    expect(assessment.case?.number).toBe("1/2026");
    expect(await db.safetyPlanAction.count()).toBe(0);
  });

  it("from a case: conclusion 3 is recorded in that case; a second /assess shows the one in progress", async () => {
    const { db } = h.database;
    await arrivedSignal(t);
    await openCaseByOutcome(t.curator);
    const { curator } = t;
    await curator.send("/assess № 1/2026");
    await answerPlanning(curator);
    await curator.send("/assess 1/2026");
    expect(curator.last().text).toContain("Оценка безопасности и риска № 1/2026");
    expect(curator.last().text).toContain("Дальше: контакт с семьёй.");
    expect(await db.assessment.count()).toBe(1);
    await curator.press("🤝 Контакт с семьёй установлен");
    await curator.press("🛡 Оценка безопасности");
    await answerSafety(curator, [12]);
    await curator.press("Безопасное размещение вне семьи");
    await curator.send("У бабушки, Сидоровой М. И., с 23.11; согласовано с органом опеки");
    expect(curator.last().text).toContain("Безопасное размещение вне семьи: У бабушки");
    await curator.press("✅ План готов");
    await curator.press("⚖ Оценка риска");
    await answerRatings(curator, "hhhhhhhhhhhhhh");
    await curator.press("Высокий");
    await curator.send("Все факторы высокого риска, ребёнок размещён вне семьи.");
    await curator.press("🧾 Заключение");
    await curator.press("4 — нарушение или опасность, открыть случай");
    await curator.press("💾 Сохранить заключение");
    expect(curator.messages().at(-2)!.text).toContain("Заключение сохранено в случае № 1/2026.");
    expect(await db.case.count()).toBe(1);
    expect(await db.assessment.findFirstOrThrow()).toMatchObject({
      conclusion: 4,
      caseOpened: false,
      planKind: "placement",
    });
  });

  it("varying the ratings: the same three levels offered, none pre-selected, nothing stored until the specialist chooses", async () => {
    const { db } = h.database;
    await arrivedSignal(t);
    const { curator } = t;
    await curator.send("/assess");
    await curator.press("🛡 Сигнал 1/2026");
    await answerPlanning(curator);
    await curator.press("🤝 Контакт с семьёй установлен");
    await curator.press("🛡 Оценка безопасности");
    await answerSafety(curator, []);
    await curator.press("⚖ Оценка риска");
    const offered = new Set<string>();
    for (const ratings of ["hhhhhhhhhhhhhh", "llllllllllllll", "mmmmmmmmnmmmmm", "hlhlhlhlhlhlhl"]) {
      await answerRatings(curator, ratings);
      const view = curator.last();
      offered.add(JSON.stringify(view.buttons.map((row) => row.map((b) => b.text))));
      expect(view.text).not.toMatch(/Итоговый уровень риска|рекоменд|✓|☑|●/);
      const stored = await db.assessment.findFirstOrThrow();
      expect(stored).toMatchObject({ stage: "overall", overallLevel: null, overallReasoning: null });
      await curator.press("✏ Изменить оценки факторов");
    }
    expect([...offered]).toEqual([
      JSON.stringify([
        ["Высокий", "Умеренный", "Низкий"],
        ["ℹ️ Уровни риска"],
        ["✏ Изменить оценки факторов", "✏ Исправить одну оценку"],
        ["✏ Исправить ответ об угрозе"],
      ]),
    ]);
    // All factors high, the specialist judges the overall risk low (with a reasoning): stored as chosen.
    await answerRatings(curator, "hhhhhhhhhhhhhh");
    await curator.press("Низкий");
    await curator.send(
      "Семья переехала к бабушке, отец лишён доступа к ребёнку решением суда; риск контролируется.",
    );
    expect(await db.assessment.findFirstOrThrow()).toMatchObject({
      stage: "conclusion",
      overallLevel: "low",
    });
    // Revising the ratings clears the stated level: it is stated again, never carried over or derived.
    await curator.press("✏ Изменить оценки факторов");
    await answerRatings(curator, "llllllllllllll");
    expect(await db.assessment.findFirstOrThrow()).toMatchObject({
      stage: "overall",
      overallLevel: null,
      overallReasoning: null,
    });
  });

  it("a signal whose arrival is not recorded: conclusion 3 is refused with what to do, then opens the case", async () => {
    const { db } = h.database;
    const { curator, head } = t;
    await reportSignal(t.reporter);
    await head.press("🔴 Срочно (до 3 часов)");
    await head.press("Петрова А. С. — 0/9");
    await curator.press("✅ Принимаю");
    await curator.send("/assess");
    await curator.press("🛡 Сигнал 1/2026");
    await answerPlanning(curator, { urgency: "planned" });
    await curator.press("🤝 Контакт с семьёй установлен");
    await curator.press("🛡 Оценка безопасности");
    await answerSafety(curator, []);
    await curator.press("⚖ Оценка риска");
    await answerRatings(curator, "mmmmmmmmmmmmmm");
    await curator.press("Умеренный");
    await curator.press("Пропустить");
    await curator.press("🧾 Заключение");
    await curator.press("3 — есть основания, открыть случай");
    await curator.press("💾 Сохранить заключение");
    expect(curator.last().text).toBe(
      "По сигналу 1/2026 не отмечено прибытие: отметьте «📍 Прибыл(а)» на карточке сигнала, затем сохраните заключение ещё раз.",
    );
    expect(await db.case.count()).toBe(0);
    expect(await db.assessment.findFirstOrThrow()).toMatchObject({ stage: "conclusion", conclusion: null });
    await curator.press("📍 Прибыл(а)");
    await curator.send("/assess");
    await curator.press("▶ Оценка № 1/2026 — заключение");
    await curator.press("🧾 Заключение");
    await curator.press("3 — есть основания, открыть случай");
    await curator.press("💾 Сохранить заключение");
    expect(curator.messages().at(-2)!.text).toContain("Открыт случай № 1/2026 (куратор Петрова А. С.).");
    expect(await db.signal.findFirstOrThrow()).toMatchObject({ status: "case_opened" });
  });
});
