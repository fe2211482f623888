/** Every flow of the product, by id. `src/chat` validates them all at start. */
import type { FlowDefinition } from "../src/flow/types.ts";
import { settingsFlow } from "./settings.ts";

export const flows: readonly FlowDefinition[] = [settingsFlow];
