/**
 * Contact with the family is made (regulation 4.2): the moment the visit begins. When the signal
 * needed an immediate answer, this is what the one-hour deadline watches.
 */
import { z } from "zod";
import type { Actor } from "../../access/policy.ts";
import type { AssessmentView } from "../queries/assessment-view.ts";
import type { AssessmentDeps } from "./deps.ts";
import { applyChange, loadFor } from "./step.ts";

export const recordContactInput = z.object({ assessmentId: z.uuid() });

/** Records the contact; returns the assessment as it is now. */
export async function recordContact(
  deps: AssessmentDeps,
  actor: Actor,
  input: z.infer<typeof recordContactInput>,
): Promise<AssessmentView> {
  const { assessmentId } = recordContactInput.parse(input);
  const assessment = await loadFor(deps, actor, assessmentId, "assessment.conduct", "contact");
  return applyChange(deps, actor, assessment, {
    data: { contactAt: deps.now, stage: "safety" },
    event: "contact_made",
    eventData: {},
  });
}
