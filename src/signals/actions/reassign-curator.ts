/**
 * Reassigning: a head takes the signal from its curator (before arrival) and gives it to another.
 * Only through this explicit action: a press in an old curator list or reminder never reassigns.
 */
import { z } from "zod";
import { authorize, type Actor } from "../../access/policy.ts";
import { DomainError } from "../../platform/errors.ts";
import { can } from "../domain/lifecycle.ts";
import { loadSignal } from "../queries/signal-view.ts";
import type { AssignResult } from "./assign-curator.ts";
import type { SignalDeps } from "./deps.ts";
import { putCuratorOn } from "./put-curator-on.ts";
import { checkVersion, signalNotFound, wrongState } from "./refusals.ts";

export const reassignCuratorInput = z.object({
  signalId: z.uuid(),
  curatorId: z.uuid(),
  overrideReason: z.string().trim().min(5).max(500).optional(),
  /** The signal's version the request was made for (a card's button): refused when it changed since. */
  expectedVersion: z.number().int().nonnegative().optional(),
});
export type ReassignCuratorInput = z.infer<typeof reassignCuratorInput>;

/** Gives the signal to another curator. */
export async function reassignCurator(
  deps: SignalDeps,
  actor: Actor,
  input: ReassignCuratorInput,
): Promise<AssignResult> {
  const parsed = reassignCuratorInput.parse(input);
  const signal = await loadSignal(deps.tx, parsed.signalId);
  if (!signal) throw signalNotFound();
  authorize(actor, "signal.reassign", signal);
  checkVersion(signal, parsed.expectedVersion, "assign");
  if (!can(signal.status, "reassign")) throw wrongState(signal.status);
  if (signal.curatorId === parsed.curatorId) {
    throw new DomainError("conflict", "signal.same_curator", {
      message: "this curator is already on the signal",
      reason: "same_curator",
    });
  }
  return putCuratorOn(deps, actor, signal, "reassign", parsed);
}
