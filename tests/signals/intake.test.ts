/**
 * The reporter's intake through the bot: the urgent short path (send after four answers, the rest
 * completes the same signal) and the careful reading of every answer (phones, times of yesterday,
 * "not by ambulance", names, options that contradict earlier answers, confirmations).
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createHarness, type Harness, type HarnessPerson } from "../helpers/harness.ts";

const SEND_NOW = "⚡ Отправить сейчас, остальное — потом";

describe("intake through the bot", () => {
  let h: Harness;
  let reporter: HarnessPerson;
  let head: HarnessPerson;
  let head2: HarnessPerson;
  beforeEach(async () => {
    h = await createHarness();
    reporter = await h.person("reporter", "Смирнова Ольга Ивановна");
    head = await h.person("head", "Кузнецова Мария Петровна");
    head2 = await h.person("head", "Орлова Елена Викторовна");
  });
  afterEach(async () => h.stop());

  const texts = (p: HarnessPerson) => p.messages().map((m) => m.text);
  const buttons = (p: HarnessPerson) =>
    p
      .last()
      .buttons.flat()
      .map((b) => b.text);

  it("urgent short path: /new → sent in 6 interactions, the remaining answers complete the same signal", async () => {
    let interactions = 0;
    const send = async (text: string) => (interactions++, reporter.send(text));
    const press = async (label: string) => (interactions++, reporter.press(label));
    await send("/new");
    await send("петрова мария ивановна");
    await press("Открыто заявляет об отказе");
    await press("Вместе с ребёнком в палате");
    await press("Только что");
    await press(SEND_NOW);
    expect(interactions).toBeLessThanOrEqual(6);

    // Sent: both journal rows exist, every head has the card, the reporter has the numbers.
    const db = h.database.db;
    const sent = await db.signal.findFirstOrThrow();
    expect(sent).toMatchObject({
      hospitalNumber: 1,
      serviceNumber: 1,
      detailsPending: true,
      womanFullName: "Петрова Мария Ивановна",
      status: "received",
      womanBirthDate: null,
      phone: null,
    });
    for (const person of [head, head2]) expect(person.last().text).toContain("🆕 Новый сигнал 1/2026");
    expect(texts(reporter).join("\n")).toContain(
      "Номер в журнале роддома: 1/2026\nНомер в журнале Службы: 1/2026",
    );
    expect(reporter.last().text).toContain("Дата рождения или возраст?");
    // What was sent is not changed by going back.
    expect(buttons(reporter)).not.toContain("◀ Назад");
    expect(buttons(reporter)).not.toContain(SEND_NOW);

    await reporter.send("12.03.1995");
    expect(texts(reporter)).toContain("→ 12.03.1995");
    await reporter.send("г. Москва, ул. Ленина, 1");
    await reporter.press("Совпадает с регистрацией");
    expect(reporter.last().text).toContain("Адрес, откуда её привезла скорая?");
    await reporter.press("Поступила не по скорой");
    await reporter.send("8 (916) 123-45-67");
    expect(texts(reporter)).toContain("→ +79161234567");
    await reporter.press("Пропустить");

    const done = await db.signal.findFirstOrThrow();
    expect(done).toMatchObject({
      id: sent.id,
      detailsPending: false,
      registeredAddress: "г. Москва, ул. Ленина, 1",
      actualAddress: "г. Москва, ул. Ленина, 1",
      byAmbulance: false,
      ambulanceFrom: null,
      phone: "+79161234567",
      comment: null,
    });
    expect(done.womanBirthDate?.toISOString()).toBe("1995-03-12T00:00:00.000Z");
    expect(await db.signal.count()).toBe(1);
    // Every completion is an event on the signal's timeline (field names only).
    const events = await db.signalEvent.findMany({
      where: { signalId: sent.id, type: "details_added" },
      orderBy: { at: "asc" },
    });
    expect(events.map((e) => (e.data as { fields: string[] }).fields)).toEqual([
      ["birth"],
      ["registered_address"],
      ["actual_address"],
      ["ambulance_from"],
      ["phone"],
      ["comment"],
      [],
    ]);
    expect(JSON.stringify(events.map((e) => e.data))).not.toContain("Ленина");
    expect(reporter.last().text).toBe("✅ Сигнал 1/2026 дополнен: все сведения переданы в Службу.");
    expect(head.last().text).toContain("Сигнал 1/2026: роддом дополнил сведения о женщине");

    // «➕ Новый сигнал» starts the next one.
    expect(buttons(reporter)).toContain("➕ Новый сигнал");
    await reporter.press("➕ Новый сигнал");
    expect(reporter.last().text).toContain("Новый сигнал. Фамилия, имя и отчество женщины?");
  });

  it("stopping after sending early keeps the signal and says so", async () => {
    await reporter.send("/new");
    await reporter.send("Петрова Мария");
    await reporter.press("Не приняла решения");
    await reporter.press("Ребёнок в реанимации");
    await reporter.press("30 мин назад");
    await reporter.press(SEND_NOW);
    await reporter.send("29");
    await reporter.press("✖ Отмена");
    expect(reporter.last().text).toContain("Сигнал 1/2026 уже в Службе");
    const signal = await h.database.db.signal.findFirstOrThrow();
    expect(signal).toMatchObject({ womanAge: 29, detailsPending: false, registeredAddress: null });
  });

  it("the complete path: careful reading, echoes, late warning before sending, confirmations", async () => {
    let interactions = 0;
    const send = async (text: string) => (interactions++, reporter.send(text));
    const press = async (label: string) => (interactions++, reporter.press(label));
    await send("/new");
    await send("петрова мария");
    expect(texts(reporter)).toContain("→ Петрова Мария");
    await press("Беременная, намерена отказаться");
    // A pregnant woman is not "together with the child in the ward".
    expect(buttons(reporter)).not.toContain("Вместе с ребёнком в палате");
    expect(buttons(reporter)).not.toContain("Ребёнок в реанимации");
    await press("В роддоме, ребёнок ещё не родился");
    await press("Другое время");
    // 23:59 is later than now (12:00): it was yesterday, and the echo says so.
    await send("23:59");
    expect(texts(reporter)).toContain("→ 22.11.2026 23:59 (вчера)");
    // Over 3 hours ago: the warning comes before sending.
    expect(reporter.last().text).toContain("⚠ С момента выявления прошло больше 3 часов");
    await send("31.02.1990");
    expect(reporter.last().text).toContain("Такой даты нет");
    interactions--; // the refused answer is not part of the path
    await send("12.03.1995");
    await send("г. Москва, ул. Ленина, 1");
    await press("Совпадает с регистрацией");
    await press("Поступила не по скорой");
    await send("8 916 123-45-6");
    expect(reporter.last().text).toContain("Проверьте номер: в российском номере 11 цифр");
    interactions--;
    await send("+7 916 123 45 67");
    await press("Пропустить");
    const summary = reporter.last().text;
    expect(summary).toContain("Проверьте сигнал перед отправкой:");
    expect(summary).toContain("• ФИО: Петрова Мария");
    expect(summary).toContain("• Скорая привезла из: Поступила не по скорой");
    expect(summary).toContain("• Риск выявлен: 22.11.2026 23:59 (вчера)");
    expect(summary).toContain("⚠ С момента выявления прошло больше 3 часов");

    // Cancel asks first; "no" brings the summary back untouched.
    await reporter.press("✖ Отмена");
    expect(reporter.last().text).toBe("Точно отменить? Все ответы будут удалены.");
    await reporter.press("Нет, вернуться");
    expect(reporter.last().text).toContain("Проверьте сигнал перед отправкой:");

    // The edit menu is two columns; editing offers "keep as it was".
    await reporter.press("✏ Изменить ответ");
    const rows = reporter.last().buttons;
    expect(rows[0]!.map((b) => b.text)).toEqual(["ФИО", "Категория"]);
    await reporter.press("Телефон");
    expect(buttons(reporter)).toContain("↩ Оставить как было");
    await reporter.press("↩ Оставить как было");
    expect(reporter.last().text).toContain("Проверьте сигнал перед отправкой:");

    await press("📤 Отправить в Службу");
    expect(interactions).toBe(13);
    const signal = await h.database.db.signal.findFirstOrThrow();
    expect(signal).toMatchObject({
      womanFullName: "Петрова Мария",
      location: "in_hospital_pregnant",
      byAmbulance: false,
      ambulanceFrom: null,
      phone: "+79161234567",
      late: true,
      detailsPending: false,
    });
    expect(signal.identifiedAt.toISOString()).toBe("2026-11-22T20:59:00.000Z");
    expect(buttons(reporter)).toContain("➕ Новый сигнал");
  });
});
