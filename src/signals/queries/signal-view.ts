/**
 * One signal with what actions check and cards show: its hospital, service, people and case.
 */
import type { Db } from "../../platform/db/client.ts";

/** Loads a signal with its hospital, service, people and case; null when there is none. */
export function loadSignal(db: Db, id: string) {
  return db.signal.findUnique({
    where: { id },
    include: { hospital: true, reporter: true, curator: true, assignedBy: true, case: true, service: true },
  });
}

/** A signal as {@link loadSignal} returns it. */
export type SignalView = NonNullable<Awaited<ReturnType<typeof loadSignal>>>;
