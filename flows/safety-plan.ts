/**
 * The safety plan (seed 003, 4.3, «План обеспечения безопасности ребенка»), in small dialogues the
 * chat strings together (src/assessments/chat/flows.ts):
 *
 * - `safety_plan`: how the child is kept safe — actions in the family, or safe placement outside it
 *   (where and with whom);
 * - `safety_action`: one action of the plan — what is done, by when, who is responsible, how it is
 *   monitored; the chat then offers "add another" or "the plan is ready" (a list without a
 *   repeating-group mechanism in the engine; it can move to the engine's groups later);
 * - `safety_action_due`: only the deadline again, when the one given turned out to be in the past.
 *
 * Deadlines are days: a button (today, tomorrow, in 3 days, in a week) or a typed date; the chat
 * turns them into a date in the service's time zone and refuses a past one
 * (src/assessments/domain/deadline.ts).
 */
import { z } from "zod";
import { DEADLINE_PATTERN } from "../src/assessments/domain/deadline.ts";
import type { FlowDefinition, StepDefinition } from "../src/platform/flow/types.ts";

const k = (key: string) => `flows.safety_action.${key}`;

export const safetyPlanFlow: FlowDefinition = {
  id: "safety_plan",
  version: 1,
  steps: [
    {
      id: "kind",
      info: "flows.safety_plan.kind.info",
      answer: {
        kind: "choice",
        options: [
          { value: "in_family", label: "assessment.plan_kind.in_family" },
          { value: "placement", label: "assessment.plan_kind.placement" },
        ],
      },
    },
    {
      id: "placement",
      when: { step: "kind", in: ["placement"] },
      hint: "flows.safety_plan.placement.hint",
      answer: { kind: "text", minLength: 5, maxLength: 1000 },
    },
  ],
};

const dueStep: StepDefinition = {
  id: "due",
  prompt: k("due.prompt"),
  label: k("due.label"),
  hint: k("due.hint"),
  schema: z.string().regex(DEADLINE_PATTERN, k("errors.due_format")),
  answer: {
    kind: "text",
    maxLength: 20,
    presets: [
      { value: "+0", label: k("today") },
      { value: "+1", label: k("tomorrow") },
      { value: "+3", label: k("in_3_days") },
      { value: "+7", label: k("in_a_week") },
    ],
  },
};

export const safetyActionFlow: FlowDefinition = {
  id: "safety_action",
  version: 1,
  steps: [
    { id: "action", hint: k("action.hint"), answer: { kind: "text", minLength: 5, maxLength: 500 } },
    dueStep,
    { id: "responsible", hint: k("responsible.hint"), answer: { kind: "text", maxLength: 200 } },
    { id: "monitoring", hint: k("monitoring.hint"), answer: { kind: "text", minLength: 5, maxLength: 500 } },
  ],
  summary: { prompt: k("summary"), submitLabel: k("add") },
};

export const safetyActionDueFlow: FlowDefinition = {
  id: "safety_action_due",
  version: 1,
  steps: [dueStep],
};
