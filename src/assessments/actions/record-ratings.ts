/**
 * The risk assessment's ratings (regulation 4.4–4.5): each of the ten factors (3 and 6 through
 * their sub-factors) rated high, moderate or low, or "no information". Stored as given; nothing is
 * derived from them. Ratings may be revised until the conclusion; a revision clears the overall
 * level, which the specialist then states again.
 */
import { z } from "zod";
import type { Actor } from "../../access/policy.ts";
import { RATINGS, RISK_FACTORS, type RiskFactorId } from "../domain/checklist.ts";
import type { AssessmentView } from "../queries/assessment-view.ts";
import type { AssessmentDeps } from "./deps.ts";
import { applyChange, loadFor } from "./step.ts";

export const recordRatingsInput = z.object({
  assessmentId: z.uuid(),
  /** Every factor rated. */
  ratings: z.strictObject(
    Object.fromEntries(RISK_FACTORS.map((id) => [id, z.enum(RATINGS)])) as Record<
      RiskFactorId,
      z.ZodEnum<{ [K in (typeof RATINGS)[number]]: K }>
    >,
  ),
});
export type RecordRatingsInput = z.infer<typeof recordRatingsInput>;

/** Records the ratings; returns the assessment as it is now. */
export async function recordRatings(
  deps: AssessmentDeps,
  actor: Actor,
  input: RecordRatingsInput,
): Promise<AssessmentView> {
  const { assessmentId, ratings } = recordRatingsInput.parse(input);
  const assessment = await loadFor(deps, actor, assessmentId, "assessment.conduct", "rate");
  return applyChange(deps, actor, assessment, {
    data: {
      ratings,
      ratedAt: deps.now,
      overallLevel: null,
      overallReasoning: null,
      overallAt: null,
      stage: "overall",
    },
    event: "rated",
    eventData: { ratings },
  });
}
