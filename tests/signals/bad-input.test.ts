import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionState } from "../../src/platform/flow/types.ts";
import { createHarness, type Harness, type HarnessPerson } from "../helpers/harness.ts";

type Act = { text: string } | { press: string } | { other: "sticker" | "photo" | "forward" };

/** Valid answers of the reporter's dialogue, in order, with each step's question. */
const REPORTER_STEPS: { step: string; prompt: string; valid: Act }[] = [
  { step: "full_name", prompt: "Фамилия, имя и отчество женщины?", valid: { text: "Иванова Анна Петровна" } },
  { step: "category", prompt: "Категория сигнала?", valid: { press: "Не приняла решения" } },
  { step: "location", prompt: "Где сейчас женщина и ребёнок?", valid: { press: "Ребёнок в реанимации" } },
  { step: "identified_at", prompt: "Когда выявлен риск отказа?", valid: { press: "1 ч назад" } },
  { step: "birth", prompt: "Дата рождения или возраст?", valid: { text: "12.03.1995" } },
  {
    step: "registered_address",
    prompt: "Адрес регистрации (прописка)?",
    valid: { text: "г. Москва, ул. Ленина, 1" },
  },
  {
    step: "actual_address",
    prompt: "Фактический адрес проживания?",
    valid: { press: "Совпадает с регистрацией" },
  },
  { step: "ambulance_from", prompt: "Адрес, откуда её привезла скорая?", valid: { press: "Неизвестно" } },
  { step: "phone", prompt: "Телефон женщины, если известен?", valid: { text: "+7 900 000-00-01" } },
  { step: "comment", prompt: "Комментарий (необязательно)?", valid: { text: "Без особенностей" } },
];

const long = "я".repeat(5000);
const PHONE =
  "Проверьте номер: в российском номере 11 цифр, например 8 916 123-45-67 или +7 916 123-45-67. Номер другой страны начните с «+».";
const common: [Act, string][] = [
  [{ other: "sticker" }, "Этот бот понимает только текст и кнопки."],
  [
    { other: "forward" },
    "Пересланное сообщение я не могу принять как ответ — это чужие слова. Напишите ответ, пожалуйста, сами (можно скопировать нужное).",
  ],
  [{ other: "photo" }, "Этот бот понимает только текст и кнопки."],
];

/** Bad inputs per step, each with the exact error line the user must see. */
const BAD: Record<string, [Act, string][]> = {
  full_name: [
    [{ text: "" }, "Ответ пустой."],
    [{ text: "\u200b\u200c\u2060\ufeff" }, "Ответ пустой."],
    [{ text: long }, "Слишком длинный ответ, сократите, пожалуйста."],
    [{ text: "😀🙈🙉" }, "В ответе нет ни букв, ни цифр."],
    [{ text: "Анна" }, "Укажите хотя бы фамилию и имя."],
    ...common,
  ],
  birth: [
    [{ text: "" }, "Не удалось понять дату. Пример: 12.03.1995."],
    [{ text: "31.02.1990" }, "Такой даты нет — проверьте число и месяц."],
    [{ text: "01.01.2030" }, "Эта дата ещё не наступила."],
    [{ text: "01.01.2021" }, "Слишком недавняя дата — проверьте год."],
    [{ text: "01.01.1900" }, "Слишком давняя дата — проверьте год."],
    [{ text: "200" }, "Возраст вне допустимого диапазона."],
    [{ text: "5" }, "Возраст вне допустимого диапазона."],
    [{ text: long }, "Не удалось понять дату. Пример: 12.03.1995."],
    ...common,
  ],
  registered_address: [
    [{ text: "   " }, "Ответ пустой."],
    [{ text: long }, "Слишком длинный ответ, сократите, пожалуйста."],
    [{ text: "🏠🏠" }, "В ответе нет ни букв, ни цифр."],
    ...common,
  ],
  actual_address: [[{ text: "\u200b" }, "Ответ пустой."], ...common],
  ambulance_from: [[{ text: long }, "Слишком длинный ответ, сократите, пожалуйста."], ...common],
  phone: [
    [{ text: "12345" }, PHONE],
    [{ text: "8 916 123-45-6" }, PHONE],
    [{ text: "+7 916 123-45-678" }, PHONE],
    [{ text: "позвоните маме" }, PHONE],
    [{ text: "'; DROP TABLE signals; --" }, PHONE],
    [{ text: "" }, PHONE],
    ...common,
  ],
  category: [
    [{ text: "не знаю" }, "Выберите ответ кнопкой ниже."],
    [{ text: "<b>отказ</b>" }, "Выберите ответ кнопкой ниже."],
    ...common,
  ],
  location: [[{ text: "в палате" }, "Выберите ответ кнопкой ниже."], ...common],
  identified_at: [
    [{ text: "завтра" }, "Не удалось понять дату и время. Пример: 14:30 или 23.11 14:30."],
    [{ text: "25:61" }, "Не удалось понять дату и время. Пример: 14:30 или 23.11 14:30."],
    [{ text: "31.02 10:00" }, "Такой даты нет — проверьте число и месяц."],
    [{ text: "23.11 23:00" }, "Это время ещё не наступило."],
    [{ text: "01.01.2026 10:00" }, "Слишком давно — проверьте дату."],
    [{ text: "" }, "Не удалось понять дату и время. Пример: 14:30 или 23.11 14:30."],
    ...common,
  ],
  comment: [
    [{ text: long }, "Слишком длинный ответ, сократите, пожалуйста."],
    [{ text: "🙂" }, "В ответе нет ни букв, ни цифр."],
    ...common,
  ],
};

