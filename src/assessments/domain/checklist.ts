/**
 * The checklist of the "Form of child safety assessment and maltreatment risk assessment" (seed 003,
 * Appendix 2) and its manual (Appendix 3), as data: the immediate threats, the vulnerable groups,
 * examples of protective capacities, the risk factors with their sub-factors, the risk levels and the
 * four conclusions. Ids only; the wording people read is in ../locales (the seed's, shortened only
 * where a chat needs it, with the full definitions behind "ℹ️").
 *
 * Stored assessments name the checklist version they were filled with, so a later change of this
 * list never changes the meaning of an old record.
 */

/** Bump when the lists below change meaning; stored assessments keep the version they used. */
export const CHECKLIST_VERSION = 1;

/**
 * The 15 immediate threats of Appendix 3 ("Непосредственные угрозы"), in the manual's order. Any
 * one of them present makes the situation potentially dangerous and requires a safety plan.
 */
export const THREATS = [
  "t01_serious_injury",
  "t02_cannot_protect",
  "t03_threatened_harm",
  "t04_aggression_out_of_control",
  "t05_hostile_member",
  "t06_intoxication",
  "t07_carer_illness",
  "t08_housing",
  "t09_domestic_violence",
  "t10_may_disappear",
  "t11_unexplained_injuries",
  "t12_vital_needs",
  "t13_refuse_treatment",
  "t14_harmful_treatment",
  "t15_sexual_abuse",
] as const;
export type ThreatId = (typeof THREATS)[number];

/** Step ids of the threats in the safety dialogue: t01 … t15. */
export function threatStep(id: ThreatId): string {
  return id.slice(0, 3);
}

/** The vulnerable groups of children (Appendix 3, "К уязвимым группам детей относятся"). */
export const VULNERABLE_GROUPS = [
  "young_or_low_development",
  "chronic_illness",
  "developmental_delay",
  "fragile_or_often_ill",
  "behaviour_provokes_parents",
  "cannot_express_needs",
] as const;
export type VulnerableGroup = (typeof VULNERABLE_GROUPS)[number];

/** Examples of protective factors (Appendix 3, "Примеры защитных факторов"). */
export const PROTECTIVE_FACTORS = [
  "adults_guarantee_safety",
  "uninvolved_adults_help",
  "help_available",
  "adult_takes_responsibility",
  "family_aware",
] as const;
export type ProtectiveFactor = (typeof PROTECTIVE_FACTORS)[number];

/**
 * The rated risk factors of the form's table, in its order: ten factors, of which 3 (injuries) and
 * 6 (parents) are rated through their sub-factors 3.1–3.3 and 6.1–6.3.
 */
export const RISK_FACTORS = [
  "1",
  "2",
  "3.1",
  "3.2",
  "3.3",
  "4",
  "5",
  "6.1",
  "6.2",
  "6.3",
  "7",
  "8",
  "9",
  "10",
] as const;
export type RiskFactorId = (typeof RISK_FACTORS)[number];

/** The form's table rows: a factor with sub-factors is a heading row of its own. */
export const FORM_ROWS: readonly { id: string; heading?: true }[] = [
  { id: "1" },
  { id: "2" },
  { id: "3", heading: true },
  { id: "3.1" },
  { id: "3.2" },
  { id: "3.3" },
  { id: "4" },
  { id: "5" },
  { id: "6", heading: true },
  { id: "6.1" },
  { id: "6.2" },
  { id: "6.3" },
  { id: "7" },
  { id: "8" },
  { id: "9" },
  { id: "10" },
];

/** Step id of a factor in the ratings dialogue: "3.1" → "f3_1". */
export function factorStep(id: RiskFactorId): string {
  return `f${id.replace(".", "_")}`;
}

/** i18n key fragment of a factor: "3.1" → "f3_1". */
export const factorKey = factorStep;

/** The three risk levels, from the highest (the form's columns: Высокий, Умеренный, Низкий). */
export const RISK_LEVELS = ["high", "moderate", "low"] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

/** A factor's rating: a level, or "no information" (allowed, and shown as such). */
export const RATINGS = [...RISK_LEVELS, "no_info"] as const;
export type Rating = (typeof RATINGS)[number];

/**
 * The four conclusions (recommendations to the guardianship authority) of Appendix 3, "Выводы и
 * принятие решения по результатам оценки риска".
 */
export const CONCLUSIONS = [1, 2, 3, 4] as const;
export type Conclusion = (typeof CONCLUSIONS)[number];

/** How urgently the signal must be answered (regulation 4.1–4.2). */
export const URGENCIES = ["immediate", "planned"] as const;
export type AssessmentUrgency = (typeof URGENCIES)[number];

/** What the safety plan protects the child by: actions in the family, or safe placement outside it. */
export const PLAN_KINDS = ["in_family", "placement"] as const;
export type PlanKind = (typeof PLAN_KINDS)[number];

/** How the form reached the guardianship authority. */
export const HANDOVER_CHANNELS = ["email", "in_person", "post", "interagency"] as const;
export type HandoverChannel = (typeof HANDOVER_CHANNELS)[number];
