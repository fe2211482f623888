/**
 * Completing a signal sent by the urgent short path: the reporter's later answers (date of birth,
 * addresses, ambulance, phone, comment) fill the signal's journal columns. Every completion is a
 * `details_added` event (field names only, never the values) and an audit row, and tells the
 * people who see the signal through the same notice hook as every other signal change
 * (`signal.details_added`, rendered in src/signals/chat/notices.ts), so their cards show the
 * present.
 */
import { z } from "zod";
import { authorize, type Actor } from "../../access/policy.ts";
import { writeAudit } from "../../platform/audit.ts";
import { DomainError } from "../../platform/errors.ts";
import { appendEvent } from "../events.ts";
import { loadSignal, type SignalView } from "../queries/signal-view.ts";
import type { SignalDeps } from "./deps.ts";
import { signalNotFound } from "./refusals.ts";
import { detailColumns, signalDetails } from "./submit-signal.ts";

export const completeSignalInput = z.object({
  signalId: z.uuid(),
  /** The answers given now; absent ones are left as they are. */
  details: signalDetails.partial(),
  /** The reporter has answered everything there is to ask. */
  complete: z.boolean().default(false),
});
export type CompleteSignalInput = z.input<typeof completeSignalInput>;

/** Adds the woman's details to a signal its reporter sent early; returns the signal as it is now. */
export async function completeSignal(
  deps: SignalDeps,
  actor: Actor,
  input: CompleteSignalInput,
): Promise<{ signal: SignalView }> {
  const { signalId, details, complete } = completeSignalInput.parse(input);
  const { tx, now } = deps;
  const signal = await loadSignal(tx, signalId);
  if (!signal) throw signalNotFound();
  authorize(actor, "signal.submit", { serviceId: signal.serviceId, hospitalId: signal.hospitalId });
  // Only the person who sent it completes it, and only while it waits for its details.
  if (actor.kind !== "staff" || actor.id !== signal.reporterId || !signal.detailsPending) {
    throw new DomainError("forbidden", "errors.forbidden", {
      message: "not a pending signal of this reporter",
    });
  }
  const columns = detailColumns(details, signal.registeredAddress);
  const fields = Object.keys(details).filter((k) => details[k as keyof typeof details] !== undefined);
  await tx.signal.update({
    where: { id: signal.id },
    data: { ...columns, detailsPending: !complete, version: { increment: 1 } },
  });
  await appendEvent(tx, signal.id, "details_added", actor.id, now, { fields, complete });
  await writeAudit(tx, {
    actor,
    action: "signal.details_added",
    subjectType: "signal",
    subjectId: signal.id,
    serviceId: signal.serviceId,
    details: { fields, complete },
    at: now,
  });
  await deps.notifier.notify({ type: "signal.details_added", signalId: signal.id, complete });
  return { signal: (await loadSignal(tx, signal.id))! };
}
