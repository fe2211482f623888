/**
 * Urgency after assignment changes only explicitly (issue 7): the head's card offers
 * «⚡ Изменить срочность», asks to confirm the other urgency, and the curator is told; a
 * confirmation left open while the signal changed does nothing.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createHarness, type Harness, type HarnessPerson } from "../helpers/harness.ts";
import { reportSignal } from "../helpers/signals.ts";

describe("changing the urgency after assignment", () => {
  let h: Harness;
  let head: HarnessPerson;
  let curator: HarnessPerson;

  beforeEach(async () => {
    h = await createHarness();
    const reporter = await h.person("reporter", "Смирнова Ольга Ивановна");
    head = await h.person("head", "Кузнецова Мария Петровна");
    curator = await h.person("curator", "Петрова Анна Сергеевна");
    await reportSignal(reporter);
  });
  afterEach(async () => h.stop());

  it("is confirmed, reaches the curator, and an old confirmation does nothing", async () => {
    await head.press("🟢 Плановый");
    await head.press("Петрова А. С. — 0/9");
    await head.press("⚡ Изменить срочность");
    const confirm = head.last();
    expect(confirm.text).toContain("Изменить срочность сигнала 1/2026 на «Срочно: выезд в течение 3 часов»?");
    const urgentData = confirm.buttons.flat().find((b) => b.text === "🔴 Срочно (до 3 часов)")!.data!;

    await head.press("🔴 Срочно (до 3 часов)");
    const signal = await h.database.db.signal.findFirstOrThrow();
    expect(signal.urgency).toBe("urgent");
    expect(signal.curatorId).toBe(curator.staffId);
    expect(curator.messages().some((m) => m.text.includes("Срочность сигнала 1/2026 изменена"))).toBe(true);
    expect(curator.messages().some((m) => m.text.includes("Прибыть до"))).toBe(true);

    // Back to planned, then the old "urgent" confirmation pressed again: nothing changes.
    await head.press("⚡ Изменить срочность");
    await head.press("🟢 Плановый");
    expect((await h.database.db.signal.findFirstOrThrow()).urgency).toBe("planned");
    const before = await h.database.db.signalEvent.count();
    await h.deliver(head.userId, {
      kind: "callback",
      data: urgentData,
      callbackQueryId: "old",
      messageId: confirm.id,
    });
    expect((await h.database.db.signal.findFirstOrThrow()).urgency).toBe("planned");
    expect(await h.database.db.signalEvent.count()).toBe(before);
  });
});
