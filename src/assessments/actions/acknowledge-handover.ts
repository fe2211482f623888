/**
 * The guardianship authority confirmed it received the form (regulation 4.6, acknowledged as a
 * case's hand-over is): the specialist records when and who confirmed it; the daily reminders stop.
 * Once only: a second record is refused.
 */
import { z } from "zod";
import type { Actor } from "../../access/policy.ts";
import type { AssessmentView } from "../queries/assessment-view.ts";
import type { AssessmentDeps } from "./deps.ts";
import { conflict } from "./refusals.ts";
import { applyChange, loadFor } from "./step.ts";

export const acknowledgeHandoverInput = z.object({
  assessmentId: z.uuid(),
  /** Who at the authority confirmed receipt (name, position), as typed. */
  receivedBy: z.string().trim().min(3).max(300),
});
export type AcknowledgeHandoverInput = z.infer<typeof acknowledgeHandoverInput>;

/** Records the acknowledgement; returns the assessment as it is now. */
export async function acknowledgeHandover(
  deps: AssessmentDeps,
  actor: Actor,
  input: AcknowledgeHandoverInput,
): Promise<AssessmentView> {
  const { assessmentId, receivedBy } = acknowledgeHandoverInput.parse(input);
  const assessment = await loadFor(deps, actor, assessmentId, "assessment.conduct", null);
  if (!assessment.handedOverAt)
    throw conflict("assessment.not_handed_over", "not_handed_over", "the form is not handed over yet", {
      number: assessment.number,
    });
  if (assessment.acknowledgedAt)
    throw conflict("assessment.already_acknowledged", "already_acknowledged", "receipt is recorded already", {
      number: assessment.number,
    });
  return applyChange(deps, actor, assessment, {
    data: { acknowledgedAt: deps.now, acknowledgedByName: receivedBy },
    event: "handover_acknowledged",
    eventData: {},
  });
}
