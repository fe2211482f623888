/**
 * Correcting one immediate threat's answer after the safety assessment, without answering it all
 * again. Versioned by the assessment's events (`threat_corrected`); the overall level is cleared
 * and stated again. A threat found by the correction when no safety plan was made yet makes the
 * plan the next step (regulation 4.3: any threat requires one); the ratings stay. A plan already
 * made stays in the record when no threat remains.
 */
import { z } from "zod";
import type { Actor } from "../../access/policy.ts";
import { THREATS } from "../domain/checklist.ts";
import { safetyPlanRequired } from "../domain/rules.ts";
import { safetyOf, type AssessmentView } from "../queries/assessment-view.ts";
import type { AssessmentDeps } from "./deps.ts";
import { applyChange, loadFor } from "./step.ts";

export const correctThreatInput = z.object({
  assessmentId: z.uuid(),
  threat: z.enum(THREATS),
  present: z.boolean(),
});
export type CorrectThreatInput = z.infer<typeof correctThreatInput>;

/** Corrects one threat's answer; returns the assessment as it is now (unchanged when the same). */
export async function correctThreat(
  deps: AssessmentDeps,
  actor: Actor,
  input: CorrectThreatInput,
): Promise<AssessmentView> {
  const { assessmentId, threat, present } = correctThreatInput.parse(input);
  // After the safety assessment (and its plan) and before the conclusion: when ratings may change.
  const assessment = await loadFor(deps, actor, assessmentId, "assessment.conduct", "rate");
  const safety = safetyOf(assessment)!;
  if (safety.threats[threat] === present) return assessment;
  const threats = { ...safety.threats, [threat]: present };
  const planRequired = safetyPlanRequired(threats);
  const stage =
    planRequired && assessment.planAt === null ? "safety_plan" : assessment.ratedAt ? "overall" : "risk";
  return applyChange(deps, actor, assessment, {
    data: {
      safety: { ...(assessment.safety as object), threats },
      planRequired,
      overallLevel: null,
      overallReasoning: null,
      overallAt: null,
      stage,
    },
    event: "threat_corrected",
    eventData: { threat, present, planRequired },
    audit: { threat, present },
  });
}
