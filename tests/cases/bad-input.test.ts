/**
 * Bad input at every question of the case dialogues (the sheet, the plan with its action rows,
 * monitoring, extension, hand-over): each gets its message and the same question again, and
 * nothing is stored. Typed answers that match a button's label are taken as that button.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionState } from "../../src/platform/flow/types.ts";
import { createHarness, type Harness, type HarnessPerson } from "../helpers/harness.ts";
import { casePeople, openCaseThroughBot, type CasePeople } from "../helpers/cases.ts";

type Act = { text: string } | { press: string } | { other: "sticker" | "photo" };

/** One question: what it asks, the bad answers with their exact messages, and a good answer. */
interface Question {
  prompt: string;
  bad: [Act, string][];
  valid: Act;
}

const long = "я".repeat(5000);
const sticker: [Act, string] = [{ other: "sticker" }, "Этот бот понимает только текст и кнопки."];
const choice = (typed: string): [Act, string][] => [
  [{ text: typed }, "Выберите ответ кнопкой ниже."],
  sticker,
];
const freeText: [Act, string][] = [
  [{ text: "   " }, "Ответ пустой."],
  [{ text: "\u200b\u2060" }, "Ответ пустой."],
  [{ text: "🙂🙂" }, "В ответе нет ни букв, ни цифр."],
  [{ text: long }, "Слишком длинный ответ, сократите, пожалуйста."],
  sticker,
];

async function act(person: HarnessPerson, action: Act) {
  if ("text" in action) return person.send(action.text);
  if ("press" in action) return person.press(action.press);
  return person.sendOther(action.other);
}

async function session(h: Harness, person: HarnessPerson) {
  const row = await h.database.db.dialogueSession.findFirstOrThrow({ where: { chatId: person.userId } });
  const state = row.state as unknown as SessionState;
  return { at: state.at, answers: state.answers, group: state.group ?? null };
}

/** Walks a dialogue question by question, trying every bad answer before the good one. */
async function walk(h: Harness, person: HarnessPerson, questions: Question[]): Promise<void> {
  for (const q of questions) {
    expect(person.last().text, q.prompt).toContain(q.prompt);
    for (const [input, error] of q.bad) {
      const before = await session(h, person);
      await act(person, input);
      expect(person.last().text.split("\n")[0], `${q.prompt} ← ${JSON.stringify(input).slice(0, 50)}`).toBe(
        error,
      );
      expect(person.last().text).toContain(q.prompt);
      expect(await session(h, person)).toEqual(before);
    }
    await act(person, q.valid);
  }
}

