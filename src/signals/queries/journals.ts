/**
 * Reading the journals and one signal, for the API: who may see what, the filters, and the
 * audit row every read of a woman's personal data leaves.
 *
 * Access (always within the caller's service):
 * - reporter: signals of their own hospital, hospital journal only; anything else is 403;
 * - curator: signals they are the curator of; another signal is 404 (its existence is not
 *   revealed); both journals, filtered to their own;
 * - head, admin: everything in the service;
 * - psychologist: nothing yet (403).
 *
 * Periods are given as ISO dates or date-times; a date, or a date-time without an offset, is a
 * wall-clock time in the service's zone, so `to=2025-04-01` ends the period at midnight Moscow
 * time for a Moscow service, whatever the server's zone.
 */
import { DateTime } from "luxon";
import { AppError } from "../../platform/errors.ts";
import type { Db } from "../../platform/db/client.ts";
import type { SignalStatus } from "../domain/lifecycle.ts";
import type { Json } from "../../platform/flow/types.ts";
import type { Prisma } from "../../generated/prisma/client.ts";
import type { SignalCategory, StaffRole, Urgency, WomanLocation } from "../../generated/prisma/enums.ts";
import { hospitalNumber, signalNumber } from "../cards.ts";

/** The person reading (the authenticated staff member). */
export interface JournalViewer {
  id: string;
  role: StaffRole;
  serviceId: string;
  hospitalId: string | null;
}

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

/** One entry of a signal's history. */
export interface TimelineEntry {
  /** The event's sequence number (a bigint, as a string). */
  id: string;
  type: string;
  at: Date;
  actor: PersonRef | null;
  data: Json;
}

