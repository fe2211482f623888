/**
 * The case (случай) after a signal is confirmed: its statuses, stages, numbering and what may be
 * done to it in each status. Pure.
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

/** Every close reason, in the order of the standard. */
export const ALL_CLOSE_REASONS: readonly CaseCloseReason[] = [
  ...CASE_CLOSE_REASONS.decision_change,
  ...CASE_CLOSE_REASONS.accompaniment,
];

/** Close reasons after which the information goes to another organisation (accompaniment b, c). */
export const REASONS_PASSED_ON: readonly CaseCloseReason[] = ["plan_not_kept", "against_child_interests"];

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

/** The stages of the work: stage 3 (work on the decision) and accompaniment. */
export const CASE_STAGES = ["decision_change", "accompaniment"] as const;
export type CaseStage = (typeof CASE_STAGES)[number];

/** The stage a case is in, or null when the work has ended. */
export function stageOf(status: CaseStatus): CaseStage | null {
  if (status === "open") return "decision_change";
  if (status === "accompaniment") return "accompaniment";
  return null;
}

/** The plan each stage works by. */
export const PLAN_OF_STAGE = {
  decision_change: "decision_change",
  accompaniment: "rehabilitation",
} as const satisfies Record<CaseStage, string>;
export type PlanKind = (typeof PLAN_OF_STAGE)[CaseStage];

/** Whether `reason` closes a case in `stage`. */
export function closesStage(reason: CaseCloseReason, stage: CaseStage): boolean {
  return (CASE_CLOSE_REASONS[stage] as readonly string[]).includes(reason);
}

/** What people do to a case. */
export type CaseAction =
  | "fill_sheet"
  | "make_plan"
  | "monitor"
  | "extend"
  | "close"
  | "to_accompaniment"
  | "attach_psychologist"
  | "hand_over"
  | "send_plan_copy";

const ALLOWED: Record<CaseAction, readonly CaseStatus[]> = {
  fill_sheet: ["open", "accompaniment"],
  make_plan: ["open", "accompaniment"],
  monitor: ["open", "accompaniment"],
  extend: ["open"],
  close: ["open", "accompaniment"],
  to_accompaniment: ["open"],
  attach_psychologist: ["open", "accompaniment"],
  hand_over: ["open", "accompaniment", "closed"],
  send_plan_copy: ["accompaniment"],
};

/** Whether `action` is possible in `status` (further checks, like "a plan exists", are the actions'). */
export function canDo(status: CaseStatus, action: CaseAction): boolean {
  return ALLOWED[action].includes(status);
}

/**
 * Whether a closed case's documents may still be handed over: only when it was closed because the
 * family does not keep the plan or acts against the child (the information goes on).
 */
export function handOverAfterClosing(closeReason: CaseCloseReason | null): boolean {
  return closeReason !== null && REASONS_PASSED_ON.includes(closeReason);
}

/** How far back the date of a hand-over may be, in days. */
export const HANDOVER_MAX_AGE_DAYS = 60;

/** A case's display number: "<number>/<year>", numbered per service per year. */
export function caseNumber(number: number, year: number): string {
  return `${number}/${year}`;
}

/**
 * Parses what a person types after /case: "17/2026", "17", "№ 17/2026"; the year defaults to
 * `currentYear`. Null when it is not a case number.
 */
export function parseCaseNumber(text: string, currentYear: number): string | null {
  const match = /^(?:№\s*)?(\d{1,6})(?:\s*\/\s*(\d{4}))?$/.exec(text.trim());
  if (!match) return null;
  const number = Number(match[1]);
  if (number < 1) return null;
  return caseNumber(number, match[2] ? Number(match[2]) : currentYear);
}
