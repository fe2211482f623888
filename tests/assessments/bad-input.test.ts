/**
 * Bad input at every question of an assessment: each gets a clear Russian message and the same
 * question again, and nothing answered before is lost (the stored record equals the valid answers).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, type Harness, type HarnessPerson } from "../helpers/harness.ts";
import { arrivedSignal, openCaseByOutcome, team } from "../helpers/assessments.ts";

type Act = { text: string } | { press: string } | { other: "sticker" | "photo" };

const ERR = {
  empty: "Ответ пустой.",
  long: "Слишком длинный ответ, сократите, пожалуйста.",
  short: "Слишком короткий ответ.",
  words: "В ответе нет ни букв, ни цифр.",
  buttons: "Выберите ответ кнопкой ниже.",
  other: "Этот бот понимает только текст и кнопки.",
  date: "Не удалось понять дату. Пример: 12.03.1995.",
  future: "Эта дата ещё не наступила.",
  old: "Слишком давняя дата — проверьте год.",
  noneAlone: "«Ничего из этого» не отмечают вместе с другими вариантами.",
  tooFew: "Выберите хотя бы один вариант.",
  due: "Не удалось понять срок. Нажмите кнопку или напишите дату: 25.11 или 25.11.2026.",
};
const long = (n: number) => "я".repeat(n);
const sticker: [Act, string] = [{ other: "sticker" }, ERR.other];

async function act(person: HarnessPerson, a: Act): Promise<void> {
  if ("text" in a) return person.send(a.text);
  if ("press" in a) return person.press(a.press);
  return person.sendOther(a.other);
}

/** Each bad input is refused with its message under the same question; then the valid one is given. */
async function step(person: HarnessPerson, prompt: string, bad: [Act, string][], valid: Act): Promise<void> {
  expect(person.last().text, `before the bad inputs of "${prompt}"`).toContain(prompt);
  for (const [input, error] of bad) {
    await act(person, input);
    const shown = person.last().text;
    expect(shown.startsWith(error), `${JSON.stringify(input)} at "${prompt}" → ${shown}`).toBe(true);
    expect(shown).toContain(prompt);
  }
  await act(person, valid);
}

