import { describe, expect, it } from "vitest";
import {
  can,
  isFull,
  isLate,
  journalYear,
  nextReminderAt,
  replayJournal,
  visitDeadline,
} from "../../../src/signals/domain/lifecycle.ts";
import { nameKey, samePerson } from "../../../src/signals/domain/names.ts";

const at = (iso: string) => new Date(iso);

describe("signal rules", () => {
  it("the 3-hour rule: late only strictly after 3 hours", () => {
    expect(isLate(at("2026-11-23T08:00:00Z"), at("2026-11-23T11:00:00Z"))).toBe(false);
    expect(isLate(at("2026-11-23T08:00:00Z"), at("2026-11-23T11:00:01Z"))).toBe(true);
  });

  it("urgent visits are due 3 hours after the signal was received; planned ones have no deadline", () => {
    expect(visitDeadline(at("2026-11-23T09:00:00Z"), "urgent")).toEqual(at("2026-11-23T12:00:00Z"));
    expect(visitDeadline(at("2026-11-23T09:00:00Z"), "planned")).toBeNull();
  });

  it("allows each action only in its statuses", () => {
    expect(can("received", "assign")).toBe(true);
    expect(can("assigned", "assign")).toBe(false);
    expect(can("assigned", "reassign")).toBe(true);
    expect(can("arrived", "reassign")).toBe(false);
    expect(can("accepted", "arrive")).toBe(true);
    expect(can("assigned", "arrive")).toBe(false);
    expect(can("arrived", "decide")).toBe(true);
    expect(can("case_opened", "decide")).toBe(false);
  });

  it("a curator is full at 9 open cases", () => {
    expect(isFull({ openCases: 8 })).toBe(false);
    expect(isFull({ openCases: 9 })).toBe(true);
  });

  it("numbers journals by the calendar year of the given zone", () => {
    expect(journalYear(at("2026-12-31T21:30:00Z"), "Europe/Moscow")).toBe(2027);
    expect(journalYear(at("2026-12-31T21:30:00Z"), "Europe/Kaliningrad")).toBe(2026);
  });

  it("reminders fall every interval after receipt, the next strictly after now", () => {
    const received = at("2026-11-23T09:00:00Z");
    expect(nextReminderAt(received, at("2026-11-23T09:00:00Z"), 15)).toEqual(at("2026-11-23T09:15:00Z"));
    expect(nextReminderAt(received, at("2026-11-23T09:15:00Z"), 15)).toEqual(at("2026-11-23T09:30:00Z"));
    expect(nextReminderAt(received, at("2026-11-23T09:44:59Z"), 15)).toEqual(at("2026-11-23T09:45:00Z"));
  });

  it("replays events into journal columns, a reassignment resetting acceptance", () => {
    const C1 = "00000000-0000-4000-8000-0000000000c1";
    const C2 = "00000000-0000-4000-8000-0000000000c2";
    const facts = replayJournal([
      { type: "registered", at: at("2026-11-23T08:55:00Z"), actorStaffId: "r", data: {} },
      { type: "transmitted", at: at("2026-11-23T09:00:00Z"), actorStaffId: "r", data: {} },
      {
        type: "urgency_set",
        at: at("2026-11-23T09:01:00Z"),
        actorStaffId: "h",
        data: { urgency: "urgent", visitDeadline: "2026-11-23T12:00:00.000Z" },
      },
      { type: "assigned", at: at("2026-11-23T09:02:00Z"), actorStaffId: "h", data: { curatorId: C1 } },
      { type: "accepted", at: at("2026-11-23T09:03:00Z"), actorStaffId: C1, data: {} },
      {
        type: "reassigned",
        at: at("2026-11-23T09:04:00Z"),
        actorStaffId: "h2",
        data: { curatorId: C2, fromCuratorId: C1 },
      },
    ]);
    expect(facts).toEqual({
      status: "assigned",
      urgency: "urgent",
      curatorId: C2,
      assignedAt: at("2026-11-23T09:04:00Z"),
      assignedById: "h2",
      acceptedAt: null,
      departedAt: null,
      arrivedAt: null,
      decidedAt: null,
    });
  });

  it("a decline before acceptance puts the signal back with the heads, the urgency kept", () => {
    const C1 = "00000000-0000-4000-8000-0000000000c1";
    expect(can("assigned", "decline")).toBe(true);
    expect(can("accepted", "decline")).toBe(false);
    expect(can("received", "decline")).toBe(false);
    const facts = replayJournal([
      { type: "transmitted", at: at("2026-11-23T09:00:00Z"), actorStaffId: "r", data: {} },
      {
        type: "urgency_set",
        at: at("2026-11-23T09:01:00Z"),
        actorStaffId: "h",
        data: { urgency: "urgent", visitDeadline: "2026-11-23T12:00:00.000Z" },
      },
      { type: "assigned", at: at("2026-11-23T09:02:00Z"), actorStaffId: "h", data: { curatorId: C1 } },
      {
        type: "declined",
        at: at("2026-11-23T09:03:00Z"),
        actorStaffId: C1,
        data: { curatorId: C1, reason: "far", text: null },
      },
    ]);
    expect(facts).toMatchObject({
      status: "received",
      urgency: "urgent",
      curatorId: null,
      assignedAt: null,
      assignedById: null,
    });
  });
});

describe("recognising the same woman", () => {
  const today = "2026-11-23";
  it.each([
    ["Семёнова Дарья Олеговна", "семенова  дарья", true],
    ["СЕМЁНОВА-ПЕТРОВА Дарья", "Семенова Петрова дарья", true],
    ["Семенова Дарья Олеговна", "Семенова Дарья Игоревна", false],
    ["Семенова Дарья", "Семенова Мария", false],
  ])("%s ~ %s → %s", (a, b, same) => {
    expect(
      samePerson(
        { fullName: a, birthDate: null, age: null },
        { fullName: b, birthDate: null, age: null },
        today,
      ),
    ).toBe(same);
  });

  it("birth dates must agree; an age is compared within a year", () => {
    const a = { fullName: "Семенова Дарья", birthDate: "1995-03-12", age: null };
    expect(samePerson(a, { ...a, birthDate: "1996-03-12" }, today)).toBe(false);
    expect(samePerson(a, { fullName: "Семёнова Дарья", birthDate: null, age: 31 }, today)).toBe(true);
    expect(samePerson(a, { fullName: "Семёнова Дарья", birthDate: null, age: 25 }, today)).toBe(false);
  });

  it("keys by surname and first name only", () => {
    expect(nameKey("  Семёнова   Дарья Олеговна ")).toBe("семенова дарья");
  });
});
