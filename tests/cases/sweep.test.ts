/**
 * The deadline sweep is data plus one job: two sweeps at once, a sweep after a restart (no memory
 * but the database) and a clock that jumped weeks ahead each tell every reminder once, and only
 * the latest of each kind after a jump.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../helpers/harness.ts";
import {
  casePeople,
  makeDecisionPlan,
  openCaseThroughBot,
  texts,
  type CasePeople,
} from "../helpers/cases.ts";

describe("the deadline sweep", () => {
  let h: Harness;
  let p: CasePeople;
  beforeEach(async () => {
    h = await createHarness();
    p = await casePeople(h);
    await openCaseThroughBot(h, p);
    await p.curator.send("/case 1/2026");
    await makeDecisionPlan(p.curator);
  });
  afterEach(async () => h.stop());

  it("after a 22-day jump tells one reminder per kind, the latest, and never again", async () => {
    const before = { curator: texts(p.curator).length, head: texts(p.head).length };
    await h.advance(22 * 24 * 60);
    const curator = texts(p.curator).slice(before.curator);
    const head = texts(p.head).slice(before.head);
    // Monitoring: the third week's (missed) only; each action: overdue only (their "due today" is past).
    expect(curator.filter((t) => t.includes("мониторинг"))).toEqual([
      "⚠ Случай № 1/2026: мониторинг за 14.12.2026 12:00 не записан (куратор Петрова А. С.).",
    ]);
    expect(head.filter((t) => t.includes("мониторинг"))).toHaveLength(1);
    expect(head.filter((t) => t.includes("просрочено действие"))).toEqual([
      "⚠ Случай № 1/2026: просрочено действие «Встреча с матерью женщины» (срок 26.11.2026, отвечает: Куратор).",
      "⚠ Случай № 1/2026: просрочено действие «Оформить пособие на ребёнка» (срок 07.12.2026, отвечает: Другая организация).",
    ]);
    expect(curator.join("\n")).not.toContain("сегодня срок действия");
    const reminders = await h.database.db.caseReminder.findMany({ orderBy: { key: "asc" } });
    // Keys carry the actions' random ids: compare them masked and sorted.
    expect(
      reminders
        .filter((r) => r.told)
        .map((r) => r.key.replace(/act:[0-9a-f-]+/, "act:…"))
        .sort(),
    ).toEqual(["act:…:2026-11-26:overdue", "act:…:2026-12-07:overdue", "mon:decision_change:3:missed"]);
    expect(
      reminders
        .filter((r) => !r.told)
        .map((r) => r.key.replace(/act:[0-9a-f-]+/, "act:…"))
        .sort(),
    ).toEqual(["act:…:2026-11-26:due", "act:…:2026-12-07:due", "mon:decision_change:3:due"]);
    // A sweep again (another process, a restart: nothing in memory) tells nothing new.
    const told = texts(p.curator).length + texts(p.head).length;
    await h.runJob("case-sweep");
    await h.runJob("case-sweep");
    expect(texts(p.curator).length + texts(p.head).length).toBe(told);
  });

  it("two sweeps at once tell each reminder once", async () => {
    await h.advance(7 * 24 * 60 - 1);
    const before = texts(p.curator).length;
    // The clock reaches the monitoring's moment; two workers sweep at the same time.
    await h.advance(1);
    const afterCron = texts(p.curator).length;
    expect(afterCron - before).toBe(1);
    await Promise.all([h.runJob("case-sweep"), h.runJob("case-sweep"), h.runJob("case-sweep")]);
    expect(texts(p.curator).length).toBe(afterCron);
    const rows = await h.database.db.caseReminder.findMany({ where: { key: "mon:decision_change:1:due" } });
    expect(rows).toHaveLength(1);
  });

  it("two sweeps racing for a case whose monitoring just fell due: one tells it, the other skips it", async () => {
    // Make the first weekly monitoring due now without a sweep having seen it: the plan is a week old.
    const { db } = h.database;
    const weekAgo = new Date(h.now().getTime() - 7 * 86_400_000);
    await db.casePlan.updateMany({ data: { createdAt: weekAgo } });
    await db.case.updateMany({ data: { nextDueAt: weekAgo } });
    const before = texts(p.curator).length;
    await Promise.all([h.runJob("case-sweep"), h.runJob("case-sweep"), h.runJob("case-sweep")]);
    const told = texts(p.curator).slice(before);
    expect(told.filter((t) => t.includes("пора записать мониторинг"))).toHaveLength(1);
    expect(await db.caseReminder.count({ where: { key: "mon:decision_change:1:due" } })).toBe(1);
    expect((await db.case.findFirstOrThrow()).nextDueAt!.getTime()).toBeGreaterThan(h.now().getTime());
  });
});
