/**
 * A curator's working hours for the mother's messages (pure). Outside them she is told when to
 * expect an answer and given the service's emergency phone.
 */
import { DateTime } from "luxon";

/** Working hours: ISO weekdays (1 = Monday) and minutes of the day, in the service's zone. */
export interface WorkingHours {
  days: readonly number[];
  fromMinute: number;
  toMinute: number;
}

/** The default: Monday to Friday, 9:00–18:00. */
export const DEFAULT_HOURS: WorkingHours = { days: [1, 2, 3, 4, 5], fromMinute: 9 * 60, toMinute: 18 * 60 };

/** Whether `at` falls within `hours` in `zone`. */
export function withinHours(hours: WorkingHours, at: Date, zone: string): boolean {
  const local = DateTime.fromJSDate(at, { zone });
  const minute = local.hour * 60 + local.minute;
  return hours.days.includes(local.weekday) && minute >= hours.fromMinute && minute < hours.toMinute;
}

/**
 * When the curator's next working period begins after `at` (`at` itself when within hours); null
 * when the hours name no day.
 */
export function nextOpening(hours: WorkingHours, at: Date, zone: string): Date | null {
  if (withinHours(hours, at, zone)) return at;
  const local = DateTime.fromJSDate(at, { zone });
  for (let d = 0; d <= 7; d++) {
    const day = local.startOf("day").plus({ days: d });
    if (!hours.days.includes(day.weekday)) continue;
    const opening = day.plus({ minutes: hours.fromMinute });
    if (opening > local) return opening.toJSDate();
  }
  return null;
}

/** Parses "9-18", "9:30-18" or "09:00-17:30" into minutes; null when not a plausible range. */
export function parseHoursRange(text: string): { fromMinute: number; toMinute: number } | null {
  const m = /^\s*(\d{1,2})(?:[:.](\d{2}))?\s*[-–—]\s*(\d{1,2})(?:[:.](\d{2}))?\s*$/.exec(text);
  if (!m) return null;
  const from = Number(m[1]) * 60 + Number(m[2] ?? 0);
  const to = Number(m[3]) * 60 + Number(m[4] ?? 0);
  if (from >= to || to > 24 * 60 || Number(m[2] ?? 0) > 59 || Number(m[4] ?? 0) > 59) return null;
  return { fromMinute: from, toMinute: to };
}

/** "09:00" from minutes of the day. */
export function clock(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;
}
