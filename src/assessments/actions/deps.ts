/**
 * What the assessment actions need: the platform's action dependencies (no settings of their own:
 * the time norms are the regulation's, in ../domain/time-norms.ts).
 */
import type { ActionDeps } from "../../platform/actions.ts";

/** Dependencies of the assessment actions. */
export type AssessmentDeps = ActionDeps<unknown>;
