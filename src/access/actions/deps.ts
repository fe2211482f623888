/**
 * What the access area's actions need: the transaction and the moment. They queue no jobs and
 * tell nobody, so any channel's {@link ActionDeps} will do, and so will a bare transaction (the
 * admin command line, {@link inTransaction}).
 */
import type { SystemActor } from "../../platform/actor.ts";
import type { ActionDeps } from "../../platform/actions.ts";
import type { DbClient } from "../../platform/db/client.ts";

/** Dependencies of an access action. */
export type AccessDeps = Pick<ActionDeps, "tx" | "now">;

/** The admin command line acting for the service (it has no staff member behind it). */
export const CLI_ACTOR: SystemActor = { kind: "system", channel: "cli" };

/**
 * Runs access actions in one transaction of their own (the command line, tests).
 *
 * @example
 * await inTransaction(db, new Date(), (d) => setStaffActive(d, CLI_ACTOR, { staffId, active: false }));
 */
export function inTransaction<T>(
  db: DbClient,
  now: Date,
  work: (deps: AccessDeps) => Promise<T>,
): Promise<T> {
  return db.$transaction((tx) => work({ tx, now }));
}
