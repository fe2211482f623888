/**
 * The refusals the signal actions share, as DomainErrors (HTTP 404/409, a chat alert).
 */
import { shortName } from "../../access/names.ts";
import { DomainError } from "../../platform/errors.ts";
import type { SignalStatus } from "../domain/lifecycle.ts";
import { signalNumber } from "../domain/numbers.ts";
import type { SignalView } from "../queries/signal-view.ts";

/** No such signal in the actor's reach. */
export function signalNotFound(): DomainError {
  return new DomainError("not_found", "errors.not_found", { message: "no such signal" });
}

/** The action does not fit the signal's status. */
export function wrongState(status: SignalStatus): DomainError {
  return new DomainError("conflict", "signal.wrong_state", {
    params: { status: { key: `signal.status.${status}` } },
    message: `not possible while the signal is "${status}"`,
    reason: "wrong_state",
    details: { status },
  });
}

/** Someone changed the signal between reading and writing it. */
export function changedMeanwhile(): DomainError {
  return new DomainError("conflict", "signal.changed_meanwhile", {
    message: "the signal was changed meanwhile; read it again",
    reason: "changed_meanwhile",
  });
}

/**
 * The press was made on a card of an earlier state (`expectedVersion` differs): nothing is done.
 * A press meant to assign is answered with who is on the signal now.
 */
export function outdated(signal: SignalView, meant?: "assign"): DomainError {
  if (meant === "assign" && signal.curatorId) return alreadyAssigned(signal);
  return new DomainError("conflict", "signal.outdated", {
    params: { number: signalNumber(signal), status: { key: `signal.status.${signal.status}` } },
    message: "the signal changed since this was shown; read it again",
    reason: "outdated",
    details: { status: signal.status, version: signal.version },
  });
}

/** Checks the version a press or request was made for, when it names one. */
export function checkVersion(signal: SignalView, expected: number | undefined, meant?: "assign"): void {
  if (expected !== undefined && signal.version !== expected) throw outdated(signal, meant);
}

/** A curator is already on the signal: says who, and who assigned them. */
export function alreadyAssigned(signal: SignalView): DomainError {
  return new DomainError("conflict", "signal.already_assigned", {
    params: {
      number: signalNumber(signal),
      curator: signal.curator ? shortName(signal.curator.fullName) : "—",
      head: signal.assignedBy ? shortName(signal.assignedBy.fullName) : "—",
    },
    message: "the signal already has a curator",
    reason: "already_assigned",
    details: { curatorId: signal.curatorId, assignedById: signal.assignedById },
  });
}
