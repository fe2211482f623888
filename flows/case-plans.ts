/**
 * The two plans of a case (seed 000). Started with `{ caseId }`, and when a plan is being corrected
 * with the current version's answers (each action row carries its `$key`, so the same action keeps
 * its identity); the decision-change plan's reasons start from the visit outcome's. Completed by
 * src/cases/chat/flows.ts (makePlan).
 *
 * - `decision_plan` (план по изменению решения об отказе): reasons, strengths, the main goal,
 *   intermediate goals, actions;
 * - `rehab_plan` (реабилитационный план сопровождения): the nature of the problem (the in-depth
 *   assessment), goals, tasks, actions.
 *
 * Actions are a repeating group: what, who is responsible (another organisation is named), and a
 * deadline; the prompts name the action being asked about.
 */
import {
  ABANDONMENT_REASONS,
  ACTION_HORIZON_DAYS,
  ACTION_RESPONSIBLE,
  MAX_PLAN_ACTIONS,
} from "../src/cases/domain/plans.ts";
import type { FlowDefinition, StepDefinition } from "../src/platform/flow/types.ts";

function actionsStep(horizonDays: number): StepDefinition {
  return {
    id: "actions",
    answer: {
      kind: "group",
      min: 1,
      max: MAX_PLAN_ACTIONS,
      rowTitle: "case.plan.action_row",
      steps: [
        {
          id: "what",
          prompt: "case.plan.what.prompt",
          label: "case.plan.what.label",
          answer: { kind: "text", maxLength: 300 },
        },
        {
          id: "responsible",
          prompt: "case.plan.responsible.prompt",
          label: "case.plan.responsible.label",
          promptParams: { what: { answer: "what" } },
          answer: {
            kind: "choice",
            columns: 2,
            options: ACTION_RESPONSIBLE.map((value) => ({ value, label: `case.responsible.${value}` })),
          },
        },
        {
          id: "organisation",
          prompt: "case.plan.organisation.prompt",
          label: "case.plan.organisation.label",
          when: { step: "responsible", in: ["organisation"] },
          answer: { kind: "text", maxLength: 200 },
        },
        {
          id: "due",
          prompt: "case.plan.due.prompt",
          label: "case.plan.due.label",
          hint: "case.plan.due.hint",
          promptParams: { what: { answer: "what" } },
          answer: {
            kind: "day",
            pastDays: 0,
            futureDays: horizonDays,
            relative: [
              { days: 1, label: "case.plan.due.tomorrow" },
              { days: 3, label: "case.plan.due.in_3_days" },
              { days: 7, label: "case.plan.due.in_a_week" },
              { days: 14, label: "case.plan.due.in_2_weeks" },
            ],
          },
        },
      ],
    },
  };
}

export const decisionPlanFlow: FlowDefinition = {
  id: "decision_plan",
  version: 1,
  steps: [
    {
      id: "reasons",
      answer: {
        kind: "multi",
        columns: 2,
        options: ABANDONMENT_REASONS.map((value) => ({
          value,
          label: `outcome.reasons.${value}`,
          ...(value === "other" ? { withText: true } : {}),
        })),
      },
    },
    { id: "strengths", answer: { kind: "text", maxLength: 1500 } },
    { id: "main_goal", answer: { kind: "text", maxLength: 500 } },
    { id: "intermediate_goals", answer: { kind: "text", maxLength: 1500 } },
    actionsStep(ACTION_HORIZON_DAYS.decision_change),
  ],
  summary: { prompt: "flows.decision_plan.summary", submitLabel: "flows.decision_plan.save" },
};

export const rehabPlanFlow: FlowDefinition = {
  id: "rehab_plan",
  version: 1,
  steps: [
    { id: "problem", answer: { kind: "text", maxLength: 1500 } },
    { id: "goals", answer: { kind: "text", maxLength: 1500 } },
    { id: "tasks", answer: { kind: "text", maxLength: 1500 } },
    actionsStep(ACTION_HORIZON_DAYS.rehabilitation),
  ],
  summary: { prompt: "flows.rehab_plan.summary", submitLabel: "flows.rehab_plan.save" },
};
