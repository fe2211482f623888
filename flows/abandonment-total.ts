/**
 * How many abandonments a hospital had in a period (the report's first denominator). Started with
 * `{ hospitalId, from, to }` by /totals; completed by src/registers/chat/flows.ts.
 */
import type { FlowDefinition } from "../src/platform/flow/types.ts";

export const abandonmentTotalFlow: FlowDefinition = {
  id: "abandonment_total",
  version: 1,
  steps: [{ id: "count", answer: { kind: "number", min: 0, max: 100_000, integer: true } }],
};
