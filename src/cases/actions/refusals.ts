/**
 * The refusals the case actions share, as DomainErrors (HTTP 404/409/422, a chat alert).
 */
import { shortName } from "../../access/names.ts";
import type { Db } from "../../platform/db/client.ts";
import { DomainError } from "../../platform/errors.ts";
import type { CaseStatus } from "../domain/case.ts";

/** No such case in the actor's reach. */
export function caseNotFound(): DomainError {
  return new DomainError("not_found", "errors.not_found", { message: "no such case" });
}

/** The action does not fit the case's status. */
export function wrongCaseState(status: CaseStatus): DomainError {
  return new DomainError("conflict", "case.wrong_state", {
    params: { status: { key: `case.status.${status}` } },
    message: `not possible while the case is "${status}"`,
    reason: "wrong_state",
    details: { status },
  });
}

/** Someone changed the case between reading and writing it. */
export function caseChangedMeanwhile(): DomainError {
  return new DomainError("conflict", "case.changed_meanwhile", {
    message: "the case was changed meanwhile; read it again",
    reason: "changed_meanwhile",
  });
}

/** The stage's work ended meanwhile: says how and by whom. */
export async function alreadyDecided(db: Db, caseId: string): Promise<DomainError> {
  const c = await db.case.findUniqueOrThrow({
    where: { id: caseId },
    select: { number: true, status: true },
  });
  const last = await db.caseEvent.findFirst({
    where: { caseId, type: { in: ["closed", "moved_to_accompaniment", "handed_over"] } },
    orderBy: { id: "desc" },
    select: { actorStaff: { select: { fullName: true } } },
  });
  return new DomainError("conflict", "case.already_decided", {
    params: {
      number: c.number,
      status: { key: `case.status.${c.status}` },
      who: last?.actorStaff ? shortName(last.actorStaff.fullName) : "—",
    },
    message: `the case is already ${c.status}`,
    reason: "already_decided",
    details: { status: c.status },
  });
}

/** Monitoring and corrections need the stage's plan first. */
export function noPlan(): DomainError {
  return new DomainError("conflict", "case.no_plan", {
    message: "the stage's plan is not made yet",
    reason: "no_plan",
  });
}

/** A close reason or monitoring decision of the other stage. */
export function notForStage(what: string): DomainError {
  return new DomainError("unprocessable", "case.not_for_stage", {
    message: `${what} does not fit the case's stage`,
    reason: "not_for_stage",
    details: { field: what },
  });
}

/** Bad input from a channel that skipped the dialogue's checks (the API, a forged button). */
export function invalidCaseInput(message: string, field: string): DomainError {
  return new DomainError("unprocessable", "case.invalid_input", { message, details: { field } });
}
