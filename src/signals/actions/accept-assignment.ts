/**
 * The curator accepts the assignment (within the accept time, or the heads are told).
 */
import type { Actor } from "../../access/policy.ts";
import type { SignalView } from "../queries/signal-view.ts";
import type { SignalDeps } from "./deps.ts";
import { recordVisitStep, type VisitStepInput } from "./visit-step.ts";

/** The curator accepts the assignment (within the accept time, or the heads are told). */
export function acceptAssignment(
  deps: SignalDeps,
  actor: Actor,
  input: VisitStepInput,
): Promise<{ signal: SignalView }> {
  return recordVisitStep(deps, actor, "accept", input);
}
