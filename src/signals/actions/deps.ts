/**
 * What the signal actions need: the platform's action dependencies and the round trip's timings.
 */
import type { ActionDeps } from "../../platform/actions.ts";
import type { SignalSettings } from "../settings.ts";

/** Dependencies of the signal actions. */
export type SignalDeps = ActionDeps<{ signals: SignalSettings }>;
