/**
 * The safety plan is ready: actions in the family need at least one action; a placement outside the
 * family needs where and with whom (actions optional). The risk assessment follows — or, when the
 * factors are rated already (a threat found by a correction), the overall level is stated again.
 */
import { z } from "zod";
import type { Actor } from "../../access/policy.ts";
import type { AssessmentView } from "../queries/assessment-view.ts";
import type { AssessmentDeps } from "./deps.ts";
import { conflict } from "./refusals.ts";
import { applyChange, loadFor } from "./step.ts";

export const completeSafetyPlanInput = z.object({ assessmentId: z.uuid() });

/** Finishes the plan; returns the assessment as it is now. */
export async function completeSafetyPlan(
  deps: AssessmentDeps,
  actor: Actor,
  input: z.infer<typeof completeSafetyPlanInput>,
): Promise<AssessmentView> {
  const { assessmentId } = completeSafetyPlanInput.parse(input);
  const assessment = await loadFor(deps, actor, assessmentId, "assessment.conduct", "safety_plan");
  if (!assessment.planKind)
    throw conflict("assessment.plan_kind_first", "plan_kind_first", "choose the plan's form first");
  if (assessment.planKind === "in_family" && assessment.actions.length === 0) {
    throw conflict("assessment.plan_needs_action", "plan_needs_action", "the plan has no action");
  }
  return applyChange(deps, actor, assessment, {
    data: { planAt: deps.now, stage: assessment.ratedAt ? "overall" : "risk" },
    event: "plan_completed",
    eventData: { actions: assessment.actions.length },
  });
}
