/**
 * One assessment with everything it records, for the API (and the console): the planning, the
 * safety assessment and plan, the ratings, the overall level and its reasoning, the conclusion,
 * the hand-over, the review, the time norms and the history. Writes the audit row
 * `assessment.read`. Access by the one policy: heads and admins everything in their service, the
 * specialist and the curator of its case their own (others are not revealed), reporters nothing.
 */
import { authorize, type StaffActor } from "../../access/policy.ts";
import { writeAudit } from "../../platform/audit.ts";
import type { Db } from "../../platform/db/client.ts";
import type { Json } from "../../platform/flow/types.ts";
import { localDate } from "../../platform/flow/input.ts";
import { signalNumber } from "../../signals/domain/numbers.ts";
import { assessmentNotFound } from "../actions/refusals.ts";
import { RISK_FACTORS, THREATS, type Rating, type RiskFactorId, type ThreatId } from "../domain/checklist.ts";
import { ageVulnerability, factorsAbove, type AgeVulnerability } from "../domain/rules.ts";
import { timings, type StepTiming } from "../domain/time-norms.ts";
import { assessmentSubject, loadAssessment, momentsOf, ratingsOf, safetyOf } from "./assessment-view.ts";

const PERSON = { select: { id: true, fullName: true } } as const;

/** A person as the API shows them. */
export interface PersonRef {
  id: string;
  fullName: string;
}

/** An assessment as `GET /api/assessments/:id` returns it. */
export interface AssessmentDetail {
  id: string;
  number: string;
  status: string;
  stage: string;
  origin: string;
  checklistVersion: number;
  version: number;
  case: { id: string; number: string } | null;
  signal: { id: string; number: string } | null;
  specialist: PersonRef;
  planning: {
    urgency: string | null;
    child: { fullName: string | null; birthDate: string | null; ageVulnerability: AgeVulnerability };
    parents: { fromSignal: boolean; text: string | null };
    homeAddress: { fromSignal: boolean; text: string | null };
    facts: string | null;
    contactDeadline: Date | null;
  };
  safety: {
    threats: { id: ThreatId; present: boolean }[];
    vulnerability: Json;
    protective: Json;
    familyHistory: string | null;
    planRequired: boolean | null;
  } | null;
  safetyPlan: {
    kind: string;
    placement: string | null;
    actions: {
      id: string;
      position: number;
      action: string;
      dueDate: string;
      responsible: string;
      monitoring: string;
      doneAt: Date | null;
    }[];
  } | null;
  ratings: { factor: RiskFactorId; rating: Rating | null }[];
  overall: { level: string; reasoning: string | null; factorsAbove: RiskFactorId[] } | null;
  conclusion: { code: number; recommendedServices: string | null; caseOpened: boolean } | null;
  handover: {
    at: Date;
    recipient: string | null;
    channel: string | null;
    fileId: string | null;
    acknowledgedAt: Date | null;
    /** Who at the authority confirmed receipt, as recorded. */
    acknowledgedBy: string | null;
  } | null;
  review: { at: Date; by: PersonRef | null; comment: string | null } | null;
  cancelled: { at: Date; reason: string | null } | null;
  times: Record<string, Date | null>;
  timeNorms: StepTiming[];
  due: { step: string; at: Date } | null;
  timeline: { id: string; type: string; at: Date; actor: PersonRef | null; data: Json }[];
}

/** One assessment with its history; writes the audit row `assessment.read`. */
export async function readAssessment(
  db: Db,
  actor: StaffActor,
  id: string,
  now: Date,
): Promise<AssessmentDetail> {
  const a = await loadAssessment(db, id);
  if (!a) throw assessmentNotFound();
  authorize(actor, "assessment.read", assessmentSubject(a));
  const events = await db.assessmentEvent.findMany({
    where: { assessmentId: a.id },
    orderBy: { id: "asc" },
    include: { actorStaff: PERSON },
  });
  await writeAudit(db, {
    actor,
    action: "assessment.read",
    subjectType: "assessment",
    subjectId: a.id,
    serviceId: a.serviceId,
    at: now,
  });
  const safety = safetyOf(a);
  const ratings = ratingsOf(a);
  const birth = a.childBirthDate?.toISOString().slice(0, 10) ?? null;
  return {
    id: a.id,
    number: a.number,
    status: a.status,
    stage: a.stage,
    origin: a.origin,
    checklistVersion: a.checklistVersion,
    version: a.version,
    case: a.case ? { id: a.case.id, number: a.case.number } : null,
    signal: a.signal ? { id: a.signal.id, number: signalNumber(a.signal) } : null,
    specialist: a.specialist,
    planning: {
      urgency: a.urgency,
      child: {
        fullName: a.childFullName,
        birthDate: birth,
        ageVulnerability: ageVulnerability(birth, localDate(now, a.service.timeZone)),
      },
      parents: { fromSignal: a.parentsFromSignal, text: a.parentsText },
      homeAddress: { fromSignal: a.addressFromSignal, text: a.homeAddress },
      facts: a.factsText,
      contactDeadline: a.contactDeadline,
    },
    safety: safety && {
      threats: THREATS.map((tid) => ({ id: tid, present: safety.threats[tid] === true })),
      vulnerability: safety.vulnerability as unknown as Json,
      protective: safety.protective as unknown as Json,
      familyHistory: a.familyHistory,
      planRequired: a.planRequired,
    },
    safetyPlan: a.planKind
      ? {
          kind: a.planKind,
          placement: a.placementText,
          actions: a.actions.map((x) => ({
            id: x.id,
            position: x.position,
            action: x.actionText,
            dueDate: x.dueDate.toISOString().slice(0, 10),
            responsible: x.responsible,
            monitoring: x.monitoring,
            doneAt: x.doneAt,
          })),
        }
      : null,
    ratings: a.ratings ? RISK_FACTORS.map((factor) => ({ factor, rating: ratings[factor] ?? null })) : [],
    overall: a.overallLevel
      ? {
          level: a.overallLevel,
          reasoning: a.overallReasoning,
          factorsAbove: factorsAbove(a.overallLevel, ratings),
        }
      : null,
    conclusion: a.conclusion
      ? { code: a.conclusion, recommendedServices: a.recommendedServices, caseOpened: a.caseOpened }
      : null,
    handover: a.handedOverAt
      ? {
          at: a.handedOverAt,
          recipient: a.handoverRecipient,
          channel: a.handoverChannel,
          fileId: a.handoverFileId,
          acknowledgedAt: a.acknowledgedAt,
          acknowledgedBy: a.acknowledgedByName,
        }
      : null,
    review: a.reviewedAt ? { at: a.reviewedAt, by: a.reviewedBy, comment: a.reviewComment } : null,
    cancelled: a.cancelledAt ? { at: a.cancelledAt, reason: a.cancelReason } : null,
    times: {
      startedAt: a.startedAt,
      plannedAt: a.plannedAt,
      contactAt: a.contactAt,
      safetyAt: a.safetyAt,
      planAt: a.planAt,
      ratedAt: a.ratedAt,
      overallAt: a.overallAt,
      concludedAt: a.concludedAt,
      handedOverAt: a.handedOverAt,
    },
    timeNorms: timings(momentsOf(a), now),
    due: a.dueStep && a.dueAt ? { step: a.dueStep, at: a.dueAt } : null,
    timeline: events.map((e) => ({
      id: e.id.toString(),
      type: e.type,
      at: e.at,
      actor: e.actorStaff,
      data: e.data as Json,
    })),
  };
}
