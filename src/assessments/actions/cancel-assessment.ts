/**
 * Stops an assessment begun by mistake or no longer needed, with the reason (before its
 * conclusion; a concluded one stays as it is). Nothing is due afterwards.
 */
import { z } from "zod";
import type { Actor } from "../../access/policy.ts";
import type { AssessmentView } from "../queries/assessment-view.ts";
import type { AssessmentDeps } from "./deps.ts";
import { applyChange, loadFor } from "./step.ts";

export const cancelAssessmentInput = z.object({
  assessmentId: z.uuid(),
  reason: z.string().trim().min(3).max(500),
});

/** Cancels; returns the assessment as it is now. */
export async function cancelAssessment(
  deps: AssessmentDeps,
  actor: Actor,
  input: z.infer<typeof cancelAssessmentInput>,
): Promise<AssessmentView> {
  const { assessmentId, reason } = cancelAssessmentInput.parse(input);
  const assessment = await loadFor(deps, actor, assessmentId, "assessment.conduct", "cancel");
  return applyChange(deps, actor, assessment, {
    data: { status: "cancelled", cancelledAt: deps.now, cancelReason: reason },
    event: "cancelled",
    eventData: {},
  });
}
