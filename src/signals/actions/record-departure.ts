/**
 * The curator reports leaving for the visit ("on my way").
 */
import type { Actor } from "../../access/policy.ts";
import type { SignalView } from "../queries/signal-view.ts";
import type { SignalDeps } from "./deps.ts";
import { recordVisitStep, type VisitStepInput } from "./visit-step.ts";

/** The curator reports leaving for the visit ("on my way"). */
export function recordDeparture(
  deps: SignalDeps,
  actor: Actor,
  input: VisitStepInput,
): Promise<{ signal: SignalView }> {
  return recordVisitStep(deps, actor, "depart", input);
}
