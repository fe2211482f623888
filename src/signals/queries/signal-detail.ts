/**
 * One signal with all its fields, its case and its history, for the API (and the console). Writes
 * the audit row `signal.read`. Access by the one policy: heads and admins everything in their
 * service, a curator their own signals (others are not revealed), a reporter their hospital's.
 */
import { authorize, can, type StaffActor } from "../../access/policy.ts";
import { writeAudit } from "../../platform/audit.ts";
import type { Db } from "../../platform/db/client.ts";
import type { Json } from "../../platform/flow/types.ts";
import type { SignalCategory, SignalKind, Urgency, WomanLocation } from "../../generated/prisma/enums.ts";
import { readThreat, type ThreatDetails } from "../domain/threat.ts";
import type { SignalStatus } from "../domain/lifecycle.ts";
import { hospitalNumber, signalNumber } from "../domain/numbers.ts";
import { signalNotFound } from "../actions/refusals.ts";
import { decisionOf, type HospitalRef, type PersonRef, type SignalDecision } from "./journals.ts";

/** One entry of a signal's history. */
export interface TimelineEntry {
  /** The event's sequence number (a bigint, as a string). */
  id: string;
  type: string;
  at: Date;
  actor: PersonRef | null;
  data: Json;
}

/** A signal with all its fields, its case and its history. */
export interface SignalDetail {
  id: string;
  number: string;
  hospitalNumber: string;
  hospital: HospitalRef & { shortName: string };
  reporter: PersonRef;
  womanFullName: string;
  /** "YYYY-MM-DD". */
  womanBirthDate: string | null;
  womanAge: number | null;
  registeredAddress: string | null;
  actualAddress: string | null;
  ambulanceFrom: string | null;
  /** False when she came otherwise than by ambulance; null when unknown. */
  byAmbulance: boolean | null;
  phone: string | null;
  /** A newborn, or a threat to a child's life or health. */
  kind: SignalKind;
  /** A threat signal's own answers (the child, the threat, who reported it); null otherwise. */
  threat: ThreatDetails | null;
  category: SignalCategory;
  location: WomanLocation;
  comment: string | null;
  identifiedAt: Date;
  registeredAt: Date;
  transmittedAt: Date;
  late: boolean;
  urgency: Urgency | null;
  status: SignalStatus;
  curator: PersonRef | null;
  assignedAt: Date | null;
  assignedBy: PersonRef | null;
  acceptedAt: Date | null;
  departedAt: Date | null;
  arrivedAt: Date | null;
  visitDeadline: Date | null;
  outcome: Json;
  decision: SignalDecision | null;
  decidedAt: Date | null;
  isDemo: boolean;
  createdAt: Date;
  version: number;
  case: {
    id: string;
    number: string;
    status: string;
    curator: PersonRef;
    openedAt: Date;
    closedAt: Date | null;
    closeReason: string | null;
  } | null;
  timeline: TimelineEntry[];
}

const PERSON = { select: { id: true, fullName: true } } as const;

/** Events that tell what the visit found: not shown to those without `signal.read_outcome`. */
const OUTCOME_EVENTS = new Set(["outcome", "case_opened", "closed"]);

/** An event's data without the head's internal notes (an override's reason and the caseload). */
function withoutNotes(data: Json): Json {
  if (typeof data !== "object" || data === null || Array.isArray(data)) return data;
  const { overrideReason: _reason, openCases: _cases, ...rest } = data;
  return rest;
}

/**
 * One signal with its case and full history (events in id order). Writes the audit row
 * `signal.read`.
 *
 * @throws DomainError `not_found` (no such signal in the caller's service, or a curator's
 *   signal that is not theirs), `forbidden` (psychologist; a reporter and another hospital).
 */
export async function readSignal(
  db: Db,
  input: { actor: StaffActor; signalId: string; now: Date },
): Promise<SignalDetail> {
  const { actor } = input;
  // Roles that may not read signals at all learn nothing more than that (403, not 404).
  authorize(actor, "signal.read");
  const s = await db.signal.findFirst({
    where: { id: input.signalId, serviceId: actor.serviceId },
    include: {
      hospital: { select: { id: true, name: true, shortName: true } },
      reporter: PERSON,
      curator: PERSON,
      assignedBy: PERSON,
      case: { include: { curator: PERSON } },
      events: { orderBy: { id: "asc" }, include: { actorStaff: PERSON } },
    },
  });
  if (!s) throw signalNotFound();
  authorize(actor, "signal.read", s);
  // Hospital staff follow the signal's status and curator, never what the visit found (the
  // outcome, her reasons, the potential, the case and why it closed).
  const seesOutcome = can(actor, "signal.read_outcome", s);

  const detail: SignalDetail = {
    id: s.id,
    number: signalNumber(s),
    hospitalNumber: hospitalNumber(s),
    hospital: s.hospital,
    reporter: s.reporter,
    womanFullName: s.womanFullName,
    womanBirthDate: s.womanBirthDate ? s.womanBirthDate.toISOString().slice(0, 10) : null,
    womanAge: s.womanAge,
    registeredAddress: s.registeredAddress,
    actualAddress: s.actualAddress,
    ambulanceFrom: s.ambulanceFrom,
    byAmbulance: s.byAmbulance,
    phone: s.phone,
    kind: s.kind,
    threat: s.kind === "child_threat" ? readThreat(s.threat) : null,
    category: s.category,
    location: s.location,
    comment: s.comment,
    identifiedAt: s.identifiedAt,
    registeredAt: s.registeredAt,
    transmittedAt: s.transmittedAt,
    late: s.late,
    urgency: s.urgency,
    status: s.status,
    curator: s.curator,
    assignedAt: s.assignedAt,
    assignedBy: s.assignedBy,
    acceptedAt: s.acceptedAt,
    departedAt: s.departedAt,
    arrivedAt: s.arrivedAt,
    visitDeadline: s.visitDeadline,
    outcome: seesOutcome ? ((s.outcome ?? null) as Json) : null,
    decision: seesOutcome ? decisionOf(s.status) : null,
    decidedAt: seesOutcome ? s.decidedAt : null,
    isDemo: s.isDemo,
    createdAt: s.createdAt,
    version: s.version,
    case:
      s.case && seesOutcome
        ? {
            id: s.case.id,
            number: s.case.number,
            status: s.case.status,
            curator: s.case.curator,
            openedAt: s.case.openedAt,
            closedAt: s.case.closedAt,
            closeReason: s.case.closeReason,
          }
        : null,
    timeline: s.events
      .filter((e) => seesOutcome || !OUTCOME_EVENTS.has(e.type))
      .map((e) => ({
        id: e.id.toString(),
        type: e.type,
        at: e.at,
        actor: e.actorStaff,
        data: seesOutcome ? (e.data as Json) : withoutNotes(e.data as Json),
      })),
  };
  await writeAudit(db, {
    actor,
    action: "signal.read",
    subjectType: "signal",
    subjectId: s.id,
    at: input.now,
  });
  return detail;
}
