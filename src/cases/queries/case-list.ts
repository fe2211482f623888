/**
 * The list of cases for the API: filters (status, curator, period of opening, overdue), paging,
 * and the audit row every read of personal data leaves. Who sees which cases is the policy's
 * ({@link caseScope}): heads and admins the service's, a curator their own, a psychologist the
 * attached ones, a reporter none.
 */
import { caseScope, type StaffActor } from "../../access/policy.ts";
import type { Prisma } from "../../generated/prisma/client.ts";
import { writeAudit } from "../../platform/audit.ts";
import type { Db } from "../../platform/db/client.ts";
import { apiError } from "../../platform/errors.ts";
import type { Json } from "../../platform/flow/types.ts";
import { resolvePeriod } from "../../signals/queries/period.ts";
import { stageOf, type CaseCloseReason, type CaseStage, type CaseStatus } from "../domain/case.ts";

/** Filters and paging of the list, already validated at the edge. */
export interface CaseFilters {
  status?: CaseStatus | undefined;
  curatorId?: string | undefined;
  /** Opened from (inclusive): an ISO date or date-time, in the service's zone without an offset. */
  from?: string | undefined;
  /** Opened before (exclusive). */
  to?: string | undefined;
  /** Only cases with something overdue now (true), or with nothing overdue (false). */
  overdue?: boolean | undefined;
  page: number;
  pageSize: number;
}

/** A person as lists name them. */
export interface PersonRef {
  id: string;
  fullName: string;
}

/** One case of the list. */
export interface CaseListItem {
  id: string;
  number: string;
  signal: { id: string; number: string };
  hospital: { id: string; name: string };
  womanFullName: string;
  status: CaseStatus;
  stage: CaseStage | null;
  curator: PersonRef;
  psychologist: PersonRef | null;
  openedAt: Date;
  planDueAt: Date | null;
  limitAt: Date | null;
  accompanimentAt: Date | null;
  closedAt: Date | null;
  closeReason: CaseCloseReason | null;
  handedOverAt: Date | null;
  nextDueAt: Date | null;
  overdueSince: Date | null;
}

const PERSON = { select: { id: true, fullName: true } } as const;

/** What a list row (and the detail) reads of a case. */
export const CASE_ROW = {
  id: true,
  number: true,
  status: true,
  openedAt: true,
  planDueAt: true,
  limitAt: true,
  accompanimentAt: true,
  closedAt: true,
  closeReason: true,
  handedOverAt: true,
  nextDueAt: true,
  overdueSince: true,
  curator: PERSON,
  psychologist: PERSON,
  signal: {
    select: {
      id: true,
      serviceNumber: true,
      serviceYear: true,
      womanFullName: true,
      hospital: { select: { id: true, name: true } },
    },
  },
} satisfies Prisma.CaseSelect;

/** A case row as {@link CASE_ROW} reads it, as the API shows it. */
export function listItem(c: Prisma.CaseGetPayload<{ select: typeof CASE_ROW }>): CaseListItem {
  return {
    id: c.id,
    number: c.number,
    signal: { id: c.signal.id, number: `${c.signal.serviceNumber}/${c.signal.serviceYear}` },
    hospital: c.signal.hospital,
    womanFullName: c.signal.womanFullName,
    status: c.status,
    stage: stageOf(c.status),
    curator: c.curator,
    psychologist: c.psychologist,
    openedAt: c.openedAt,
    planDueAt: c.planDueAt,
    limitAt: c.limitAt,
    accompanimentAt: c.accompanimentAt,
    closedAt: c.closedAt,
    closeReason: c.closeReason,
    handedOverAt: c.handedOverAt,
    nextDueAt: c.nextDueAt,
    overdueSince: c.overdueSince,
  };
}

/**
 * One page of cases, ordered by number (year, then number). Writes the audit row `case.list_read`.
 *
 * @throws DomainError `forbidden` (a reporter; a curator's filter for another curator),
 *   `bad_request` (a period ending before it starts).
 */
export async function readCases(
  db: Db,
  input: { actor: StaffActor; filters: CaseFilters; now: Date },
): Promise<{ items: CaseListItem[]; page: number; pageSize: number; total: number }> {
  const { actor, filters, now } = input;
  const scope = caseScope(actor);
  if (!scope) throw apiError("forbidden", "cases are not available to you");
  if (scope.curatorId && filters.curatorId && filters.curatorId !== scope.curatorId)
    throw apiError("forbidden", "curatorId: only your own cases are available", { field: "curatorId" });
  const { period: bounds } = await resolvePeriod(db, actor.serviceId, filters);
  const period =
    bounds.from || bounds.to
      ? { ...(bounds.from ? { gte: bounds.from } : {}), ...(bounds.to ? { lt: bounds.to } : {}) }
      : null;
  const where: Prisma.CaseWhereInput = {
    AND: [
      scope,
      filters.status ? { status: filters.status } : {},
      filters.curatorId ? { curatorId: filters.curatorId } : {},
      period ? { openedAt: period } : {},
      filters.overdue === true ? { overdueSince: { lte: now } } : {},
      filters.overdue === false ? { OR: [{ overdueSince: null }, { overdueSince: { gt: now } }] } : {},
    ],
  };
  const [total, rows] = await Promise.all([
    db.case.count({ where }),
    db.case.findMany({
      where,
      select: CASE_ROW,
      orderBy: [{ caseYear: "asc" }, { caseNumber: "asc" }],
      skip: (filters.page - 1) * filters.pageSize,
      take: filters.pageSize,
    }),
  ]);
  const items = rows.map(listItem);
  const recorded: Record<string, Json> = {};
  for (const [key, value] of Object.entries(filters)) if (value !== undefined) recorded[key] = value as Json;
  await writeAudit(db, {
    actor,
    action: "case.list_read",
    subjectType: "cases",
    subjectId: "list",
    details: { count: items.length, filters: recorded, caseIds: items.map((i) => i.id) },
    at: now,
  });
  return { items, page: filters.page, pageSize: filters.pageSize, total };
}
