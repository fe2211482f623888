/**
 * Periods of registers and reports (days of the service's zone) and how hospitals' entered totals
 * make up a period.
 */
import { describe, expect, it } from "vitest";
import {
  inclusivePeriod,
  lastDay,
  periodCode,
  periodFromCode,
  periodInstants,
  periodProblem,
  presetPeriod,
  previousPeriod,
} from "../../../src/registers/domain/periods.ts";
import { coverage, overlaps } from "../../../src/registers/domain/totals.ts";

const MOSCOW = "Europe/Moscow";

describe("presetPeriod", () => {
  // 31 December 2026, 22:30 in Moscow is still 2026 there (19:30 UTC).
  const newYearsEve = new Date("2026-12-31T19:30:00Z");
  // 1 January 2027, 00:30 in Moscow is 21:30 UTC on 31 December.
  const newYearsNight = new Date("2026-12-31T21:30:00Z");

  it("reads 'today' in the service's zone", () => {
    expect(presetPeriod("this_month", newYearsEve, MOSCOW)).toEqual({ from: "2026-12-01", to: "2027-01-01" });
    expect(presetPeriod("this_month", newYearsNight, MOSCOW)).toEqual({
      from: "2027-01-01",
      to: "2027-01-02",
    });
    expect(presetPeriod("this_month", newYearsNight, "UTC")).toEqual({
      from: "2026-12-01",
      to: "2027-01-01",
    });
  });

  it("gives last month and both half-years", () => {
    const august = new Date("2026-08-10T09:00:00Z");
    expect(presetPeriod("last_month", august, MOSCOW)).toEqual({ from: "2026-07-01", to: "2026-08-01" });
    expect(presetPeriod("this_half", august, MOSCOW)).toEqual({ from: "2026-07-01", to: "2026-08-11" });
    expect(presetPeriod("last_half", august, MOSCOW)).toEqual({ from: "2026-01-01", to: "2026-07-01" });
    const march = new Date("2026-03-05T09:00:00Z");
    expect(presetPeriod("last_half", march, MOSCOW)).toEqual({ from: "2025-07-01", to: "2026-01-01" });
    expect(presetPeriod("last_month", new Date("2026-01-15T09:00:00Z"), MOSCOW)).toEqual({
      from: "2025-12-01",
      to: "2026-01-01",
    });
  });
});

describe("previousPeriod", () => {
  it("is the previous calendar half-year, quarter, month or year, else as many days before", () => {
    expect(previousPeriod({ from: "2026-01-01", to: "2026-07-01" })).toEqual({
      from: "2025-07-01",
      to: "2026-01-01",
    });
    expect(previousPeriod({ from: "2026-07-01", to: "2027-01-01" })).toEqual({
      from: "2026-01-01",
      to: "2026-07-01",
    });
    expect(previousPeriod({ from: "2026-03-01", to: "2026-04-01" })).toEqual({
      from: "2026-02-01",
      to: "2026-03-01",
    });
    expect(previousPeriod({ from: "2026-01-01", to: "2027-01-01" })).toEqual({
      from: "2025-01-01",
      to: "2026-01-01",
    });
    expect(previousPeriod({ from: "2026-03-10", to: "2026-03-20" })).toEqual({
      from: "2026-02-28",
      to: "2026-03-10",
    });
  });
});

describe("period helpers", () => {
  it("turns days into the instants of the zone's midnights", () => {
    expect(periodInstants({ from: "2026-01-01", to: "2026-07-01" }, MOSCOW)).toEqual({
      from: new Date("2025-12-31T21:00:00Z"),
      to: new Date("2026-06-30T21:00:00Z"),
    });
  });

  it("reads inclusive last days and codes for buttons", () => {
    const period = inclusivePeriod("2026-01-01", "2026-06-30");
    expect(period).toEqual({ from: "2026-01-01", to: "2026-07-01" });
    expect(lastDay(period)).toBe("2026-06-30");
    expect(periodCode(period)).toEqual({ from: 20260101, last: 20260630 });
    expect(periodFromCode({ from: 20260101, last: 20260630 })).toEqual(period);
    expect(periodFromCode({ from: 20260230, last: 20260630 })).toBeNull();
    expect(periodFromCode({ from: 20260701, last: 20260630 })).toBeNull();
    expect(periodFromCode({ from: 19000101, last: 20260630 })).toBeNull();
  });

  it("names the field at fault", () => {
    expect(periodProblem({ from: "2026-01-01", to: "2026-07-01" })).toBeNull();
    expect(periodProblem({ from: "2026-02-30", to: "2026-07-01" })?.field).toBe("from");
    expect(periodProblem({ from: "2026-01-01", to: "2026-01-01" })?.field).toBe("to");
    expect(periodProblem({ from: "2010-01-01", to: "2026-01-01" })?.field).toBe("to");
  });
});

describe("coverage of a period by entered totals", () => {
  const half = { from: "2026-01-01", to: "2026-07-01" };

  it("sums entries that join up over the period", () => {
    const result = coverage(half, [
      { from: "2026-04-01", to: "2026-07-01", count: 2 },
      { from: "2026-01-01", to: "2026-04-01", count: 3 },
      { from: "2025-07-01", to: "2026-01-01", count: 9 },
    ]);
    expect(result.count).toBe(5);
    expect(result.gaps).toEqual([]);
    expect(result.used.map((e) => e.count)).toEqual([3, 2]);
  });

  it("is missing, with the gaps, when days are not covered or an entry straddles the edge", () => {
    expect(coverage(half, [{ from: "2026-01-01", to: "2026-04-01", count: 3 }])).toMatchObject({
      count: null,
      gaps: [{ from: "2026-04-01", to: "2026-07-01" }],
    });
    expect(coverage(half, [{ from: "2026-01-01", to: "2027-01-01", count: 7 }])).toMatchObject({
      count: null,
      gaps: [half],
    });
    expect(coverage(half, []).count).toBeNull();
    expect(coverage(half, [{ ...half, count: 0 }]).count).toBe(0);
  });

  it("tells overlapping periods", () => {
    expect(overlaps(half, { from: "2026-06-30", to: "2026-08-01" })).toBe(true);
    expect(overlaps(half, { from: "2026-07-01", to: "2026-08-01" })).toBe(false);
  });
});
