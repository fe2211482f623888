/**
 * What the assessment actions and jobs tell people about, as facts. The chat turns each into
 * messages (./chat/notices.ts); actions never build messages themselves.
 */
import type { DueStep } from "./domain/time-norms.ts";

/** Facts about an assessment worth telling. */
export type AssessmentNotice =
  /** A step ran past its norm: the heads and the specialist are told once. */
  | { type: "assessment.step_overdue"; assessmentId: string; step: DueStep; dueAt: string }
  /** The conclusion is saved: the heads are told (with the form and the review at hand). */
  | { type: "assessment.concluded"; assessmentId: string }
  /** The form went to the guardianship authority. */
  | { type: "assessment.handed_over"; assessmentId: string }
  /** The receipt is not confirmed yet: the specialist and the heads, daily until it is. */
  | { type: "assessment.handover_ack_reminder"; assessmentId: string; n: number }
  /** A safety-plan action's day has come: the specialist is reminded. */
  | { type: "assessment.plan_action_due"; actionId: string }
  /** A safety-plan action's day passed without it being done: the specialist and the heads. */
  | { type: "assessment.plan_action_overdue"; actionId: string }
  /** The head marked the supervisor review: the specialist is told, with the comment. */
  | { type: "assessment.reviewed"; assessmentId: string };
