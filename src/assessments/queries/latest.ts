/**
 * For other areas: the latest completed assessment of a case. Case closure (issue 9) requires one
 * before an accompaniment case is closed with reason (b) or (c).
 *
 * @example
 * const latest = await latestCompletedAssessment(tx, caseId);
 * if (!latest) throw new DomainError("conflict", "case.assessment_required");
 */
import type { Db } from "../../platform/db/client.ts";
import type { Conclusion, RiskLevel } from "../domain/checklist.ts";

/** What closure and the case's card need of an assessment. */
export interface CompletedAssessment {
  id: string;
  number: string;
  concludedAt: Date;
  conclusion: Conclusion;
  overallLevel: RiskLevel | null;
  /** Immediate threats were found (a safety plan was required). */
  threatsFound: boolean;
  handedOverAt: Date | null;
}

/** The case's most recently concluded assessment; null when it has none. */
export async function latestCompletedAssessment(db: Db, caseId: string): Promise<CompletedAssessment | null> {
  const row = await db.assessment.findFirst({
    where: { caseId, status: "completed" },
    orderBy: { concludedAt: "desc" },
    select: {
      id: true,
      number: true,
      concludedAt: true,
      conclusion: true,
      overallLevel: true,
      planRequired: true,
      handedOverAt: true,
    },
  });
  if (!row?.concludedAt || !row.conclusion) return null;
  return {
    id: row.id,
    number: row.number,
    concludedAt: row.concludedAt,
    conclusion: row.conclusion as Conclusion,
    overallLevel: row.overallLevel,
    threatsFound: row.planRequired === true,
    handedOverAt: row.handedOverAt,
  };
}
