/**
 * Planning (regulation 4.1): who the child is, the parents, the home address, the facts known,
 * and the urgency — immediate (contact the family within an hour; the deadline is watched) or
 * planned (a time agreed with the family).
 */
import { z } from "zod";
import type { Actor } from "../../access/policy.ts";
import { localDate } from "../../platform/flow/input.ts";
import { URGENCIES } from "../domain/checklist.ts";
import { TIME_NORMS } from "../domain/time-norms.ts";
import type { AssessmentView } from "../queries/assessment-view.ts";
import type { AssessmentDeps } from "./deps.ts";
import { unprocessable } from "./refusals.ts";
import { applyChange, loadFor } from "./step.ts";

/** "from_signal": the woman (or her address) of the signal the assessment concerns. */
const FROM_SIGNAL = z.literal("from_signal");

export const planAssessmentInput = z.object({
  assessmentId: z.uuid(),
  /** Null: the child has no name yet. */
  childFullName: z.string().trim().min(1).max(200).nullable(),
  /** "YYYY-MM-DD"; null: unknown. */
  childBirthDate: z.iso.date().nullable(),
  parents: z.union([FROM_SIGNAL, z.string().trim().min(1).max(500)]),
  address: z.union([FROM_SIGNAL, z.string().trim().min(1).max(300)]),
  facts: z.string().trim().min(10).max(1500),
  urgency: z.enum(URGENCIES),
});
export type PlanAssessmentInput = z.infer<typeof planAssessmentInput>;

/** Longest a child's age may be (the regulation protects children: under 18). */
const MAX_CHILD_YEARS = 18;

/** Records the plan; returns the assessment as it is now. */
export async function planAssessment(
  deps: AssessmentDeps,
  actor: Actor,
  input: PlanAssessmentInput,
): Promise<AssessmentView> {
  const plan = planAssessmentInput.parse(input);
  const { now } = deps;
  const assessment = await loadFor(deps, actor, plan.assessmentId, "assessment.conduct", "plan");
  if (plan.childBirthDate) {
    const today = localDate(now, assessment.service.timeZone);
    const oldest = `${Number(today.slice(0, 4)) - MAX_CHILD_YEARS}${today.slice(4)}`;
    if (plan.childBirthDate > today || plan.childBirthDate <= oldest) {
      throw unprocessable(
        "errors.unprocessable",
        "birth_date",
        "the child's birth date must be within 18 years",
      );
    }
  }
  const immediate = plan.urgency === "immediate";
  const contactDeadline = immediate ? new Date(now.getTime() + TIME_NORMS.contactWhenUrgent * 60_000) : null;
  return applyChange(deps, actor, assessment, {
    data: {
      childFullName: plan.childFullName,
      childBirthDate: plan.childBirthDate ? new Date(`${plan.childBirthDate}T00:00:00Z`) : null,
      parentsText: plan.parents === "from_signal" ? null : plan.parents,
      parentsFromSignal: plan.parents === "from_signal",
      homeAddress: plan.address === "from_signal" ? null : plan.address,
      addressFromSignal: plan.address === "from_signal",
      factsText: plan.facts,
      urgency: plan.urgency,
      plannedAt: now,
      contactDeadline,
      stage: "contact",
    },
    event: "planned",
    eventData: { urgency: plan.urgency, contactDeadline: contactDeadline?.toISOString() ?? null },
    audit: { urgency: plan.urgency },
  });
}
