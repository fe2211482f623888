/**
 * The overall risk level's reasoning (seed 003, Appendix 3: «Итоговая оценка является
 * интегральной… Не допускается принятие решения на основании статистической обработки
 * результатов»). The specialist picks the level with a button under the side-by-side view of the
 * ratings (nothing is pre-selected or computed); then one of these dialogues asks for the
 * reasoning, started with `{ assessmentId, level }`:
 *
 * - `assessment_overall_reasoned` when the chosen level is lower than some factor's rating: the
 *   reasoning is required;
 * - `assessment_overall` otherwise: the reasoning may be skipped.
 *
 * Completed by src/assessments/actions/set-overall-level.ts, which applies the same rule again.
 */
import type { FlowDefinition, StepDefinition } from "../src/platform/flow/types.ts";

const reasoning = (required: boolean): StepDefinition => ({
  id: "reasoning",
  prompt: required
    ? "flows.assessment_overall.reasoning.prompt_required"
    : "flows.assessment_overall.reasoning.prompt",
  label: "flows.assessment_overall.reasoning.label",
  info: "assessment.levels_info",
  ...(required ? {} : { optional: true }),
  answer: { kind: "text", minLength: required ? 20 : 3, maxLength: 2000 },
});

export const assessmentOverallFlow: FlowDefinition = {
  id: "assessment_overall",
  version: 1,
  steps: [reasoning(false)],
};

export const assessmentOverallReasonedFlow: FlowDefinition = {
  id: "assessment_overall_reasoned",
  version: 1,
  steps: [reasoning(true)],
};
