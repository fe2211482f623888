/**
 * One assessment with what actions check and cards show: its case, signal, people and the
 * plan's actions; and the subjects the access policy decides on.
 */
import type { Subject } from "../../access/policy.ts";
import type { Db } from "../../platform/db/client.ts";
import {
  RISK_FACTORS,
  RATINGS,
  THREATS,
  type Rating,
  type RiskFactorId,
  type ThreatId,
} from "../domain/checklist.ts";
import type { Stage } from "../domain/rules.ts";
import type { AssessmentMoments } from "../domain/time-norms.ts";

const PERSON = { select: { id: true, fullName: true } } as const;

/** Loads an assessment with its case, signal, people and live plan actions; null when there is none. */
export function loadAssessment(db: Db, id: string) {
  return db.assessment.findUnique({
    where: { id },
    include: {
      service: { select: { id: true, timeZone: true } },
      case: { select: { id: true, number: true, curatorId: true, signalId: true, status: true } },
      signal: {
        select: {
          id: true,
          serviceNumber: true,
          serviceYear: true,
          curatorId: true,
          status: true,
          womanFullName: true,
          womanBirthDate: true,
          womanAge: true,
          actualAddress: true,
          registeredAddress: true,
        },
      },
      specialist: PERSON,
      reviewedBy: PERSON,
      actions: { where: { removedAt: null }, orderBy: { position: "asc" } },
    },
  });
}

/** An assessment as {@link loadAssessment} returns it. */
export type AssessmentView = NonNullable<Awaited<ReturnType<typeof loadAssessment>>>;

/**
 * The subject of an assessment for the access policy: its specialist works on it; the curator of
 * its case (or signal) is a member, so they may read it.
 */
export function assessmentSubject(
  a: Pick<AssessmentView, "serviceId" | "specialistId" | "case" | "signal">,
): Subject {
  const members = [a.case?.curatorId, a.signal?.curatorId].filter(
    (id): id is string => typeof id === "string" && id !== a.specialistId,
  );
  return { serviceId: a.serviceId, curatorId: a.specialistId, memberIds: [...new Set(members)] };
}

/** The safety assessment's answers as stored. */
export interface SafetyAnswers {
  threats: Partial<Record<ThreatId, boolean>>;
  vulnerability: { values: string[]; texts: Record<string, string> };
  protective: { values: string[]; texts: Record<string, string> };
}

/** The stored safety answers (null before the safety assessment). */
export function safetyOf(a: Pick<AssessmentView, "safety">): SafetyAnswers | null {
  const raw = a.safety as unknown as SafetyAnswers | null;
  if (!raw) return null;
  const threats: Partial<Record<ThreatId, boolean>> = {};
  for (const id of THREATS) if (typeof raw.threats?.[id] === "boolean") threats[id] = raw.threats[id];
  return { threats, vulnerability: raw.vulnerability, protective: raw.protective };
}

/** The stored ratings (empty before the risk assessment). */
export function ratingsOf(a: Pick<AssessmentView, "ratings">): Partial<Record<RiskFactorId, Rating>> {
  const raw = (a.ratings ?? {}) as Record<string, unknown>;
  const out: Partial<Record<RiskFactorId, Rating>> = {};
  for (const id of RISK_FACTORS) {
    const value = raw[id];
    if (typeof value === "string" && (RATINGS as readonly string[]).includes(value))
      out[id] = value as Rating;
  }
  return out;
}

/** The moments the time norms are measured between. */
export function momentsOf(a: AssessmentView): AssessmentMoments {
  return {
    startedAt: a.startedAt,
    plannedAt: a.plannedAt,
    contactAt: a.contactAt,
    safetyAt: a.safetyAt,
    planAt: a.planAt,
    concludedAt: a.concludedAt,
    handedOverAt: a.handedOverAt,
    urgent: a.urgency === null ? null : a.urgency === "immediate",
    planRequired: a.planRequired,
  };
}

/** The stage as the domain types it. */
export function stageOf(a: Pick<AssessmentView, "stage">): Stage {
  return a.stage;
}
