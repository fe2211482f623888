/**
 * Correcting one factor's rating after the ratings step, without answering the whole
 * questionnaire again (a typo, or new information before the conclusion). The ratings are
 * versioned by the assessment's events (`rating_corrected`: the factor, from, to); the overall
 * level is cleared, so the specialist states it again — the software still never computes or
 * pre-selects it. Possible until the conclusion, like a full revision.
 */
import { z } from "zod";
import type { Actor } from "../../access/policy.ts";
import { RATINGS, RISK_FACTORS } from "../domain/checklist.ts";
import { ratingsOf, type AssessmentView } from "../queries/assessment-view.ts";
import type { AssessmentDeps } from "./deps.ts";
import { conflict } from "./refusals.ts";
import { applyChange, loadFor } from "./step.ts";

export const correctRatingInput = z.object({
  assessmentId: z.uuid(),
  factor: z.enum(RISK_FACTORS),
  rating: z.enum(RATINGS),
});
export type CorrectRatingInput = z.infer<typeof correctRatingInput>;

/** Corrects one rating; returns the assessment as it is now (unchanged when the rating is the same). */
export async function correctRating(
  deps: AssessmentDeps,
  actor: Actor,
  input: CorrectRatingInput,
): Promise<AssessmentView> {
  const { assessmentId, factor, rating } = correctRatingInput.parse(input);
  const assessment = await loadFor(deps, actor, assessmentId, "assessment.conduct", "rate");
  const ratings = ratingsOf(assessment);
  const from = ratings[factor];
  if (assessment.ratedAt === null || from === undefined)
    throw conflict("assessment.not_rated_yet", "not_rated_yet", "the factors are not rated yet");
  if (from === rating) return assessment;
  return applyChange(deps, actor, assessment, {
    data: {
      ratings: { ...ratings, [factor]: rating },
      overallLevel: null,
      overallReasoning: null,
      overallAt: null,
      stage: "overall",
    },
    event: "rating_corrected",
    eventData: { factor, from, to: rating },
    audit: { factor, from, to: rating },
  });
}
