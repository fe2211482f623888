/** Every flow of the product. `src/system.ts` validates them all at start; a test does too. */
import type { FlowDefinition } from "../src/platform/flow/types.ts";
import { newSignalFlow } from "./new-signal.ts";
import { overrideReasonFlow } from "./override-reason.ts";
import { settingsFlow } from "./settings.ts";
import { visitOutcomeFlow } from "./visit-outcome.ts";

export const flows: readonly FlowDefinition[] = [
  settingsFlow,
  newSignalFlow,
  visitOutcomeFlow,
  overrideReasonFlow,
];
