/**
 * The rules of a child safety and risk assessment (seed 003, section 4 and Appendix 3), as plain
 * functions over plain data. No I/O, no clock: callers pass `today` or `now`.
 *
 * What the software deliberately does NOT do: compute, average or suggest the overall risk level.
 * The manual: «Итоговая оценка является интегральной, получаемой специалистом на основании анализа
 * всего объема собранной информации. Не допускается принятие решения на основании статистической
 * обработки результатов.» The only comparison made is {@link factorsAbove}: which factors the
 * specialist rated higher than the level they chose, so that a written reasoning can be asked for.
 */
import { DateTime } from "luxon";
import {
  RISK_FACTORS,
  RISK_LEVELS,
  THREATS,
  type Conclusion,
  type Rating,
  type RiskFactorId,
  type RiskLevel,
  type ThreatId,
} from "./checklist.ts";

/** The child's vulnerability by age (Appendix 3): under 2 extreme, under 6 heightened. */
export type AgeVulnerability = "extreme" | "heightened" | "ordinary" | "unknown";

/** Ages (in whole years) below which a child is extremely / more vulnerable. */
export const EXTREME_UNDER_YEARS = 2;
export const HEIGHTENED_UNDER_YEARS = 6;

/**
 * Vulnerability from the child's birth date ("YYYY-MM-DD") on `today` ("YYYY-MM-DD"): «Все дети в
 * возрасте до шести лет … обладают повышенной степенью уязвимости …, а детей в возрасте до двух
 * лет следует считать крайне уязвимыми». Unknown without a birth date.
 */
export function ageVulnerability(birthDate: string | null, today: string): AgeVulnerability {
  if (!birthDate) return "unknown";
  const years = ageInYears(birthDate, today);
  if (years < EXTREME_UNDER_YEARS) return "extreme";
  if (years < HEIGHTENED_UNDER_YEARS) return "heightened";
  return "ordinary";
}

/** Whole years from `birthDate` to `today` (both "YYYY-MM-DD"); 0 for a birth date in the future. */
export function ageInYears(birthDate: string, today: string): number {
  const years = DateTime.fromISO(today).diff(DateTime.fromISO(birthDate), "years").years;
  return Math.max(0, Math.floor(years));
}

/** Whole months from `birthDate` to `today`, for babies. */
export function ageInMonths(birthDate: string, today: string): number {
  const months = DateTime.fromISO(today).diff(DateTime.fromISO(birthDate), "months").months;
  return Math.max(0, Math.floor(months));
}

/** The threats answered "present", in the checklist's order. */
export function presentThreats(answers: Partial<Record<ThreatId, boolean>>): ThreatId[] {
  return THREATS.filter((id) => answers[id] === true);
}

/**
 * «Выявления одного из этих факторов является достаточным основанием для того, чтобы оценить
 * ситуацию как потенциально опасную»: any immediate threat present requires a safety plan (actions
 * in the family, or safe placement outside it).
 */
export function safetyPlanRequired(answers: Partial<Record<ThreatId, boolean>>): boolean {
  return presentThreats(answers).length > 0;
}

/** 0 for high, 2 for low: a smaller number is a higher risk. */
function rank(level: RiskLevel): number {
  return RISK_LEVELS.indexOf(level);
}

/**
 * The factors rated higher than `chosen` (a factor with "no information" is never higher), in the
 * form's order. Not an overall level: the caller only asks for a reasoning when this is not empty.
 */
export function factorsAbove(
  chosen: RiskLevel,
  ratings: Partial<Record<RiskFactorId, Rating>>,
): RiskFactorId[] {
  return RISK_FACTORS.filter((id) => {
    const rating = ratings[id];
    return rating !== undefined && rating !== "no_info" && rank(rating) < rank(chosen);
  });
}

/** A written reasoning is required when the chosen overall level is lower than some factor's rating. */
export function reasoningRequired(
  chosen: RiskLevel,
  ratings: Partial<Record<RiskFactorId, Rating>>,
): boolean {
  return factorsAbove(chosen, ratings).length > 0;
}

/** Factors grouped by their rating, for the side-by-side view and the form (each in the form's order). */
export function byRating(ratings: Partial<Record<RiskFactorId, Rating>>): Record<Rating, RiskFactorId[]> {
  const groups: Record<Rating, RiskFactorId[]> = { high: [], moderate: [], low: [], no_info: [] };
  for (const id of RISK_FACTORS) {
    const rating = ratings[id];
    if (rating) groups[rating].push(id);
  }
  return groups;
}

/** Whether every factor has a rating (a level or "no information"). */
export function allRated(ratings: Partial<Record<RiskFactorId, Rating>>): boolean {
  return RISK_FACTORS.every((id) => ratings[id] !== undefined);
}

/** Conclusions 3 and 4 (reasonable grounds; violation confirmed or immediate danger): a case must be opened. */
export function conclusionOpensCase(conclusion: Conclusion): boolean {
  return conclusion === 3 || conclusion === 4;
}

/** Where an assessment stands: the next thing the specialist does. */
export const STAGES = [
  "planning",
  "contact",
  "safety",
  "safety_plan",
  "risk",
  "overall",
  "conclusion",
  "handover",
  "done",
] as const;
export type Stage = (typeof STAGES)[number];

/** What the specialist (or the head) does to an assessment. */
export type AssessmentStep =
  "plan" | "contact" | "safety" | "safety_plan" | "rate" | "overall" | "conclude" | "handover" | "cancel";

const ALLOWED: Record<AssessmentStep, readonly Stage[]> = {
  plan: ["planning"],
  contact: ["contact"],
  safety: ["safety"],
  safety_plan: ["safety_plan"],
  // Ratings may be revised until the conclusion; revising them clears the overall level.
  rate: ["risk", "overall", "conclusion"],
  // The overall level may be restated until the conclusion.
  overall: ["overall", "conclusion"],
  conclude: ["conclusion"],
  handover: ["handover"],
  cancel: ["planning", "contact", "safety", "safety_plan", "risk", "overall", "conclusion"],
};

/** Whether `step` is possible at `stage`. */
export function canDo(stage: Stage, step: AssessmentStep): boolean {
  return ALLOWED[step].includes(stage);
}

/** The stage after the safety assessment: the plan when a threat is present, else the risk assessment. */
export function stageAfterSafety(planRequired: boolean): Stage {
  return planRequired ? "safety_plan" : "risk";
}
