/**
 * The curator reports arriving: the heads and the reporter are told.
 */
import type { Actor } from "../../access/policy.ts";
import type { SignalView } from "../queries/signal-view.ts";
import type { SignalDeps } from "./deps.ts";
import { recordVisitStep, type VisitStepInput } from "./visit-step.ts";

/** The curator reports arriving: the heads and the reporter are told. */
export function recordArrival(
  deps: SignalDeps,
  actor: Actor,
  input: VisitStepInput,
): Promise<{ signal: SignalView }> {
  return recordVisitStep(deps, actor, "arrive", input);
}
