/**
 * The conclusion (seed 003, Appendix 3, «Выводы и принятие решения»): one of the four
 * recommendations, in the manual's wording behind "ℹ️"; for (2) the services the family is
 * recommended. Conclusions 3 and 4 open a case. Started with `{ assessmentId }`; completed by
 * src/assessments/actions/conclude-assessment.ts.
 */
import type { FlowDefinition } from "../src/platform/flow/types.ts";

export const assessmentConclusionFlow: FlowDefinition = {
  id: "assessment_conclusion",
  version: 1,
  steps: [
    {
      id: "conclusion",
      info: "flows.assessment_conclusion.conclusion.info",
      answer: {
        kind: "choice",
        options: ["1", "2", "3", "4"].map((c) => ({ value: c, label: `assessment.conclusion.c${c}.button` })),
      },
    },
    {
      id: "services",
      when: { step: "conclusion", in: ["2"] },
      hint: "flows.assessment_conclusion.services.hint",
      answer: { kind: "text", minLength: 5, maxLength: 1000 },
    },
  ],
  summary: { prompt: "flows.assessment_conclusion.summary", submitLabel: "flows.assessment_conclusion.save" },
};
