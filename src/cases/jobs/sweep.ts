/**
 * The one sweep of every case's deadlines (pg-boss, every minute): cases whose `next_due_at` has
 * come are taken one by one, each in its own transaction with its row locked (a second sweeper
 * skips it); the reminders due are told once — their keys are stored with a unique constraint in
 * the same transaction as the messages — and the case's next wake-up is stored. A restart, a
 * second instance or a clock jump forward therefore tells nothing twice and misses nothing; after
 * a jump only the latest reminder of each kind is told.
 */
import type { z } from "zod";
import { runActions, type ActionRunnerDeps } from "../../platform/run-actions.ts";
import { dueReminders, nextDueAt, overdueSince } from "../domain/schedule.ts";
import { loadCase } from "../queries/case-view.ts";
import { caseReminders, limitOf, planDueOf, toldKeys } from "../schedule.ts";
import type { CaseSettings } from "../settings.ts";
import type { CASE_SWEEP } from "./types.ts";

/** What the sweep needs: the action runner with the cases' settings. */
export type SweepDeps = ActionRunnerDeps<{ cases: CaseSettings }>;

/** Cases taken per query; the sweep goes on until none is due. */
const BATCH = 100;
/** A guard against a loop: at most this many batches in one run (the next run goes on). */
const MAX_BATCHES = 50;

/** Sweeps one case; returns how many reminders it told. */
export async function sweepCase(deps: SweepDeps, caseId: string): Promise<number> {
  return runActions(deps, async ({ tx, now, notifier, settings }) => {
    // Raw SQL for the lock: another sweeper holding this case is sweeping it now, so skip it.
    const locked = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM cases WHERE id = ${caseId}::uuid AND next_due_at <= ${now} FOR UPDATE SKIP LOCKED`;
    if (locked.length === 0) return 0;
    const c = await loadCase(tx, caseId);
    if (!c) return 0;
    // Deadlines still defaulted (a case just opened) are fixed now, so later settings do not move them.
    const fixed =
      c.planDueAt && c.limitAt
        ? c
        : { ...c, planDueAt: planDueOf(c, settings.cases), limitAt: limitOf(c, settings.cases) };
    const items = caseReminders(fixed, settings.cases, now);
    const told = await toldKeys(tx, caseId);
    const { tell, superseded } = dueReminders(items, told, now);
    for (const item of superseded) {
      await tx.caseReminder.createMany({
        data: [{ caseId, key: item.key, dueAt: item.at, sentAt: now, told: false }],
        skipDuplicates: true,
      });
      told.add(item.key);
    }
    let count = 0;
    for (const item of tell) {
      const inserted = await tx.caseReminder.createMany({
        data: [{ caseId, key: item.key, dueAt: item.at, sentAt: now, told: true }],
        skipDuplicates: true,
      });
      told.add(item.key);
      if (inserted.count === 0) continue;
      count++;
      await notifier.notify({
        type: "case.reminder",
        caseId,
        kind: item.kind,
        subject: item.subject,
        at: item.at.toISOString(),
      });
    }
    await tx.case.update({
      where: { id: caseId },
      data: {
        planDueAt: fixed.planDueAt,
        limitAt: fixed.limitAt,
        nextDueAt: nextDueAt(items, told),
        overdueSince: overdueSince(items, now),
      },
    });
    return count;
  });
}

/** Sweeps every case whose next reminder has come; returns how many reminders were told. */
export async function sweepCases(
  deps: SweepDeps,
  _payload: z.infer<typeof CASE_SWEEP.payload> = {},
): Promise<number> {
  let told = 0;
  const seen = new Set<string>();
  for (let batch = 0; batch < MAX_BATCHES; batch++) {
    const now = deps.clock();
    const due = await deps.db.case.findMany({
      where: { nextDueAt: { lte: now }, id: { notIn: [...seen] } },
      orderBy: { nextDueAt: "asc" },
      take: BATCH,
      select: { id: true },
    });
    for (const { id } of due) {
      seen.add(id);
      told += await sweepCase(deps, id);
    }
    if (due.length < BATCH) break;
  }
  return told;
}
