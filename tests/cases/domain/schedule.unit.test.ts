/**
 * The case's deadlines as data: which reminders exist, when each falls due, which are told after a
 * restart or a clock jump, what is overdue. Moscow time (UTC+3) throughout.
 */
import { describe, expect, it } from "vitest";
import {
  deadlines,
  dueReminders,
  nextDueAt,
  overdueSince,
  reminderItems,
  type ScheduleFacts,
} from "../../../src/cases/domain/schedule.ts";

const zone = "Europe/Moscow";
const opened = new Date("2026-11-23T09:00:00Z"); // 12:00 in Moscow
const days = (n: number, from = opened) => new Date(from.getTime() + n * 86_400_000);

function facts(overrides: Partial<ScheduleFacts> = {}): ScheduleFacts {
  return {
    status: "open",
    openedAt: opened,
    planDueAt: days(3),
    limitAt: days(30),
    accompanimentAt: null,
    decisionPlanAt: null,
    rehabPlanAt: null,
    monitorings: [],
    actions: [],
    pendingHandovers: [],
    ...overrides,
  };
}

const keysAt = (f: ScheduleFacts, now: Date) =>
  reminderItems(f, now, zone).map((i) => [i.key, i.at.toISOString(), i.overdue] as const);

describe("stage 3 deadlines", () => {
  it("reminds of the plan a day before it is due and reports it overdue when due; none once it is made", () => {
    expect(keysAt(facts(), opened)).toEqual([
      ["plan:soon", "2026-11-25T09:00:00.000Z", false],
      ["plan:overdue", "2026-11-26T09:00:00.000Z", true],
      ["limit:2026-12-23T09:00:00.000Z", "2026-12-23T09:00:00.000Z", true],
      ["limit:2026-12-23T09:00:00.000Z:again", "2026-12-24T09:00:00.000Z", true],
    ]);
    const planned = facts({ decisionPlanAt: days(1) });
    expect(reminderItems(planned, days(1), zone).some((i) => i.group === "plan")).toBe(false);
  });

  it("asks for a monitoring every 7 days from the plan, reports a missed one a day later", () => {
    const plan = days(1);
    const f = facts({ decisionPlanAt: plan });
    const mon = (now: Date, monitorings: ScheduleFacts["monitorings"] = []) =>
      reminderItems({ ...f, monitorings }, now, zone)
        .filter((i) => i.group === "mon:decision_change")
        .map((i) => [i.key, i.at.toISOString()]);
    expect(mon(days(2))).toEqual([
      ["mon:decision_change:1:due", days(7, plan).toISOString()],
      ["mon:decision_change:1:missed", days(8, plan).toISOString()],
      ["mon:decision_change:2:due", days(14, plan).toISOString()],
    ]);
    // Recorded a day early: it counts for the first; the next is at 14 days.
    const early = [{ stage: "decision_change" as const, recordedAt: days(6, plan) }];
    expect(mon(days(6.5, plan), early)[0]).toEqual([
      "mon:decision_change:2:due",
      days(14, plan).toISOString(),
    ]);
    // An entry two days after the plan is too early to count for the first week.
    const tooEarly = [{ stage: "decision_change" as const, recordedAt: days(2, plan) }];
    expect(mon(days(3, plan), tooEarly)[0]).toEqual([
      "mon:decision_change:1:due",
      days(7, plan).toISOString(),
    ]);
    // Recorded two days late: it still counts for the first, the second stays at 14 days.
    const late = [{ stage: "decision_change" as const, recordedAt: days(9, plan) }];
    expect(mon(days(9, plan), late)[0]).toEqual(["mon:decision_change:2:due", days(14, plan).toISOString()]);
  });

  it("after three unrecorded weeks tells one reminder (the latest), not three, and keeps it overdue", () => {
    const plan = days(1);
    const f = facts({ decisionPlanAt: plan });
    const now = days(22.5, plan);
    const items = reminderItems(f, now, zone);
    const { tell, superseded } = dueReminders(items, new Set(), now);
    expect(tell.map((i) => i.key)).toEqual(["mon:decision_change:3:missed"]);
    expect(superseded.map((i) => i.key)).toEqual(["mon:decision_change:3:due"]);
    expect(overdueSince(items, now)?.toISOString()).toBe(days(22, plan).toISOString());
    const told = new Set([...tell, ...superseded].map((i) => i.key));
    expect(nextDueAt(items, told)?.toISOString()).toBe(days(28, plan).toISOString());
    // The same sweep again (a second worker, a restart) tells nothing.
    expect(dueReminders(items, told, now).tell).toEqual([]);
  });

  it("reminds the responsible of an action at 9:00 on its day and reports it overdue at 9:00 the next day", () => {
    const f = facts({
      decisionPlanAt: days(1),
      actions: [{ key: "a", dueDate: "2026-11-30", responsible: "psychologist", since: days(1) }],
    });
    const act = reminderItems(f, days(1), zone).filter((i) => i.group === "act:a");
    expect(act.map((i) => [i.kind, i.at.toISOString(), i.subject.responsible])).toEqual([
      ["action_due", "2026-11-30T06:00:00.000Z", "psychologist"],
      ["action_overdue", "2026-12-01T06:00:00.000Z", "psychologist"],
    ]);
    // A deadline set for today after 9:00 gets no "due today" reminder in the past, only the overdue one.
    const today = facts({
      actions: [{ key: "b", dueDate: "2026-11-23", responsible: "curator", since: opened }],
    });
    expect(
      reminderItems(today, opened, zone)
        .filter((i) => i.group === "act:b")
        .map((i) => i.kind),
    ).toEqual(["action_overdue"]);
  });

  it("asks the heads at the one-month limit and again a day later; an extension moves both", () => {
    const extended = facts({ decisionPlanAt: days(1), limitAt: days(44) });
    const limit = reminderItems(extended, days(31), zone).filter((i) => i.kind.startsWith("limit"));
    expect(limit.map((i) => [i.key, i.at.toISOString()])).toEqual([
      [`limit:${days(44).toISOString()}`, days(44).toISOString()],
      [`limit:${days(44).toISOString()}:again`, days(45).toISOString()],
    ]);
  });
});

