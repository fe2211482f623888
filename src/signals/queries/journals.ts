/**
 * Reading the two journals, for the API: filters, paging, and the audit row every read of a
 * woman's personal data leaves. Who sees which rows is the access policy's
 * ({@link signalScope}): heads and admins the whole service, a curator their own signals, a
 * reporter their hospital's rows of the hospital journal only.
 */
import { signalScope, type StaffActor } from "../../access/policy.ts";
import type { Prisma } from "../../generated/prisma/client.ts";
import type { Urgency } from "../../generated/prisma/enums.ts";
import { writeAudit } from "../../platform/audit.ts";
import type { Db } from "../../platform/db/client.ts";
import { apiError, type DomainError } from "../../platform/errors.ts";
import type { Json } from "../../platform/flow/types.ts";
import type { SignalStatus } from "../domain/lifecycle.ts";
import { hospitalNumber, signalNumber } from "../domain/numbers.ts";
import { periodWhere } from "./period.ts";

/** The journals the service keeps about signals. */
export type JournalName = "hospital" | "service";

/** Filters and paging of a journal, already validated at the edge. */
export interface JournalFilters {
  hospitalId?: string | undefined;
  curatorId?: string | undefined;
  status?: SignalStatus | undefined;
  /** Start of the period, inclusive: an ISO date or date-time (see {@link parsePeriodBound}). */
  from?: string | undefined;
  /** End of the period, exclusive. */
  to?: string | undefined;
  /** From 1. */
  page: number;
  pageSize: number;
}

/** One page of a journal. */
export interface JournalPage<T> {
  items: T[];
  page: number;
  pageSize: number;
  /** Rows matching the filters on all pages. */
  total: number;
}

/** A person as journals name them. */
export interface PersonRef {
  id: string;
  fullName: string;
}

/** A hospital as journals name it. */
export interface HospitalRef {
  id: string;
  name: string;
}

/** A row of the hospital signal journal (журнал записи сигналов). */
export interface HospitalJournalRow {
  id: string;
  /** "<hospitalNumber>/<hospitalYear>". */
  number: string;
  hospital: HospitalRef;
  womanFullName: string;
  registeredAddress: string | null;
  actualAddress: string | null;
  ambulanceFrom: string | null;
  identifiedAt: Date;
  registeredAt: Date;
  transmittedAt: Date;
  late: boolean;
  reporter: PersonRef;
}

/** What the visit ended in. */
export type SignalDecision = "case_opened" | "not_confirmed";

/** A row of the service registration journal (регистрационный журнал Службы). */
export interface ServiceJournalRow {
  id: string;
  /** "<serviceNumber>/<serviceYear>". */
  number: string;
  hospital: HospitalRef;
  /** When the service received the signal (its transmittedAt). */
  receivedAt: Date;
  womanFullName: string;
  registeredAddress: string | null;
  actualAddress: string | null;
  ambulanceFrom: string | null;
  phone: string | null;
  reporter: PersonRef;
  urgency: Urgency | null;
  curator: PersonRef | null;
  assignedAt: Date | null;
  assignedBy: PersonRef | null;
  arrivedAt: Date | null;
  decision: SignalDecision | null;
  decidedAt: Date | null;
  /** The case's number when one was opened. */
  caseNumber: string | null;
  late: boolean;
  status: SignalStatus;
}

const PERSON = { select: { id: true, fullName: true } } as const;

const HOSPITAL_ROW = {
  id: true,
  hospitalYear: true,
  hospitalNumber: true,
  womanFullName: true,
  registeredAddress: true,
  actualAddress: true,
  ambulanceFrom: true,
  identifiedAt: true,
  registeredAt: true,
  transmittedAt: true,
  late: true,
  hospital: { select: { id: true, name: true } },
  reporter: PERSON,
} satisfies Prisma.SignalSelect;

const SERVICE_ROW = {
  id: true,
  serviceYear: true,
  serviceNumber: true,
  transmittedAt: true,
  womanFullName: true,
  registeredAddress: true,
  actualAddress: true,
  ambulanceFrom: true,
  phone: true,
  urgency: true,
  assignedAt: true,
  arrivedAt: true,
  decidedAt: true,
  late: true,
  status: true,
  hospital: { select: { id: true, name: true } },
  reporter: PERSON,
  curator: PERSON,
  assignedBy: PERSON,
  case: { select: { number: true } },
} satisfies Prisma.SignalSelect;

/**
 * The hospital signal journal, ordered by the hospital's numbering; the period filters on
 * identifiedAt. Writes the audit row `journal.read`.
 *
 * @throws DomainError `forbidden` (psychologist; a reporter's filter for another hospital; a
 *   curator's filter for another curator), `bad_request` (a period ending before it starts).
 */