describe("bad input at every question of an assessment", () => {
  let h: Harness;
  let curator: HarnessPerson;
  beforeAll(async () => {
    h = await createHarness();
    const t = await team(h);
    curator = t.curator;
    await arrivedSignal(t);
    await openCaseByOutcome(curator);
  });
  afterAll(async () => h.stop());

  it("is refused clearly and loses nothing, question by question", async () => {
    await curator.send("/assess 7/2026");
    expect(curator.last().text).toBe("Случай № 7/2026 не найден среди ваших случаев.");
    await curator.send("/assess не номер");
    expect(curator.last().text).toBe(
      "Укажите номер случая, например: /assess 3/2026 — или /assess без номера, чтобы выбрать из списка.",
    );
    await curator.send("/assess 1/2026");

    // Planning.
    await step(
      curator,
      "Ребёнок: фамилия, имя, отчество?",
      [
        [{ text: "\u200b\u2060" }, ERR.empty],
        [{ text: long(201) }, ERR.long],
        [{ text: "👶👶" }, ERR.words],
        sticker,
      ],
      { text: "Тестов Пётр Алексеевич" },
    );
    await step(
      curator,
      "Дата рождения ребёнка?",
      [
        [{ text: "31.02.2026" }, "Такой даты нет — проверьте число и месяц."],
        [{ text: "01.01.2030" }, ERR.future],
        [{ text: "01.01.1990" }, ERR.old],
        [{ text: "вчера" }, ERR.date],
        [{ text: "3" }, ERR.date], // an age is not a birth date here
        sticker,
      ],
      { text: "20.11.2026" },
    );
    await step(curator, "Родители или иные законные представители", [[{ text: long(501) }, ERR.long]], {
      text: "Тестова Анна Петровна, 1995",
    });
    await step(
      curator,
      "Домашний адрес ребёнка?",
      [
        [{ text: "   " }, ERR.empty],
        [{ text: long(301) }, ERR.long],
      ],
      {
        press: "Адрес матери из сигнала",
      },
    );
    await step(
      curator,
      "Кратко: что известно о нарушении прав ребёнка",
      [
        [{ text: "крики" }, ERR.short],
        [{ text: long(1501) }, ERR.long],
      ],
      { text: "Соседи сообщили о криках ребёнка по ночам" },
    );
    await step(
      curator,
      "Требует ли ситуация немедленного реагирования?",
      [[{ text: "срочно" }, ERR.buttons], [{ text: "<b>да</b>" }, ERR.buttons], sticker],
      { press: "Немедленно: выезд в течение часа" },
    );
    await curator.press("💾 Сохранить");
    await curator.press("🤝 Контакт с семьёй установлен");
    await curator.press("🛡 Оценка безопасности");

    // Safety: the threats take buttons or their labels typed; anything else is refused.
    await step(
      curator,
      "Угроза 1 из 15.",
      [
        [{ text: "может быть" }, ERR.buttons],
        [{ text: "'; DROP TABLE assessments; --" }, ERR.buttons],
        sticker,
      ],
      { text: "нет" },
    );
    for (let n = 2; n <= 15; n++) {
      await step(curator, `Угроза ${n} из 15.`, n === 9 ? [[{ text: "иногда" }, ERR.buttons]] : [], {
        press: n === 9 ? "Да" : "Нет",
      });
    }
    expect(curator.last().text).toContain("Уязвимость ребёнка.");
    await curator.press("Готово ✓");
    expect(curator.last().text.startsWith(ERR.tooFew)).toBe(true);
    await curator.press("☐ Отстаёт в развитии");
    await curator.press("☐ Ничего из этого");
    await curator.press("Готово ✓");
    expect(curator.last().text.startsWith(ERR.noneAlone)).toBe(true);
    await curator.press("☑ Ничего из этого");
    await curator.send("готово");
    expect(curator.last().text.startsWith(ERR.buttons)).toBe(true);
    await curator.press("Готово ✓");
    expect(curator.last().text).toContain("Защитные возможности семьи");
    await curator.press("☐ Другое");
    await curator.send(long(301));
    expect(curator.last().text.startsWith(ERR.long)).toBe(true);
    await curator.send("Тётя живёт рядом");
    await curator.press("Готово ✓");
    await step(curator, "История семьи", [[{ text: long(1501) }, ERR.long]], { press: "Пропустить" });
    await curator.press("💾 Сохранить оценку безопасности");

    // The safety plan and an action.
    await step(curator, "Как будет защищён ребёнок?", [[{ text: "в семье" }, ERR.buttons], sticker], {
      press: "План мероприятий в семье",
    });
    await step(
      curator,
      "Мероприятие плана безопасности",
      [
        [{ text: "да" }, ERR.short],
        [{ text: long(501) }, ERR.long],
      ],
      {
        text: "Отец не остаётся с ребёнком наедине",
      },
    );
    await step(
      curator,
      "Срок выполнения?",
      [
        [{ text: "завтра утром" }, ERR.due],
        [{ text: "25/11" }, ERR.due],
        [{ text: "+100" }, ERR.due],
      ],
      { text: "35.13" }, // looks like a date, is none: refused after the summary, only the deadline asked again
    );
    await step(curator, "Кто отвечает за выполнение?", [[{ text: long(201) }, ERR.long]], { text: "Мать" });
    await step(curator, "Как будет проверяться выполнение?", [[{ text: "да" }, ERR.short]], {
      text: "Ежедневный звонок специалиста матери",
    });
    await curator.press("➕ Добавить в план");
    expect(curator.messages().at(-2)!.text).toBe(
      "Не удалось понять дату. Пример: 25.11 или 25.11.2026.\nУкажите срок ещё раз.",
    );
    // Asked again: a past day is refused the same way, and the question stays.
    await curator.send("01.11");
    expect(curator.messages().at(-2)!.text).toBe(
      "Этот срок уже прошёл — укажите сегодняшний или более поздний день.\nУкажите срок ещё раз.",
    );
    await step(curator, "Срок выполнения?", [[{ text: "завтра" }, ERR.due]], { press: "Завтра" });
    expect(curator.messages().at(-2)!.text).toBe("Мероприятие 1 добавлено в план.");
    await curator.press("✅ План готов");

    // The ratings.
    await curator.press("⚖ Оценка риска");
    const labels = ["Высокий", "Умеренный", "Низкий", "Нет информации"];
    for (let i = 0; i < 14; i++) {
      const bad: [Act, string][] = i === 0 ? [[{ text: "очень высокий" }, ERR.buttons], sticker] : [];
      const prompt = i === 0 ? "Фактор 1 из 10." : "уровень риска?";
      await step(curator, prompt, bad, i === 1 ? { text: "умеренный" } : { press: labels[i % 4]! });
    }
    await curator.press("💾 Сохранить оценки");

    // The overall level below the highest factor: the reasoning is required.
    await curator.press("Низкий");
    await step(
      curator,
      "Обоснуйте, почему итоговый уровень ниже",
      [
        [{ text: "нет" }, ERR.short],
        [{ text: long(2001) }, ERR.long],
        [{ text: "!!! ??? ..." }, ERR.words],
      ],
      { text: "Отец выехал, бабушка постоянно с ребёнком, план выполняется" },
    );

    // The conclusion (2: services required).
    await curator.press("🧾 Заключение");
    await step(
      curator,
      "Заключение — рекомендация органу опеки",
      [[{ text: "третье" }, ERR.buttons], sticker],
      {
        press: "2 — нужны услуги, случай не открывать",
      },
    );
    await step(curator, "Какие услуги рекомендованы семье", [[{ text: "нет" }, ERR.short]], {
      text: "Консультации психолога; обучение навыкам ухода за ребёнком",
    });
    await curator.press("💾 Сохранить заключение");

    // The hand-over.
    await curator.press("📤 Передать в орган опеки");
    await step(curator, "Куда передаётся форма?", [[{ text: "ок" }, ERR.short]], {
      text: "Отдел опеки Центрального района",
    });
    await step(curator, "Как передаётся?", [[{ text: "почтой" }, ERR.buttons]], { press: "Лично" });
    await curator.press("📤 Записать передачу");

    const stored = await h.database.db.assessment.findFirstOrThrow({ include: { actions: true } });
    expect(stored).toMatchObject({
      childFullName: "Тестов Пётр Алексеевич",
      parentsText: "Тестова Анна Петровна, 1995",
      addressFromSignal: true,
      factsText: "Соседи сообщили о криках ребёнка по ночам",
      urgency: "immediate",
      familyHistory: null,
      planRequired: true,
      overallLevel: "low",
      overallReasoning: "Отец выехал, бабушка постоянно с ребёнком, план выполняется",
      conclusion: 2,
      recommendedServices: "Консультации психолога; обучение навыкам ухода за ребёнком",
      handoverRecipient: "Отдел опеки Центрального района",
      handoverChannel: "in_person",
      stage: "done",
    });
    expect(stored.childBirthDate?.toISOString().slice(0, 10)).toBe("2026-11-20");
    expect(stored.safety).toMatchObject({
      threats: { t01_serious_injury: false, t09_domestic_violence: true },
      vulnerability: { values: ["developmental_delay"] },
      protective: { values: ["other"], texts: { other: "Тётя живёт рядом" } },
    });
    expect(stored.ratings).toMatchObject({ "1": "high", "2": "moderate", "3.1": "low", "3.2": "no_info" });
    expect(stored.actions).toMatchObject([
      {
        position: 1,
        actionText: "Отец не остаётся с ребёнком наедине",
        responsible: "Мать",
        removedAt: null,
      },
    ]);
    expect(stored.actions[0]!.dueDate.toISOString().slice(0, 10)).toBe("2026-11-24");
  });
});