describe("accompaniment and hand-over deadlines", () => {
  const moved = days(20);

  it("wants the long-term plan within a month (reminded 3 days before), then monitors every 3 months", () => {
    const f = facts({ status: "accompaniment", accompanimentAt: moved, decisionPlanAt: days(1) });
    expect(keysAt(f, moved)).toEqual([
      ["rehab:soon", "2027-01-10T09:00:00.000Z", false],
      ["rehab:overdue", "2027-01-13T09:00:00.000Z", true],
    ]);
    const plan = days(25);
    const planned = reminderItems({ ...f, rehabPlanAt: plan }, plan, zone).filter((i) =>
      i.group.startsWith("mon:"),
    );
    expect(planned.map((i) => [i.key, i.at.toISOString()])).toEqual([
      ["mon:accompaniment:1:due", "2027-03-18T09:00:00.000Z"],
      ["mon:accompaniment:1:missed", "2027-03-25T09:00:00.000Z"],
      ["mon:accompaniment:2:due", "2027-06-18T09:00:00.000Z"],
    ]);
  });

  it("stage 3 entries do not count for accompaniment's monitoring; closed cases only wait for acknowledgements", () => {
    const plan = days(25);
    const f = facts({
      status: "accompaniment",
      accompanimentAt: moved,
      rehabPlanAt: plan,
      monitorings: [{ stage: "decision_change", recordedAt: days(95, plan) }],
    });
    expect(reminderItems(f, days(96, plan), zone).find((i) => i.kind === "monitoring_missed")?.key).toBe(
      "mon:accompaniment:1:missed",
    );
    const closed = facts({ status: "closed", pendingHandovers: [{ id: "h", ackDueAt: days(5) }] });
    expect(keysAt(closed, days(7.5))).toEqual([
      ["ho:h:2", days(7).toISOString(), true],
      ["ho:h:3", days(8).toISOString(), true],
    ]);
  });

  it("lists deadlines with the overdue first", () => {
    const f = facts({
      decisionPlanAt: days(1),
      actions: [{ key: "a", dueDate: "2026-11-24", responsible: "curator", since: days(1) }],
    });
    const now = days(3);
    expect(deadlines(reminderItems(f, now, zone), now).map((d) => [d.kind, d.overdue])).toEqual([
      ["action", true],
      ["monitoring", false],
      ["limit", false],
    ]);
  });
});