/** A signal with all its fields, its case and its history. */
export interface SignalDetail {
  id: string;
  number: string;
  hospitalNumber: string;
  hospital: HospitalRef & { shortName: string };
  reporter: PersonRef;
  womanFullName: string;
  /** "YYYY-MM-DD". */
  womanBirthDate: string | null;
  womanAge: number | null;
  registeredAddress: string | null;
  actualAddress: string | null;
  ambulanceFrom: string | null;
  phone: string | null;
  category: SignalCategory;
  location: WomanLocation;
  comment: string | null;
  identifiedAt: Date;
  registeredAt: Date;
  transmittedAt: Date;
  late: boolean;
  urgency: Urgency | null;
  status: SignalStatus;
  curator: PersonRef | null;
  assignedAt: Date | null;
  assignedBy: PersonRef | null;
  acceptedAt: Date | null;
  departedAt: Date | null;
  arrivedAt: Date | null;
  visitDeadline: Date | null;
  outcome: Json;
  decision: SignalDecision | null;
  decidedAt: Date | null;
  isDemo: boolean;
  createdAt: Date;
  version: number;
  case: {
    id: string;
    number: string;
    status: string;
    curator: PersonRef;
    openedAt: Date;
    closedAt: Date | null;
    closeReason: string | null;
  } | null;
  timeline: TimelineEntry[];
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?$/;

/**
 * The instant an ISO date ("2025-03-01": midnight) or date-time ("2025-03-01T10:00",
 * "2025-03-01T10:00:00Z", "…+03:00") stands for; without an offset it is read in `timeZone`.
 * Null when the value is not one of these forms or not a real date.
 *
 * @example
 * parsePeriodBound("2025-04-01", "Europe/Moscow")?.toISOString(); // "2025-03-31T21:00:00.000Z"
 */
export function parsePeriodBound(value: string, timeZone: string): Date | null {
  if (!DATE.test(value) && !DATE_TIME.test(value)) return null;
  const parsed = DateTime.fromISO(value, { zone: timeZone });
  return parsed.isValid ? parsed.toJSDate() : null;
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
 * @throws AppError `forbidden` (psychologist; a reporter's filter for another hospital; a
 *   curator's filter for another curator), `bad_request` (a period ending before it starts).
 */
export async function readHospitalJournal(
  db: Db,
  input: { viewer: JournalViewer; filters: JournalFilters; now: Date },
): Promise<JournalPage<HospitalJournalRow>> {
  const { viewer, filters } = input;
  const where = await journalWhere(db, viewer, "hospital", filters, "identifiedAt");
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
  await auditJournalRead(db, viewer, "hospital", filters, items.length, input.now);
  return { items, page: filters.page, pageSize: filters.pageSize, total };
}

/**
 * The service registration journal, ordered by the service's numbering; the period filters on
 * transmittedAt (when the service received the signal). Writes the audit row `journal.read`.
 *
 * @throws AppError `forbidden` (psychologist, reporter; a curator's filter for another
 *   curator), `bad_request` (a period ending before it starts).
 */
export async function readServiceJournal(
  db: Db,
  input: { viewer: JournalViewer; filters: JournalFilters; now: Date },
): Promise<JournalPage<ServiceJournalRow>> {
  const { viewer, filters } = input;
  const where = await journalWhere(db, viewer, "service", filters, "transmittedAt");
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
  await auditJournalRead(db, viewer, "service", filters, items.length, input.now);
  return { items, page: filters.page, pageSize: filters.pageSize, total };
}

/**
 * One signal with its case and full history (events in id order). Writes the audit row
 * `signal.read`.
 *
 * @throws AppError `not_found` (no such signal in the caller's service, or a curator's
 *   signal that is not theirs), `forbidden` (psychologist; a reporter and another hospital).
 */
export async function readSignal(
  db: Db,
  input: { viewer: JournalViewer; signalId: string; now: Date },
): Promise<SignalDetail> {
  const { viewer } = input;
  if (viewer.role === "psychologist") throw forbidden("signals are not available to psychologists");
  const s = await db.signal.findFirst({
    where: { id: input.signalId, serviceId: viewer.serviceId },
    include: {
      hospital: { select: { id: true, name: true, shortName: true } },
      reporter: PERSON,
      curator: PERSON,
      assignedBy: PERSON,
      case: { include: { curator: PERSON } },
      events: { orderBy: { id: "asc" }, include: { actorStaff: PERSON } },
    },
  });
  if (!s) throw new AppError("not_found", "no such signal");
  if (viewer.role === "reporter" && s.hospitalId !== viewer.hospitalId) {
    throw forbidden("the signal belongs to another hospital");
  }
  if (viewer.role === "curator" && s.curatorId !== viewer.id)
    throw new AppError("not_found", "no such signal");

  const detail: SignalDetail = {
    id: s.id,
    number: signalNumber(s),
    hospitalNumber: hospitalNumber(s),
    hospital: s.hospital,
    reporter: s.reporter,
    womanFullName: s.womanFullName,
    womanBirthDate: s.womanBirthDate ? s.womanBirthDate.toISOString().slice(0, 10) : null,
    womanAge: s.womanAge,
    registeredAddress: s.registeredAddress,
    actualAddress: s.actualAddress,
    ambulanceFrom: s.ambulanceFrom,
    phone: s.phone,
    category: s.category,
    location: s.location,
    comment: s.comment,
    identifiedAt: s.identifiedAt,
    registeredAt: s.registeredAt,
    transmittedAt: s.transmittedAt,
    late: s.late,
    urgency: s.urgency,
    status: s.status,
    curator: s.curator,
    assignedAt: s.assignedAt,
    assignedBy: s.assignedBy,
    acceptedAt: s.acceptedAt,
    departedAt: s.departedAt,
    arrivedAt: s.arrivedAt,
    visitDeadline: s.visitDeadline,
    outcome: (s.outcome ?? null) as Json,
    decision: decisionOf(s.status),
    decidedAt: s.decidedAt,
    isDemo: s.isDemo,
    createdAt: s.createdAt,
    version: s.version,
    case: s.case
      ? {
          id: s.case.id,
          number: s.case.number,
          status: s.case.status,
          curator: s.case.curator,
          openedAt: s.case.openedAt,
          closedAt: s.case.closedAt,
          closeReason: s.case.closeReason,
        }
      : null,
    timeline: s.events.map((e) => ({
      id: e.id.toString(),
      type: e.type,
      at: e.at,
      actor: e.actorStaff,
      data: e.data as Json,
    })),
  };
  await db.auditEvent.create({
    data: {
      serviceId: viewer.serviceId,
      actorStaffId: viewer.id,
      action: "signal.read",
      subjectType: "signal",
      subjectId: s.id,
      details: {},
      at: input.now,
    },
  });
  return detail;
}

function forbidden(message: string, field?: string): AppError {
  return new AppError("forbidden", message, field ? { field } : undefined);
}

function decisionOf(status: SignalStatus): SignalDecision | null {
  return status === "case_opened" || status === "not_confirmed" ? status : null;
}

/** The caller's scope plus the filters, or the reason the caller may not read this journal. */
async function journalWhere(
  db: Db,
  viewer: JournalViewer,
  journal: JournalName,
  filters: JournalFilters,
  periodField: "identifiedAt" | "transmittedAt",
): Promise<Prisma.SignalWhereInput> {
  const scope = accessScope(viewer, journal, filters);
  const period = await periodWhere(db, viewer.serviceId, filters);
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

function accessScope(
  viewer: JournalViewer,
  journal: JournalName,
  filters: JournalFilters,
): Prisma.SignalWhereInput {
  const service = { serviceId: viewer.serviceId };
  switch (viewer.role) {
    case "head":
    case "admin":
      return service;
    case "reporter":
      if (journal !== "hospital") throw forbidden("the service journal is not available to hospital staff");
      // A reporter without a hospital is a data error; they see nothing rather than everything.
      if (!viewer.hospitalId) throw forbidden("no hospital is set for this reporter");
      if (filters.hospitalId && filters.hospitalId !== viewer.hospitalId) {
        throw forbidden("hospitalId: only your own hospital's journal is available", "hospitalId");
      }
      return { ...service, hospitalId: viewer.hospitalId };
    case "curator":
      if (filters.curatorId && filters.curatorId !== viewer.id) {
        throw forbidden("curatorId: only your own signals are available", "curatorId");
      }
      return { ...service, curatorId: viewer.id };
    case "psychologist":
      throw forbidden("journals are not available to psychologists");
  }
}

async function periodWhere(
  db: Db,
  serviceId: string,
  filters: JournalFilters,
): Promise<{ gte?: Date; lt?: Date } | null> {
  if (!filters.from && !filters.to) return null;
  const service = await db.service.findUniqueOrThrow({
    where: { id: serviceId },
    select: { timeZone: true },
  });
  const bound = (field: "from" | "to"): Date | undefined => {
    const value = filters[field];
    if (value === undefined) return undefined;
    const at = parsePeriodBound(value, service.timeZone);
    if (!at) throw new AppError("bad_request", `${field}: must be an ISO date or date-time`, { field });
    return at;
  };
  const gte = bound("from");
  const lt = bound("to");
  if (gte && lt && lt <= gte)
    throw new AppError("bad_request", "to: must be later than from", { field: "to" });
  return { ...(gte ? { gte } : {}), ...(lt ? { lt } : {}) };
}

async function auditJournalRead(
  db: Db,
  viewer: JournalViewer,
  journal: JournalName,
  filters: JournalFilters,
  count: number,
  now: Date,
): Promise<void> {
  // Ids, statuses, dates and paging only: nothing in the filters is personal data.
  const recorded: Record<string, Json> = {};
  for (const [key, value] of Object.entries(filters)) if (value !== undefined) recorded[key] = value as Json;
  await db.auditEvent.create({
    data: {
      serviceId: viewer.serviceId,
      actorStaffId: viewer.id,
      action: "journal.read",
      subjectType: "journal",
      subjectId: journal,
      details: { journal, count, filters: recorded },
      at: now,
    },
  });
}
