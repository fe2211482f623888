/**
 * Hospitals' abandonment totals (the denominator of the first figure): which entries make up a
 * period's total. A hospital enters its count for any whole-day period (a month, a quarter, a
 * half-year); a report period is covered when entries lying inside it join up end to end over
 * all of it. Entries of one hospital never overlap (checked when entered). Pure.
 */
import type { DayPeriod } from "./periods.ts";

/** One entered figure. */
export interface TotalEntry extends DayPeriod {
  count: number;
}

/** A period's total for one hospital. */
export interface Coverage<E extends TotalEntry> {
  /** The sum, or null when some days of the period have no entry. */
  count: number | null;
  /** The entries summed. */
  used: E[];
  /** Parts of the period no entry covers (whole entries only: one straddling the period's edge cannot be split). */
  gaps: DayPeriod[];
}

/**
 * The total of `period` from a hospital's entries.
 *
 * @example
 * coverage({ from: "2026-01-01", to: "2026-07-01" }, [
 *   { from: "2026-01-01", to: "2026-04-01", count: 3 },
 *   { from: "2026-04-01", to: "2026-07-01", count: 2 },
 * ]).count; // 5
 */
export function coverage<E extends TotalEntry>(period: DayPeriod, entries: readonly E[]): Coverage<E> {
  const inside = entries
    .filter((e) => e.from >= period.from && e.to <= period.to)
    .sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  const gaps: DayPeriod[] = [];
  let reached = period.from;
  for (const entry of inside) {
    if (entry.from > reached) gaps.push({ from: reached, to: entry.from });
    if (entry.to > reached) reached = entry.to;
  }
  if (reached < period.to) gaps.push({ from: reached, to: period.to });
  return {
    count: gaps.length === 0 ? inside.reduce((sum, e) => sum + e.count, 0) : null,
    used: inside,
    gaps,
  };
}

/** Whether two periods share a day. */
export function overlaps(a: DayPeriod, b: DayPeriod): boolean {
  return a.from < b.to && b.from < a.to;
}

/** Largest count accepted (a hospital has far fewer abandonments than this in ten years). */
export const MAX_ABANDONMENTS = 100_000;
