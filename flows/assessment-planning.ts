/**
 * Planning a child safety and risk assessment (seed 003, 4.1: «не превышает 20 мин»): who the
 * child is, who the parents are, where the family lives, what is known of the violation, and how
 * urgently the family must be contacted. The earlier-signals check is shown before the first
 * question. Started with `{ assessmentId }`; completed by src/assessments/actions/plan-assessment.ts.
 */
import type { FlowDefinition } from "../src/platform/flow/types.ts";

const k = (key: string) => `flows.assessment_planning.${key}`;

export const assessmentPlanningFlow: FlowDefinition = {
  id: "assessment_planning",
  version: 1,
  steps: [
    {
      id: "child_name",
      hint: k("child_name.hint"),
      answer: {
        kind: "text",
        maxLength: 200,
        presets: [{ value: "not_named", label: k("not_named") }],
      },
    },
    {
      id: "child_birth",
      hint: k("child_birth.hint"),
      // A child is under 18: at most 17 whole years.
      answer: { kind: "date", maxYearsAgo: 17, presets: [{ value: "unknown", label: k("unknown") }] },
    },
    {
      id: "parents",
      hint: k("parents.hint"),
      answer: {
        kind: "text",
        maxLength: 500,
        presets: [{ value: "from_signal", label: k("mother_from_signal") }],
      },
    },
    {
      id: "address",
      answer: {
        kind: "text",
        maxLength: 300,
        presets: [{ value: "from_signal", label: k("address_from_signal") }],
      },
    },
    { id: "facts", hint: k("facts.hint"), answer: { kind: "text", minLength: 10, maxLength: 1500 } },
    {
      id: "urgency",
      info: k("urgency.info"),
      answer: {
        kind: "choice",
        options: [
          { value: "immediate", label: "assessment.urgency.immediate" },
          { value: "planned", label: "assessment.urgency.planned" },
        ],
      },
    },
  ],
  summary: { prompt: k("summary"), submitLabel: k("save") },
};
