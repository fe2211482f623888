/**
 * The round trip's timers, on pg-boss: "nobody assigned yet" reminders every N minutes until
 * someone assigns, "not accepted in time", and "visit deadline passed". Each handler
 * re-checks the signal when it runs and does nothing when the moment has passed (assigned,
 * accepted, arrived, reassigned…), and records what it told so a retried job tells once.
 */
import { z } from "zod";
import type { FeatureDeps, MessageFor, Tx } from "../platform/chat/app.ts";
import { messagesForStaff } from "../platform/chat/notify.ts";
import { awaitsVisit, minutesBetween, nextReminderAt } from "./domain/lifecycle.ts";
import { defineJob } from "../platform/jobs/queue.ts";
import { enqueue } from "../platform/outbox/enqueue.ts";
import { activeHeads, duration, loadSignal, notice, shortName, signalButton, signalNumber } from "./cards.ts";
import { appendEvent, hasEvent } from "./events.ts";
import {
  ACCEPT_TIMEOUT_JOB,
  ASSIGN_REMINDER_JOB,
  VISIT_DEADLINE_JOB,
  type SignalSettings,
} from "./settings.ts";

type Send = (staffIds: string[], message: MessageFor) => Promise<void>;

/** Runs `work` in a transaction with a `send` that queues messages; delivers them after commit. */
async function withMessages(deps: FeatureDeps, work: (tx: Tx, send: Send) => Promise<void>): Promise<void> {
  const chats = await deps.db.$transaction(async (tx) => {
    const entries: Awaited<ReturnType<typeof messagesForStaff>> = [];
    await work(tx, async (ids, message) => {
      entries.push(...(await messagesForStaff(tx, deps.translator, ids, message)));
    });
    return enqueue(tx, entries, deps.clock());
  });
  deps.deliver(chats);
}

/** The reminder handler: exported for tests that drive it with a controlled clock. */
export async function remindUnassigned(
  deps: FeatureDeps,
  settings: SignalSettings,
  payload: { signalId: string; n: number },
): Promise<void> {
  await withMessages(deps, async (tx, send) => {
    const signal = await loadSignal(tx, payload.signalId);
    if (!signal || signal.status !== "received") return;
    if (await hasEvent(tx, signal.id, "reminder_sent", { n: payload.n })) return;
    const now = deps.clock();
    await appendEvent(tx, signal.id, "reminder_sent", null, now, { n: payload.n });
    const minutes = minutesBetween(signal.transmittedAt, now);
    await send(await activeHeads(tx, signal.serviceId), {
      texts: [
        {
          key: "signal.reminder",
          params: {
            number: signalNumber(signal),
            hospital: signal.hospital.shortName,
            minutes: duration(minutes),
          },
        },
      ],
      buttons: [
        [
          signal.urgency
            ? signalButton("assign", "l", signal.id)
            : signalButton("urgent", "u", signal.id, "u"),
        ],
      ],
    });
    const next = nextReminderAt(signal.transmittedAt, now, settings.assignReminderMinutes);
    await deps.jobs()?.send(ASSIGN_REMINDER_JOB, { signalId: signal.id, n: payload.n + 1 }, next, tx);
  });
}

/** Tells the heads when a curator has not accepted in time. */
export async function checkAccepted(
  deps: FeatureDeps,
  settings: SignalSettings,
  payload: { signalId: string; assignedAt: string },
): Promise<void> {
  await withMessages(deps, async (tx, send) => {
    const signal = await loadSignal(tx, payload.signalId);
    if (!signal || signal.status !== "assigned" || signal.assignedAt?.toISOString() !== payload.assignedAt)
      return;
    if (await hasEvent(tx, signal.id, "accept_overdue", { assignedAt: payload.assignedAt })) return;
    await appendEvent(tx, signal.id, "accept_overdue", null, deps.clock(), {
      assignedAt: payload.assignedAt,
      curatorId: signal.curatorId,
    });
    const curator = signal.curator ? shortName(signal.curator.fullName) : "—";
    await send(
      await activeHeads(tx, signal.serviceId),
      notice("signal.accept_overdue", {
        curator,
        number: signalNumber(signal),
        minutes: duration(settings.acceptTimeoutMinutes),
      }),
    );
  });
}

/** Tells the curator and the heads when the visit deadline passed without an arrival. */
export async function checkVisitDeadline(
  deps: FeatureDeps,
  payload: { signalId: string; deadline: string },
): Promise<void> {
  await withMessages(deps, async (tx, send) => {
    const signal = await loadSignal(tx, payload.signalId);
    if (!signal || signal.visitDeadline?.toISOString() !== payload.deadline) return;
    if (!awaitsVisit(signal.status)) return;
    if (await hasEvent(tx, signal.id, "visit_overdue", { deadline: payload.deadline })) return;
    await appendEvent(tx, signal.id, "visit_overdue", null, deps.clock(), {
      deadline: payload.deadline,
      curatorId: signal.curatorId,
    });
    const at = { datetime: payload.deadline };
    const number = signalNumber(signal);
    if (signal.curatorId)
      await send([signal.curatorId], notice("signal.visit_overdue_curator", { number, at }));
    const curator = signal.curator ? shortName(signal.curator.fullName) : "—";
    await send(
      await activeHeads(tx, signal.serviceId),
      notice("signal.visit_overdue_heads", { number, at, curator }),
    );
  });
}

/** The job definitions. */
export function signalJobs(deps: FeatureDeps, settings: SignalSettings) {
  return [
    defineJob({
      name: ASSIGN_REMINDER_JOB,
      payload: z.object({ signalId: z.uuid(), n: z.number().int().positive() }),
      handle: (p) => remindUnassigned(deps, settings, p),
    }),
    defineJob({
      name: ACCEPT_TIMEOUT_JOB,
      payload: z.object({ signalId: z.uuid(), assignedAt: z.iso.datetime() }),
      handle: (p) => checkAccepted(deps, settings, p),
    }),
    defineJob({
      name: VISIT_DEADLINE_JOB,
      payload: z.object({ signalId: z.uuid(), deadline: z.iso.datetime() }),
      handle: (p) => checkVisitDeadline(deps, p),
    }),
  ];
}
