/**
 * The one access policy: "may this actor do or see this?" for the chat, the API and the console.
 * Nothing else in the code compares roles or scopes; it asks {@link can}, {@link authorize} or
 * {@link signalScope} here. The table test (tests/access/policy.unit.test.ts) pins every rule.
 *
 * Pure: plain data in, a decision out.
 *
 * @example
 * authorize(actor, "signal.assign", signal); // throws DomainError forbidden / not_found
 * if (can(actor, "signal.submit")) showNewSignalCommand();
 */
import { STAFF_ROLES, type Actor, type StaffActor, type StaffRole } from "../platform/actor.ts";
import { DomainError } from "../platform/errors.ts";

export type { Actor, Channel, ClientActor, StaffActor, StaffRole, SystemActor } from "../platform/actor.ts";
export { STAFF_ROLES, staffActor } from "../platform/actor.ts";

/** What the policy decides about. */
export const PERMISSIONS = [
  // the signal round trip
  "signal.submit",
  "signal.set_urgency",
  "signal.assign",
  "signal.reassign",
  "signal.accept",
  "signal.decline",
  "signal.depart",
  "signal.arrive",
  "signal.record_outcome",
  "signal.read",
  /** The visit outcome, reasons and potential: not for hospital staff. */
  "signal.read_outcome",
  // journals and lists
  "journal.hospital.read",
  "journal.service.read",
  "work.list",
  // child safety and risk assessments (seed 003)
  /** Start one on a case or signal one works on. */
  "assessment.start",
  /** Fill one in (planning … hand-over): its specialist only. */
  "assessment.conduct",
  "assessment.read",
  /** The supervisor's review: mark it reviewed with a comment. */
  "assessment.review",
  // the web console
  "console.sign_in",
  /** The service at a glance: signals waiting for a curator, visits due, curators' loads. */
  "service.overview",
  // people and places (administration)
  "hospital.manage",
  /** Staff list, invitations, deactivation. */
  "staff.manage",
  /** Issuing and revoking other people's API tokens. */
  "api_token.manage",
  // registers and reports (src/registers/)
  /** Journals as documents (XLSX, PDF): a reporter only their hospital's. */
  "register.export",
  /** The effectiveness report. */
  "report.read",
  /** Hospitals' abandonment totals, the report's first denominator. */
  "abandonments.enter",
  // cases (stage 3 and accompaniment)
  /** A case with its sheet, plans, monitoring and history. */
  "case.read",
  /** Lists of cases (the API's list; scoped by {@link caseScope}). */
  "case.list",
  "case.sheet",
  "case.plan",
  "case.monitor",
  /** Close a case, or move it to accompaniment. */
  "case.close",
  "case.extend",
  /** Hand a case over to another organisation, and record that they acknowledged it. */
  "case.hand_over",
  "case.attach_psychologist",
  /** The mother's own channel (src/clients/): her consent, her invitation, answering her, ending it. */
  "case.client_contact",
  // stored files (src/platform/files.ts)
  /** A document made for someone (a register or report they asked for): theirs alone. */
  "document.read",
  // everyone
  "settings.change",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** What a decision may depend on: where the thing belongs and who works on it. */
export interface Subject {
  serviceId: string;
  hospitalId?: string | null;
  curatorId?: string | null;
  /**
   * Others working on it besides its curator: a psychologist attached to a case; for an
   * assessment (whose `curatorId` is its specialist), the curator of its case.
   */
  memberIds?: readonly string[];
  /** A case's attached psychologist. */
  psychologistId?: string | null;
  /** Whom it was made for (a document asked for): only they may read it. */
  ownerId?: string | null;
}

/**
 * Allowed, or how to refuse: `forbidden` (403), or `not_found` (404: its existence is not told),
 * with the text people read when the rule has a more helpful one than the code's.
 */
type Decision = true | { code: "forbidden" | "not_found"; key?: string };

const FORBIDDEN: Decision = { code: "forbidden" };
const NOT_FOUND: Decision = { code: "not_found" };

type Rule = (actor: StaffActor, subject: Subject | undefined) => Decision;

const allow: Rule = () => true;
/** A reporter: things of their own hospital (a reporter without one gets nothing). */
const sameHospital: Rule = (actor, subject) => {
  if (actor.hospitalId === null) return { code: "forbidden", key: "signal.no_hospital" };
  return !subject || subject.hospitalId === actor.hospitalId ? true : FORBIDDEN;
};
/** A curator reading: only their own signals; others are not revealed. */
const ownSignal: Rule = (actor, subject) => (!subject || subject.curatorId === actor.id ? true : NOT_FOUND);
/** A curator acting: only on their own signals. */
const ownSignalToAct: Rule = (actor, subject) =>
  !subject || subject.curatorId === actor.id ? true : { code: "forbidden", key: "signal.not_yours" };

/** Someone working on it (its curator or a member) reading it; others are not revealed. */
const workerOf: Rule = (actor, subject) =>
  !subject || subject.curatorId === actor.id || subject.memberIds?.includes(actor.id) === true
    ? true
    : NOT_FOUND;
/** Someone working on it (its curator or a member) acting on it. */
const workerToAct: Rule = (actor, subject) =>
  !subject || subject.curatorId === actor.id || subject.memberIds?.includes(actor.id) === true
    ? true
    : { code: "forbidden", key: "assessment.not_yours" };
/** The person a document was made for; others are not told it exists. */
const ownerOf: Rule = (actor, subject) => (!subject || subject.ownerId === actor.id ? true : NOT_FOUND);
/** Its own specialist acting on an assessment (the subject's `curatorId`). */
const specialistToAct: Rule = (actor, subject) =>
  !subject || subject.curatorId === actor.id ? true : { code: "forbidden", key: "assessment.not_yours" };
/** A curator reading a case: only their own; others are not revealed. */
const ownCase: Rule = (actor, subject) => (!subject || subject.curatorId === actor.id ? true : NOT_FOUND);
/** A curator working on a case: only their own. */
const ownCaseToAct: Rule = (actor, subject) =>
  !subject || subject.curatorId === actor.id ? true : { code: "forbidden", key: "case.not_yours" };
/** A psychologist: the cases they are attached to; others are not revealed. */
const attachedCase: Rule = (actor, subject) =>
  !subject || subject.psychologistId === actor.id ? true : NOT_FOUND;

/**
 * Who may do what. A role missing from a permission's row is refused with 403. Every subject
 * must also belong to the actor's service (checked first, answered 404).
 */
const RULES: Record<Permission, Partial<Record<StaffRole, Rule>>> = {
  "signal.submit": { reporter: sameHospital },
  "signal.set_urgency": { head: allow },
  "signal.assign": { head: allow },
  "signal.reassign": { head: allow },
  "signal.accept": { curator: ownSignalToAct },
  "signal.decline": { curator: ownSignalToAct },
  "signal.depart": { curator: ownSignalToAct },
  "signal.arrive": { curator: ownSignalToAct },
  "signal.record_outcome": { curator: ownSignalToAct },
  "signal.read": { head: allow, admin: allow, curator: ownSignal, reporter: sameHospital },
  "signal.read_outcome": { head: allow, admin: allow, curator: ownSignal },
  "journal.hospital.read": { head: allow, admin: allow, curator: allow, reporter: sameHospital },
  "journal.service.read": { head: allow, admin: allow, curator: allow },
  "work.list": { head: allow, curator: allow, reporter: sameHospital },
  "assessment.start": { curator: workerToAct, psychologist: workerToAct },
  "assessment.conduct": { curator: specialistToAct, psychologist: specialistToAct },
  "assessment.read": { head: allow, admin: allow, curator: workerOf, psychologist: workerOf },
  "assessment.review": { head: allow },
  "console.sign_in": { head: allow, admin: allow, curator: allow },
  "service.overview": { head: allow, admin: allow },
  "hospital.manage": { admin: allow },
  "staff.manage": { admin: allow },
  "api_token.manage": { admin: allow },
  "register.export": { head: allow, admin: allow, reporter: sameHospital },
  "report.read": { head: allow, admin: allow },
  "abandonments.enter": { head: allow, admin: allow },
  "case.read": { head: allow, admin: allow, curator: ownCase, psychologist: attachedCase },
  "case.list": { head: allow, admin: allow, curator: allow, psychologist: allow },
  "case.sheet": { curator: ownCaseToAct },
  "case.plan": { curator: ownCaseToAct },
  "case.monitor": { head: allow, curator: ownCaseToAct },
  "case.close": { head: allow, curator: ownCaseToAct },
  "case.extend": { head: allow },
  "case.hand_over": { head: allow },
  "case.attach_psychologist": { head: allow, curator: ownCaseToAct },
  "case.client_contact": { curator: ownCaseToAct },
  "document.read": {
    reporter: ownerOf,
    head: ownerOf,
    curator: ownerOf,
    psychologist: ownerOf,
    admin: ownerOf,
  },
  "settings.change": {
    reporter: allow,
    head: allow,
    curator: allow,
    psychologist: allow,
    admin: allow,
  },
};

function decide(actor: Actor, permission: Permission, subject?: Subject): Decision {
  // The system acts on behalf of the service (jobs, the admin command line); it has no role.
  if (actor.kind === "system") return true;
  // A client (the mother, src/clients/) may do nothing staff may: her own area serves her.
  if (actor.kind === "client") return actor.serviceId === subject?.serviceId ? FORBIDDEN : NOT_FOUND;
  if (subject && subject.serviceId !== actor.serviceId) return NOT_FOUND;
  const rule = RULES[permission][actor.role];
  return rule ? rule(actor, subject) : FORBIDDEN;
}

/**
 * Whether `actor` may do `permission` to `subject`. Without a subject: whether their role may do
 * it at all (for command menus and buttons shown before a subject is known).
 */
export function can(actor: Actor, permission: Permission, subject?: Subject): boolean {
  return decide(actor, permission, subject) === true;
}

/**
 * Throws the refusal when {@link can} says no: `not_found` for things of another service (and a
 * curator's signal that is not theirs), `forbidden` otherwise.
 */
export function authorize(actor: Actor, permission: Permission, subject?: Subject): void {
  const decision = decide(actor, permission, subject);
  if (decision === true) return;
  if (decision.code === "not_found") {
    throw new DomainError("not_found", decision.key ?? "errors.not_found", { message: "no such item" });
  }
  throw new DomainError("forbidden", decision.key ?? "errors.forbidden", {
    message: `not allowed: ${permission}`,
    details: { permission },
  });
}

/** The rows of signals an actor may read in lists and journals; `null`: none. */
export interface SignalScope {
  serviceId: string;
  hospitalId?: string;
  curatorId?: string;
}

/**
 * Which signals an actor may list under `permission` (a journal, or "my work"). A query turns
 * this into its WHERE clause; nothing else narrows by role.
 */
export function signalScope(
  actor: StaffActor,
  permission: Extract<Permission, "journal.hospital.read" | "journal.service.read" | "work.list">,
): SignalScope | null {
  if (!can(actor, permission)) return null;
  switch (actor.role) {
    case "reporter":
      // A reporter without a hospital is a data error: they see nothing rather than everything.
      return actor.hospitalId ? { serviceId: actor.serviceId, hospitalId: actor.hospitalId } : null;
    case "curator":
      return { serviceId: actor.serviceId, curatorId: actor.id };
    default:
      return { serviceId: actor.serviceId };
  }
}

/** The cases an actor may list; `null`: none. */
export interface CaseScope {
  serviceId: string;
  curatorId?: string;
  psychologistId?: string;
}

/**
 * Which cases an actor may list (the API's list, "my cases"): heads and admins the service's, a
 * curator their own, a psychologist those they are attached to, others none.
 */
export function caseScope(actor: StaffActor): CaseScope | null {
  if (!can(actor, "case.list")) return null;
  switch (actor.role) {
    case "curator":
      return { serviceId: actor.serviceId, curatorId: actor.id };
    case "psychologist":
      return { serviceId: actor.serviceId, psychologistId: actor.id };
    default:
      return { serviceId: actor.serviceId };
  }
}

/** The roles that may do `permission` at all (to list who gets a command in the menu). */
export function rolesWith(permission: Permission): StaffRole[] {
  return STAFF_ROLES.filter((role) => RULES[permission][role] !== undefined);
}
