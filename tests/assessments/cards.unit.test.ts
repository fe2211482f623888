/**
 * The assessment messages as pure rendering: every button on every stage's card is one the registry
 * knows and fits a messenger's limit; the texts render in both languages; the side-by-side view of
 * the ratings offers the same three levels, none marked, whatever the ratings.
 */
import { describe, expect, it } from "vitest";
import { createChatApp, createProductTranslator } from "../../src/app/areas.ts";
import { STAGES, type Stage } from "../../src/assessments/domain/rules.ts";
import {
  assessmentCard,
  planMessage,
  planningCheckMessage,
  sideBySideMessage,
} from "../../src/assessments/chat/cards.ts";
import type { ChatMessage } from "../../src/platform/chat/app.ts";
import { MAX_CALLBACK_BYTES } from "../../src/platform/flow/buttons.ts";
import { assessmentView, ratings } from "./fixture.ts";

const translator = createProductTranslator((locale, key) => {
  throw new Error(`missing text ${key} in ${locale}`);
});
const app = createChatApp();
const NOW = new Date("2026-11-23T12:00:00Z");

function render(message: ChatMessage, locale: "ru" | "en" = "ru"): { text: string; buttons: string[][] } {
  for (const row of message.buttons ?? []) {
    for (const b of row) {
      expect(app.buttons.resolve(b.data), b.data).not.toBeNull();
      expect(Buffer.byteLength(b.data)).toBeLessThanOrEqual(MAX_CALLBACK_BYTES);
    }
  }
  return {
    text: translator.renderAll(message.texts, locale, "Europe/Moscow"),
    buttons: (message.buttons ?? []).map((row) =>
      row.map((b) => translator.render(b.text, locale, "Europe/Moscow")),
    ),
  };
}

describe("assessment cards", () => {
  it.each(STAGES.map((s) => [s] as [Stage]))(
    "the card at %s renders, with buttons the registry knows",
    (stage) => {
      const view = assessmentView({
        stage,
        status: stage === "handover" || stage === "done" ? "completed" : "in_progress",
      });
      for (const locale of ["ru", "en"] as const) render(assessmentCard(view, NOW), locale);
      const next: Record<Stage, string> = {
        planning: "📝 Планирование",
        contact: "🤝 Контакт с семьёй установлен",
        safety: "🛡 Оценка безопасности",
        safety_plan: "➕ Добавить мероприятие",
        risk: "⚖ Оценка риска",
        overall: "Умеренный",
        conclusion: "🧾 Заключение",
        handover: "📤 Передать в орган опеки",
        done: "📄 Форма (PDF)",
      };
      expect(render(assessmentCard(view, NOW)).buttons.flat()).toContain(next[stage]);
    },
  );

  it("shows the time norms and no personal data of the family", () => {
    const { text } = render(assessmentCard(assessmentView(), NOW));
    expect(text).toContain("Сроки регламента:");
    expect(text).toContain("✓ планирование: 12 минут (норма 20 минут)");
    expect(text).toContain("✓ контакт при срочности: 40 минут (норма 1 ч)");
    expect(text).toContain("… передача в орган опеки: 3 минуты идёт (норма 7 минут)");
    for (const personal of ["Тестов", "Тестова", "Тестовая", "Соседи"]) expect(text).not.toContain(personal);
  });

  it("a cancelled assessment has no buttons", () => {
    expect(assessmentCard(assessmentView({ status: "cancelled", stage: "risk" }), NOW).buttons).toEqual([]);
  });

  it("the planning check lists earlier signals with their outcome and earlier assessments", () => {
    const { text } = render(
      planningCheckMessage(assessmentView(), {
        earlier: [
          { number: "7/2025", status: "case_opened", caseNumber: "4/2025" },
          { number: "2/2025", status: "not_confirmed", caseNumber: null },
        ],
        assessments: [
          {
            number: "3/2025",
            stage: "done",
            status: "completed",
            concludedAt: new Date("2025-04-02T10:00:00Z"),
            conclusion: 2,
          },
        ],
      }),
    );
    expect(text).toContain(
      "• Прежние сигналы о ней: сигнал 7/2025 — открыт случай № 4/2025, сигнал 2/2025 — не подтвердился.",
    );
    expect(text).toContain(
      "• Прежние оценки: № 3/2025 от 02.04.2025 — 2: опасности и нарушений нет, семье нужны услуги.",
    );
  });

  it("the plan lists its actions with the deadline, the responsible person and the monitoring", () => {
    const { text, buttons } = render(
      planMessage(assessmentView({ stage: "safety_plan", status: "in_progress" })),
    );
    expect(text).toContain(
      "1. Отец не остаётся с ребёнком наедине — до 24.11.2026; отвечает: Мать; контроль: Ежедневный звонок специалиста в 10:00",
    );
    expect(buttons).toEqual([
      ["➕ Добавить мероприятие", "✅ План готов"],
      ["🗑 Убрать 1"],
      ["✖ Отменить оценку"],
    ]);
  });

  it("the side-by-side view offers the same three levels, none marked, whatever the ratings", () => {
    const seen = new Set<string>();
    for (const code of [
      "hhhhhhhhhhhhhh",
      "llllllllllllll",
      "mmmmmmmmmmmmmm",
      "nnnnnnnnnnnnnn",
      "hlhlhlhlhlhlhl",
      "lllllllllllllh",
    ]) {
      const view = assessmentView({
        stage: "overall",
        status: "in_progress",
        ratings: ratings(code),
        overallLevel: null,
      });
      const { buttons } = render(sideBySideMessage(view));
      seen.add(JSON.stringify(buttons));
    }
    expect([...seen]).toEqual([
      JSON.stringify([
        ["Высокий", "Умеренный", "Низкий"],
        ["ℹ️ Уровни риска"],
        ["✏ Изменить оценки факторов", "✏ Исправить одну оценку"],
        ["✏ Исправить ответ об угрозе"],
      ]),
    ]);
  });
});
