/**
 * One case for its console page: the cases area's detail query (the one policy and the audit row
 * `case.read` included), plus what the page adds around it: the signal's history before the case,
 * the case's assessments the reader may read, the documents to download and the names behind the
 * staff ids of the history. And "my cases": the cases area's list, in the reader's scope.
 */
import { authorize, can, type StaffActor } from "../../access/policy.ts";
import { assessmentSubject, loadAssessment } from "../../assessments/queries/assessment-view.ts";
import { caseSubject } from "../../cases/actions/change.ts";
import { caseNotFound } from "../../cases/actions/refusals.ts";
import { readCase, type CaseDetail } from "../../cases/queries/case-detail.ts";
import { readCases, type CaseListItem } from "../../cases/queries/case-list.ts";
import { loadCase, type CasePlanView, type CaseView } from "../../cases/queries/case-view.ts";
import type { CaseSettings } from "../../cases/settings.ts";
import type { Db } from "../../platform/db/client.ts";
import { DomainError } from "../../platform/errors.ts";
import type { Json } from "../../platform/flow/types.ts";

/** A line of the history: the signal's events (before the case) and the case's. */
export interface CaseTimelineEntry {
  source: "signal" | "case";
  type: string;
  at: Date;
  actor: { id: string; fullName: string } | null;
  data: Json;
}

/** An assessment of the case, as the page lists it. */
export interface CaseAssessmentRef {
  id: string;
  number: string;
  status: string;
  overallLevel: string | null;
  conclusion: number | null;
  reviewed: boolean;
}

/** A document of the case to download. */
export type CaseDocument =
  | { kind: "plan"; planId: string; version: number; createdAt: Date }
  | { kind: "handover"; fileId: string; name: string; handedOn: string; recipientName: string }
  | { kind: "assessment_form"; assessmentId: string; number: string; fileId: string | null };

/** Everything the case page shows. */
export interface CasePage {
  detail: CaseDetail;
  timeline: CaseTimelineEntry[];
  assessments: CaseAssessmentRef[];
  documents: CaseDocument[];
  /** Names behind the staff ids the history refers to. */
  names: ReadonlyMap<string, string>;
}

const ID_FIELDS = ["curatorId", "fromCuratorId", "psychologistId", "previousId"] as const;

/**
 * Reads a case for its page (audited as `case.read` by the cases area's query).
 *
 * @throws DomainError `not_found` (no such case, or not the reader's to see), `forbidden`.
 */
export async function readCasePage(
  db: Db,
  actor: StaffActor,
  caseId: string,
  settings: CaseSettings,
  now: Date,
): Promise<CasePage> {
  const detail = await readCase(db, { actor, caseId, settings, now });
  const opened = await db.case.findUniqueOrThrow({ where: { id: caseId }, select: { openedAt: true } });
  const signalEvents = await db.signalEvent.findMany({
    // "Case opened" is the case's own first event: told once.
    where: { signalId: detail.signal.id, at: { lte: opened.openedAt }, type: { not: "case_opened" } },
    orderBy: { id: "asc" },
    include: { actorStaff: { select: { id: true, fullName: true } } },
  });
  const timeline: CaseTimelineEntry[] = [
    ...signalEvents.map((e) => ({
      source: "signal" as const,
      type: e.type,
      at: e.at,
      actor: e.actorStaff,
      data: e.data as Json,
    })),
    ...detail.timeline.map((e) => ({ source: "case" as const, ...e })),
  ];

  const candidates = await db.assessment.findMany({
    where: { serviceId: actor.serviceId, OR: [{ caseId }, { signalId: detail.signal.id }] },
    orderBy: [{ year: "asc" }, { seq: "asc" }],
    select: { id: true },
  });
  const assessments: CaseAssessmentRef[] = [];
  const forms: CaseDocument[] = [];
  for (const { id } of candidates) {
    const a = await loadAssessment(db, id);
    if (!a || !can(actor, "assessment.read", assessmentSubject(a))) continue;
    assessments.push({
      id: a.id,
      number: a.number,
      status: a.status,
      overallLevel: a.overallLevel,
      conclusion: a.conclusion,
      reviewed: a.reviewedAt !== null,
    });
    if (a.status === "completed" || a.handoverFileId)
      forms.push({ kind: "assessment_form", assessmentId: a.id, number: a.number, fileId: a.handoverFileId });
  }

  const handovers = await db.caseHandover.findMany({
    where: { caseId, fileId: { not: null } },
    orderBy: { createdAt: "asc" },
    select: { handedOn: true, recipientName: true, file: { select: { id: true, name: true } } },
  });
  const documents: CaseDocument[] = [
    ...detail.plans
      .filter((p) => p.kind === "rehabilitation")
      .map((p) => ({ kind: "plan" as const, planId: p.id, version: p.version, createdAt: p.createdAt })),
    ...handovers
      .filter((h) => h.file !== null)
      .map((h) => ({
        kind: "handover" as const,
        fileId: h.file!.id,
        name: h.file!.name,
        handedOn: h.handedOn.toISOString().slice(0, 10),
        recipientName: h.recipientName,
      })),
    ...forms,
  ];

  const ids = new Set<string>();
  for (const entry of timeline) {
    const data = entry.data;
    if (typeof data !== "object" || data === null || Array.isArray(data)) continue;
    for (const field of ID_FIELDS) {
      const value = data[field];
      if (typeof value === "string") ids.add(value);
    }
  }
  const staff =
    ids.size === 0
      ? []
      : await db.staff.findMany({
          where: { id: { in: [...ids] }, serviceId: actor.serviceId },
          select: { id: true, fullName: true },
        });
  return {
    detail,
    timeline,
    assessments,
    documents,
    names: new Map(staff.map((s) => [s.id, s.fullName])),
  };
}

/**
 * A case and one of its long-term plan versions for the client's copy (PDF), if the reader may
 * read the case.
 *
 * @throws DomainError `not_found` (no such case or plan, or not the reader's to see).
 */
export async function casePlanForPdf(
  db: Db,
  actor: StaffActor,
  caseId: string,
  planId: string,
): Promise<{ c: CaseView; plan: CasePlanView }> {
  authorize(actor, "case.read");
  const c = await loadCase(db, caseId);
  if (!c || c.serviceId !== actor.serviceId) throw caseNotFound();
  authorize(actor, "case.read", caseSubject(c));
  const plan = c.plans.find((p) => p.id === planId && p.kind === "rehabilitation");
  if (!plan) throw new DomainError("not_found", "console.files.gone", { message: "no such plan" });
  return { c, plan };
}

/** The reader's cases (a curator their own; heads and admins the service's), newest first. */
export async function myCases(db: Db, actor: StaffActor, now: Date): Promise<CaseListItem[]> {
  const { items } = await readCases(db, { actor, filters: { page: 1, pageSize: 200 }, now });
  return items.reverse();
}
