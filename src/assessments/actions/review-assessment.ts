/**
 * The supervisor review (regulation, section 9: supervision once a quarter): a head marks a
 * finished assessment reviewed, with a comment the specialist reads. Once per assessment: of two
 * heads at once, one marks it and the other is told who did.
 */
import { z } from "zod";
import { shortName } from "../../access/names.ts";
import type { Actor } from "../../access/policy.ts";
import { loadAssessment, type AssessmentView } from "../queries/assessment-view.ts";
import type { AssessmentDeps } from "./deps.ts";
import { conflict } from "./refusals.ts";
import { applyChange, loadFor } from "./step.ts";

export const reviewAssessmentInput = z.object({
  assessmentId: z.uuid(),
  comment: z.string().trim().min(3).max(2000),
});

/** The refusal naming who reviewed it and when. */
export function alreadyReviewed(a: AssessmentView) {
  return conflict("assessment.already_reviewed", "already_reviewed", "the assessment was reviewed already", {
    head: a.reviewedBy ? shortName(a.reviewedBy.fullName) : "—",
    at: { datetime: a.reviewedAt!.toISOString() },
  });
}

/** Refuses a review of an assessment without a conclusion, or one reviewed already. */
export function assertReviewable(assessment: AssessmentView): void {
  if (assessment.status !== "completed") {
    throw conflict("assessment.not_concluded", "not_concluded", "the assessment has no conclusion yet");
  }
  if (assessment.reviewedAt) throw alreadyReviewed(assessment);
}

/** Marks the review; returns the assessment as it is now. */
export async function reviewAssessment(
  deps: AssessmentDeps,
  actor: Actor,
  input: z.infer<typeof reviewAssessmentInput>,
): Promise<AssessmentView> {
  const { assessmentId, comment } = reviewAssessmentInput.parse(input);
  const assessment = await loadFor(deps, actor, assessmentId, "assessment.review", null);
  assertReviewable(assessment);
  try {
    const reviewed = await applyChange(deps, actor, assessment, {
      data: {
        reviewedAt: deps.now,
        reviewedById: actor.kind === "staff" ? actor.id : null,
        reviewComment: comment,
      },
      event: "reviewed",
      eventData: {},
    });
    await deps.notifier.notify({ type: "assessment.reviewed", assessmentId: reviewed.id });
    return reviewed;
  } catch (error) {
    // Another head's review committed first: say whose.
    const current = await loadAssessment(deps.tx, assessmentId);
    if (current?.reviewedAt) throw alreadyReviewed(current);
    throw error;
  }
}
