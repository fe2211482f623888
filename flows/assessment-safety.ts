/**
 * The safety assessment (seed 003, 4.3 and Appendix 3, «Оценка безопасности ребенка»): the 15
 * immediate threats in the manual's order, each yes or no with the manual's wording behind "ℹ️";
 * the child's vulnerability; the protective capacities of the family and its circle; the family's
 * history. Any threat present requires a safety plan (src/assessments/domain/rules.ts). Started
 * with `{ assessmentId }`; completed by src/assessments/actions/record-safety.ts.
 */
import { z } from "zod";
import {
  PROTECTIVE_FACTORS,
  THREATS,
  threatStep,
  VULNERABLE_GROUPS,
} from "../src/assessments/domain/checklist.ts";
import type { FlowDefinition, StepDefinition } from "../src/platform/flow/types.ts";

const k = (key: string) => `flows.assessment_safety.${key}`;

/** "Nothing of these" cannot be ticked together with something. */
const noneAlone = z
  .object({ values: z.array(z.string()), texts: z.record(z.string(), z.string()) })
  .refine((v) => !(v.values.includes("none") && v.values.length > 1), k("errors.none_alone"));

const threatSteps: StepDefinition[] = THREATS.map((id) => ({
  id: threatStep(id),
  info: `assessment.threat.${id}.info`,
  answer: { kind: "yesno" },
}));

export const assessmentSafetyFlow: FlowDefinition = {
  id: "assessment_safety",
  version: 1,
  steps: [
    ...threatSteps,
    {
      id: "vulnerability",
      info: k("vulnerability.info"),
      schema: noneAlone,
      answer: {
        kind: "multi",
        options: [
          ...VULNERABLE_GROUPS.map((g) => ({ value: g, label: `assessment.vulnerable.${g}` })),
          { value: "none", label: k("vulnerability.none") },
        ],
      },
    },
    {
      id: "protective",
      info: k("protective.info"),
      schema: noneAlone,
      answer: {
        kind: "multi",
        options: [
          ...PROTECTIVE_FACTORS.map((f) => ({ value: f, label: `assessment.protective.${f}` })),
          { value: "other", label: k("protective.other"), withText: true },
          { value: "none", label: k("protective.none") },
        ],
      },
    },
    { id: "history", optional: true, answer: { kind: "text", maxLength: 1500 } },
  ],
  summary: { prompt: k("summary"), submitLabel: k("save") },
};
