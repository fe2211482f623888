/**
 * Why a curator declines an assignment: a preset reason, or their own words.
 * Started with `{ signalId, v, number }`; completed by src/signals/actions/decline-assignment.ts.
 */
import type { FlowDefinition } from "../src/platform/flow/types.ts";

export const declineReasonFlow: FlowDefinition = {
  id: "decline_reason",
  version: 1,
  steps: [
    {
      id: "reason",
      promptParams: { number: { param: "number" } },
      answer: {
        kind: "choice",
        options: [
          { value: "sick", label: "signal.decline_reasons.sick" },
          { value: "far", label: "signal.decline_reasons.far" },
          { value: "conflict", label: "signal.decline_reasons.conflict" },
          { value: "other", label: "signal.decline_reasons.other" },
        ],
      },
    },
    {
      id: "text",
      when: { step: "reason", in: ["other"] },
      answer: { kind: "text", minLength: 3, maxLength: 300 },
    },
  ],
};
