/**
 * The round trip's timers, on pg-boss: "nobody assigned yet" reminders every N minutes until
 * someone assigns, "not accepted in time", and "visit deadline passed". Each handler re-checks the
 * signal when it runs and does nothing when the moment has passed (assigned, accepted, arrived,
 * reassigned…), and records what it told as an event so a retried job tells once.
 */
import type { z } from "zod";
import { handleJob, type JobDefinition } from "../../platform/jobs/queue.ts";
import { runActions, type ActionRunnerDeps } from "../../platform/run-actions.ts";
import { awaitsVisit, nextReminderAt } from "../domain/lifecycle.ts";
import { appendEvent, hasEvent } from "../events.ts";
import { loadSignal } from "../queries/signal-view.ts";
import type { SignalSettings } from "../settings.ts";
import {
  ACCEPT_NUDGE,
  ACCEPT_NUDGE_BEFORE_MINUTES,
  ACCEPT_TIMEOUT,
  ASSIGN_REMINDER,
  VISIT_DEADLINE,
  VISIT_REMINDER,
} from "./types.ts";

/** What the handlers need: the action runner with the round trip's settings. */
export type SignalJobDeps = ActionRunnerDeps<{ signals: SignalSettings }>;

/** Reminds the heads that nobody is assigned yet, and queues the next reminder. */
export async function remindUnassigned(
  deps: SignalJobDeps,
  payload: z.infer<typeof ASSIGN_REMINDER.payload>,
): Promise<void> {
  await runActions(deps, async ({ tx, now, notifier, jobs, settings }) => {
    const signal = await loadSignal(tx, payload.signalId);
    if (!signal || signal.status !== "received") return;
    if (await hasEvent(tx, signal.id, "reminder_sent", { n: payload.n })) return;
    await appendEvent(tx, signal.id, "reminder_sent", null, now, { n: payload.n });
    await notifier.notify({ type: "signal.assign_reminder", signalId: signal.id, at: now.toISOString() });
    const next = nextReminderAt(signal.transmittedAt, now, settings.signals.assignReminderMinutes);
    await jobs.schedule(ASSIGN_REMINDER, { signalId: signal.id, n: payload.n + 1 }, next);
  });
}

/** Nudges the curator who has not accepted yet, before the heads are told. */
export async function nudgeCurator(
  deps: SignalJobDeps,
  payload: z.infer<typeof ACCEPT_NUDGE.payload>,
): Promise<void> {
  await runActions(deps, async ({ tx, notifier }) => {
    const signal = await loadSignal(tx, payload.signalId);
    if (!signal || signal.status !== "assigned" || signal.assignedAt?.toISOString() !== payload.assignedAt)
      return;
    await notifier.notify({
      type: "signal.accept_nudge",
      signalId: signal.id,
      minutes: ACCEPT_NUDGE_BEFORE_MINUTES,
    });
  });
}

/** Tells the heads when a curator has not accepted in time. */
export async function checkAccepted(
  deps: SignalJobDeps,
  payload: z.infer<typeof ACCEPT_TIMEOUT.payload>,
): Promise<void> {
  await runActions(deps, async ({ tx, now, notifier, settings }) => {
    const signal = await loadSignal(tx, payload.signalId);
    if (!signal || signal.status !== "assigned" || signal.assignedAt?.toISOString() !== payload.assignedAt)
      return;
    if (await hasEvent(tx, signal.id, "accept_overdue", { assignedAt: payload.assignedAt })) return;
    await appendEvent(tx, signal.id, "accept_overdue", null, now, {
      assignedAt: payload.assignedAt,
      curatorId: signal.curatorId,
    });
    await notifier.notify({
      type: "signal.accept_overdue",
      signalId: signal.id,
      minutes: settings.signals.acceptTimeoutMinutes,
    });
  });
}

/** Tells the curator and the heads when the visit deadline passed without an arrival. */
export async function checkVisitDeadline(
  deps: SignalJobDeps,
  payload: z.infer<typeof VISIT_DEADLINE.payload>,
): Promise<void> {
  await runActions(deps, async ({ tx, now, notifier }) => {
    const signal = await loadSignal(tx, payload.signalId);
    if (!signal || signal.visitDeadline?.toISOString() !== payload.deadline) return;
    if (!awaitsVisit(signal.status)) return;
    if (await hasEvent(tx, signal.id, "visit_overdue", { deadline: payload.deadline })) return;
    await appendEvent(tx, signal.id, "visit_overdue", null, now, {
      deadline: payload.deadline,
      curatorId: signal.curatorId,
    });
    await notifier.notify({ type: "signal.visit_overdue", signalId: signal.id, deadline: payload.deadline });
  });
}

/**
 * Reminds the curator of the planned visit an hour before; does nothing when the visit was moved
 * (a job for the new time is queued), or the curator has arrived or is off the signal.
 */
export async function remindPlannedVisit(
  deps: SignalJobDeps,
  payload: z.infer<typeof VISIT_REMINDER.payload>,
): Promise<void> {
  await runActions(deps, async ({ tx, now, notifier }) => {
    const signal = await loadSignal(tx, payload.signalId);
    if (!signal || signal.plannedVisitAt?.toISOString() !== new Date(payload.at).toISOString()) return;
    if (!["accepted", "on_the_way"].includes(signal.status)) return;
    if (await hasEvent(tx, signal.id, "visit_reminded", { at: signal.plannedVisitAt.toISOString() })) return;
    await appendEvent(tx, signal.id, "visit_reminded", null, now, {
      at: signal.plannedVisitAt.toISOString(),
    });
    await notifier.notify({
      type: "signal.visit_reminder",
      signalId: signal.id,
      at: signal.plannedVisitAt.toISOString(),
    });
  });
}

/** The job definitions. */
export function signalJobs(deps: SignalJobDeps): JobDefinition[] {
  return [
    handleJob(ASSIGN_REMINDER, (p) => remindUnassigned(deps, p)),
    handleJob(ACCEPT_TIMEOUT, (p) => checkAccepted(deps, p)),
    handleJob(ACCEPT_NUDGE, (p) => nudgeCurator(deps, p)),
    handleJob(VISIT_DEADLINE, (p) => checkVisitDeadline(deps, p)),
    handleJob(VISIT_REMINDER, (p) => remindPlannedVisit(deps, p)),
  ];
}
