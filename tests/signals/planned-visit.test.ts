/**
 * The planned visit's time (issue 7): the curator who accepts a planned signal is asked when the
 * visit will be; a past time is refused; the heads' and the curator's cards show it; the curator
 * is reminded an hour before — once, for the time now planned — and not at all after arriving.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createHarness, type Harness, type HarnessPerson } from "../helpers/harness.ts";
import { reportSignal } from "../helpers/signals.ts";

describe("the planned visit's time", () => {
  let h: Harness;
  let reporter: HarnessPerson;
  let head: HarnessPerson;
  let curator: HarnessPerson;

  beforeEach(async () => {
    // The harness starts at 23.11.2026 09:00 UTC: 12:00 in Moscow, the service's zone.
    h = await createHarness();
    reporter = await h.person("reporter", "Смирнова Ольга Ивановна");
    head = await h.person("head", "Кузнецова Мария Петровна");
    curator = await h.person("curator", "Петрова Анна Сергеевна");
  });
  afterEach(async () => h.stop());

  const reminders = () =>
    curator.messages().filter((m) => m.text.includes("Через час визит по сигналу 1/2026"));

  async function acceptPlanned() {
    await reportSignal(reporter);
    await head.press("🟢 Плановый");
    await head.press("Петрова А. С. — 0/9");
    await curator.press("✅ Принимаю");
  }

  it("asks after accepting, refuses a past time, shows it on every card and reminds an hour before, once", async () => {
    await acceptPlanned();
    expect(curator.last().text).toContain("Когда планируете визит? Нажмите «🗓 Время визита»");
    await curator.press("🗓 Время визита");
    expect(curator.last().text).toContain("Когда планируете визит по сигналу 1/2026?");

    await curator.send("23.11 10:00");
    expect(curator.last().text).toContain("Это время уже прошло");
    expect((await h.database.db.signal.findFirstOrThrow()).plannedVisitAt).toBeNull();

    await curator.send("23.11 15:00");
    expect(curator.last().text).toContain("визит по сигналу 1/2026 запланирован на");
    const signal = await h.database.db.signal.findFirstOrThrow();
    expect(signal.plannedVisitAt?.toISOString()).toBe("2026-11-23T12:00:00.000Z");
    const event = await h.database.db.signalEvent.findFirstOrThrow({ where: { type: "visit_planned" } });
    expect(event.actorStaffId).toBe(curator.staffId);
    expect(event.data).toEqual({ at: "2026-11-23T12:00:00.000Z", previous: null });
    expect(await h.database.db.auditEvent.count({ where: { action: "signal.visit_planned" } })).toBe(1);

    // The head's card (edited in place) and the curator's card show it; the heads are told.
    const headCard = head.messages().find((m) => m.text.includes("Новый сигнал 1/2026"));
    expect(headCard?.text).toContain("🗓 Визит запланирован: 23.11.2026 15:00");
    expect(head.messages().some((m) => m.text.includes("запланировал(а) визит"))).toBe(true);
    const curatorCard = curator.messages().find((m) => m.text.includes("Вам назначен сигнал 1/2026"));
    expect(curatorCard?.text).toContain("🗓 Визит запланирован: 23.11.2026 15:00");
    // Answered: the question on the "accepted" note goes (the note is drawn again).
    expect(curator.messages().some((m) => m.text.includes("Нажмите «🗓 Время визита»"))).toBe(false);

    // Moved from the card: the reminder follows the new time.
    await curator.press("🗓 Время визита");
    expect(curator.last().text).toContain("Когда планируете визит по сигналу 1/2026?");
    await curator.send("23.11 17:00");
    expect((await h.database.db.signal.findFirstOrThrow()).plannedVisitAt?.toISOString()).toBe(
      "2026-11-23T14:00:00.000Z",
    );
    expect(head.messages().some((m) => m.text.includes("перенёс(ла) визит"))).toBe(true);

    await h.advance(125); // 14:05: an hour before the first time, which was moved
    expect(reminders()).toHaveLength(0);
    await h.advance(110); // 15:55: still more than an hour before 17:00
    expect(reminders()).toHaveLength(0);
    await h.advance(10); // 16:05
    expect(reminders()).toHaveLength(1);
    expect(reminders()[0]!.text).toContain("17:00");
    await h.advance(120);
    expect(reminders()).toHaveLength(1);
    const types = (await h.database.db.signalEvent.findMany({ orderBy: { id: "asc" } })).map((e) => e.type);
    expect(types.filter((t) => t === "visit_reminded")).toHaveLength(1);
  });

  it("arriving before the reminder cancels it; after arrival the time can no longer be changed", async () => {
    await acceptPlanned();
    await curator.press("🗓 Время визита");
    await curator.send("23.11 15:00");
    await curator.press("📍 Прибыл(а)");
    expect(curator.messages().flatMap((m) => m.buttons.flat().map((b) => b.text))).not.toContain(
      "🗓 Время визита",
    );
    await h.advance(180);
    expect(reminders()).toHaveLength(0);
  });

  it("an urgent signal is not asked for a visit time", async () => {
    await reportSignal(reporter);
    await head.press("🔴 Срочно (до 3 часов)");
    await head.press("Петрова А. С. — 0/9");
    await curator.press("✅ Принимаю");
    expect(curator.last().text).not.toContain("Когда планируете визит");
    expect(curator.messages().flatMap((m) => m.buttons.flat().map((b) => b.text))).not.toContain(
      "🗓 Время визита",
    );
  });
});
