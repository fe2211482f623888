import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SimUser } from "@signal-desk/telegram-bot-api-sim";
import { answer, choose, lastBotText, press, waitText } from "../helpers/chat.ts";
import { startTestSystem, VARIANTS, type TestSystem } from "../helpers/system.ts";

describe.each(VARIANTS)("round trip on $library/$mode", (variant) => {
  let t: TestSystem;
  let reporter: SimUser;
  let head: SimUser;
  let curator: SimUser;
  beforeAll(async () => {
    t = await startTestSystem(variant);
    reporter = (await t.person("reporter", "Смирнова Ольга Ивановна")).user;
    head = (await t.person("head", "Кузнецова Мария Петровна")).user;
    curator = (await t.person("curator", "Петрова Анна Сергеевна")).user;
  });
  afterAll(async () => t?.stop());

  it("reporter → head → curator → case opened", async () => {
    await reporter.sendText("/new");
    await answer(reporter, "Фамилия, имя и отчество", "Иванова Анна Петровна");
    await choose(reporter, "Категория сигнала", "Открыто заявляет об отказе");
    await choose(reporter, "Где сейчас женщина", "Вместе с ребёнком в палате");
    await choose(reporter, "Когда выявлен риск", "30 мин назад");
    await answer(reporter, "Дата рождения или возраст", "12.03.1995");
    await answer(reporter, "Адрес регистрации", "г. Москва, ул. Ленина, 1");
    await choose(reporter, "Фактический адрес", "Совпадает с регистрацией");
    await choose(reporter, "Адрес, откуда её привезла скорая", "Неизвестно");
    await answer(reporter, "Телефон женщины", "+7 900 000-00-01");
    await choose(reporter, "Комментарий", "Пропустить");
    await choose(reporter, "Проверьте сигнал", "📤 Отправить в Службу");
    let chat = await waitText(reporter, "Номер в журнале Службы");
    expect(lastBotText(chat)).toMatch(/Номер в журнале роддома: 1\/\d{4}\nНомер в журнале Службы: 1\/\d{4}/);

    const card = await waitText(head, "Новый сигнал");
    expect(lastBotText(card)).toContain("Категория: Открыто заявляет об отказе");
    expect(lastBotText(card)).not.toContain("Иванова");
    await choose(head, "Новый сигнал", "🔴 Срочно (до 3 часов)");
    await choose(head, "Кого назначить?", "Петрова А. С. — 0/9");

    chat = await waitText(curator, "Вам назначен сигнал");
    expect(lastBotText(chat)).toContain("Иванова Анна Петровна");
    expect(lastBotText(chat)).toContain("прибыть до");
    await choose(curator, "Вам назначен сигнал", "✅ Принимаю");
    await press(curator, "🚗 Выехал(а)");
    // The next step's button moves to the newest note: the one on the previous note no longer acts.
    await waitText(curator, "Выезд отмечен");
    await press(curator, "📍 Прибыл(а)");
    await waitText(reporter, "прибыл(а) в роддом");
    await press(curator, "📝 Итог визита");
    await choose(curator, "Итог визита", "Встретился(ась) с женщиной");
    await choose(curator, "Подтверждает ли она", "Да, подтверждает отказ");
    await choose(curator, "Основные причины", "☐ Жильё");
    await choose(curator, "Основные причины", "Готово ✓");
    await answer(curator, "Реабилитационный потенциал", "Есть поддержка матери, готова обсуждать");
    await choose(curator, "Решение", "Открыть случай");
    await choose(curator, "Проверьте итог визита", "💾 Сохранить");
    chat = await waitText(curator, "Открыт случай");
    expect(lastBotText(chat)).toMatch(
      /Открыт случай № 1\/\d{4} по сигналу 1\/\d{4}\. У вас открытых случаев: 1 из 9\./,
    );

    const signal = await t.database.db.signal.findFirstOrThrow({
      include: { events: { orderBy: { id: "asc" } } },
    });
    expect(signal.status).toBe("case_opened");
    expect(signal.events.map((e) => e.type)).toEqual([
      "registered",
      "transmitted",
      "urgency_set",
      "assigned",
      "accepted",
      "departed",
      "arrived",
      "outcome",
      "case_opened",
    ]);
  });

  /** The reporter's dialogue up to "send", with the woman's location chosen. */
  async function report(name: string, location: string) {
    await reporter.sendText("/new");
    await answer(reporter, "Фамилия, имя и отчество", name);
    await choose(reporter, "Категория сигнала", "Не приняла решения");
    await choose(reporter, "Где сейчас женщина", location);
    await choose(reporter, "Когда выявлен риск", "Только что");
    await answer(reporter, "Дата рождения или возраст", "27");
    await choose(reporter, "Адрес регистрации", "Неизвестно");
    await choose(reporter, "Фактический адрес", "Неизвестно");
    await choose(reporter, "Адрес, откуда её привезла скорая", "Неизвестно");
    await choose(reporter, "Телефон женщины", "Неизвестно");
    await choose(reporter, "Комментарий", "Пропустить");
    await choose(reporter, "Проверьте сигнал", "📤 Отправить в Службу");
    const chat = await waitText(reporter, "Номер в журнале Службы");
    return /Номер в журнале Службы: (\d+\/\d{4})/.exec(lastBotText(chat))![1]!;
  }

  async function assignAndArrive(number: string) {
    await waitText(head, `Новый сигнал ${number}`);
    await choose(head, `Новый сигнал ${number}`, "🟢 Плановый");
    await choose(head, "Кого назначить?", (await headCuratorLabel()) ?? "");
    await waitText(curator, `Вам назначен сигнал ${number}`);
    await choose(curator, `Вам назначен сигнал ${number}`, "✅ Принимаю");
    await waitText(curator, `Сигнал ${number} принят`);
    await press(curator, "📍 Прибыл(а)");
    await waitText(curator, "Прибытие отмечено");
    await press(curator, "📝 Итог визита");
  }

  async function headCuratorLabel() {
    const chat = await head.waitFor((c) => lastBotText(c).includes("Кого назначить?"), "the curator list");
    return chat.messages
      .at(-1)
      ?.buttons?.flat()
      .find((b) => b.text.startsWith("Петрова А. С."))?.text;
  }

  it("the not-confirmed branch", async () => {
    const number = await report("Кузьмина Вера Андреевна", "Вместе с ребёнком в палате");
    await assignAndArrive(number);
    await choose(curator, "С кем удалось встретиться", "Встретился(ась) с женщиной");
    await choose(curator, "Подтверждает ли она", "Нет, заберёт ребёнка");
    await answer(curator, "Реабилитационный потенциал", "Высокий");
    await choose(curator, "Решение", "Закрыть: сигнал не подтвердился");
    await answer(curator, "Почему сигнал не подтвердился", "Забирает ребёнка домой");
    await choose(curator, "Проверьте итог визита", "💾 Сохранить");
    await waitText(curator, `Сигнал ${number} закрыт как неподтвердившийся.`);
    await waitText(head, `Сигнал ${number} закрыт как неподтвердившийся`);
  });

  it("the woman-left-the-hospital branch", async () => {
    const number = await report("Белова Нина Сергеевна", "Женщина покинула роддом");
    await assignAndArrive(number);
    await choose(curator, "С кем удалось встретиться", "Она уже покинула роддом");
    await choose(curator, "Визит по её адресам", "Встретились по адресу");
    await choose(curator, "Подтверждает ли она", "Да, подтверждает отказ");
    await choose(curator, "Основные причины", "☐ Зависимость");
    await choose(curator, "Основные причины", "Готово ✓");
    await answer(curator, "Реабилитационный потенциал", "Низкий, но есть сестра");
    await choose(curator, "Решение", "Открыть случай");
    await choose(curator, "Проверьте итог визита", "💾 Сохранить");
    await waitText(curator, "Открыт случай");
  });
});