export async function readHospitalJournal(
  db: Db,
  input: { actor: StaffActor; filters: JournalFilters; now: Date },
): Promise<JournalPage<HospitalJournalRow>> {
  const { actor, filters } = input;
  const where = await journalWhere(db, actor, "hospital", filters, "identifiedAt");
  const [total, rows] = await Promise.all([
    db.signal.count({ where }),
    db.signal.findMany({
      where,
      select: HOSPITAL_ROW,
      orderBy: [{ hospitalYear: "asc" }, { hospitalNumber: "asc" }, { hospitalId: "asc" }],
      skip: (filters.page - 1) * filters.pageSize,
      take: filters.pageSize,
    }),
  ]);
  const items = rows.map((s): HospitalJournalRow => ({
    id: s.id,
    number: hospitalNumber(s),
    hospital: s.hospital,
    womanFullName: s.womanFullName,
    registeredAddress: s.registeredAddress,
    actualAddress: s.actualAddress,
    ambulanceFrom: s.ambulanceFrom,
    identifiedAt: s.identifiedAt,
    registeredAt: s.registeredAt,
    transmittedAt: s.transmittedAt,
    late: s.late,
    reporter: s.reporter,
  }));
  await auditJournalRead(db, actor, "hospital", filters, items, input.now);
  return { items, page: filters.page, pageSize: filters.pageSize, total };
}

/**
 * The service registration journal, ordered by the service's numbering; the period filters on
 * transmittedAt (when the service received the signal). Writes the audit row `journal.read`.
 *
 * @throws DomainError `forbidden` (psychologist, reporter; a curator's filter for another
 *   curator), `bad_request` (a period ending before it starts).
 */
export async function readServiceJournal(
  db: Db,
  input: { actor: StaffActor; filters: JournalFilters; now: Date },
): Promise<JournalPage<ServiceJournalRow>> {
  const { actor, filters } = input;
  const where = await journalWhere(db, actor, "service", filters, "transmittedAt");
  const [total, rows] = await Promise.all([
    db.signal.count({ where }),
    db.signal.findMany({
      where,
      select: SERVICE_ROW,
      orderBy: [{ serviceYear: "asc" }, { serviceNumber: "asc" }],
      skip: (filters.page - 1) * filters.pageSize,
      take: filters.pageSize,
    }),
  ]);
  const items = rows.map((s): ServiceJournalRow => ({
    id: s.id,
    number: signalNumber(s),
    hospital: s.hospital,
    receivedAt: s.transmittedAt,
    womanFullName: s.womanFullName,
    registeredAddress: s.registeredAddress,
    actualAddress: s.actualAddress,
    ambulanceFrom: s.ambulanceFrom,
    phone: s.phone,
    reporter: s.reporter,
    urgency: s.urgency,
    curator: s.curator,
    assignedAt: s.assignedAt,
    assignedBy: s.assignedBy,
    arrivedAt: s.arrivedAt,
    decision: decisionOf(s.status),
    decidedAt: s.decidedAt,
    caseNumber: s.case?.number ?? null,
    late: s.late,
    status: s.status,
  }));
  await auditJournalRead(db, actor, "service", filters, items, input.now);
  return { items, page: filters.page, pageSize: filters.pageSize, total };
}

export function decisionOf(status: SignalStatus): SignalDecision | null {
  return status === "case_opened" || status === "not_confirmed" ? status : null;
}

/** The caller's scope plus the filters, or the reason the caller may not read this journal. */
async function journalWhere(
  db: Db,
  actor: StaffActor,
  journal: JournalName,
  filters: JournalFilters,
  periodField: "identifiedAt" | "transmittedAt",
): Promise<Prisma.SignalWhereInput> {
  const scope = signalScope(actor, journal === "hospital" ? "journal.hospital.read" : "journal.service.read");
  if (!scope) throw forbidden(`the ${journal} journal is not available to you`);
  // A filter outside the caller's scope is refused, not silently narrowed.
  if (scope.hospitalId && filters.hospitalId && filters.hospitalId !== scope.hospitalId) {
    throw forbidden("hospitalId: only your own hospital's journal is available", "hospitalId");
  }
  if (scope.curatorId && filters.curatorId && filters.curatorId !== scope.curatorId) {
    throw forbidden("curatorId: only your own signals are available", "curatorId");
  }
  const period = await periodWhere(db, actor.serviceId, filters);
  return {
    AND: [
      scope,
      filters.hospitalId ? { hospitalId: filters.hospitalId } : {},
      filters.curatorId ? { curatorId: filters.curatorId } : {},
      filters.status ? { status: filters.status } : {},
      period ? { [periodField]: period } : {},
    ],
  };
}

function forbidden(message: string, field?: string): DomainError {
  return apiError("forbidden", message, field ? { field } : undefined);
}

async function auditJournalRead(
  db: Db,
  actor: StaffActor,
  journal: JournalName,
  filters: JournalFilters,
  rows: { id: string }[],
  now: Date,
): Promise<void> {
  // Ids, statuses, dates and paging only: nothing in the filters is personal data.
  const recorded: Record<string, Json> = {};
  for (const [key, value] of Object.entries(filters)) if (value !== undefined) recorded[key] = value as Json;
  await writeAudit(db, {
    actor,
    action: "journal.read",
    subjectType: "journal",
    subjectId: journal,
    details: { journal, count: rows.length, filters: recorded, signalIds: rows.map((r) => r.id) },
    at: now,
  });
}
