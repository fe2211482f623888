/**
 * "Another period" for a register, the report or the hospitals' counts: the first and the last day
 * (inclusive). Started with `{ purpose, hospitalId }` by the period buttons; completed by
 * src/registers/chat/flows.ts, which shows the next choice for that purpose.
 */
import type { FlowDefinition } from "../src/platform/flow/types.ts";

export const registerPeriodFlow: FlowDefinition = {
  id: "register_period",
  version: 1,
  steps: [
    { id: "first", answer: { kind: "date", maxYearsAgo: 10 } },
    { id: "last", answer: { kind: "date", maxYearsAgo: 10 } },
  ],
};
