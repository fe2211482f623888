/**
 * What an assessment can be started on — a case, or a signal the curator is on — as the access
 * policy and the start action see them.
 */
import type { Subject } from "../../access/policy.ts";
import type { Db } from "../../platform/db/client.ts";

/** Staff attached to a case besides its curator: its psychologist, when one is attached. */
export async function caseMemberIds(db: Db, caseId: string): Promise<string[]> {
  const row = await db.case.findUnique({ where: { id: caseId }, select: { psychologistId: true } });
  return row?.psychologistId ? [row.psychologistId] : [];
}

/** A case as the start of an assessment needs it; null when there is none. */
export async function loadCaseForAssessment(db: Db, caseId: string) {
  return db.case.findUnique({
    where: { id: caseId },
    select: {
      id: true,
      number: true,
      serviceId: true,
      curatorId: true,
      status: true,
      signalId: true,
      service: { select: { timeZone: true } },
    },
  });
}

/** A case by its number in the service ("3/2026"); null when there is none. */
export async function findCaseByNumber(db: Db, serviceId: string, number: string) {
  return db.case.findUnique({ where: { serviceId_number: { serviceId, number } }, select: { id: true } });
}

/** A signal as the start of an assessment needs it; null when there is none. */
export async function loadSignalForAssessment(db: Db, signalId: string) {
  return db.signal.findUnique({
    where: { id: signalId },
    select: {
      id: true,
      serviceId: true,
      hospitalId: true,
      curatorId: true,
      status: true,
      category: true,
      serviceNumber: true,
      serviceYear: true,
      service: { select: { timeZone: true } },
      case: { select: { id: true } },
    },
  });
}

/** The policy's subject for starting on a case: its curator, and staff attached to it. */
export async function caseSubject(
  db: Db,
  c: { id: string; serviceId: string; curatorId: string },
): Promise<Subject> {
  return { serviceId: c.serviceId, curatorId: c.curatorId, memberIds: await caseMemberIds(db, c.id) };
}
