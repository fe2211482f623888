/**
 * The head judges urgency: an urgent visit must happen within 3 hours of the service receiving
 * the signal (a threat to a child: contact with the family within 1 hour) (the deadline is set and its check queued); a planned one is agreed with the woman.
 */
import { z } from "zod";
import { authorize, type Actor } from "../../access/policy.ts";
import { writeAudit } from "../../platform/audit.ts";
import { can, visitDeadline } from "../domain/lifecycle.ts";
import { appendEvent } from "../events.ts";
import { VISIT_DEADLINE } from "../jobs/types.ts";
import { loadSignal, type SignalView } from "../queries/signal-view.ts";
import type { SignalDeps } from "./deps.ts";
import { changedMeanwhile, checkVersion, signalNotFound, wrongState } from "./refusals.ts";

export const setUrgencyInput = z.object({
  signalId: z.uuid(),
  urgency: z.enum(["urgent", "planned"]),
  /** The signal's version the request was made for (a card's button): refused when it changed since. */
  expectedVersion: z.number().int().nonnegative().optional(),
});
export type SetUrgencyInput = z.infer<typeof setUrgencyInput>;

/** Sets the urgency; returns the signal as it is now. */
export async function setUrgency(
  deps: SignalDeps,
  actor: Actor,
  input: SetUrgencyInput,
): Promise<{ signal: SignalView }> {
  const { signalId, urgency, expectedVersion } = setUrgencyInput.parse(input);
  const { tx, now } = deps;
  const signal = await loadSignal(tx, signalId);
  if (!signal) throw signalNotFound();
  authorize(actor, "signal.set_urgency", signal);
  checkVersion(signal, expectedVersion);
  if (!can(signal.status, "set_urgency")) throw wrongState(signal.status);
  if (signal.urgency === urgency) return { signal };

  const deadline = visitDeadline(signal.transmittedAt, urgency, signal.kind);
  const updated = await tx.signal.updateMany({
    where: { id: signal.id, version: signal.version },
    data: { urgency, visitDeadline: deadline, version: { increment: 1 } },
  });
  if (updated.count === 0) throw changedMeanwhile();
  const actorId = actor.kind === "staff" ? actor.id : null;
  await appendEvent(tx, signal.id, "urgency_set", actorId, now, {
    urgency,
    visitDeadline: deadline?.toISOString() ?? null,
  });
  await writeAudit(tx, {
    actor,
    action: "signal.urgency_set",
    subjectType: "signal",
    subjectId: signal.id,
    serviceId: signal.serviceId,
    details: { urgency },
    at: now,
  });
  if (deadline) {
    await deps.jobs.schedule(
      VISIT_DEADLINE,
      { signalId: signal.id, deadline: deadline.toISOString() },
      deadline,
    );
  }
  // Everyone's card shows the new deadline; a curator already on the signal is told.
  await deps.notifier.notify({
    type: "signal.urgency_set",
    signalId: signal.id,
    byStaffId: actorId,
    changed: signal.urgency !== null,
  });
  return { signal: (await loadSignal(tx, signal.id))! };
}
