/**
 * Periods of journal queries: ISO dates or date-times; a date, or a date-time without an offset,
 * is a wall-clock time in the service's zone, so `to=2025-04-01` ends the period at midnight Moscow
 * time for a Moscow service, whatever the server's zone.
 */
import { DateTime } from "luxon";
import type { Db } from "../../platform/db/client.ts";
import { apiError } from "../../platform/errors.ts";

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?$/;

/**
 * The instant an ISO date ("2025-03-01": midnight) or date-time ("2025-03-01T10:00",
 * "2025-03-01T10:00:00Z", "…+03:00") stands for; without an offset it is read in `timeZone`.
 * Null when the value is not one of these forms or not a real date.
 *
 * @example
 * parsePeriodBound("2025-04-01", "Europe/Moscow")?.toISOString(); // "2025-03-31T21:00:00.000Z"
 */
export function parsePeriodBound(value: string, timeZone: string): Date | null {
  if (!DATE.test(value) && !DATE_TIME.test(value)) return null;
  const parsed = DateTime.fromISO(value, { zone: timeZone });
  // Year 0000 or 9999 is a typing mistake, not a period; PostgreSQL would refuse some of them.
  if (!parsed.isValid || parsed.year < MIN_YEAR || parsed.year > MAX_YEAR) return null;
  return parsed.toJSDate();
}

/** The years a period bound may name. */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2200;

/** Bounds of a period as given in a query. */
export interface PeriodFilter {
  /** Start, inclusive. */
  from?: string | undefined;
  /** End, exclusive. */
  to?: string | undefined;
}

/** A period as instants: `from` inclusive, `to` exclusive; either may be open. */
export interface Period {
  from?: Date;
  to?: Date;
}

/**
 * The service's zone and the period as instants read in it (dates and date-times without an
 * offset are wall-clock times of the service).
 *
 * @throws DomainError `bad_request` naming `from` or `to` (not a date, or not after `from`).
 */
export async function resolvePeriod(
  db: Db,
  serviceId: string,
  filters: PeriodFilter,
): Promise<{ timeZone: string; period: Period }> {
  const service = await db.service.findUniqueOrThrow({
    where: { id: serviceId },
    select: { timeZone: true },
  });
  const bound = (field: "from" | "to"): Date | undefined => {
    const value = filters[field];
    if (value === undefined) return undefined;
    const at = parsePeriodBound(value, service.timeZone);
    if (!at) throw apiError("bad_request", `${field}: must be an ISO date or date-time`, { field });
    return at;
  };
  const from = bound("from");
  const to = bound("to");
  if (from && to && to <= from) throw apiError("bad_request", "to: must be later than from", { field: "to" });
  return { timeZone: service.timeZone, period: { ...(from ? { from } : {}), ...(to ? { to } : {}) } };
}
