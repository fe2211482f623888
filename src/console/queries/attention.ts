/**
 * Today's "needs attention" of the cases: overdue monitoring (weekly in stage 3, every 3 months in
 * accompaniment), overdue plan actions, hand-overs waiting for acknowledgement, one-month limits
 * near or passed, and overdue actions of safety plans. The cases' deadlines are the ones the
 * deadline sweep tells (src/cases/jobs/sweep.ts): the same reminders, computed by the same pure
 * schedule from the loaded case ({@link caseReminders}, {@link deadlines}); the candidates are the
 * cases the sweep marked overdue (`overdue_since`), with a pending hand-over, or near their limit.
 *
 * Numbers, kinds and dates only (no woman's name or the actions' wording): the case page shows
 * those, audited; so these reads leave no audit row, like the rest of Today.
 */
import { DateTime } from "luxon";
import { caseScope, type StaffActor } from "../../access/policy.ts";
import type { Prisma } from "../../generated/prisma/client.ts";
import { OPEN_CASE_STATUSES } from "../../cases/domain/case.ts";
import { deadlines, type Deadline } from "../../cases/domain/schedule.ts";
import { CASE_INCLUDE } from "../../cases/queries/case-view.ts";
import { caseReminders } from "../../cases/schedule.ts";
import type { CaseSettings } from "../../cases/settings.ts";
import type { Db } from "../../platform/db/client.ts";

/** A one-month limit this close is "near". */
export const LIMIT_NEAR_DAYS = 3;
/** At most this many cases are listed. */
const LIMIT = 200;

/** One thing to do about a case. */
export interface AttentionItem {
  kind: "monitoring" | "action" | "ack" | "limit" | "plan" | "rehab_plan";
  at: Date;
  overdue: boolean;
  /** Which monitoring stage, for monitoring items. */
  stage?: "decision_change" | "accompaniment";
}

/** A case with what it needs. */
export interface AttentionCase {
  caseId: string;
  number: string;
  curator: { id: string; fullName: string };
  items: AttentionItem[];
}

/** An overdue action of a safety plan. */
export interface OverdueSafetyAction {
  assessmentId: string;
  assessmentNumber: string;
  caseId: string | null;
  caseNumber: string | null;
  position: number;
  dueDate: string;
}

/** Everything Today lists about cases. */
export interface CaseAttention {
  cases: AttentionCase[];
  safetyActions: OverdueSafetyAction[];
}

const nearLimit = (d: Deadline, now: Date) =>
  d.kind === "limit" && d.at.getTime() - now.getTime() <= LIMIT_NEAR_DAYS * 86_400_000;

/**
 * What needs attention in the cases the reader may list (a curator their own, heads and admins
 * the service's); empty for those who may list none.
 */
export async function caseAttention(
  db: Db,
  actor: StaffActor,
  settings: CaseSettings,
  now: Date,
): Promise<CaseAttention> {
  const scope = caseScope(actor);
  if (!scope) return { cases: [], safetyActions: [] };
  const near = new Date(now.getTime() + LIMIT_NEAR_DAYS * 86_400_000);
  const where: Prisma.CaseWhereInput = {
    AND: [
      scope,
      {
        OR: [
          { status: { in: [...OPEN_CASE_STATUSES] }, overdueSince: { lte: now } },
          { status: "open", limitAt: { lte: near } },
          // A case whose limit was not fixed yet by the sweep: opened long enough ago.
          {
            status: "open",
            limitAt: null,
            openedAt: { lte: new Date(near.getTime() - settings.limitDays * 86_400_000) },
          },
          { handovers: { some: { acknowledgedAt: null } } },
        ],
      },
    ],
  };
  // One query per relation for all candidates (not one case at a time): the same loaded shape
  // the sweep computes from.
  const rows = await db.case.findMany({
    where,
    orderBy: [{ caseYear: "asc" }, { caseNumber: "asc" }],
    take: LIMIT,
    include: CASE_INCLUDE,
  });
  const cases: AttentionCase[] = [];
  for (const c of rows) {
    const items: AttentionItem[] = [];
    const monitoringStage = c.status === "accompaniment" ? "accompaniment" : "decision_change";
    for (const d of deadlines(caseReminders(c, settings, now), now)) {
      const pendingAck = d.kind === "ack";
      if (!d.overdue && !pendingAck && !nearLimit(d, now)) continue;
      items.push({
        kind: d.kind,
        at: d.at,
        overdue: d.overdue,
        ...(d.kind === "monitoring" ? { stage: monitoringStage } : {}),
      });
    }
    if (items.length > 0) cases.push({ caseId: c.id, number: c.number, curator: c.curator, items });
  }

  // Safety-plan actions past their day (the end of the due day in the service's zone).
  const service = await db.service.findUniqueOrThrow({
    where: { id: actor.serviceId },
    select: { timeZone: true },
  });
  const today = DateTime.fromJSDate(now, { zone: service.timeZone }).toISODate()!;
  const assessmentScope: Prisma.AssessmentWhereInput =
    scope.curatorId !== undefined
      ? { OR: [{ specialistId: scope.curatorId }, { case: { curatorId: scope.curatorId } }] }
      : scope.psychologistId !== undefined
        ? { specialistId: scope.psychologistId }
        : {};
  const overdue = await db.safetyPlanAction.findMany({
    where: {
      doneAt: null,
      removedAt: null,
      dueDate: { lt: new Date(`${today}T00:00:00Z`) },
      assessment: {
        serviceId: actor.serviceId,
        status: { not: "cancelled" },
        ...assessmentScope,
      },
    },
    orderBy: [{ dueDate: "asc" }, { position: "asc" }],
    take: LIMIT,
    select: {
      position: true,
      dueDate: true,
      assessment: { select: { id: true, number: true, case: { select: { id: true, number: true } } } },
    },
  });
  return {
    cases,
    safetyActions: overdue.map((x) => ({
      assessmentId: x.assessment.id,
      assessmentNumber: x.assessment.number,
      caseId: x.assessment.case?.id ?? null,
      caseNumber: x.assessment.case?.number ?? null,
      position: x.position,
      dueDate: x.dueDate.toISOString().slice(0, 10),
    })),
  };
}
