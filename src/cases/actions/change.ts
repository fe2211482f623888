/**
 * What every case action does around its own change: loading and checking the case, the
 * race-safe update of the case row (its `version`), and the schedule refresh afterwards.
 */
import { authorize, type Actor, type Permission } from "../../access/policy.ts";
import type { Prisma } from "../../generated/prisma/client.ts";
import type { Db } from "../../platform/db/client.ts";
import { canDo, type CaseAction } from "../domain/case.ts";
import { loadCase, type CaseView } from "../queries/case-view.ts";
import { refreshSchedule } from "../schedule.ts";
import type { CaseDeps } from "./deps.ts";
import { alreadyDecided, caseChangedMeanwhile, caseNotFound, wrongCaseState } from "./refusals.ts";

/** The policy's subject for a case. */
export function caseSubject(c: Pick<CaseView, "serviceId" | "curatorId" | "psychologistId">) {
  return { serviceId: c.serviceId, curatorId: c.curatorId, psychologistId: c.psychologistId };
}

/**
 * Loads a case, checks that `actor` may do `permission` to it and that `action` fits its status;
 * throws the refusal otherwise (nothing is written before).
 */
export async function caseFor(
  db: Db,
  actor: Actor,
  caseId: string,
  permission: Permission,
  action: CaseAction,
): Promise<CaseView> {
  const c = await loadCase(db, caseId);
  if (!c) throw caseNotFound();
  authorize(actor, permission, caseSubject(c));
  if (!canDo(c.status, action)) {
    if (c.status === "closed" || c.status === "handed_over") throw await alreadyDecided(db, c.id);
    throw wrongCaseState(c.status);
  }
  return c;
}

/**
 * Updates the case row if nobody changed it since it was read (its version and status), and
 * increments the version: of two people acting at once exactly one wins; the other is told what
 * happened (the case was closed, moved or handed over by X — or just changed).
 */
export async function changeCase(
  tx: Db,
  c: Pick<CaseView, "id" | "version" | "status">,
  data: Prisma.CaseUncheckedUpdateManyInput,
): Promise<void> {
  const updated = await tx.case.updateMany({
    where: { id: c.id, version: c.version, status: c.status },
    data: { ...data, version: { increment: 1 } },
  });
  if (updated.count === 1) return;
  const now = await tx.case.findUniqueOrThrow({ where: { id: c.id }, select: { status: true } });
  throw now.status !== c.status ? await alreadyDecided(tx, c.id) : caseChangedMeanwhile();
}

/** The staff id of an actor (null for the system). */
export function actorId(actor: Actor): string | null {
  return actor.kind === "staff" ? actor.id : null;
}

/** Recomputes the case's schedule after an action. */
export function afterChange(deps: CaseDeps, caseId: string): Promise<void> {
  return refreshSchedule(deps.tx, caseId, deps.settings.cases, deps.now);
}
