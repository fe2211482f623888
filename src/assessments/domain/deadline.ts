/**
 * Deadlines of safety-plan actions: a day, given as a button ("+0" today, "+1" tomorrow, …) or a
 * typed date ("25.11", "25.11.2026", "2026-11-25"). The plan is short-term (it protects the child
 * until the assessment is finished), so a deadline is today or later and at most
 * {@link MAX_DAYS_AHEAD} days ahead. Pure: the caller passes today's date in the service's zone.
 */
import { DateTime } from "luxon";

/** What a deadline answer looks like (checked in the dialogue; resolved by {@link resolveDeadline}). */
export const DEADLINE_PATTERN = /^(\+\d{1,2}|\d{1,2}\.\d{1,2}(\.(\d{2}|\d{4}))?|\d{4}-\d{1,2}-\d{1,2})$/;

/** The furthest a safety-plan deadline may be. */
export const MAX_DAYS_AHEAD = 90;

/** A resolved deadline ("YYYY-MM-DD"), or why it is refused. */
export type ResolvedDeadline =
  { ok: true; date: string } | { ok: false; reason: "invalid" | "past" | "too_far" };

function check(date: DateTime, today: DateTime): ResolvedDeadline {
  if (!date.isValid) return { ok: false, reason: "invalid" };
  const days = date.diff(today, "days").days;
  if (days < 0) return { ok: false, reason: "past" };
  if (days > MAX_DAYS_AHEAD) return { ok: false, reason: "too_far" };
  return { ok: true, date: date.toISODate()! };
}

/**
 * The day meant by `answer` on `today` ("YYYY-MM-DD"). A date typed without a year is this year's,
 * or next year's when this year's has passed and next year's is within reach (typed on 28.12,
 * "05.01" is in January).
 *
 * @example resolveDeadline("+1", "2026-11-23") // { ok: true, date: "2026-11-24" }
 */
export function resolveDeadline(answer: string, today: string): ResolvedDeadline {
  const day = DateTime.fromISO(today, { zone: "UTC" });
  const text = answer.trim();
  if (!DEADLINE_PATTERN.test(text)) return { ok: false, reason: "invalid" };
  if (text.startsWith("+")) return check(day.plus({ days: Number(text.slice(1)) }), day);
  if (text.includes("-")) return check(DateTime.fromFormat(text, "yyyy-M-d", { zone: "UTC" }), day);
  const [d, m, y] = text.split(".");
  if (y !== undefined) {
    const year = y.length === 2 ? 2000 + Number(y) : Number(y);
    return check(DateTime.utc(year, Number(m), Number(d)), day);
  }
  const thisYear = DateTime.utc(day.year, Number(m), Number(d));
  if (!thisYear.isValid) return { ok: false, reason: "invalid" };
  if (thisYear >= day) return check(thisYear, day);
  const nextYear = check(thisYear.plus({ years: 1 }), day);
  return nextYear.ok ? nextYear : { ok: false, reason: "past" };
}

/** When an action due on `date` becomes overdue: the start of the next day in `zone`. */
export function overdueAt(date: string, zone: string): Date {
  return DateTime.fromISO(date, { zone }).plus({ days: 1 }).startOf("day").toJSDate();
}

/** The morning reminder of an action due on `date`: 09:00 that day in `zone`. */
export function reminderAt(date: string, zone: string): Date {
  return DateTime.fromISO(date, { zone }).set({ hour: 9, minute: 0, second: 0, millisecond: 0 }).toJSDate();
}
