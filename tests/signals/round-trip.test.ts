import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { replayJournal } from "../../src/signals/domain/lifecycle.ts";
import { createHarness, type Harness, type HarnessPerson } from "../helpers/harness.ts";
import { fillCaseload, reportSignal } from "../helpers/signals.ts";

async function assign(head: HarnessPerson, curatorLabel: string) {
  await head.press("🔴 Срочно (до 3 часов)");
  await head.press(curatorLabel);
}

describe("signal round trip (in-process, controlled clock)", () => {
  let h: Harness;
  let reporter: HarnessPerson;
  let head: HarnessPerson;
  let head2: HarnessPerson;
  let curator: HarnessPerson;
  beforeEach(async () => {
    h = await createHarness();
    reporter = await h.person("reporter", "Смирнова Ольга Ивановна");
    head = await h.person("head", "Кузнецова Мария Петровна");
    head2 = await h.person("head", "Орлова Елена Викторовна");
    curator = await h.person("curator", "Петрова Анна Сергеевна");
  });
  afterEach(async () => h.stop());

  it("creates both journal rows at once and tells every head", async () => {
    const interactions = await reportSignal(reporter);
    expect(interactions).toBe(12);
    expect(reporter.last().text).toContain("Номер в журнале роддома: 1/2026\nНомер в журнале Службы: 1/2026");
    expect(reporter.last().text).toContain("Выявлен: 23.11.2026 11:30. Передан: 23.11.2026 12:00.");
    for (const person of [head, head2]) {
      expect(person.last().text).toContain("🆕 Новый сигнал 1/2026");
      expect(person.last().text).toContain("Риск выявлен: 23.11.2026 11:30, передан через 30 минут");
      expect(person.last().text).toContain("Ранее сигналов о ней не было.");
      expect(person.last().text).not.toContain("Иванова");
    }
    const signal = await h.database.db.signal.findFirstOrThrow();
    expect(signal).toMatchObject({
      hospitalNumber: 1,
      serviceNumber: 1,
      late: false,
      status: "received",
      womanFullName: "Иванова Анна Петровна",
    });
    expect(signal.identifiedAt.toISOString()).toBe("2026-11-23T08:30:00.000Z");
    expect(signal.transmittedAt.toISOString()).toBe("2026-11-23T09:00:00.000Z");
    expect(signal.actualAddress).toBe("г. Москва, ул. Ленина, 1");
  });

  it("marks a signal passed more than 3 hours after identification as late and explains why without blame", async () => {
    await reportSignal(reporter, { when: "23.11 08:40" });
    expect(reporter.last().text).toContain("позже 3 часов после выявления");
    expect(head.last().text).toContain("⚠ Передан позже 3 часов после выявления");
    expect((await h.database.db.signal.findFirstOrThrow()).late).toBe(true);
  });

  it("head assigns, curator accepts, departs, arrives and opens a case", async () => {
    await reportSignal(reporter);
    let headInteractions = 0;
    for (const label of ["🔴 Срочно (до 3 часов)", "Петрова А. С. — 0/9"]) {
      headInteractions++;
      await head.press(label);
    }
    expect(headInteractions).toBe(2);
    expect(head.last().text).toContain(
      "Куратор: Петрова А. С. (назначил(а) Кузнецова М. П., 23.11.2026 12:00)",
    );
    expect(head2.last().text).toContain("Кузнецова М. П. назначил(а) куратора Петрова А. С.");
    expect(reporter.last().text).toContain("назначен куратор: Петрова А. С.");
    const card = curator.last().text;
    expect(card).toContain("Женщина: Иванова Анна Петровна");
    expect(card).toContain("🔴 Срочно — визит в течение 3 часов: прибыть до 23.11.2026 15:00");
    expect(card).toContain("Телефон: +79000000001");

    await curator.press("✅ Принимаю");
    await curator.press("🚗 Выехал(а)");
    await h.advance(50);
    await curator.press("📍 Прибыл(а)");
    expect(reporter.last().text).toContain("Куратор Петрова А. С. прибыл(а) в роддом по сигналу 1/2026.");
    await curator.press("📝 Итог визита");
    await curator.press("Встретился(ась) с женщиной");
    await curator.press("Да, подтверждает отказ");
    await curator.press("☐ Жильё");
    await curator.press("☐ Другое");
    await curator.send("долги по кредиту");
    await curator.press("Готово ✓");
    await curator.send("Мать женщины готова помогать");
    await curator.press("Открыть случай");
    await curator.press("💾 Сохранить");
    expect(curator.last().text).toBe(
      "Открыт случай № 1/2026 по сигналу 1/2026. У вас открытых случаев: 1 из 9.",
    );

    const signal = await h.database.db.signal.findFirstOrThrow({
      include: { events: { orderBy: { id: "asc" } }, case: true },
    });
    expect(signal.status).toBe("case_opened");
    expect(signal.arrivedAt?.toISOString()).toBe("2026-11-23T09:50:00.000Z");
    expect(signal.outcome).toMatchObject({
      met: "met",
      intention: "confirmed",
      reasons: { values: ["housing", "other"], texts: { other: "долги по кредиту" } },
    });
    expect(signal.case?.number).toBe("1/2026");
    // The journal columns are exactly what the events say.
    expect(replayJournal(signal.events)).toEqual({
      status: signal.status,
      urgency: signal.urgency,
      curatorId: signal.curatorId,
      assignedAt: signal.assignedAt,
      assignedById: signal.assignedById,
      acceptedAt: signal.acceptedAt,
      departedAt: signal.departedAt,
      arrivedAt: signal.arrivedAt,
      decidedAt: signal.decidedAt,
    });
    expect(signal.events.map((e) => [e.type, e.actorStaffId])).toEqual([
      ["registered", reporter.staffId],
      ["transmitted", reporter.staffId],
      ["urgency_set", head.staffId],
      ["assigned", head.staffId],
      ["accepted", curator.staffId],
      ["departed", curator.staffId],
      ["arrived", curator.staffId],
      ["outcome", curator.staffId],
      ["case_opened", curator.staffId],
    ]);
  });

  it("closes the signal as not confirmed with the reason", async () => {
    await reportSignal(reporter);
    await assign(head, "Петрова А. С. — 0/9");
    await curator.press("✅ Принимаю");
    await curator.press("📍 Прибыл(а)");
    await curator.press("📝 Итог визита");
    await curator.press("Встретился(ась) с женщиной");
    await curator.press("Нет, заберёт ребёнка");
    await curator.send("Решение принято осознанно, семья поддерживает");
    await curator.press("Закрыть: сигнал не подтвердился");
    await curator.send("Женщина забирает ребёнка, отказ был эмоциональным");
    await curator.press("💾 Сохранить");
    expect(curator.last().text).toBe("Сигнал 1/2026 закрыт как неподтвердившийся.");
    expect(head.last().text).toContain("закрыт как неподтвердившийся");
    const signal = await h.database.db.signal.findFirstOrThrow({ include: { events: true, case: true } });
    expect(signal.status).toBe("not_confirmed");
    expect(signal.case).toBeNull();
    expect(signal.events.find((e) => e.type === "closed")?.data).toEqual({
      reason: "not_confirmed",
      text: "Женщина забирает ребёнка, отказ был эмоциональным",
    });
  });

  it("the woman has left the hospital: the visit moves to her addresses", async () => {
    await reportSignal(reporter, { location: "Женщина покинула роддом" });
    expect(head.last().text).toContain("Где сейчас: Женщина покинула роддом");
    await assign(head, "Петрова А. С. — 0/9");
    await curator.press("✅ Принимаю");
    await curator.press("📍 Прибыл(а)");
    // She is not at the hospital: the reporter is not told the curator "arrived at the hospital".
    const told = reporter.messages().map((m) => m.text);
    expect(told).toContain("Куратор Петрова А. С. побывал(а) по адресам женщины по сигналу 1/2026.");
    expect(told.join("\n")).not.toContain("прибыл(а) в роддом");
    await curator.press("📝 Итог визита");
    await curator.press("Она уже покинула роддом");
    expect(curator.last().text).toContain("Визит по её адресам: результат?");
    await curator.press("Встретились по адресу");
    await curator.press("Родственники заберут ребёнка");
    await curator.press("☐ Деньги");
    await curator.press("Готово ✓");
    await curator.send("Бабушка готова оформить опеку");
    await curator.press("Открыть случай");
    await curator.press("💾 Сохранить");
    const signal = await h.database.db.signal.findFirstOrThrow();
    expect(signal.outcome).toMatchObject({
      met: "left_hospital",
      address_visit: "met_at_address",
      intention: "relatives_take",
    });
    expect(signal.status).toBe("case_opened");
  });

  it("two heads pressing assign at once: exactly one assignment wins, the other head is told who did it", async () => {
    const curator2 = await h.person("curator", "Соколова Ирина Андреевна");
    await reportSignal(reporter);
    await head.press("🔴 Срочно (до 3 часов)");
    await Promise.all([head.press("Петрова А. С. — 0/9"), head2.press("Соколова И. А. — 0/9")]);
    const signal = await h.database.db.signal.findFirstOrThrow({ include: { events: true } });
    const assignments = signal.events.filter((e) => e.type === "assigned" || e.type === "reassigned");
    expect(assignments).toHaveLength(1);
    const winner = assignments[0]!.actorStaffId === head.staffId ? head : head2;
    const loser = winner === head ? head2 : head;
    expect(
      loser
        .messages()
        .some(
          (m) =>
            m.text.startsWith("Куратор уже назначен:") &&
            m.text.includes(winner === head ? "Кузнецова М. П." : "Орлова Е. В."),
        ),
    ).toBe(true);
    const assignedCurator = signal.curatorId === curator.staffId ? curator : curator2;
    const other = assignedCurator === curator ? curator2 : curator;
    expect(assignedCurator.last().text).toContain("Вам назначен сигнал 1/2026");
    expect(other.messages()).toHaveLength(0);
  });

  it("reminds every head every 15 minutes until someone assigns, then stops", async () => {
    await reportSignal(reporter);
    const reminders = (p: HarnessPerson) =>
      p.messages().filter((m) => m.text.startsWith("⏰ Сигнал 1/2026")).length;
    await h.advance(14);
    expect(reminders(head)).toBe(0);
    await h.advance(1);
    expect(reminders(head)).toBe(1);
    expect(reminders(head2)).toBe(1);
    expect(head.last().text).toContain("ждёт назначения куратора уже 15 минут");
    await h.advance(15);
    expect(reminders(head)).toBe(2);
    expect(head.last().text).toContain("уже 30 минут");
    await assign(head, "Петрова А. С. — 0/9");
    await h.advance(60);
    // Count what was sent (pressing a reminder's button turns that message into the card).
    const sentReminders = h.messenger.sent.filter(
      (m) => [head.userId, head2.userId].includes(m.chatId) && m.text.includes("⏰ Сигнал 1/2026"),
    );
    expect(sentReminders).toHaveLength(4);
    const events = await h.database.db.signalEvent.findMany({ where: { type: "reminder_sent" } });
    expect(events.map((e) => e.data)).toEqual([{ n: 1 }, { n: 2 }]);
  });

  it("tells the heads when the curator has not accepted within 15 minutes", async () => {
    await reportSignal(reporter);
    await assign(head, "Петрова А. С. — 0/9");
    await h.advance(14);
    expect(head.messages().some((m) => m.text.includes("не подтвердил(а) сигнал"))).toBe(false);
    await h.advance(1);
    expect(head.last().text).toBe("⏰ Куратор Петрова А. С. не подтвердил(а) сигнал 1/2026 за 15 минут.");
    expect(head2.last().text).toBe("⏰ Куратор Петрова А. С. не подтвердил(а) сигнал 1/2026 за 15 минут.");
  });

  it("does not tell the heads when the curator accepted in time", async () => {
    await reportSignal(reporter);
    await assign(head, "Петрова А. С. — 0/9");
    await h.advance(5);
    await curator.press("✅ Принимаю");
    await h.advance(30);
    expect(head.messages().some((m) => m.text.includes("не подтвердил(а)"))).toBe(false);
  });

  it("tells the curator and the heads when the urgent visit deadline passes without arrival", async () => {
    await reportSignal(reporter);
    await assign(head, "Петрова А. С. — 0/9");
    await curator.press("✅ Принимаю");
    await h.advance(179);
    expect(curator.messages().some((m) => m.text.includes("Срок визита"))).toBe(false);
    await h.advance(1);
    expect(curator.last().text).toContain("Срок визита по сигналу 1/2026 истёк в 23.11.2026 15:00");
    expect(head.last().text).toContain("куратор Петрова А. С. не отметил(а) прибытие");
  });

  it("no deadline message when the curator arrived in time", async () => {
    await reportSignal(reporter);
    await assign(head, "Петрова А. С. — 0/9");
    await curator.press("✅ Принимаю");
    await h.advance(100);
    await curator.press("📍 Прибыл(а)");
    await h.advance(200);
    expect(curator.messages().some((m) => m.text.includes("Срок визита"))).toBe(false);
  });

  it("a curator at 9 open cases is shown as full and needs an explicit override with a reason", async () => {
    const { db } = h.database;
    await fillCaseload(db, h, reporter.staffId, curator.staffId);
    await reportSignal(reporter);
    await head.press("🔴 Срочно (до 3 часов)");
    expect(
      head
        .last()
        .buttons.flat()
        .map((b) => b.text),
    ).toContain("Петрова А. С. — 9/9 ⛔ полная нагрузка");
    await head.press("Петрова А. С. — 9/9 ⛔ полная нагрузка");
    expect(head.messages().at(-2)?.text).toContain("уже ведёт 9 случаев");
    expect(head.last().text).toContain("Почему назначаете куратора сверх 9 случаев?");
    expect((await db.signal.findFirstOrThrow({ where: { serviceYear: 2026 } })).curatorId).toBeNull();
    await head.send("ок");
    expect(head.last().text).toContain("Слишком короткий ответ");
    await head.send("Единственный куратор с опытом работы с этим роддомом");
    const signal = await db.signal.findFirstOrThrow({
      where: { serviceYear: 2026 },
      include: { events: true },
    });
    expect(signal.curatorId).toBe(curator.staffId);
    expect(signal.events.find((e) => e.type === "assigned")?.data).toMatchObject({
      override: true,
      overrideReason: "Единственный куратор с опытом работы с этим роддомом",
      openCases: 9,
    });
  });

  it("reassignment is journaled and both curators are told", async () => {
    const curator2 = await h.person("curator", "Соколова Ирина Андреевна");
    await reportSignal(reporter);
    await assign(head, "Петрова А. С. — 0/9");
    await head.press("🔁 Переназначить");
    expect(
      head
        .last()
        .buttons.flat()
        .map((b) => b.text),
    ).not.toContain("Петрова А. С. — 0/9");
    await head.press("Соколова И. А. — 0/9");
    expect(curator2.last().text).toContain("Вам назначен сигнал 1/2026");
    expect(curator.last().text).toBe("Сигнал 1/2026 передан другому куратору: Соколова И. А.");
    await curator.press("✅ Принимаю").catch(() => undefined);
    const signal = await h.database.db.signal.findFirstOrThrow({
      include: { events: { orderBy: { id: "asc" } } },
    });
    expect(signal.curatorId).toBe(curator2.staffId);
    expect(signal.events.filter((e) => e.type === "reassigned").map((e) => e.data)).toEqual([
      { curatorId: curator2.staffId, fromCuratorId: curator.staffId },
    ]);
    expect(signal.acceptedAt).toBeNull();
  });

  it("names earlier signals about the same woman, tolerant of case, ё and a missing patronymic", async () => {
    await reportSignal(reporter, { name: "Семёнова Дарья Олеговна" });
    await assign(head, "Петрова А. С. — 0/9");
    await reportSignal(reporter, { name: "  СЕМЕНОВА   дарья " });
    expect(head.last().text).toContain("🆕 Новый сигнал 2/2026");
    expect(head.last().text).toContain("Ранее: сигнал 1/2026 — назначен куратор");
    await reportSignal(reporter, { name: "Семенова Дарья Олеговна", born: "01.01.1990" });
    expect(head.last().text).toContain("Ранее сигналов о ней не было.");
  });

  it("pressing send twice creates one signal", async () => {
    await reportSignal(reporter);
    await reporter.press("📤 Отправить в Службу").catch(() => undefined);
    expect(await h.database.db.signal.count()).toBe(1);
  });

  it("/my lists the curator's open signals with their deadline", async () => {
    await reportSignal(reporter);
    await assign(head, "Петрова А. С. — 0/9");
    await curator.send("/my");
    expect(curator.last().text).toBe(
      "Ваши открытые сигналы:\n• Сигнал 1/2026 — назначен куратор, прибыть до 23.11.2026 15:00",
    );
  });
});
