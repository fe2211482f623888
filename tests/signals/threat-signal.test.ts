/**
 * A signal of a threat to a child's life or health (seed 003) through the chat: the reporter's own
 * intake (/threat), the heads' card with its mark, urgency "contact within 1 hour" with its
 * deadline and the overdue report to the heads, assignment and contact, then the safety and risk
 * assessment started from the curator's card, whose conclusion 3 opens a case.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  answerPlanning,
  answerRatings,
  answerSafety,
  openCaseByOutcome,
  team,
  type Team,
} from "../helpers/assessments.ts";
import { reportSignal } from "../helpers/signals.ts";
import { createHarness, type Harness, type HarnessPerson } from "../helpers/harness.ts";

/** The reporter's /threat dialogue, every answer given. */
export async function reportThreat(
  reporter: HarnessPerson,
  options: { family?: string } = {},
): Promise<void> {
  await reporter.send("/threat");
  await reporter.send("Тестов Пётр");
  await reporter.send("2");
  await reporter.send(options.family ?? "Тестова Анна Петровна");
  await reporter.send("г. Москва, ул. Тестовая, 5, кв. 12");
  await reporter.press("Неизвестно");
  await reporter.press("Ребёнок в семье");
  await reporter.send("Соседи слышат крики ребёнка по ночам, мать часто пьяна");
  await reporter.press("Соседи");
  await reporter.press("30 мин назад");
  await reporter.press("Пропустить");
  await reporter.press("📤 Отправить в Службу");
}

describe("a signal of a threat to a child", () => {
  let h: Harness;
  let t: Team;
  beforeEach(async () => {
    h = await createHarness();
    t = await team(h);
  });
  afterEach(async () => h.stop());

  it("intake → urgent (contact within 1 hour) → overdue report → contact → assessment → conclusion 3 opens a case", async () => {
    const { db } = h.database;
    const { reporter, head, head2, curator } = t;
    await reportThreat(reporter);
    expect(reporter.last().text).toContain(
      "✅ Сигнал об угрозе жизни или здоровью ребёнка передан в Службу.",
    );
    expect(reporter.last().text).toContain("Номер в журнале Службы: 1/2026");

    for (const person of [head, head2]) {
      const card = person.last();
      expect(card.text).toContain("⚠️ Новый сигнал 1/2026: угроза жизни или здоровью ребёнка");
      expect(card.text).toContain("Категория: Угроза жизни или здоровью ребёнка");
      expect(card.text).toContain(
        "Что известно об угрозе: Соседи слышат крики ребёнка по ночам, мать часто пьяна",
      );
      expect(card.text).not.toContain("Тестов");
      expect(card.buttons.flat().map((b) => b.text)).toEqual([
        "🔴 Срочно (контакт до 1 часа)",
        "🟢 Плановый",
      ]);
    }
    const stored = await db.signal.findFirstOrThrow();
    expect(stored).toMatchObject({
      kind: "child_threat",
      category: "child_threat",
      location: "child_with_family",
      womanFullName: "Тестова Анна Петровна",
      threat: {
        childName: "Тестов Пётр",
        childBirth: 2,
        threat: "Соседи слышат крики ребёнка по ночам, мать часто пьяна",
        source: "neighbours",
      },
    });

    await head.press("🔴 Срочно (контакт до 1 часа)");
    const received = stored.transmittedAt.getTime();
    const deadline = (await db.signal.findFirstOrThrow()).visitDeadline!;
    expect(deadline.getTime() - received).toBe(60 * 60_000);
    expect(head.last().text).toContain("🔴 Срочно — контакт с семьёй в течение 1 часа: до ");
    await head.press("Петрова А. С. — 0/9");
    expect(curator.last().text).toContain("Вам назначен сигнал 1/2026: угроза жизни или здоровью ребёнка");
    expect(curator.last().text).toContain("Ребёнок: Тестов Пётр");
    expect(curator.last().text).toContain("Мать, отец или законный представитель: Тестова Анна Петровна");
    await curator.press("✅ Принимаю");
    await curator.press("🚗 Выехал(а)");

    // The hour passes without contact: the heads and the curator are told.
    await h.advance(61);
    const hourPassed = (person: HarnessPerson) =>
      person.messages().filter((m) => m.text.startsWith("⏰ Срочный сигнал об угрозе ребёнку 1/2026"));
    expect(hourPassed(head).map((m) => m.text)).toEqual([
      "⏰ Срочный сигнал об угрозе ребёнку 1/2026: час на контакт с семьёй истёк в 23.11.2026 13:00; куратор Петрова А. С. не отметил(а) прибытие.",
    ]);
    expect(hourPassed(curator)).toHaveLength(1);
    const overdue = await db.signalEvent.findMany({ where: { type: "visit_overdue" } });
    expect(overdue).toHaveLength(1);

    await curator.press("📍 Прибыл(а)");
    expect(curator.last().text).toContain("После контакта с семьёй начните оценку безопасности и риска");
    await curator.press("🛡 Оценка безопасности и риска");
    const check = curator.messages().at(-2)!.text;
    expect(check).toContain("Сигнал 1/2026");
    expect(check).toContain("Прежних оценок безопасности и риска не было.");
    await answerPlanning(curator);
    await curator.press("🤝 Контакт с семьёй установлен");
    await curator.press("🛡 Оценка безопасности");
    await answerSafety(curator, []);
    await curator.press("⚖ Оценка риска");
    await answerRatings(curator, "hmmmmmmmmmmmmm");
    await curator.press("Высокий");
    await curator.press("Пропустить");
    await curator.press("🧾 Заключение");
    await curator.press("3 — есть основания, открыть случай");
    await curator.press("💾 Сохранить заключение");
    expect(curator.messages().at(-2)!.text).toContain("Открыт случай № 1/2026 (куратор Петрова А. С.).");

    const signal = await db.signal.findFirstOrThrow({ include: { case: true, assessments: true } });
    expect(signal.status).toBe("case_opened");
    expect(signal.case?.number).toBe("1/2026");
    expect(signal.assessments).toHaveLength(1);
    expect(signal.assessments[0]).toMatchObject({ origin: "signal", conclusion: 3, caseOpened: true });

    // Both journals and the signal's detail carry the kind.
    const api = await h.api();
    const service = await api.call(head.staffId, "GET", "/api/journals/service");
    expect(service.status).toBe(200);
    expect((service.body as { items: unknown[] }).items).toEqual([
      expect.objectContaining({
        number: "1/2026",
        kind: "child_threat",
        category: "child_threat",
        caseNumber: "1/2026",
      }),
    ]);
    const hospital = await api.call(reporter.staffId, "GET", "/api/journals/hospital");
    expect(hospital.status).toBe(200);
    expect((hospital.body as { items: unknown[] }).items).toEqual([
      expect.objectContaining({ number: "1/2026", kind: "child_threat" }),
    ]);
    // The effectiveness figures are the newborn standard's: the threat signal is not counted.
    const report = await api.call(
      head.staffId,
      "GET",
      "/api/reports/effectiveness?from=2026-07-01&to=2027-01-01",
    );
    expect(report.status).toBe(200);
    const figures = (report.body as { figures: { id: string; total: { numerator: number } }[] }).figures;
    expect(figures.find((f) => f.id === "signals_per_abandonment")!.total.numerator).toBe(0);
    const detail = await api.call(head.staffId, "GET", `/api/signals/${signal.id}`);
    expect(detail.body).toMatchObject({
      kind: "child_threat",
      threat: { childName: "Тестов Пётр", source: "neighbours" },
    });
  });
});

