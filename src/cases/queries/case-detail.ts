/**
 * One case with everything the service keeps about it, for the API (and the console): the sheet,
 * every plan version with its actions, the monitoring sheet, hand-overs, deadlines and the full
 * history. Writes the audit row `case.read`. Access by the one policy: heads and admins every case
 * of their service, a curator their own, a psychologist the attached ones; others learn nothing.
 */
import { authorize, type StaffActor } from "../../access/policy.ts";
import { writeAudit } from "../../platform/audit.ts";
import type { Db } from "../../platform/db/client.ts";
import type { Json } from "../../platform/flow/types.ts";
import { caseSubject } from "../actions/change.ts";
import { caseNotFound } from "../actions/refusals.ts";
import type { Deadline } from "../domain/schedule.ts";
import { deadlines } from "../domain/schedule.ts";
import { caseReminders } from "../schedule.ts";
import type { CaseSettings } from "../settings.ts";
import { CASE_INCLUDE } from "./case-view.ts";
import { CASE_ROW, listItem, type CaseListItem, type PersonRef } from "./case-list.ts";

/** A case with its documents and history. */
export interface CaseDetail extends CaseListItem {
  womanBirthDate: string | null;
  womanAge: number | null;
  version: number;
  sheet: { answers: Json; complete: boolean; filledAt: Date | null; updatedAt: Date } | null;
  plans: {
    id: string;
    kind: string;
    version: number;
    createdAt: Date;
    createdBy: PersonRef | null;
    monitoringId: string | null;
    content: Json;
    actions: {
      key: string;
      position: number;
      what: string;
      responsible: string;
      organisation: string | null;
      dueDate: string;
      status: string;
      statusAt: Date | null;
    }[];
  }[];
  monitorings: {
    id: string;
    stage: string;
    number: number;
    recordedAt: Date;
    recordedBy: PersonRef | null;
    progress: Json;
    planCorrected: boolean;
    decision: string;
    note: string | null;
  }[];
  handovers: {
    id: string;
    recipientKind: string;
    recipientName: string;
    handedOn: string;
    orderNumber: string;
    ackDueAt: Date;
    acknowledgedAt: Date | null;
    packageReady: boolean;
  }[];
  deadlines: Deadline[];
  timeline: { id: string; type: string; at: Date; actor: PersonRef | null; data: Json }[];
}

const day = (d: Date) => d.toISOString().slice(0, 10);

/**
 * One case in full.
 *
 * @throws DomainError `not_found` (no such case in the caller's service, or not theirs to see),
 *   `forbidden` (a reporter).
 */
export async function readCase(
  db: Db,
  input: { actor: StaffActor; caseId: string; settings: CaseSettings; now: Date },
): Promise<CaseDetail> {
  const { actor, now } = input;
  authorize(actor, "case.read");
  const c = await db.case.findFirst({
    where: { id: input.caseId, serviceId: actor.serviceId },
    include: {
      ...CASE_INCLUDE,
      events: { orderBy: { id: "asc" }, include: { actorStaff: { select: { id: true, fullName: true } } } },
    },
  });
  if (!c) throw caseNotFound();
  authorize(actor, "case.read", caseSubject(c));
  const row = await db.case.findUniqueOrThrow({ where: { id: c.id }, select: CASE_ROW });
  const detail: CaseDetail = {
    ...listItem(row),
    womanBirthDate: c.signal.womanBirthDate ? day(c.signal.womanBirthDate) : null,
    womanAge: c.signal.womanAge,
    version: c.version,
    sheet: c.sheet
      ? {
          answers: c.sheet.answers as Json,
          complete: c.sheet.complete,
          filledAt: c.sheet.filledAt,
          updatedAt: c.sheet.updatedAt,
        }
      : null,
    plans: c.plans.map((p) => ({
      id: p.id,
      kind: p.kind,
      version: p.version,
      createdAt: p.createdAt,
      createdBy: p.createdBy,
      monitoringId: p.monitoringId,
      content: p.content as Json,
      actions: p.actions.map((a) => ({
        key: a.actionKey,
        position: a.position,
        what: a.what,
        responsible: a.responsible,
        organisation: a.organisation,
        dueDate: day(a.dueDate),
        status: a.status,
        statusAt: a.statusAt,
      })),
    })),
    monitorings: c.monitorings.map((m) => ({
      id: m.id,
      stage: m.stage,
      number: m.number,
      recordedAt: m.recordedAt,
      recordedBy: m.recordedBy,
      progress: m.progress as Json,
      planCorrected: m.planCorrected,
      decision: m.decision,
      note: m.note,
    })),
    handovers: c.handovers.map((h) => ({
      id: h.id,
      recipientKind: h.recipientKind,
      recipientName: h.recipientName,
      handedOn: day(h.handedOn),
      orderNumber: h.orderNumber,
      ackDueAt: h.ackDueAt,
      acknowledgedAt: h.acknowledgedAt,
      packageReady: h.fileId !== null,
    })),
    deadlines: deadlines(caseReminders(c, input.settings, now), now),
    timeline: c.events.map((e) => ({
      id: e.id.toString(),
      type: e.type,
      at: e.at,
      actor: e.actorStaff,
      data: e.data as Json,
    })),
  };
  await writeAudit(db, { actor, action: "case.read", subjectType: "case", subjectId: c.id, at: now });
  return detail;
}