async function act(person: HarnessPerson, action: Act) {
  if ("text" in action) return person.send(action.text);
  if ("press" in action) return person.press(action.press);
  return person.sendOther(action.other);
}

async function session(h: Harness, person: HarnessPerson): Promise<SessionState> {
  const row = await h.database.db.dialogueSession.findFirstOrThrow({ where: { chatId: person.userId } });
  return row.state as unknown as SessionState;
}

describe("bad input on every question of the reporter's dialogue", () => {
  let h: Harness;
  let reporter: HarnessPerson;
  beforeAll(async () => {
    h = await createHarness();
    reporter = await h.person("reporter", "Смирнова Ольга Ивановна");
    await reporter.send("/new");
  });
  afterAll(async () => h.stop());

  for (const { step, prompt, valid } of REPORTER_STEPS) {
    it(`${step}: each bad answer gets its message and the same question; nothing is stored`, async () => {
      for (const [input, error] of BAD[step]!) {
        const before = await session(h, reporter);
        expect(before.at).toBe(step);
        await act(reporter, input);
        const reply = reporter.last();
        expect(reply.text.split("\n")[0], JSON.stringify(input).slice(0, 60)).toBe(error);
        expect(reply.text).toContain(prompt);
        const after = await session(h, reporter);
        expect(after.answers).toEqual(before.answers);
        expect(after.at).toBe(step);
      }
      await act(reporter, valid);
      expect((await session(h, reporter)).answers).toHaveProperty(step);
    });
  }

  it("stores SQL- and HTML-like text verbatim (as data, never as code or markup)", async () => {
    const h2 = await createHarness();
    const r = await h2.person("reporter", "Смирнова Ольга Ивановна");
    await r.send("/new");
    await r.send("O'Brien-Петрова <b>Анна</b>; DROP TABLE signals; --");
    const state = (await h2.database.db.dialogueSession.findFirstOrThrow()).state as unknown as SessionState;
    // Kept as typed, except that each word starts with a capital letter (names are shown so).
    expect(state.answers.full_name).toBe("O'Brien-Петрова <b>Анна</b>; DROP TABLE Signals; --");
    expect(await h2.database.db.signal.count()).toBe(0);
    await h2.stop();
  });
});

describe("bad input in the curator's outcome dialogue", () => {
  it("each question refuses bad answers with a message and asks again", async () => {
    const h = await createHarness();
    const reporter = await h.person("reporter", "Смирнова Ольга Ивановна");
    const head = await h.person("head", "Кузнецова Мария Петровна");
    const curator = await h.person("curator", "Петрова Анна Сергеевна");
    await reporter.send("/new");
    for (const { valid } of REPORTER_STEPS) await act(reporter, valid);
    await reporter.press("📤 Отправить в Службу");
    await head.press("🟢 Плановый");
    await head.press("Петрова А. С. — 0/9");
    await curator.press("✅ Принимаю");
    await curator.press("📍 Прибыл(а)");
    await curator.press("📝 Итог визита");

    const expectRefused = async (action: Act, error: string, prompt: string) => {
      const before = await session(h, curator);
      await act(curator, action);
      expect(curator.last().text.split("\n")[0]).toBe(error);
      expect(curator.last().text).toContain(prompt);
      expect((await session(h, curator)).answers).toEqual(before.answers);
    };
    await expectRefused({ text: "да" }, "Выберите ответ кнопкой ниже.", "С кем удалось встретиться?");
    await expectRefused(
      { other: "sticker" },
      "Этот бот понимает только текст и кнопки.",
      "С кем удалось встретиться?",
    );
    await curator.press("Встретился(ась) с женщиной");
    await expectRefused({ text: "" }, "Выберите ответ кнопкой ниже.", "Подтверждает ли она намерение");
    await curator.press("Не решила");
    await curator.press("Готово ✓");
    expect(curator.last().text.split("\n")[0]).toBe("Выберите хотя бы один вариант.");
    await curator.press("☐ Другое");
    await curator.send("😀");
    expect(curator.last().text).toBe("В ответе нет ни букв, ни цифр.\nУточните «Другое» одним сообщением:");
    await curator.send("нет работы у партнёра");
    await curator.press("Готово ✓");
    await expectRefused({ text: "   " }, "Ответ пустой.", "Реабилитационный потенциал");
    await expectRefused(
      { text: "я".repeat(5000) },
      "Слишком длинный ответ, сократите, пожалуйста.",
      "Реабилитационный потенциал",
    );
    await curator.send("Высокий: есть жильё и поддержка сестры");
    await expectRefused({ text: "открыть" }, "Выберите ответ кнопкой ниже.", "Решение?");
    await curator.press("Закрыть: сигнал не подтвердился");
    await expectRefused({ text: "\u200b" }, "Ответ пустой.", "Почему сигнал не подтвердился?");
    await h.stop();
  });
});