describe("the family's earlier signals on a threat signal", () => {
  let h: Harness;
  let t: Team;
  beforeEach(async () => {
    h = await createHarness();
    t = await team(h);
  });
  afterEach(async () => h.stop());

  it("the heads' card and the planning check show an earlier newborn signal about the mother, with its outcome", async () => {
    const { reporter, head, curator } = t;
    await reportSignal(reporter, { name: "Тестова Анна Петровна" });
    await head.press("🟢 Плановый");
    await head.press("Петрова А. С. — 0/9");
    await curator.press("✅ Принимаю");
    await curator.press("📍 Прибыл(а)");
    await openCaseByOutcome(curator);

    await reportThreat(reporter);
    expect(head.last().text).toContain("Ранее: сигнал 1/2026 — открыт случай № 1/2026");
    await head.press("🟢 Плановый");
    await head.press("Петрова А. С. — 1/9");
    await curator.press("✅ Принимаю");
    await curator.press("📍 Прибыл(а)");
    await curator.press("🛡 Оценка безопасности и риска");
    const check = curator.messages().at(-2)!.text;
    // A signal that has a case starts its assessment on the case; this one has none yet.
    expect(check).toContain("Сигнал 2/2026");
    expect(check).toContain("Прежние сигналы о ней: сигнал 1/2026 — открыт случай № 1/2026");
  });
});

describe("the threat intake refuses bad answers with a message and asks again", () => {
  let h: Harness;
  let t: Team;
  beforeEach(async () => {
    h = await createHarness();
    t = await team(h);
  });
  afterEach(async () => h.stop());

  it("a name without letters, an adult's age, a parent without a surname, a too short threat", async () => {
    const { reporter } = t;
    await reporter.send("/threat");
    await reporter.send("12345");
    expect(reporter.last().text).toContain("Напишите имя ребёнка буквами или нажмите «Неизвестно».");
    await reporter.press("Неизвестно");
    await reporter.send("25");
    expect(reporter.last().text).toContain("Дата рождения или возраст ребёнка?");
    await reporter.send("3");
    await reporter.send("Тестова");
    expect(reporter.last().text).toContain("Укажите хотя бы фамилию и имя.");
    await reporter.send("Тестова Анна");
    await reporter.press("Неизвестно");
    await reporter.press("Неизвестно");
    await reporter.press("Ребёнок в другом месте");
    await reporter.send("ой");
    expect(reporter.last().text).toContain("Что известно об угрозе?");
    await reporter.send("Ребёнок один дома третий день");
    expect(reporter.last().text).toContain("Кто сообщил об угрозе?");
    expect(await h.database.db.signal.count()).toBe(0);
  });
});
