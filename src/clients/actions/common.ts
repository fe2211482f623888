/**
 * What the clients' actions share: the case as they need it, the checks, the refusals.
 */
import { authorize, type Actor } from "../../access/policy.ts";
import type { Db } from "../../platform/db/client.ts";
import { DomainError } from "../../platform/errors.ts";

/** Statuses in which the channel may run. */
export const ACTIVE_STATUSES = ["open", "accompaniment"] as const;

/** The case's fields the channel needs. */
export async function clientCase(db: Db, caseId: string) {
  return db.case.findUnique({
    where: { id: caseId },
    select: {
      id: true,
      serviceId: true,
      number: true,
      status: true,
      curatorId: true,
      psychologistId: true,
      service: { select: { timeZone: true } },
    },
  });
}
export type ClientCase = NonNullable<Awaited<ReturnType<typeof clientCase>>>;

/** Whether the channel may run for a case of this status. */
export function activeCase(status: string): boolean {
  return (ACTIVE_STATUSES as readonly string[]).includes(status);
}

/** Loads a case a staff member works with the mother on, or refuses. */
export async function caseForContact(db: Db, actor: Actor, caseId: string): Promise<ClientCase> {
  const c = await clientCase(db, caseId);
  if (!c) throw new DomainError("not_found", "errors.not_found", { message: "no such case" });
  authorize(actor, "case.client_contact", {
    serviceId: c.serviceId,
    curatorId: c.curatorId,
    psychologistId: c.psychologistId,
  });
  if (!activeCase(c.status))
    throw new DomainError("conflict", "clients.case_not_active", { message: "the case is not active" });
  return c;
}

/** The consent in force for a case (the latest not withdrawn), if any. */
export function activeConsent(db: Db, caseId: string) {
  return db.clientConsent.findFirst({
    where: { caseId, withdrawnAt: null },
    orderBy: { recordedAt: "desc" },
  });
}

/** The staff id of an actor (null for the system and for the mother). */
export function staffIdOf(actor: Actor): string | null {
  return actor.kind === "staff" ? actor.id : null;
}

/** The plan she works to now: the case's stage's latest version (the decision plan until there is a long-term one). */
export async function currentClientPlan(db: Db, caseId: string, status: string) {
  const include = { actions: { orderBy: { position: "asc" as const } } };
  if (status === "accompaniment") {
    const rehab = await db.casePlan.findFirst({
      where: { caseId, kind: "rehabilitation" },
      orderBy: { version: "desc" },
      include,
    });
    if (rehab) return rehab;
  }
  return db.casePlan.findFirst({
    where: { caseId, kind: "decision_change" },
    orderBy: { version: "desc" },
    include,
  });
}
