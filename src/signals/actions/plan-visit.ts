/**
 * The curator of a planned signal says when the visit will be (asked once they accept; changed
 * from their card until they arrive). The time is stored on the signal, journaled and audited,
 * every card shows it, and the curator is reminded an hour before.
 */
import { z } from "zod";
import { authorize, type Actor } from "../../access/policy.ts";
import { writeAudit } from "../../platform/audit.ts";
import { DomainError } from "../../platform/errors.ts";
import { appendEvent } from "../events.ts";
import { VISIT_REMINDER, VISIT_REMINDER_BEFORE_MINUTES } from "../jobs/types.ts";
import { loadSignal, type SignalView } from "../queries/signal-view.ts";
import type { SignalDeps } from "./deps.ts";
import { changedMeanwhile, checkVersion, signalNotFound, wrongState } from "./refusals.ts";

/** The states in which the visit can still be planned or moved: accepted, not arrived yet. */
export const PLANNABLE = ["accepted", "on_the_way"] as const;

export const planVisitInput = z.object({
  signalId: z.uuid(),
  /** When the visit will be: a moment to come. */
  at: z.iso.datetime({ offset: true }),
  /** The signal's version the request was made for (a card's button): refused when it changed since. */
  expectedVersion: z.number().int().nonnegative().optional(),
});
export type PlanVisitInput = z.input<typeof planVisitInput>;

/** Whether the visit of this signal can be planned now. */
export function canPlanVisit(signal: Pick<SignalView, "urgency" | "status">): boolean {
  return signal.urgency === "planned" && (PLANNABLE as readonly string[]).includes(signal.status);
}

/** Stores the planned visit time; returns the signal as it is now. */
export async function planVisit(
  deps: SignalDeps,
  actor: Actor,
  input: PlanVisitInput,
): Promise<{ signal: SignalView }> {
  const { signalId, at: given, expectedVersion } = planVisitInput.parse(input);
  const { tx, now } = deps;
  const signal = await loadSignal(tx, signalId);
  if (!signal) throw signalNotFound();
  authorize(actor, "signal.depart", signal);
  checkVersion(signal, expectedVersion);
  if (!canPlanVisit(signal)) throw wrongState(signal.status);
  const at = new Date(given);
  if (at <= now) {
    throw new DomainError("unprocessable", "signal.visit_time_past", {
      message: "the planned visit time has passed already",
      reason: "visit_time_past",
    });
  }
  const updated = await tx.signal.updateMany({
    where: { id: signal.id, version: signal.version, curatorId: signal.curatorId },
    data: { plannedVisitAt: at, version: { increment: 1 } },
  });
  if (updated.count === 0) throw changedMeanwhile();
  const actorId = actor.kind === "staff" ? actor.id : null;
  const previous = signal.plannedVisitAt?.toISOString() ?? null;
  await appendEvent(tx, signal.id, "visit_planned", actorId, now, { at: at.toISOString(), previous });
  await writeAudit(tx, {
    actor,
    action: "signal.visit_planned",
    subjectType: "signal",
    subjectId: signal.id,
    serviceId: signal.serviceId,
    details: { at: at.toISOString() },
    at: now,
  });
  // An hour before (or at once when the visit is sooner); a job for an earlier time finds it moved.
  const remindAt = new Date(Math.max(now.getTime(), at.getTime() - VISIT_REMINDER_BEFORE_MINUTES * 60_000));
  await deps.jobs.schedule(VISIT_REMINDER, { signalId: signal.id, at: at.toISOString() }, remindAt);
  await deps.notifier.notify({
    type: "signal.visit_planned",
    signalId: signal.id,
    at: at.toISOString(),
    changed: previous !== null,
  });
  return { signal: (await loadSignal(tx, signal.id))! };
}
