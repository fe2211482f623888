/**
 * The risk assessment (seed 003, 4.4–4.5 and Appendix 3, «Оценка риска жестокого обращения с
 * ребенком»): the ten factors of the form, 3 and 6 through their sub-factors, each rated high,
 * moderate or low by the manual's definitions (behind "ℹ️"), or "no information" — allowed, and
 * shown as such in the side-by-side view and in the form. The overall level is not asked here:
 * the specialist states it after seeing the ratings side by side. Started with `{ assessmentId }`;
 * completed by src/assessments/actions/record-ratings.ts.
 */
import { factorKey, factorStep, RATINGS, RISK_FACTORS } from "../src/assessments/domain/checklist.ts";
import type { FlowDefinition } from "../src/platform/flow/types.ts";

export const assessmentRiskFlow: FlowDefinition = {
  id: "assessment_risk",
  version: 1,
  steps: RISK_FACTORS.map((id) => ({
    id: factorStep(id),
    info: `assessment.factor.${factorKey(id)}.info`,
    answer: {
      kind: "choice",
      columns: 3,
      options: RATINGS.map((rating) => ({ value: rating, label: `assessment.rating.${rating}` })),
    },
  })),
  summary: { prompt: "flows.assessment_risk.summary", submitLabel: "flows.assessment_risk.save" },
};
