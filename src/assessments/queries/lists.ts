/**
 * Lists around assessments: what a person can start an assessment on or continue (`/assess`),
 * the finished assessments awaiting a head's supervisor review (`/reviews`), and the planning
 * check shown before an assessment's first question (earlier signals about the family with their
 * outcome, and earlier assessments).
 */
import type { StaffActor } from "../../access/policy.ts";
import { OPEN_CASE_STATUSES } from "../../cases/domain/case.ts";
import type { Db } from "../../platform/db/client.ts";
import { earlierSignals, type EarlierSignal } from "../../signals/queries/earlier.ts";
import { loadSignal } from "../../signals/queries/signal-view.ts";
import type { Stage } from "../domain/rules.ts";

/** What `/assess` offers a person. */
export interface Assessable {
  cases: { id: string; number: string }[];
  signals: { id: string; serviceNumber: number; serviceYear: number }[];
  inProgress: { id: string; number: string; stage: Stage }[];
}

const LIMIT = 30;

/**
 * The open cases a curator carries, the signals they are on without a case yet (not about a
 * pregnancy), and the assessments they conduct now.
 */
export async function assessableFor(db: Db, actor: StaffActor): Promise<Assessable> {
  const inProgress = await db.assessment.findMany({
    where: { specialistId: actor.id, status: "in_progress" },
    orderBy: { startedAt: "asc" },
    take: LIMIT,
    select: { id: true, number: true, stage: true },
  });
  if (actor.role !== "curator") return { cases: [], signals: [], inProgress };
  const cases = await db.case.findMany({
    where: { curatorId: actor.id, serviceId: actor.serviceId, status: { in: [...OPEN_CASE_STATUSES] } },
    orderBy: { openedAt: "asc" },
    take: LIMIT,
    select: { id: true, number: true },
  });
  const signals = await db.signal.findMany({
    where: {
      curatorId: actor.id,
      serviceId: actor.serviceId,
      status: { in: ["accepted", "on_the_way", "arrived"] },
      category: { not: "pregnant_intends" },
    },
    orderBy: { transmittedAt: "asc" },
    take: LIMIT,
    select: { id: true, serviceNumber: true, serviceYear: true },
  });
  return { cases, signals, inProgress };
}

/** Finished assessments of a service no head has reviewed yet, oldest first. */
export async function awaitingReview(db: Db, serviceId: string) {
  return db.assessment.findMany({
    where: { serviceId, status: "completed", reviewedAt: null },
    orderBy: { concludedAt: "asc" },
    take: LIMIT,
    select: {
      id: true,
      number: true,
      conclusion: true,
      concludedAt: true,
      case: { select: { number: true } },
      signal: { select: { serviceNumber: true, serviceYear: true } },
    },
  });
}

/** What the planning step shows first. */
export interface PlanningCheck {
  earlier: EarlierSignal[];
  assessments: {
    number: string;
    stage: Stage;
    status: string;
    concludedAt: Date | null;
    conclusion: number | null;
  }[];
}

/**
 * The regulation's planning check (4.1: «Проверить, поступали ли сигналы ранее»; whether measures
 * were taken): earlier signals about the woman of the assessment's signal with their outcome, and
 * the earlier assessments of the same case or signal.
 */
export async function planningCheck(
  db: Db,
  assessment: { id: string; signalId: string | null; caseId: string | null },
  now: Date,
): Promise<PlanningCheck> {
  const signal = assessment.signalId ? await loadSignal(db, assessment.signalId) : null;
  const earlier = signal ? await earlierSignals(db, signal, now) : [];
  const on = [
    ...(assessment.caseId ? [{ caseId: assessment.caseId }] : []),
    ...(assessment.signalId ? [{ signalId: assessment.signalId }] : []),
  ];
  const assessments = await db.assessment.findMany({
    where: { id: { not: assessment.id }, status: { not: "cancelled" }, OR: on },
    orderBy: { startedAt: "desc" },
    take: 10,
    select: { number: true, stage: true, status: true, concludedAt: true, conclusion: true },
  });
  return { earlier, assessments };
}
