/**
 * The clients' pure rules: working hours and the next opening, her reminders, and the client actor
 * in the access policy (refused every staff permission).
 */
import { describe, expect, it } from "vitest";
import { can, PERMISSIONS, type ClientActor } from "../../src/access/policy.ts";
import { DEFAULT_HOURS, nextOpening, parseHoursRange, withinHours } from "../../src/clients/domain/hours.ts";
import {
  clientReminderItems,
  dueReminders,
  meetingReminderItems,
} from "../../src/clients/domain/reminders.ts";
import { firstName } from "../../src/clients/domain/names.ts";

const ZONE = "Europe/Moscow";

describe("working hours", () => {
  it("Mon–Fri 9–18 in the service's zone", () => {
    expect(withinHours(DEFAULT_HOURS, new Date("2026-11-23T06:00:00Z"), ZONE)).toBe(true); // Mon 09:00
    expect(withinHours(DEFAULT_HOURS, new Date("2026-11-23T05:59:00Z"), ZONE)).toBe(false);
    expect(withinHours(DEFAULT_HOURS, new Date("2026-11-23T15:00:00Z"), ZONE)).toBe(false); // Mon 18:00
    expect(withinHours(DEFAULT_HOURS, new Date("2026-11-28T10:00:00Z"), ZONE)).toBe(false); // Sat
  });
  it("the next opening: the same evening → next morning; Friday night → Monday 9:00", () => {
    expect(nextOpening(DEFAULT_HOURS, new Date("2026-11-23T18:00:00Z"), ZONE)?.toISOString()).toBe(
      "2026-11-24T06:00:00.000Z",
    );
    expect(nextOpening(DEFAULT_HOURS, new Date("2026-11-27T20:00:00Z"), ZONE)?.toISOString()).toBe(
      "2026-11-30T06:00:00.000Z",
    );
    expect(nextOpening({ days: [], fromMinute: 0, toMinute: 60 }, new Date(), ZONE)).toBeNull();
  });
  it("parses ranges people type", () => {
    expect(parseHoursRange("9-18")).toEqual({ fromMinute: 540, toMinute: 1080 });
    expect(parseHoursRange("09:30–17:45")).toEqual({ fromMinute: 570, toMinute: 1065 });
    expect(parseHoursRange("18-9")).toBeNull();
    expect(parseHoursRange("утром")).toBeNull();
  });
});

describe("her reminders", () => {
  const actions = [
    { actionKey: "a", responsible: "woman", dueDate: new Date("2026-11-26T00:00:00Z"), status: "planned" },
    { actionKey: "b", responsible: "curator", dueDate: new Date("2026-11-26T00:00:00Z"), status: "planned" },
    { actionKey: "c", responsible: "woman", dueDate: new Date("2026-11-27T00:00:00Z"), status: "done" },
  ];
  it("only her unfinished actions: the day before and the day itself at 10:00 her time", () => {
    const items = clientReminderItems(actions, ZONE);
    expect(items.map((i) => [i.key, i.at.toISOString()])).toEqual([
      ["act:a:2026-11-26:before", "2026-11-25T07:00:00.000Z"],
      ["act:a:2026-11-26:due", "2026-11-26T07:00:00.000Z"],
    ]);
  });
  it("each once; of one action only the latest; none more than a day late", () => {
    const items = clientReminderItems(actions, ZONE);
    const kinds = (r: { tell: { kind: string }[] }) => r.tell.map((i) => i.kind);
    expect(kinds(dueReminders(items, new Set(), new Date("2026-11-25T07:00:00Z")))).toEqual(["day_before"]);
    // Both fell due (a restart): "today" only, "tomorrow" recorded as done.
    const both = dueReminders(items, new Set(), new Date("2026-11-26T07:30:00Z"));
    expect(kinds(both)).toEqual(["due"]);
    expect(both.record.map((i) => i.kind)).toEqual(["day_before", "due"]);
    expect(
      kinds(dueReminders(items, new Set(["act:a:2026-11-26:due"]), new Date("2026-11-26T08:00:00Z"))),
    ).toEqual([]);
    expect(kinds(dueReminders(items, new Set(), new Date("2026-11-28T08:00:00Z")))).toEqual([]);
  });
});

describe("meeting reminders", () => {
  it("a day before and two hours before; none of a cancelled meeting, none before it was set", () => {
    const at = new Date("2026-11-26T08:00:00Z");
    const items = meetingReminderItems([
      { id: "m1", at, cancelledAt: null, createdAt: new Date("2026-11-20T08:00:00Z") },
      { id: "m2", at, cancelledAt: at, createdAt: new Date("2026-11-20T08:00:00Z") },
      // Set 5 hours ahead: only "in two hours".
      { id: "m3", at, cancelledAt: null, createdAt: new Date("2026-11-26T03:00:00Z") },
    ]);
    expect(items.map((i) => [i.key, i.at.toISOString()])).toEqual([
      ["meet:m1:tomorrow", "2026-11-25T08:00:00.000Z"],
      ["meet:m1:soon", "2026-11-26T06:00:00.000Z"],
      ["meet:m3:soon", "2026-11-26T06:00:00.000Z"],
    ]);
  });
});

describe("the client actor", () => {
  const client: ClientActor = { kind: "client", id: "i", caseId: "c", serviceId: "s", channel: "chat" };
  it("may do nothing staff may, with or without a subject of her own service", () => {
    for (const permission of PERMISSIONS) {
      expect(can(client, permission)).toBe(false);
      expect(can(client, permission, { serviceId: "s", curatorId: "i", ownerId: "i" })).toBe(false);
    }
  });
  it("reads her curator's first name from a full name kept surname first", () => {
    expect(firstName("Петрова Анна Сергеевна")).toBe("Анна");
    expect(firstName("Анна")).toBe("Анна");
  });
});
