/**
 * The signal sheet (сигнальный лист) of seed 000: what the curator learns at the first meeting —
 * rehabilitation potential; parenting history (earlier refusals, deprivation of parental rights,
 * other children and where they are); socio-economic situation (housing and its status,
 * registration, income); close people and their position towards the newborn; the results of the
 * meetings with the woman and with her circle. The answer values are here; the dialogue that asks
 * them is flows/case-sheet.ts. Pure.
 */
import { z } from "zod";

/** The fixed answers of the sheet's choice questions. */
export const SHEET_OPTIONS = {
  potential_level: ["present", "partial", "absent"],
  earlier_refusals: ["no", "yes", "unknown"],
  deprivation: ["no", "deprived", "restricted", "unknown"],
  children: ["none", "with_her", "with_relatives", "in_care", "mixed"],
  housing: ["own", "rented", "relatives", "hostel", "none"],
  registration: ["local", "other_region", "none"],
  income: ["regular", "irregular", "benefits", "none"],
  close_people: ["mother", "child_father", "partner", "relatives", "friends", "nobody"],
  circle_position: ["supports", "against", "divided", "indifferent"],
} as const;

const choice = <K extends keyof typeof SHEET_OPTIONS>(key: K) =>
  z.enum(SHEET_OPTIONS[key] as unknown as [string, ...string[]]);
const text = (max: number) => z.string().min(1).max(max);
const multi = z.object({ values: z.array(z.string()).min(1), texts: z.record(z.string(), z.string()) });

/** The sheet's answers as stored; every answer may be missing in a draft. */
export const sheetAnswers = z.object({
  potential_level: choice("potential_level").optional(),
  potential: text(1000).optional(),
  earlier_refusals: choice("earlier_refusals").optional(),
  deprivation: choice("deprivation").optional(),
  children: choice("children").optional(),
  children_note: text(500).nullable().optional(),
  housing: choice("housing").optional(),
  registration: choice("registration").optional(),
  income: choice("income").optional(),
  close_people: multi.optional(),
  circle_position: choice("circle_position").optional(),
  meeting_woman: text(1500).optional(),
  meeting_circle: text(1500).nullable().optional(),
});
export type SheetAnswers = z.infer<typeof sheetAnswers>;

/** The questions every complete sheet answers (the others depend on earlier answers or may be skipped). */
export const REQUIRED_SHEET_ANSWERS = [
  "potential_level",
  "potential",
  "earlier_refusals",
  "deprivation",
  "children",
  "housing",
  "registration",
  "income",
  "close_people",
  "meeting_woman",
] as const satisfies readonly (keyof SheetAnswers)[];

/** Whether a sheet answers every question it must. */
export function sheetComplete(answers: SheetAnswers): boolean {
  return REQUIRED_SHEET_ANSWERS.every((key) => answers[key] !== undefined && answers[key] !== null);
}

/**
 * What the visit outcome already said that the sheet asks too: the rehabilitation potential. It is
 * pre-filled, so the curator is not asked again (and may change it in the sheet's summary).
 */
export function sheetFromOutcome(outcome: unknown): SheetAnswers {
  const potential = z.object({ potential: text(1000) }).safeParse(outcome);
  return potential.success ? { potential: potential.data.potential } : {};
}
