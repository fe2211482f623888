/**
 * Why a curator who already carries 9 open cases gets one more: the head must say it.
 * Started with `{ signalId, curatorId }`; completed by src/signals/assign-curator.ts.
 */
import type { FlowDefinition } from "../src/platform/flow/types.ts";

export const overrideReasonFlow: FlowDefinition = {
  id: "override_reason",
  version: 1,
  steps: [{ id: "reason", answer: { kind: "text", minLength: 5, maxLength: 500 } }],
};
