/**
 * The case (случай) after a signal is confirmed: its statuses and numbering. Pure.
 */

/** Case statuses (the database enum `case_status`). */
export const CASE_STATUSES = ["open", "accompaniment", "closed", "handed_over"] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/**
 * Why a case was closed (the database enum `case_close_reason`), by the stage it was closed in.
 * Stage 3 (work on the decision, up to a month): `not_changed` (a), `changed_resolved` (b).
 * Accompaniment: `plan_done` (a), `plan_not_kept` (b), `against_child_interests` (c).
 */
export const CASE_CLOSE_REASONS = {
  decision_change: ["not_changed", "changed_resolved"],
  accompaniment: ["plan_done", "plan_not_kept", "against_child_interests"],
} as const;
export type CaseCloseReason =
  (typeof CASE_CLOSE_REASONS.decision_change)[number] | (typeof CASE_CLOSE_REASONS.accompaniment)[number];

/**
 * What the half-year figures count (seed 000, "Оценка эффективности"), from a case's stored
 * facts: she changed her decision when stage 3 closed with (b) or the case moved to accompaniment;
 * a case was accompanied when it moved to accompaniment.
 */
export function decisionChanged(c: {
  closeReason: CaseCloseReason | null;
  accompanimentAt: Date | null;
}): boolean {
  return c.closeReason === "changed_resolved" || c.accompanimentAt !== null;
}

/** Statuses in which a case counts towards its curator's caseload. */
export const OPEN_CASE_STATUSES = ["open", "accompaniment"] as const satisfies readonly CaseStatus[];

/** A case's display number: "<number>/<year>", numbered per service per year. */
export function caseNumber(number: number, year: number): string {
  return `${number}/${year}`;
}
