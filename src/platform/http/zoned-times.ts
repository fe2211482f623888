/**
 * Times in API responses as ISO instants with the offset of a named zone
 * (`2026-12-02T02:13:05+03:00`), so that what the API says reads the same as what a card or a
 * register shows. Milliseconds appear only when there are any.
 */
import { DateTime } from "luxon";

/** `at` as an ISO instant with `zone`'s offset at that moment. */
export function zonedIso(at: Date, zone: string): string {
  return DateTime.fromJSDate(at, { zone }).toISO({ suppressMilliseconds: true })!;
}

/** A copy of `value` with every Date turned into {@link zonedIso} (plain objects and arrays). */
export function withZonedTimes(value: unknown, zone: string): unknown {
  if (value instanceof Date) return zonedIso(value, zone);
  if (Array.isArray(value)) return value.map((item) => withZonedTimes(item, zone));
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = withZonedTimes(item, zone);
    return out;
  }
  return value;
}
