/**
 * The Appendix 2 form as a PDF: its text read back (the safety result, the plan table, the factor
 * table, the overall level with its reasoning, the conclusion, signatures, the date), and the chosen
 * column of each factor marked in the table, "no information" shown as such.
 */
import { describe, expect, it } from "vitest";
import type { TableCell } from "pdfmake/interfaces.js";
import { assessmentForm } from "../../src/assessments/documents/form.ts";
import { RISK_FACTORS } from "../../src/assessments/domain/checklist.ts";
import { renderPdf } from "../../src/platform/documents/pdf.ts";
import { pdfText } from "../../src/platform/documents/pdf-text.ts";
import { assessmentView, ratings } from "./fixture.ts";

const now = new Date("2026-11-23T12:00:00Z");

/** The factor table's body of a form definition. */
function factorTable(doc: ReturnType<typeof assessmentForm>): TableCell[][] {
  const tables = (doc.content as { table?: { body: TableCell[][] } }[]).filter((c) => c.table);
  return tables.at(-1)!.table!.body;
}

const cellText = (cell: TableCell) =>
  typeof cell === "object" && cell && "text" in cell && typeof cell.text === "string" ? cell.text : "";

describe("the assessment form (Appendix 2)", () => {
  it("reads back with the form's sections, the plan, the ratings, the overall level and the signatures", async () => {
    const pages = await pdfText(await renderPdf(assessmentForm(assessmentView(), now)));
    const text = pages.join("\n").replace(/\s+/g, " ");
    const lines = [
      "ФОРМА ОЦЕНКИ БЕЗОПАСНОСТИ И ОЦЕНКИ РИСКА ЖЕСТОКОГО ОБРАЩЕНИЯ С РЕБЕНКОМ",
      "Заполняется в соответствии с «Методическим руководством по заполнению формы оценки безопасности и оценки риска»",
      "Оценка № 1/2026 · Случай № 1/2026 · специалист Петрова Анна Сергеевна",
      "Оценка безопасности нахождения ребенка в семье",
      "Во время проведения обследования семьи непосредственные угрозы для жизни, здоровья, развития ребенка Тестов Пётр Алексеевич, 20.11.2026 г.р. (Ф.И.О., г.р.) выявлены и составлен план безопасности",
      "План обеспечения безопасности ребенка",
      "Ф.И.О., г.р. ребенка Тестов Пётр Алексеевич, 20.11.2026 г.р.",
      "Домашний адрес г. Москва, ул. Тестовая, 1",
      "Ф.И.О., год рождения родителей или иных законных представителей ребенка Тестова Анна Петровна, 1995 г.р.",
      "Краткое описание факта(ов) нарушения прав и законных интересов ребенка, в том числе жестокого обращения с ним Соседи сообщили о криках ребёнка по ночам",
      "Выявленные непосредственные угрозы для безопасности ребенка",
      "в состоянии опьянения несет угрозу жизни ребенка, может нанести серьезный вред его здоровью",
      "Возраст ребенка: до 2 лет — крайне уязвим(а).",
      "Уязвимость ребенка: Младший возраст или невысокий уровень развития.",
      "История семьи: Ранее семья в поле зрения органов не попадала",
      "Факторы, способствующие снижению риска жестокого обращения с ребенком в семье",
      "Тётя живёт рядом и заходит каждый день",
      "План мероприятий по обеспечению безопасности ребенка Тестов Пётр Алексеевич, 3 дня (Ф.И.О., возраст ребенка)",
      "№ Мероприятие по обеспечению безопасности ребенка Срок выполнения Ответственный Подпись",
      "1 Отец не остаётся с ребёнком наедине Контроль: Ежедневный звонок специалиста в 10:00 24.11.2026 Мать",
      "Подписи сторон Специалист ____________________ Родитель(и) ____________________ Дата 23.11.2026",
      "Оценка риска жестокого обращения с ребенком",
      "Факторы Риск Высокий Умеренный Низкий",
      "6.2. Заболевания, влияющие на поведение родителей (нет информации)",
      "Итоговая оценка риска жестокого обращения Ребенка Тестов Пётр Алексеевич, 20.11.2026 г.р.",
      "Итоговый уровень риска: умеренный. Обоснование: Отец выехал, бабушка постоянно с ребёнком",
      "Заключение (рекомендация органу опеки и попечительства) 3. Есть обоснованные предположения",
      "Случай необходимо открыть. Открыт случай № 1/2026.",
      "Подпись специалиста(ов) ____________________ (Петрова Анна Сергеевна)",
      "Дата 23.11.2026",
    ];
    for (const line of lines) expect(text).toContain(line);
    // Page numbers; Cyrillic text embedded (read back as text, not shapes).
    expect(pages.at(-1)).toContain(`${pages.length} / ${pages.length}`);
  });

  it("marks the chosen column of each factor and nothing for 'no information' or a heading", () => {
    const code = "hmhmlmmhnlhllm";
    const body = factorTable(assessmentForm(assessmentView({ ratings: ratings(code) }), now));
    const rows = body.slice(2);
    expect(rows).toHaveLength(16); // ten factors, two headings, six sub-factors
    const marks = rows.map((row) => row.slice(2).map(cellText).join("|"));
    const expected: Record<string, string> = { h: "X||", m: "|X|", l: "||X", n: "||" };
    const rated = rows.flatMap((row, i) => (i === 2 || i === 8 ? [] : [marks[i]]));
    expect(rated).toEqual([...code].map((c) => expected[c]));
    expect([marks[2], marks[8]]).toEqual(["||", "||"]); // 3 and 6 are headings
    expect(RISK_FACTORS).toHaveLength(rated.length);
  });

  it("without threats says so, has no plan table, and still identifies the child and the family", async () => {
    const view = assessmentView({
      safety: {
        threats: {},
        vulnerability: { values: ["none"], texts: {} },
        protective: { values: ["none"], texts: {} },
      },
      planRequired: false,
      planKind: null,
      actions: [],
      conclusion: 1,
      caseOpened: false,
      overallReasoning: null,
      overallLevel: "low",
      childFullName: null,
      parentsFromSignal: false,
      parentsText: "Тестова Анна Петровна, 1995; Тестов Алексей Иванович, 1990",
    });
    const text = (await pdfText(await renderPdf(assessmentForm(view, now)))).join("\n").replace(/\s+/g, " ");
    expect(text).toContain("ребенка имя ещё не дано, 20.11.2026 г.р. (Ф.И.О., г.р.) не выявлены");
    expect(text).toContain(
      "План обеспечения безопасности не составлялся: непосредственные угрозы не выявлены.",
    );
    expect(text).not.toContain("Мероприятие по обеспечению безопасности ребенка Срок выполнения");
    expect(text).toContain("Тестова Анна Петровна, 1995; Тестов Алексей Иванович, 1990");
    expect(text).toContain("Итоговый уровень риска: низкий. Обоснование: —");
    expect(text).toContain("1. Сигнал о нарушении прав и интересов ребенка не подтверждается");
    expect(text).not.toContain("Открыт случай");
  });

  it("a form made after the hand-over records it and the authority's confirmation of receipt", async () => {
    const read = async (overrides: Parameters<typeof assessmentView>[0]) =>
      (await pdfText(await renderPdf(assessmentForm(assessmentView(overrides), now))))
        .join("\n")
        .replace(/\s+/g, " ");
    expect(await read({})).not.toContain("Передано в орган опеки");
    const handedOver = {
      stage: "done" as const,
      handedOverAt: new Date("2026-11-23T12:02:00Z"),
      handoverRecipient: "Отдел опеки Центрального района",
    };
    const waiting = await read(handedOver);
    expect(waiting).toContain(
      "Передано в орган опеки и попечительства: 23.11.2026 15:02, Отдел опеки Центрального района.",
    );
    expect(waiting).toContain("Получение органом опеки пока не подтверждено.");
    const confirmed = await read({
      ...handedOver,
      acknowledgedAt: new Date("2026-11-24T07:30:00Z"),
      acknowledgedByName: "Соколова Е. В., ведущий специалист",
    });
    expect(confirmed).toContain(
      "Получение подтверждено: 24.11.2026 10:30, Соколова Е. В., ведущий специалист.",
    );
  });
});
