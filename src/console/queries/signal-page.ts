/**
 * One signal for its console page: the signal area's detail query (policy and audit included),
 * plus the names of the curators its history refers to by id.
 */
import type { StaffActor } from "../../access/policy.ts";
import type { Db } from "../../platform/db/client.ts";
import { readSignal, type SignalDetail } from "../../signals/queries/signal-detail.ts";

/** The signal and the names behind the staff ids in its history. */
export interface SignalPage {
  signal: SignalDetail;
  names: ReadonlyMap<string, string>;
}

const ID_FIELDS = ["curatorId", "fromCuratorId"] as const;

/** Reads a signal (audited as `signal.read`) and the names its timeline needs. */
export async function readSignalPage(
  db: Db,
  actor: StaffActor,
  signalId: string,
  now: Date,
): Promise<SignalPage> {
  const signal = await readSignal(db, { actor, signalId, now });
  const ids = new Set<string>();
  for (const entry of signal.timeline) {
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
  return { signal, names: new Map(staff.map((s) => [s.id, s.fullName])) };
}
