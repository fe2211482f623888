/**
 * Takes an action out of the safety plan while it is being drawn up (kept, marked removed, so its
 * number is not reused and the history stays whole).
 */
import { z } from "zod";
import type { Actor } from "../../access/policy.ts";
import type { AssessmentView } from "../queries/assessment-view.ts";
import type { AssessmentDeps } from "./deps.ts";
import { conflict } from "./refusals.ts";
import { applyChange, loadFor } from "./step.ts";

export const removeSafetyActionInput = z.object({ assessmentId: z.uuid(), actionId: z.uuid() });

/** Removes the action; returns the assessment as it is now. */
export async function removeSafetyAction(
  deps: AssessmentDeps,
  actor: Actor,
  input: z.infer<typeof removeSafetyActionInput>,
): Promise<AssessmentView> {
  const { assessmentId, actionId } = removeSafetyActionInput.parse(input);
  const assessment = await loadFor(deps, actor, assessmentId, "assessment.conduct", "safety_plan");
  const removed = await deps.tx.safetyPlanAction.updateMany({
    where: { id: actionId, assessmentId, removedAt: null },
    data: { removedAt: deps.now },
  });
  if (removed.count === 0)
    throw conflict("assessment.action_gone", "action_gone", "no such action in the plan");
  return applyChange(deps, actor, assessment, {
    data: {},
    event: "plan_action_removed",
    eventData: { actionId },
    audit: { actionId },
  });
}
