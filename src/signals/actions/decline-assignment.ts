/**
 * The curator declines an assignment they have not accepted yet, with a reason: the signal goes
 * back to the heads ("received", the urgency kept) so that they assign someone else, and every
 * head is told at once. After accepting, declining is refused: the curator talks to a head.
 */
import { z } from "zod";
import { authorize, type Actor } from "../../access/policy.ts";
import { writeAudit } from "../../platform/audit.ts";
import { DomainError } from "../../platform/errors.ts";
import { can, nextReminderAt } from "../domain/lifecycle.ts";
import { signalNumber } from "../domain/numbers.ts";
import { appendEvent } from "../events.ts";
import { ASSIGN_REMINDER } from "../jobs/types.ts";
import { loadSignal, type SignalView } from "../queries/signal-view.ts";
import type { SignalDeps } from "./deps.ts";
import { changedMeanwhile, checkVersion, signalNotFound, wrongState } from "./refusals.ts";

/** Why a curator declines: preset reasons, or their own words ("other"). */
export const DECLINE_REASONS = ["sick", "far", "conflict", "other"] as const;
export type DeclineReason = (typeof DECLINE_REASONS)[number];

export const declineAssignmentInput = z
  .object({
    signalId: z.uuid(),
    reason: z.enum(DECLINE_REASONS),
    /** The curator's words: required when the reason is "other". */
    text: z.string().trim().min(3).max(300).nullish(),
    /** The signal's version the request was made for (a card's button): refused when it changed since. */
    expectedVersion: z.number().int().nonnegative().optional(),
  })
  .refine((v) => v.reason !== "other" || !!v.text, { path: ["text"], message: "say why" });
export type DeclineAssignmentInput = z.input<typeof declineAssignmentInput>;

/** Already accepted (or further): declining is no longer the way; a head can reassign. */
function alreadyAccepted(signal: SignalView): DomainError {
  return new DomainError("conflict", "signal.decline_too_late", {
    params: { number: signalNumber(signal) },
    message: "the assignment was accepted already: ask a head to reassign",
    reason: "wrong_state",
    details: { status: signal.status },
  });
}

/** Declines the assignment; returns the signal as it is now (back with the heads). */
export async function declineAssignment(
  deps: SignalDeps,
  actor: Actor,
  input: DeclineAssignmentInput,
): Promise<{ signal: SignalView }> {
  const { signalId, reason, text, expectedVersion } = declineAssignmentInput.parse(input);
  const { tx, now } = deps;
  const signal = await loadSignal(tx, signalId);
  if (!signal) throw signalNotFound();
  authorize(actor, "signal.decline", signal);
  if (signal.curatorId && ["accepted", "on_the_way", "arrived"].includes(signal.status)) {
    throw alreadyAccepted(signal);
  }
  checkVersion(signal, expectedVersion);
  if (!can(signal.status, "decline")) throw wrongState(signal.status);
  const curatorId = signal.curatorId!;
  const updated = await tx.signal.updateMany({
    where: { id: signal.id, version: signal.version, status: "assigned", curatorId },
    data: {
      status: "received",
      curatorId: null,
      assignedAt: null,
      assignedById: null,
      acceptedAt: null,
      departedAt: null,
      version: { increment: 1 },
    },
  });
  if (updated.count === 0) {
    const current = (await loadSignal(tx, signal.id))!;
    throw current.status === "assigned" ? changedMeanwhile() : alreadyAccepted(current);
  }
  const words = reason === "other" ? (text ?? null) : null;
  const actorId = actor.kind === "staff" ? actor.id : null;
  await appendEvent(tx, signal.id, "declined", actorId, now, { curatorId, reason, text: words });
  await writeAudit(tx, {
    actor,
    action: "signal.declined",
    subjectType: "signal",
    subjectId: signal.id,
    serviceId: signal.serviceId,
    details: { curatorId, reason },
    at: now,
  });
  await deps.notifier.notify({
    type: "signal.declined",
    signalId: signal.id,
    curatorId,
    reason,
    text: words,
  });
  // Nobody is on it again: the "nobody assigned yet" reminders resume.
  const sent = await tx.signalEvent.count({ where: { signalId: signal.id, type: "reminder_sent" } });
  const next = nextReminderAt(signal.transmittedAt, now, deps.settings.signals.assignReminderMinutes);
  await deps.jobs.schedule(ASSIGN_REMINDER, { signalId: signal.id, n: sent + 1 }, next);
  return { signal: (await loadSignal(tx, signal.id))! };
}
