/**
 * Assigning a curator to a signal nobody is on yet. A full curator (9 open cases) needs an
 * override with a reason. The signal row is updated only if nobody changed it since it was read
 * (its `version`), so when two heads assign at once exactly one wins and the other is told who
 * did; a signal that already has a curator is never silently reassigned (that is
 * {@link ../reassign-curator.ts}).
 */
import { z } from "zod";
import { authorize, type Actor } from "../../access/policy.ts";
import { can } from "../domain/lifecycle.ts";
import { loadSignal, type SignalView } from "../queries/signal-view.ts";
import type { SignalDeps } from "./deps.ts";
import { alreadyAssigned, checkVersion, signalNotFound, wrongState } from "./refusals.ts";
import { putCuratorOn, type PlacedCurator } from "./put-curator-on.ts";
import { DomainError } from "../../platform/errors.ts";

export const assignCuratorInput = z.object({
  signalId: z.uuid(),
  curatorId: z.uuid(),
  /** Required when the curator already carries the maximum of open cases. */
  overrideReason: z.string().trim().min(5).max(500).optional(),
  /** The signal's version the request was made for (a card's button): refused when it changed since. */
  expectedVersion: z.number().int().nonnegative().optional(),
});
export type AssignCuratorInput = z.infer<typeof assignCuratorInput>;

/** The signal after the assignment, and the curator with their load before it. */
export interface AssignResult {
  signal: SignalView;
  curator: PlacedCurator;
}

/** Assigns a curator to a signal that has none. */
export async function assignCurator(
  deps: SignalDeps,
  actor: Actor,
  input: AssignCuratorInput,
): Promise<AssignResult> {
  const parsed = assignCuratorInput.parse(input);
  const signal = await loadSignal(deps.tx, parsed.signalId);
  if (!signal) throw signalNotFound();
  authorize(actor, "signal.assign", signal);
  checkVersion(signal, parsed.expectedVersion, "assign");
  if (!can(signal.status, "assign")) {
    if (can(signal.status, "reassign")) throw alreadyAssigned(signal);
    throw wrongState(signal.status);
  }
  if (!signal.urgency) {
    throw new DomainError("conflict", "signal.urgency_first", {
      message: "set the urgency first",
      reason: "urgency_first",
    });
  }
  return putCuratorOn(deps, actor, signal, "assign", parsed);
}
