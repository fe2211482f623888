/**
 * Periods of registers and reports: whole days in the service's zone, `from` inclusive and `to`
 * exclusive, as ISO dates ("2026-01-01" … "2026-07-01" is the first half-year of 2026). Pure:
 * `now` and the zone are passed in.
 */
import { DateTime } from "luxon";

/** A period of whole days: ISO dates, `to` exclusive. */
export interface DayPeriod {
  from: string;
  to: string;
}

/** The periods people pick with a button. */
export const PERIOD_PRESETS = ["this_month", "last_month", "this_half", "last_half"] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];

/** Longest period a register or a report may cover. */
export const MAX_PERIOD_DAYS = 366 * 10 + 3;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function day(value: string): DateTime {
  return DateTime.fromISO(value, { zone: "UTC" });
}

/** Whether `value` is a real ISO date. */
export function isIsoDate(value: string): boolean {
  return ISO_DATE.test(value) && day(value).isValid;
}

/** The first day of the half-year `date` falls in. */
function halfStart(date: DateTime): DateTime {
  return date.set({ month: date.month <= 6 ? 1 : 7, day: 1 }).startOf("day");
}

/**
 * The period a preset stands for on `now` in `zone`. "This month" and "this half-year" end
 * tomorrow (today included); "last" ones are complete.
 *
 * @example
 * presetPeriod("last_half", new Date("2026-08-10T09:00:00Z"), "Europe/Moscow");
 * // { from: "2026-01-01", to: "2026-07-01" }
 */
export function presetPeriod(preset: PeriodPreset, now: Date, zone: string): DayPeriod {
  const today = DateTime.fromJSDate(now, { zone }).startOf("day");
  const iso = (d: DateTime) => d.toISODate()!;
  switch (preset) {
    case "this_month":
      return { from: iso(today.startOf("month")), to: iso(today.plus({ days: 1 })) };
    case "last_month": {
      const start = today.startOf("month").minus({ months: 1 });
      return { from: iso(start), to: iso(start.plus({ months: 1 })) };
    }
    case "this_half":
      return { from: iso(halfStart(today)), to: iso(today.plus({ days: 1 })) };
    case "last_half": {
      const start = halfStart(today).minus({ months: 6 });
      return { from: iso(start), to: iso(start.plus({ months: 6 })) };
    }
  }
}

/** The last complete half-year on `now` (the report's default). */
export function lastCompleteHalfYear(now: Date, zone: string): DayPeriod {
  return presetPeriod("last_half", now, zone);
}

/** Days in a period. */
export function periodDays(period: DayPeriod): number {
  return Math.round(day(period.to).diff(day(period.from), "days").days);
}

/**
 * The period to show beside `period`: the previous calendar half-year, month or year when the
 * period is one; otherwise as many days just before it.
 *
 * @example
 * previousPeriod({ from: "2026-01-01", to: "2026-07-01" }); // { from: "2025-07-01", to: "2026-01-01" }
 */
export function previousPeriod(period: DayPeriod): DayPeriod {
  const from = day(period.from);
  const to = day(period.to);
  const iso = (d: DateTime) => d.toISODate()!;
  for (const months of [12, 6, 3, 1]) {
    const isCalendar = from.day === 1 && (from.month - 1) % months === 0 && to.equals(from.plus({ months }));
    if (isCalendar) return { from: iso(from.minus({ months })), to: period.from };
  }
  return { from: iso(from.minus({ days: periodDays(period) })), to: period.from };
}

/** The period's bounds as instants in `zone`. */
export function periodInstants(period: DayPeriod, zone: string): { from: Date; to: Date } {
  return {
    from: DateTime.fromISO(period.from, { zone }).toJSDate(),
    to: DateTime.fromISO(period.to, { zone }).toJSDate(),
  };
}

/** The last day of the period (inclusive), as people read it. */
export function lastDay(period: DayPeriod): string {
  return day(period.to).minus({ days: 1 }).toISODate()!;
}

/** A period from an inclusive first and last day. */
export function inclusivePeriod(first: string, last: string): DayPeriod {
  return { from: first, to: day(last).plus({ days: 1 }).toISODate()! };
}

/**
 * Whether a period is one a register or report can be made for: real dates, `to` after `from`,
 * at most {@link MAX_PERIOD_DAYS} long. Null when fine, else the field at fault and why.
 */
export function periodProblem(period: {
  from: string;
  to: string;
}): { field: "from" | "to"; reason: string } | null {
  if (!isIsoDate(period.from)) return { field: "from", reason: "must be an ISO date (2026-01-01)" };
  if (!isIsoDate(period.to)) return { field: "to", reason: "must be an ISO date (2026-07-01)" };
  if (period.to <= period.from) return { field: "to", reason: "must be later than from" };
  if (periodDays(period) > MAX_PERIOD_DAYS)
    return { field: "to", reason: "the period may be at most ten years" };
  return null;
}

/** A compact code of a period for button data: yyyymmdd of `from` and of the last day. */
export function periodCode(period: DayPeriod): { from: number; last: number } {
  return { from: Number(period.from.replaceAll("-", "")), last: Number(lastDay(period).replaceAll("-", "")) };
}

/** The period a {@link periodCode} stands for; null when the code is not a real period. */
export function periodFromCode(code: { from: number; last: number }): DayPeriod | null {
  const text = (n: number) => {
    const s = String(n).padStart(8, "0");
    return `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`;
  };
  const first = text(code.from);
  const last = text(code.last);
  if (!isIsoDate(first) || !isIsoDate(last) || last < first) return null;
  const period = inclusivePeriod(first, last);
  return periodProblem(period) ? null : period;
}
