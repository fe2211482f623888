/**
 * When the curator plans the visit of a planned signal: a moment to come (today or within two
 * weeks). Started with `{ signalId, v, number }`; completed by src/signals/actions/plan-visit.ts.
 * «Не знаю пока» is the dialogue's cancel: the card keeps «🗓 Время визита» for later.
 */
import type { FlowDefinition } from "../src/platform/flow/types.ts";

export const visitTimeFlow: FlowDefinition = {
  id: "visit_time",
  version: 1,
  steps: [
    {
      id: "at",
      promptParams: { number: { param: "number" } },
      answer: { kind: "datetime", maxAgeHours: 1, future: { maxDays: 14 } },
    },
  ],
};
