/**
 * A safety-plan action is done. The plan protects the child until the assessment is finished and
 * beyond, so actions are marked done at any stage, by the assessment's specialist.
 */
import { z } from "zod";
import type { Actor } from "../../access/policy.ts";
import { writeAudit } from "../../platform/audit.ts";
import { appendEvent } from "../events.ts";
import type { AssessmentView } from "../queries/assessment-view.ts";
import type { AssessmentDeps } from "./deps.ts";
import { conflict } from "./refusals.ts";
import { actorId, loadFor } from "./step.ts";

export const completeSafetyActionInput = z.object({ actionId: z.uuid() });

/** Marks the action done; returns its number and the assessment. */
export async function completeSafetyAction(
  deps: AssessmentDeps,
  actor: Actor,
  input: z.infer<typeof completeSafetyActionInput>,
): Promise<{ assessment: AssessmentView; position: number }> {
  const { actionId } = completeSafetyActionInput.parse(input);
  const { tx, now } = deps;
  const action = await tx.safetyPlanAction.findUnique({
    where: { id: actionId },
    select: { assessmentId: true, position: true, removedAt: true, doneAt: true },
  });
  if (!action) throw conflict("assessment.action_gone", "action_gone", "no such action");
  const assessment = await loadFor(deps, actor, action.assessmentId, "assessment.conduct", null);
  if (action.removedAt) throw conflict("assessment.action_gone", "action_gone", "the action was removed");
  // Conditional: of two presses at once, one marks it.
  const marked = await tx.safetyPlanAction.updateMany({
    where: { id: actionId, doneAt: null, removedAt: null },
    data: { doneAt: now },
  });
  if (marked.count === 0)
    throw conflict("assessment.action_done_already", "already_done", "the action is done already");
  await appendEvent(tx, assessment.id, "plan_action_done", actorId(actor), now, { actionId });
  await writeAudit(tx, {
    actor,
    action: "assessment.plan_action_done",
    subjectType: "assessment",
    subjectId: assessment.id,
    serviceId: assessment.serviceId,
    details: { actionId },
    at: now,
  });
  return { assessment, position: action.position };
}
