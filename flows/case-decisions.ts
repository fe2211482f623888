/**
 * The head's case dialogues: extending stage 3 past its one-month limit (how long, and why — the
 * standard allows it rarely), and handing a case over to another organisation (to whom, when, the
 * order's number). Started with `{ caseId }`; completed by src/cases/chat/flows.ts.
 */
import { HANDOVER_RECIPIENTS } from "../src/cases/domain/events.ts";
import type { FlowDefinition } from "../src/platform/flow/types.ts";
import { HANDOVER_MAX_AGE_DAYS } from "../src/cases/domain/case.ts";

export const extendFlow: FlowDefinition = {
  id: "case_extend",
  version: 1,
  steps: [
    {
      id: "days",
      answer: {
        kind: "choice",
        columns: 3,
        options: [
          { value: "7", label: "flows.case_extend.days.d7" },
          { value: "14", label: "flows.case_extend.days.d14" },
          { value: "30", label: "flows.case_extend.days.d30" },
        ],
      },
    },
    { id: "reason", answer: { kind: "text", minLength: 5, maxLength: 500 } },
  ],
  summary: { prompt: "flows.case_extend.summary", submitLabel: "flows.case_extend.save" },
};

export const handoverFlow: FlowDefinition = {
  id: "case_handover",
  version: 1,
  steps: [
    {
      id: "recipient",
      answer: {
        kind: "choice",
        options: HANDOVER_RECIPIENTS.map((value) => ({ value, label: `case.recipient.${value}` })),
      },
    },
    { id: "recipient_name", answer: { kind: "text", minLength: 2, maxLength: 300 } },
    {
      id: "handed_on",
      hint: "flows.case_handover.handed_on.hint",
      answer: {
        kind: "day",
        pastDays: HANDOVER_MAX_AGE_DAYS,
        futureDays: 0,
        relative: [
          { days: 0, label: "flows.case_handover.today" },
          { days: -1, label: "flows.case_handover.yesterday" },
        ],
      },
    },
    { id: "order_number", answer: { kind: "text", maxLength: 50 } },
  ],
  summary: { prompt: "flows.case_handover.summary", submitLabel: "flows.case_handover.save" },
};
