/**
 * The overall risk level, as the specialist states it after seeing the ratings side by side. It is
 * never computed: the manual calls the overall assessment an integral judgement and forbids
 * deciding by statistics. When the chosen level is lower than some factor's rating, a written
 * reasoning is required (refused otherwise, with the factors named); it is always allowed.
 */
import { z } from "zod";
import type { Actor } from "../../access/policy.ts";
import { RISK_LEVELS } from "../domain/checklist.ts";
import { allRated, factorsAbove } from "../domain/rules.ts";
import { ratingsOf, type AssessmentView } from "../queries/assessment-view.ts";
import type { AssessmentDeps } from "./deps.ts";
import { conflict, unprocessable } from "./refusals.ts";
import { applyChange, loadFor } from "./step.ts";

export const setOverallLevelInput = z.object({
  assessmentId: z.uuid(),
  level: z.enum(RISK_LEVELS),
  reasoning: z.string().trim().min(3).max(2000).nullable(),
});
export type SetOverallLevelInput = z.infer<typeof setOverallLevelInput>;

/** Records the overall level and its reasoning; returns the assessment as it is now. */
export async function setOverallLevel(
  deps: AssessmentDeps,
  actor: Actor,
  input: SetOverallLevelInput,
): Promise<AssessmentView> {
  const { assessmentId, level, reasoning } = setOverallLevelInput.parse(input);
  const assessment = await loadFor(deps, actor, assessmentId, "assessment.conduct", "overall");
  const ratings = ratingsOf(assessment);
  if (!allRated(ratings))
    throw conflict("assessment.ratings_incomplete", "ratings_incomplete", "not every factor is rated");
  const above = factorsAbove(level, ratings);
  if (above.length > 0 && (reasoning === null || reasoning.length < 20)) {
    throw unprocessable(
      "assessment.reasoning_required",
      "reasoning_required",
      `the level is lower than factors ${above.join(", ")}: a reasoning of at least 20 characters is required`,
      { factors: above.join(", ") },
    );
  }
  return applyChange(deps, actor, assessment, {
    data: { overallLevel: level, overallReasoning: reasoning, overallAt: deps.now, stage: "conclusion" },
    event: "overall_set",
    eventData: { level, above, reasoned: reasoning !== null },
    audit: { level },
  });
}
