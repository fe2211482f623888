/**
 * What the registers' actions need.
 */
import type { ActionDeps } from "../../platform/actions.ts";
import type { RegisterSettings } from "../settings.ts";

/** Dependencies of the registers' actions. */
export type RegisterDeps = ActionDeps<{ registers: RegisterSettings }>;
