/**
 * Correcting one rating after the ratings step (through the chat): the other ratings stay, the
 * correction is an event of its own (factor, from, to), and the overall level is cleared so the
 * specialist states it again — with the same three buttons, nothing marked.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  assessedWithoutThreats,
  answerAction,
  arrivedSignal,
  team,
  type Team,
} from "../helpers/assessments.ts";
import { createHarness, type Harness } from "../helpers/harness.ts";

describe("correcting one rating", () => {
  let h: Harness;
  let t: Team;
  beforeEach(async () => {
    h = await createHarness();
    t = await team(h);
  });
  afterEach(async () => h.stop());

  it("after the overall level: one factor changed, the level asked again, the rest kept", async () => {
    const { db } = h.database;
    await arrivedSignal(t);
    const { curator } = t;
    await assessedWithoutThreats(curator);
    expect(curator.last().text).toContain("Итоговый уровень риска: высокий");

    await curator.press("✏ Исправить одну оценку");
    const list = curator.last();
    expect(list.text).toBe("Какую оценку исправить? Остальные останутся как есть.");
    expect(list.buttons).toHaveLength(14);
    expect(list.buttons[0]!.map((b) => b.text)).toEqual(["1. Возраст — Высокий"]);
    await curator.press("1. Возраст — Высокий");
    expect(curator.last().text).toBe("Фактор 1. Возраст: сейчас — Высокий. Какой уровень риска верный?");
    expect(
      curator
        .last()
        .buttons.flat()
        .map((b) => b.text),
    ).toEqual(["Высокий", "Умеренный", "Низкий", "Нет информации"]);
    await curator.press("Низкий");
    expect(curator.messages().at(-2)!.text).toBe(
      "Оценка фактора 1 исправлена: Высокий → Низкий. Итоговый уровень риска укажите заново — он не переносится.",
    );
    const sideBySide = curator.last();
    expect(sideBySide.text).toContain("1. Возраст — Низкий");
    expect(sideBySide.text).toContain("2. ");
    expect(sideBySide.buttons[0]!.map((b) => b.text)).toEqual(["Высокий", "Умеренный", "Низкий"]);

    let stored = await db.assessment.findFirstOrThrow({ include: { events: { orderBy: { id: "asc" } } } });
    expect(stored).toMatchObject({ stage: "overall", overallLevel: null, overallReasoning: null });
    const ratings = stored.ratings as Record<string, string>;
    expect(ratings["1"]).toBe("low");
    expect(Object.values(ratings).filter((r) => r === "moderate")).toHaveLength(13);
    expect(stored.events.map((e) => e.type).slice(-3)).toEqual(["rated", "overall_set", "rating_corrected"]);
    expect(stored.events.at(-1)!.data).toEqual({ factor: "1", from: "high", to: "low" });
    expect(await db.auditEvent.count({ where: { action: "assessment.rating_corrected" } })).toBe(1);

    // The conclusion waits for the level; once stated again, the assessment goes on.
    await curator.press("Умеренный");
    await curator.press("Пропустить");
    stored = await db.assessment.findFirstOrThrow({ include: { events: true } });
    expect(stored).toMatchObject({ stage: "conclusion", overallLevel: "moderate" });
    await curator.press("🧾 Заключение");
    await curator.press("2 — нужны услуги, случай не открывать");
    expect(curator.last().text).toContain("услуги");
  });

  it("one threat answer corrected to present: the safety plan comes next, the ratings stay, the level is asked again", async () => {
    const { db } = h.database;
    await arrivedSignal(t);
    const { curator } = t;
    await assessedWithoutThreats(curator);

    await curator.press("✏ Исправить ответ об угрозе");
    const list = curator.last();
    expect(list.text).toBe("Какой ответ об угрозе исправить? Остальные останутся как есть.");
    expect(list.buttons).toHaveLength(15);
    expect(list.buttons[5]!.map((b) => b.text)).toEqual(["6. Опьянение угрожает ребёнку — Нет"]);
    await curator.press("6. Опьянение угрожает ребёнку — Нет");
    expect(curator.last().text).toContain("Угроза 6 из 15.");
    expect(curator.last().text).toContain("Сейчас: Нет.");
    await curator.press("Исправить на «Да»");
    expect(curator.messages().at(-2)!.text).toBe(
      "Ответ об угрозе 6 исправлен: теперь «Да».\nВыявлена непосредственная угроза — нужен план безопасности. Составьте его; оценки факторов сохранены.",
    );
    let stored = await db.assessment.findFirstOrThrow({ include: { events: { orderBy: { id: "asc" } } } });
    expect(stored).toMatchObject({ stage: "safety_plan", planRequired: true, overallLevel: null });
    expect(stored.events.at(-1)).toMatchObject({
      type: "threat_corrected",
      data: { threat: "t06_intoxication", present: true, planRequired: true },
    });

    await curator.press("📋 План безопасности");
    await curator.press("План мероприятий в семье");
    await answerAction(curator, {
      text: "Мать не остаётся с ребёнком одна в нетрезвом виде",
      due: "Завтра",
      responsible: "Бабушка",
      monitoring: "Ежедневный звонок специалиста",
    });
    await curator.press("✅ План готов");
    // The ratings were kept: the overall level is asked again, not the ratings.
    expect(curator.last().buttons[0]!.map((b) => b.text)).toEqual(["Высокий", "Умеренный", "Низкий"]);
    stored = await db.assessment.findFirstOrThrow({ include: { events: true } });
    expect(stored.stage).toBe("overall");
    expect((stored.ratings as Record<string, string>)["1"]).toBe("high");
    await curator.press("Высокий");
    await curator.press("Пропустить");
    stored = await db.assessment.findFirstOrThrow({ include: { events: true } });
    expect(stored).toMatchObject({ stage: "conclusion", overallLevel: "high" });
  });
});
