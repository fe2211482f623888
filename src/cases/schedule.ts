/**
 * The case's schedule kept as data: after every change (and by the sweep), the reminders the case
 * has now are computed (src/cases/domain/schedule.ts) and the case row gets the moment the next one
 * falls due (`next_due_at`, what the sweep reads) and since when something is overdue.
 */
import type { Db } from "../platform/db/client.ts";
import { PLAN_OF_STAGE, stageOf } from "./domain/case.ts";
import { FINISHED_ACTION_STATUSES } from "./domain/plans.ts";
import {
  nextDueAt,
  overdueSince,
  reminderItems,
  type ReminderItem,
  type ScheduleFacts,
} from "./domain/schedule.ts";
import { currentPlan, firstPlan, loadCase, type CaseView } from "./queries/case-view.ts";
import type { CaseSettings } from "./settings.ts";

const DAY_MS = 86_400_000;

/** The decision-change plan's deadline: as set when the case was opened, else opening + the configured days. */
export function planDueOf(c: Pick<CaseView, "planDueAt" | "openedAt">, settings: CaseSettings): Date {
  return c.planDueAt ?? new Date(c.openedAt.getTime() + settings.planDays * DAY_MS);
}

/** The one-month limit: as set (and extended), else opening + the configured days. */
export function limitOf(c: Pick<CaseView, "limitAt" | "openedAt">, settings: CaseSettings): Date {
  return c.limitAt ?? new Date(c.openedAt.getTime() + settings.limitDays * DAY_MS);
}

/** What the schedule needs to know about a loaded case. */
export function scheduleFacts(c: CaseView, settings: CaseSettings): ScheduleFacts {
  const stage = stageOf(c.status);
  const plan = stage ? currentPlan(c, PLAN_OF_STAGE[stage]) : null;
  return {
    status: c.status,
    openedAt: c.openedAt,
    planDueAt: planDueOf(c, settings),
    limitAt: limitOf(c, settings),
    accompanimentAt: c.accompanimentAt,
    decisionPlanAt: firstPlan(c, "decision_change")?.createdAt ?? null,
    rehabPlanAt: firstPlan(c, "rehabilitation")?.createdAt ?? null,
    monitorings: c.monitorings.map((m) => ({ stage: m.stage, recordedAt: m.recordedAt })),
    actions: (plan?.actions ?? [])
      .filter((a) => !FINISHED_ACTION_STATUSES.includes(a.status))
      .map((a) => ({
        key: a.actionKey,
        dueDate: a.dueDate.toISOString().slice(0, 10),
        responsible: a.responsible,
        since: plan!.createdAt,
      })),
    pendingHandovers: c.handovers
      .filter((h) => h.acknowledgedAt === null)
      .map((h) => ({ id: h.id, ackDueAt: h.ackDueAt })),
  };
}

/** The reminders of a loaded case now. */
export function caseReminders(c: CaseView, settings: CaseSettings, now: Date): ReminderItem[] {
  return reminderItems(scheduleFacts(c, settings), now, c.service.timeZone);
}

/** Keys of the reminders already sent for a case. */
export async function toldKeys(db: Db, caseId: string): Promise<Set<string>> {
  const rows = await db.caseReminder.findMany({ where: { caseId }, select: { key: true } });
  return new Set(rows.map((r) => r.key));
}

/**
 * Recomputes the case's next wake-up and overdue time after a change. A reminder that became due
 * by the change is told by the next sweep (within a minute), never here: one place tells.
 */
export async function refreshSchedule(
  db: Db,
  caseId: string,
  settings: CaseSettings,
  now: Date,
): Promise<void> {
  const c = await loadCase(db, caseId);
  if (!c) return;
  const items = caseReminders(c, settings, now);
  const told = await toldKeys(db, caseId);
  await db.case.update({
    where: { id: caseId },
    data: { nextDueAt: nextDueAt(items, told), overdueSince: overdueSince(items, now) },
  });
}
