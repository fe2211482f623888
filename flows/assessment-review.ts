/**
 * Small dialogues around an assessment, each started with `{ assessmentId }`:
 *
 * - `assessment_review`: the head's supervisor review (seed 003, section 9: supervision once a
 *   quarter) — a comment; completed by src/assessments/actions/review-assessment.ts;
 * - `assessment_cancel`: the specialist stops an assessment begun by mistake — the reason;
 *   completed by src/assessments/actions/cancel-assessment.ts.
 */
import type { FlowDefinition } from "../src/platform/flow/types.ts";

export const assessmentReviewFlow: FlowDefinition = {
  id: "assessment_review",
  version: 1,
  steps: [{ id: "comment", answer: { kind: "text", minLength: 3, maxLength: 2000 } }],
};

export const assessmentCancelFlow: FlowDefinition = {
  id: "assessment_cancel",
  version: 1,
  steps: [{ id: "reason", answer: { kind: "text", minLength: 3, maxLength: 500 } }],
};
