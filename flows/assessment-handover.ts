/**
 * Hand-over of the assessment's results to the guardianship authority (seed 003, 4.6: «не
 * превышает 7 мин»): to whom and how the form went. Recording it makes the form's PDF (a stored
 * file, sent to the specialist's chat to pass on) and its time. Started with `{ assessmentId }`;
 * completed by src/assessments/actions/record-handover.ts.
 */
import type { FlowDefinition } from "../src/platform/flow/types.ts";

export const assessmentHandoverFlow: FlowDefinition = {
  id: "assessment_handover",
  version: 1,
  steps: [
    {
      id: "recipient",
      hint: "flows.assessment_handover.recipient.hint",
      answer: { kind: "text", minLength: 3, maxLength: 300 },
    },
    {
      id: "channel",
      answer: {
        kind: "choice",
        options: ["email", "in_person", "post", "interagency"].map((c) => ({
          value: c,
          label: `assessment.channel.${c}`,
        })),
      },
    },
  ],
  summary: { prompt: "flows.assessment_handover.summary", submitLabel: "flows.assessment_handover.save" },
};

/**
 * The authority confirmed receipt of the form: who confirmed it. Started with `{ assessmentId }`;
 * completed by src/assessments/actions/acknowledge-handover.ts.
 */
export const assessmentHandoverAckFlow: FlowDefinition = {
  id: "assessment_handover_ack",
  version: 1,
  steps: [
    {
      id: "received_by",
      hint: "flows.assessment_handover_ack.received_by.hint",
      answer: { kind: "text", minLength: 3, maxLength: 300 },
    },
  ],
};
