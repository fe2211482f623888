/**
 * What the curator's three visit steps share: accept the assignment, "on my way", "arrived" —
 * each timestamped on the signal, journaled as an event, audited and told as a notice.
 */
import { z } from "zod";
import { authorize, type Actor, type Permission } from "../../access/policy.ts";
import { writeAudit } from "../../platform/audit.ts";
import { can, statusAfter } from "../domain/lifecycle.ts";
import { appendEvent } from "../events.ts";
import type { VisitStep } from "../notices.ts";
import { loadSignal, type SignalView } from "../queries/signal-view.ts";
import type { SignalDeps } from "./deps.ts";
import { changedMeanwhile, checkVersion, signalNotFound, wrongState } from "./refusals.ts";

/** The input of each visit step. */
export const visitStepInput = z.object({
  signalId: z.uuid(),
  /** The signal's version the request was made for (a card's button): refused when it changed since. */
  expectedVersion: z.number().int().nonnegative().optional(),
});
export type VisitStepInput = z.infer<typeof visitStepInput>;

const STEP = {
  accept: { permission: "signal.accept", event: "accepted", field: "acceptedAt" },
  depart: { permission: "signal.depart", event: "departed", field: "departedAt" },
  arrive: { permission: "signal.arrive", event: "arrived", field: "arrivedAt" },
} as const satisfies Record<VisitStep, { permission: Permission; event: string; field: string }>;

/** Records one step of the visit; returns the signal as it is now. */
export async function recordVisitStep(
  deps: SignalDeps,
  actor: Actor,
  step: VisitStep,
  input: VisitStepInput,
): Promise<{ signal: SignalView }> {
  const { signalId, expectedVersion } = visitStepInput.parse(input);
  const { tx, now } = deps;
  const { permission, event, field } = STEP[step];
  const signal = await loadSignal(tx, signalId);
  if (!signal) throw signalNotFound();
  authorize(actor, permission, signal);
  checkVersion(signal, expectedVersion);
  if (!can(signal.status, step)) throw wrongState(signal.status);
  const updated = await tx.signal.updateMany({
    where: { id: signal.id, version: signal.version, curatorId: signal.curatorId },
    data: { status: statusAfter(step), [field]: now, version: { increment: 1 } },
  });
  if (updated.count === 0) throw changedMeanwhile();
  const actorId = actor.kind === "staff" ? actor.id : null;
  await appendEvent(tx, signal.id, event, actorId, now, {});
  await writeAudit(tx, {
    actor,
    action: `signal.${event}`,
    subjectType: "signal",
    subjectId: signal.id,
    serviceId: signal.serviceId,
    at: now,
  });
  await deps.notifier.notify({
    type: "signal.visit_step",
    signalId: signal.id,
    step,
    curatorId: signal.curatorId!,
    at: now.toISOString(),
  });
  return { signal: (await loadSignal(tx, signal.id))! };
}
