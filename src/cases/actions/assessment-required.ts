/**
 * Seed 003 and issue 10: an accompaniment case is closed with reason (b) — the family does not keep
 * its commitments — or (c) — the family acts against the child's interests — only after a child
 * safety and risk assessment of the case was concluded, because those closures pass the family's
 * situation to the social-protection department or the guardianship authority, who need it.
 * Checked before anything of the closure is written.
 */
import { latestCompletedAssessment } from "../../assessments/queries/latest.ts";
import type { Db } from "../../platform/db/client.ts";
import { DomainError } from "../../platform/errors.ts";
import type { CaseCloseReason } from "../domain/case.ts";

/** The closures that need a concluded assessment first. */
export const NEEDS_ASSESSMENT: readonly CaseCloseReason[] = ["plan_not_kept", "against_child_interests"];

/** Throws the refusal when closing `caseId` with `reason` needs an assessment it does not have. */
export async function requireAssessmentFor(db: Db, caseId: string, reason: CaseCloseReason): Promise<void> {
  if (!NEEDS_ASSESSMENT.includes(reason)) return;
  if (await latestCompletedAssessment(db, caseId)) return;
  throw new DomainError("conflict", "case.assessment_required", {
    message: "closing with this reason needs a concluded safety and risk assessment of the case",
    reason: "assessment_required",
    details: { closeReason: reason },
  });
}
