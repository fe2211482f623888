/**
 * What the case actions need: the platform's action dependencies and the cases' timings.
 */
import type { ActionDeps } from "../../platform/actions.ts";
import type { CaseSettings } from "../settings.ts";

/** Dependencies of the case actions. */
export type CaseDeps = ActionDeps<{ cases: CaseSettings }>;
