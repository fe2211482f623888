/**
 * "My work": what a person has to do now, as far as signals go. A curator: their open signals. A
 * head: the service's signals still waiting for a curator. Who sees what comes from the access policy's
 * scope, not from roles here.
 */
import type { StaffActor } from "../../platform/actor.ts";
import { signalScope } from "../../access/policy.ts";
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

/** The open signals of the work list; empty when the actor has none (cases: src/cases/queries/work.ts). */
export async function workList(db: Db, actor: StaffActor): Promise<WorkSignal[]> {
  const scope = signalScope(actor, "work.list");
  if (!scope) return [];
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
  return signals;
}
