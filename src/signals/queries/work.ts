/**
 * "My work": what a person has to do now. A curator: their open signals and open cases. A head:
 * the service's signals still waiting for a curator. Who sees what comes from the access policy's
 * scope, not from roles here.
 */
import type { StaffActor } from "../../platform/actor.ts";
import { signalScope } from "../../access/policy.ts";
import { OPEN_CASE_STATUSES } from "../../cases/domain/case.ts";
import type { Db } from "../../platform/db/client.ts";
import { OPEN_STATUSES, type SignalStatus } from "../domain/lifecycle.ts";

/** One open signal in a work list. */
export interface WorkSignal {
  id: string;
  serviceNumber: number;
  serviceYear: number;
  status: SignalStatus;
  visitDeadline: Date | null;
  arrivedAt: Date | null;
}

/** One open case in a work list. */
export interface WorkCase {
  id: string;
  number: string;
  openedAt: Date;
  signal: { serviceNumber: number; serviceYear: number };
}

/** The work list; empty lists when the actor has none. */
export async function workList(
  db: Db,
  actor: StaffActor,
): Promise<{ signals: WorkSignal[]; cases: WorkCase[] }> {
  const scope = signalScope(actor, "work.list");
  if (!scope) return { signals: [], cases: [] };
  const own = scope.curatorId !== undefined;
  const signals = await db.signal.findMany({
    where: { ...scope, status: { in: own ? OPEN_STATUSES : ["received"] } },
    orderBy: { transmittedAt: "asc" },
    take: 50,
    select: {
      id: true,
      serviceNumber: true,
      serviceYear: true,
      status: true,
      visitDeadline: true,
      arrivedAt: true,
    },
  });
  const cases = own
    ? await db.case.findMany({
        where: { curatorId: scope.curatorId, status: { in: [...OPEN_CASE_STATUSES] } },
        select: {
          id: true,
          number: true,
          openedAt: true,
          signal: { select: { serviceNumber: true, serviceYear: true } },
        },
        orderBy: { openedAt: "asc" },
      })
    : [];
  return { signals, cases };
}
