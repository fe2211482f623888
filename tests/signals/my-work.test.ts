/**
 * `/my` through the bot: a head sees every open signal and case of the service and opens their
 * cards; a reporter sees their hospital's recent signals with status and curator, never what the
 * visit found nor another hospital's signals; long lists come in pages.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createHarness, type Harness, type HarnessPerson } from "../helpers/harness.ts";
import { fillCaseload, reportSignal } from "../helpers/signals.ts";

async function assign(head: HarnessPerson, curatorLabel: string) {
  await head.press("🔴 Срочно (до 3 часов)");
  await head.press(curatorLabel);
}

const buttonsOf = (p: HarnessPerson) =>
  p
    .last()
    .buttons.flat()
    .map((b) => b.text);

describe("/my", () => {
  let h: Harness;
  let reporter: HarnessPerson;
  let head: HarnessPerson;
  let curator: HarnessPerson;
  beforeEach(async () => {
    h = await createHarness();
    reporter = await h.person("reporter", "Смирнова Ольга Ивановна");
    head = await h.person("head", "Кузнецова Мария Петровна");
    curator = await h.person("curator", "Петрова Анна Сергеевна");
  });
  afterEach(async () => h.stop());

  it("shows a head every open signal of the service, and a button sends its current card", async () => {
    await reportSignal(reporter);
    await assign(head, "Петрова А. С. — 0/9");
    await h.advance(20);
    await reportSignal(reporter, { name: "Сидорова Вера Павловна" });
    await h.advance(5);
    await head.send("/my");
    expect(head.last().text).toBe(
      [
        "Сигналы службы:",
        "• 1/2026, РД1 — 🔴 назначен куратор (Петрова А. С.), прибыть до 23.11.2026 15:00; поступил 25 минут назад",
        "• 2/2026, РД1 — ожидает назначения; поступил 5 минут назад",
      ].join("\n"),
    );
    expect(head.last().text).not.toContain("Иванова");
    expect(buttonsOf(head)).toEqual(["Сигнал 1/2026", "Сигнал 2/2026"]);

    const before = head.messages().length;
    await head.press("Сигнал 1/2026");
    expect(head.messages()).toHaveLength(before + 1);
    const card = head.last();
    expect(card.text).toContain("сигнал 1/2026");
    expect(card.text).toContain("Куратор: Петрова А. С.");
    expect(card.buttons.flat().map((b) => b.text)).toEqual(["🔁 Переназначить", "⚡ Изменить срочность"]);
    const reads = await h.database.db.auditEvent.findMany({
      where: { action: "signal.read", actorStaffId: head.staffId },
    });
    expect(reads).toHaveLength(1);

    await head.press("Сигнал 2/2026");
    expect(buttonsOf(head)).toEqual(["🔴 Срочно (до 3 часов)", "🟢 Плановый"]);
    await head.press("🟢 Плановый");
    expect(await h.database.db.signal.findFirstOrThrow({ where: { serviceNumber: 2 } })).toMatchObject({
      urgency: "planned",
    });
  });

  it("lets a curator open their own signal's card with the next step on it", async () => {
    await reportSignal(reporter);
    await assign(head, "Петрова А. С. — 0/9");
    await curator.send("/my");
    expect(curator.last().text).toBe(
      "Ваши открытые сигналы:\n• Сигнал 1/2026 — назначен куратор, прибыть до 23.11.2026 15:00",
    );
    await curator.press("Сигнал 1/2026");
    expect(curator.last().text).toContain("Женщина: Иванова Анна Петровна");
    expect(buttonsOf(curator)).toContain("✅ Принимаю");
  });

  it("shows a reporter their hospital's signals with status and curator, never the outcome or another hospital", async () => {
    const other = await h.database.db.hospital.create({
      data: { serviceId: h.serviceId, name: "Роддом №2 (тест)", shortName: "РД2" },
    });
    const otherReporter = await h.person("reporter", "Волкова Ирина Олеговна", { hospitalId: other.id });
    await reporter.send("/my");
    expect(reporter.last().text).toBe("За последние 30 дней сигналов из вашего роддома не было.");

    await reportSignal(reporter);
    await assign(head, "Петрова А. С. — 0/9");
    await curator.press("✅ Принимаю");
    await curator.press("🚗 Выехал(а)");
    await curator.press("📍 Прибыл(а)");
    await curator.press("📝 Итог визита");
    await curator.press("Встретился(ась) с женщиной");
    await curator.press("Да, подтверждает отказ");
    await curator.press("☐ Жильё");
    await curator.press("Готово ✓");
    await curator.send("Мать женщины готова помогать");
    await curator.press("Открыть случай");
    await curator.press("💾 Сохранить");
    expect((await h.database.db.signal.findFirstOrThrow()).status).toBe("case_opened");
    await reportSignal(otherReporter, { name: "Сидорова Вера Павловна" });
    await reportSignal(reporter, { name: "Козлова Нина Андреевна" });

    await reporter.send("/my");
    const text = reporter.last().text;
    expect(text).toBe(
      [
        "Сигналы вашего роддома за последние 30 дней:",
        "• № 2/2026 от 23.11.2026 12:00 — ждёт назначения куратора",
        "• № 1/2026 от 23.11.2026 12:00 — куратор побывал(а) у женщины (Петрова А. С.)",
      ].join("\n"),
    );
    for (const secret of ["случай", "отказ", "Жильё", "Мать", "Сидорова", "РД2", "Иванова", "Козлова"])
      expect(text).not.toContain(secret);
    expect(reporter.last().buttons).toEqual([]);

    await otherReporter.send("/my");
    expect(otherReporter.last().text).toBe(
      "Сигналы вашего роддома за последние 30 дней:\n• № 1/2026 от 23.11.2026 12:00 — ждёт назначения куратора",
    );
  });

  it("pages a long list, and each page's buttons open what it shows", async () => {
    await fillCaseload(h.database.db, h, reporter.staffId, curator.staffId, 9);
    await reportSignal(reporter);
    await reportSignal(reporter, { name: "Сидорова Вера Павловна" });
    await head.send("/my");
    const first = head.last().text;
    expect(first.startsWith("Сигналы службы:\n• 1/2026")).toBe(true);
    expect(first).toContain("Открытые случаи службы (9)");
    expect(first.split("\n").filter((l) => l.startsWith("•"))).toHaveLength(10);
    expect(first).toContain("Страница 1 из 2");
    expect(buttonsOf(head)).toContain("Дальше ▶");
    expect(buttonsOf(head)).not.toContain("◀ Назад");
    const id = head.last().id;
    await head.press("Дальше ▶");
    // The same message turns the page.
    expect(head.last().id).toBe(id);
    const second = head.last().text;
    expect(second.startsWith("Открытые случаи службы (9)")).toBe(true);
    expect(second.split("\n").filter((l) => l.startsWith("•"))).toHaveLength(1);
    expect(second).toContain("Страница 2 из 2");
    expect(buttonsOf(head)).toEqual(["📁 9/2025", "◀ Назад"]);
    await head.press("◀ Назад");
    expect(head.last().text).toBe(first);
  });
});
