/**
 * The cases of "my work": a curator's open cases; for a head every open case of the service and
 * every case still waiting for an acknowledgement, overdue first. Who sees which comes from the
 * access policy's {@link caseScope}.
 */
import { caseScope, type StaffActor } from "../../access/policy.ts";
import type { Db } from "../../platform/db/client.ts";
import { OPEN_CASE_STATUSES } from "../domain/case.ts";
import { CASE_INCLUDE, type CaseView } from "./case-view.ts";

/** Longest list `/my` shows. */
export const MAX_WORK_CASES = 60;

/** The cases to list, overdue first (then by opening). */
export async function workCases(db: Db, actor: StaffActor): Promise<CaseView[]> {
  const scope = caseScope(actor);
  if (!scope) return [];
  return db.case.findMany({
    where: { ...scope, OR: [{ status: { in: [...OPEN_CASE_STATUSES] } }, { overdueSince: { not: null } }] },
    include: CASE_INCLUDE,
    orderBy: [{ overdueSince: { sort: "asc", nulls: "last" } }, { openedAt: "asc" }],
    take: MAX_WORK_CASES,
  });
}
