/**
 * A curator's caseload: the cases they carry now. The standard allows 9 at once; every open case
 * counts, in stage 3 and in accompaniment alike.
 */
import type { Db } from "../../platform/db/client.ts";
import { OPEN_CASE_STATUSES } from "../domain/case.ts";

/** Open cases per curator, for the given curators (missing ones carry none). */
export async function openCaseCounts(db: Db, curatorIds: string[]): Promise<Map<string, number>> {
  if (curatorIds.length === 0) return new Map();
  const rows = await db.case.groupBy({
    by: ["curatorId"],
    where: { curatorId: { in: curatorIds }, status: { in: [...OPEN_CASE_STATUSES] } },
    _count: { _all: true },
  });
  return new Map(rows.map((r) => [r.curatorId, r._count._all]));
}

/** Open cases of one curator. */
export async function openCaseCount(db: Db, curatorId: string): Promise<number> {
  return (await openCaseCounts(db, [curatorId])).get(curatorId) ?? 0;
}
