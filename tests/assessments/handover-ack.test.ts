/**
 * The hand-over of an assessment's form to the guardianship authority, acknowledged (through the
 * chat): after the hand-over the card waits for the authority's confirmation, the specialist and
 * the heads are reminded once a day until it is recorded, and recording it (who confirmed) stops
 * the reminders; the card and the API show it.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { assessedWithoutThreats, arrivedSignal, team, type Team } from "../helpers/assessments.ts";
import { createHarness, type Harness, type HarnessPerson } from "../helpers/harness.ts";

describe("the hand-over to the guardianship authority, acknowledged", () => {
  let h: Harness;
  let t: Team;
  beforeEach(async () => {
    h = await createHarness();
    t = await team(h);
  });
  afterEach(async () => h.stop());

  it("reminds daily until the receipt is recorded, then stops", async () => {
    const { db } = h.database;
    await arrivedSignal(t);
    const { curator, head, head2 } = t;
    await assessedWithoutThreats(curator);
    await curator.press("🧾 Заключение");
    await curator.press("3 — есть основания, открыть случай");
    await curator.press("💾 Сохранить заключение");
    await curator.press("📤 Передать в орган опеки");
    await curator.send("Отдел опеки и попечительства Центрального района, opeka@example.ru");
    await curator.press("Электронной почтой");
    await curator.press("📤 Записать передачу");
    let card = curator.last();
    expect(card.text).toContain("⏳ Орган опеки ещё не подтвердил получение");
    expect(card.buttons.flat().map((b) => b.text)).toEqual([
      "✅ Орган опеки подтвердил получение",
      "📄 Форма (PDF)",
    ]);

    const reminders = (person: HarnessPerson) =>
      person.messages().filter((m) => m.text.startsWith("⏰ Оценка № 1/2026") && m.text.includes("получ"));
    await h.advance(23 * 60);
    expect(reminders(curator)).toHaveLength(0);
    await h.advance(61);
    expect(reminders(curator).map((m) => m.text)).toEqual([
      "⏰ Оценка № 1/2026: орган опеки ещё не подтвердил, что получил форму (передана 23.11.2026 12:00). Уточните у них и отметьте, когда подтвердят.",
    ]);
    for (const person of [head, head2]) {
      expect(reminders(person)).toHaveLength(1);
      expect(reminders(person)[0]!.text).toContain("специалист — Петрова А. С.");
    }
    await h.advance(24 * 60);
    expect(reminders(curator)).toHaveLength(2);
    expect(reminders(head)).toHaveLength(2);

    // From the reminder: who at the authority confirmed it.
    await curator.press("✅ Орган опеки подтвердил получение");
    expect(curator.last().text).toContain("Кто в органе опеки подтвердил получение?");
    await curator.send("Соколова Е. В., ведущий специалист отдела опеки");
    expect(curator.messages().at(-2)!.text).toBe(
      "Получение формы оценки № 1/2026 органом опеки отмечено. Напоминаний больше не будет.",
    );
    card = curator.last();
    expect(card.text).toContain(
      "Орган опеки подтвердил получение: 25.11.2026 12:01 (Соколова Е. В., ведущий специалист отдела опеки).",
    );
    expect(card.buttons.flat().map((b) => b.text)).toEqual(["📄 Форма (PDF)"]);

    await h.advance(3 * 24 * 60);
    expect(reminders(curator)).toHaveLength(2);
    expect(reminders(head)).toHaveLength(2);

    const stored = await db.assessment.findFirstOrThrow({ include: { events: { orderBy: { id: "asc" } } } });
    expect(stored.acknowledgedByName).toBe("Соколова Е. В., ведущий специалист отдела опеки");
    expect(stored.events.map((e) => e.type).slice(-4)).toEqual([
      "handed_over",
      "handover_ack_reminded",
      "handover_ack_reminded",
      "handover_acknowledged",
    ]);
    // Events carry no names.
    expect(JSON.stringify(stored.events.map((e) => e.data))).not.toContain("Соколова");

    const api = await h.api();
    const detail = await api.call(curator.staffId, "GET", `/api/assessments/${stored.id}`);
    expect(detail.status).toBe(200);
    expect((detail.body as { handover: unknown }).handover).toMatchObject({
      acknowledgedBy: "Соколова Е. В., ведущий специалист отдела опеки",
    });
    const timeline = (detail.body as { timeline: { type: string }[] }).timeline.map((e) => e.type);
    expect(timeline).toContain("handover_acknowledged");

    // The button of an older reminder only shows the card as it is now: nothing asked again.
    await curator.press("✅ Орган опеки подтвердил получение");
    expect(curator.last().text).toContain("Орган опеки подтвердил получение: 25.11.2026 12:01");
    expect(await db.assessmentEvent.count({ where: { type: "handover_acknowledged" } })).toBe(1);
  });
});
