/**
 * The safety plan's form (regulation 4.3): actions in the family, or safe placement outside it
 * (where and with whom). May be restated while the plan is being drawn up.
 */
import { z } from "zod";
import type { Actor } from "../../access/policy.ts";
import type { AssessmentView } from "../queries/assessment-view.ts";
import type { AssessmentDeps } from "./deps.ts";
import { applyChange, loadFor } from "./step.ts";

export const startSafetyPlanInput = z.discriminatedUnion("kind", [
  z.object({ assessmentId: z.uuid(), kind: z.literal("in_family") }),
  z.object({
    assessmentId: z.uuid(),
    kind: z.literal("placement"),
    placement: z.string().trim().min(5).max(1000),
  }),
]);
export type StartSafetyPlanInput = z.infer<typeof startSafetyPlanInput>;

/** Sets how the plan protects the child; returns the assessment as it is now. */
export async function startSafetyPlan(
  deps: AssessmentDeps,
  actor: Actor,
  input: StartSafetyPlanInput,
): Promise<AssessmentView> {
  const plan = startSafetyPlanInput.parse(input);
  const assessment = await loadFor(deps, actor, plan.assessmentId, "assessment.conduct", "safety_plan");
  return applyChange(deps, actor, assessment, {
    data: { planKind: plan.kind, placementText: plan.kind === "placement" ? plan.placement : null },
    event: "plan_started",
    eventData: { kind: plan.kind },
  });
}
