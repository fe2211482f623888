/**
 * The retention rules as plain data and functions: how long a service keeps a woman's personal
 * data once the work with her is over, and what of a signal is personal data. No I/O.
 *
 * What stays after anonymisation (the statistics and the journals' numbering need it): journal
 * numbers and years, every date and time, the hospital, the reporter and curators (staff, not the
 * woman), the category, where she was, urgency, statuses and decisions, the enumerated answers of
 * the visit outcome. What goes: her name (and its search key), birth date and age, the three
 * addresses, the phone, and every free text (the reporter's comment, the visit's reasons in her
 * own words, the rehabilitation potential, the closing reason, a head's override reason); on a
 * signal of a threat to a child, the child's name and birth and the threat's wording (who reported
 * it stays).
 */
import type { Json } from "../../platform/flow/types.ts";

/** A service's retention periods, in days. */
export interface RetentionPeriods {
  /** After a signal was closed as not confirmed. */
  notConfirmedDays: number;
  /** After a case was closed or handed over. */
  closedCaseDays: number;
}

/**
 * Defaults when a service has set none: one year for a signal that was not confirmed (long enough
 * to recognise a repeated signal about the same woman), three years for a closed case (a repeated
 * pregnancy, the half-year and yearly reports). A service sets its own with
 * `npm run admin -- retention:set`, following its records schedule (номенклатура дел).
 */
export const DEFAULT_RETENTION: RetentionPeriods = { notConfirmedDays: 365, closedCaseDays: 1095 };

/** The shortest and longest period a service may set (days). */
export const RETENTION_BOUNDS = { min: 30, max: 3650 } as const;

/** Why a signal was anonymised. */
export type AnonymisationReason = "retention" | "request";

/** The visit outcome's answers that are choices (kept), by question id. */
const OUTCOME_CHOICES = ["met", "address_visit", "intention", "decision"] as const;

/**
 * The visit outcome without free texts: the chosen options stay (for the statistics), the
 * reasons' own words, the potential and the closing reason go.
 *
 * @example
 * scrubOutcome({ met: "met", reasons: { values: ["housing", "other"], texts: { other: "…" } },
 *   potential: "…", decision: "open_case" })
 * // → { met: "met", reasons: { values: ["housing", "other"], texts: {} }, decision: "open_case" }
 */
export function scrubOutcome(outcome: Json): Json {
  if (typeof outcome !== "object" || outcome === null || Array.isArray(outcome)) return null;
  const kept: Record<string, Json> = {};
  for (const key of OUTCOME_CHOICES) {
    const value = outcome[key];
    if (typeof value === "string") kept[key] = value;
  }
  const reasons = outcome.reasons;
  if (typeof reasons === "object" && reasons !== null && !Array.isArray(reasons)) {
    const values = Array.isArray(reasons.values) ? reasons.values.filter((v) => typeof v === "string") : [];
    kept.reasons = { values, texts: {} };
  }
  return kept;
}

/** A threat signal's details without personal data: only who reported it stays. */
export function scrubThreat(threat: Json): Json {
  if (typeof threat !== "object" || threat === null || Array.isArray(threat)) return {};
  return typeof threat.source === "string" ? { source: threat.source } : {};
}

/** A signal event's data without free texts (the event type decides which fields are texts). */
export function scrubEventData(type: string, data: Json): Json {
  if (typeof data !== "object" || data === null || Array.isArray(data)) return data;
  switch (type) {
    case "outcome":
      return scrubOutcome(data);
    case "closed":
    case "declined":
      return { ...data, text: null };
    case "assigned":
    case "reassigned": {
      const { overrideReason: _reason, ...rest } = data;
      return rest;
    }
    default:
      return data;
  }
}
