/**
 * The case (случай) after a signal is confirmed: its statuses and numbering. Pure.
 */

/** Case statuses (the database enum `case_status`). */
export const CASE_STATUSES = ["open", "accompaniment", "closed", "handed_over"] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** Statuses in which a case counts towards its curator's caseload. */
export const OPEN_CASE_STATUSES = ["open", "accompaniment"] as const satisfies readonly CaseStatus[];

/** A case's display number: "<number>/<year>", numbered per service per year. */
export function caseNumber(number: number, year: number): string {
  return `${number}/${year}`;
}
