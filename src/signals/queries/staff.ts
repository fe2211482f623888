/**
 * The people a signal concerns: the heads who must hear of it, and the curators to choose from
 * with their caseload.
 */
import type { Db } from "../../platform/db/client.ts";
import { openCaseCounts } from "../../cases/queries/caseload.ts";
import type { CuratorLoad } from "../domain/lifecycle.ts";

/** Active heads of a service (everyone who must get a new signal). */
export async function activeHeads(db: Db, serviceId: string): Promise<string[]> {
  const heads = await db.staff.findMany({
    where: { serviceId, role: "head", active: true },
    select: { id: true },
  });
  return heads.map((h) => h.id);
}

/** Active curators of a service with the cases each carries now, by name. */
export async function curatorLoads(db: Db, serviceId: string): Promise<CuratorLoad[]> {
  const curators = await db.staff.findMany({
    where: { serviceId, role: "curator", active: true },
    orderBy: { fullName: "asc" },
    select: { id: true, fullName: true },
  });
  const counts = await openCaseCounts(
    db,
    curators.map((c) => c.id),
  );
  const visiting = await db.signal.findMany({
    where: { curatorId: { in: curators.map((c) => c.id) }, status: { in: ["on_the_way", "arrived"] } },
    select: { curatorId: true },
  });
  const onVisit = new Set(visiting.map((s) => s.curatorId));
  return curators.map((c) => ({
    id: c.id,
    fullName: c.fullName,
    openCases: counts.get(c.id) ?? 0,
    onVisit: onVisit.has(c.id),
  }));
}