describe("bad input in the case dialogues", () => {
  let h: Harness;
  let p: CasePeople;
  beforeAll(async () => {
    h = await createHarness();
    p = await casePeople(h);
    await openCaseThroughBot(h, p);
  });
  afterAll(async () => h.stop());

  it("the signal sheet", async () => {
    await p.curator.press("📝 Сигнальный лист");
    await walk(h, p.curator, [
      {
        prompt: "Есть ли реабилитационные возможности?",
        bad: choice("может быть"),
        valid: { text: "частично" },
      },
      { prompt: "Были ли раньше отказы от детей?", bad: choice("вроде нет"), valid: { press: "Нет" } },
      { prompt: "Лишалась ли она родительских прав", bad: choice("лишали"), valid: { press: "Неизвестно" } },
      {
        prompt: "Есть ли у неё другие дети и где они?",
        bad: choice("двое"),
        valid: { press: "Других детей нет" },
      },
      { prompt: "Жильё?", bad: choice("квартира"), valid: { press: "Съёмное" } },
      { prompt: "Регистрация (прописка)?", bad: choice("есть"), valid: { press: "Регистрации нет" } },
      { prompt: "Доходы?", bad: choice("мало"), valid: { press: "Только пособия" } },
      {
        prompt: "Кто из близких рядом с ней",
        bad: [
          [{ press: "Готово ✓" }, "Выберите хотя бы один вариант."],
          [{ text: "мама" }, "Выберите ответ кнопкой ниже."],
          sticker,
        ],
        valid: { press: "☐ Никого" },
      },
    ]);
    await p.curator.press("Готово ✓");
    await walk(h, p.curator, [
      {
        prompt: "Результат встречи с женщиной",
        bad: freeText,
        valid: { text: "Плачет, боится осуждения родных" },
      },
      { prompt: "Результат встречи с её окружением", bad: freeText, valid: { press: "Пропустить" } },
    ]);
    expect(p.curator.last().text).toContain("Проверьте сигнальный лист:");
    // "Nobody" close: their position is not asked.
    expect(p.curator.last().text).not.toContain("Позиция близких");
    await p.curator.press("💾 Сохранить лист");
  });

  it("the plan, its action rows and their deadlines", async () => {
    await p.curator.send("/case 1/2026");
    await p.curator.press("🗂 Составить план");
    await walk(h, p.curator, [
      { prompt: "Сильные стороны", bad: freeText, valid: { text: "Есть поддержка матери" } },
      { prompt: "Главная цель плана", bad: freeText, valid: { text: "Ребёнок остаётся с мамой" } },
      { prompt: "Промежуточные цели", bad: freeText, valid: { text: "Жильё\nПособия" } },
      { prompt: "Что нужно сделать?", bad: freeText, valid: { text: "Найти комнату" } },
      {
        prompt: "Кто отвечает за «Найти комнату»?",
        bad: choice("я"),
        valid: { press: "Другая организация" },
      },
      { prompt: "Какая организация отвечает?", bad: freeText, valid: { text: "Фонд «Дом для мамы»" } },
      {
        prompt: "Срок для «Найти комнату»?",
        bad: [
          [{ text: "скоро" }, "Не удалось понять дату. Пример: 25.12 или 25.12.2026."],
          [{ text: "31.11" }, "Такой даты нет — проверьте число и месяц."],
          [{ text: "20.11" }, "Эта дата уже прошла."],
          [{ text: "01.01.2028" }, "Слишком далёкая дата — проверьте."],
          [{ text: "" }, "Не удалось понять дату. Пример: 25.12 или 25.12.2026."],
          sticker,
        ],
        valid: { text: "01.12" },
      },
      {
        prompt: "Действия плана:",
        bad: [[{ text: "готово" }, "Выберите ответ кнопкой ниже."], sticker],
        valid: { press: "✅ Готово" },
      },
    ]);
    expect(p.curator.last().text).toContain(
      "1. Найти комнату, Другая организация, Фонд «Дом для мамы», 01.12.2026",
    );
    await p.curator.press("💾 Сохранить план");
    expect(await h.database.db.casePlan.count()).toBe(1);
  });

  it("monitoring", async () => {
    await p.curator.send("/case 1/2026");
    await p.curator.press("📋 Мониторинг");
    await walk(h, p.curator, [
      {
        prompt: "Как выполняется план?",
        bad: choice("нормально"),
        valid: { press: "Отметить по каждому действию" },
      },
      { prompt: "Как оно выполняется?", bad: choice("сделали"), valid: { press: "В работе" } },
      { prompt: "Нужно скорректировать план?", bad: choice("наверное"), valid: { text: "нет" } },
      { prompt: "Решение по случаю?", bad: choice("закрыть"), valid: { press: "Продолжить работу" } },
      { prompt: "Комментарий (необязательно)?", bad: freeText.slice(2), valid: { press: "Пропустить" } },
    ]);
    await p.curator.press("💾 Сохранить");
    expect(await h.database.db.caseMonitoring.count()).toBe(1);
  });

  it("the head's extension and hand-over", async () => {
    await p.head.send("/case 1/2026");
    await p.head.press("⏳ Продлить этап");
    await walk(h, p.head, [
      { prompt: "На сколько продлить", bad: choice("на месяц"), valid: { press: "7 дней" } },
      {
        prompt: "Причина продления",
        bad: [...freeText, [{ text: "мама" }, "Слишком короткий ответ."]],
        valid: { text: "Мама колеблется, семья для ребёнка не найдена" },
      },
    ]);
    await p.head.press("⏳ Продлить");
    await p.head.send("/case 1/2026");
    await p.head.press("📦 Передать в другую организацию");
    await walk(h, p.head, [
      {
        prompt: "Кому передаются документы?",
        bad: choice("в опеку"),
        valid: { press: "Орган опеки и попечительства" },
      },
      {
        prompt: "Название организации-получателя",
        bad: [...freeText, [{ text: "О" }, "Слишком короткий ответ."]],
        valid: { text: "Опека района" },
      },
      {
        prompt: "Дата передачи?",
        bad: [
          [{ text: "24.11" }, "Эта дата ещё не наступила."],
          [{ text: "01.01.2026" }, "Слишком давняя дата — проверьте год."],
          [{ text: "вчера вечером" }, "Не удалось понять дату. Пример: 25.12 или 25.12.2026."],
          sticker,
        ],
        valid: { text: "вчера" },
      },
      { prompt: "Номер приказа", bad: [...freeText.slice(0, 3), sticker], valid: { text: "№ 15-о" } },
    ]);
    expect(p.head.last().text).toContain("• Дата передачи: 22.11.2026");
    await p.head.press("📦 Передать");
    expect((await h.database.db.case.findFirstOrThrow()).status).toBe("handed_over");
  });
});

describe("a sheet left half-way is kept as a draft", () => {
  it("cancelling keeps the answers; the sheet continues where it stopped", async () => {
    const h = await createHarness();
    const p = await casePeople(h);
    await openCaseThroughBot(h, p);
    await p.curator.press("📝 Сигнальный лист");
    await p.curator.press("Есть");
    await p.curator.press("Нет");
    await p.curator.send("/cancel");
    expect(p.curator.last().text).toBe(
      "Черновик сигнального листа по случаю № 1/2026 сохранён. Продолжите кнопкой «📝 Сигнальный лист», когда будет удобно.",
    );
    const sheet = await h.database.db.caseSheet.findFirstOrThrow();
    expect(sheet).toMatchObject({ complete: false, filledAt: null });
    expect(sheet.answers).toEqual({
      potential_level: "present",
      potential: "Мать женщины готова помогать",
      earlier_refusals: "no",
    });
    await p.curator.send("/case 1/2026");
    expect(p.curator.last().text).toContain("Сигнальный лист: черновик");
    await p.curator.press("📝 Продолжить сигнальный лист");
    expect(p.curator.last().text).toContain("Лишалась ли она родительских прав");
    await h.stop();
  });
});
