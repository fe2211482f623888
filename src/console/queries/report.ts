/**
 * The effectiveness report as the console reads it: the registers' own report query (policy and
 * the `report.read` audit row included) for a period of whole days, and the signals behind a
 * figure's drill-down resolved from their journal numbers to their pages.
 */
import type { StaffActor } from "../../access/policy.ts";
import type { Db } from "../../platform/db/client.ts";
import type { DrillItem } from "../../registers/domain/effectiveness.ts";
import {
  inclusivePeriod,
  isIsoDate,
  lastCompleteHalfYear,
  lastDay,
  periodProblem,
  presetPeriod,
  type DayPeriod,
} from "../../registers/domain/periods.ts";
import { readEffectiveness, type EffectivenessReport } from "../../registers/queries/effectiveness.ts";

export type { EffectivenessReport };

/** The periods offered with one click. */
export const REPORT_PRESETS = ["last_half", "this_half"] as const;
export type ReportPreset = (typeof REPORT_PRESETS)[number];

/** A period as the report's address carries it: first and last day, both included. */
export interface ReportPeriodParams {
  from: string;
  last: string;
}

/** The report's address parameters of a period. */
export function periodParams(period: DayPeriod): ReportPeriodParams {
  return { from: period.from, last: lastDay(period) };
}

/** The service's zone (periods are its days). */
export async function serviceZone(db: Db, serviceId: string): Promise<string> {
  const service = await db.service.findUniqueOrThrow({
    where: { id: serviceId },
    select: { timeZone: true },
  });
  return service.timeZone;
}

/**
 * The period asked for: `from` and `last` (ISO dates, both included), or a preset, or by default
 * the last complete half-year. Null with the field at fault when the dates are not a period.
 */
export function reportPeriod(
  query: { from?: unknown; last?: unknown; preset?: unknown },
  now: Date,
  zone: string,
): { period: DayPeriod; problem: null } | { period: DayPeriod; problem: "from" | "last" } {
  const fallback = lastCompleteHalfYear(now, zone);
  if (typeof query.preset === "string" && (REPORT_PRESETS as readonly string[]).includes(query.preset)) {
    return { period: presetPeriod(query.preset as ReportPreset, now, zone), problem: null };
  }
  const { from, last } = query;
  if (from === undefined && last === undefined) return { period: fallback, problem: null };
  if (typeof from !== "string" || !isIsoDate(from)) return { period: fallback, problem: "from" };
  if (typeof last !== "string" || !isIsoDate(last) || last < from)
    return { period: fallback, problem: "last" };
  const period = inclusivePeriod(from, last);
  const problem = periodProblem(period);
  if (problem) return { period: fallback, problem: problem.field === "from" ? "from" : "last" };
  return { period, problem: null };
}

/** The report for a period with the previous one beside it (audited as `report.read`). */
export function readReport(
  db: Db,
  actor: StaffActor,
  period: DayPeriod,
  now: Date,
): Promise<EffectivenessReport> {
  return readEffectiveness(db, { actor, serviceId: actor.serviceId, period, now });
}

/** A drill-down row with the signal's page (null when the number no longer names a signal). */
export interface LinkedItem extends DrillItem {
  signalId: string | null;
}

/**
 * The signals' ids behind drill-down items, by their service journal numbers ("12/2026"), in one
 * statement through the journal's unique index.
 */
export async function linkItems(db: Db, serviceId: string, items: DrillItem[]): Promise<LinkedItem[]> {
  const keys = items
    .map((i) => /^(\d+)\/(\d{4})$/.exec(i.signal))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ number: Number(m[1]), year: Number(m[2]) }));
  const rows =
    keys.length === 0
      ? []
      : await db.$queryRaw<{ id: string; service_year: number; service_number: number }[]>`
          SELECT s.id, s.service_year, s.service_number
            FROM signals s
            JOIN unnest(${keys.map((k) => k.year)}::int[], ${keys.map((k) => k.number)}::int[]) AS k(y, n)
              ON s.service_id = ${serviceId}::uuid AND s.service_year = k.y AND s.service_number = k.n`;
  const ids = new Map(rows.map((r) => [`${r.service_number}/${r.service_year}`, r.id]));
  return items.map((i) => ({ ...i, signalId: ids.get(i.signal) ?? null }));
}
