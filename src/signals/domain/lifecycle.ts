/**
 * The signal's lifecycle and time rules (stages 1–2 of the service standard), as plain
 * functions over plain data. No I/O, no clock: callers pass `now`.
 */
import { DateTime } from "luxon";
import { isSignalEventType, parseEventData } from "./events.ts";

/** Signal statuses, in the order a signal normally goes through them. */
export const SIGNAL_STATUSES = [
  "received",
  "assigned",
  "accepted",
  "on_the_way",
  "arrived",
  "case_opened",
  "not_confirmed",
] as const;
export type SignalStatus = (typeof SIGNAL_STATUSES)[number];

export const SIGNAL_CATEGORIES = [
  "intends_to_abandon",
  "undecided",
  "refusal_written",
  "pregnant_intends",
  "child_threat",
] as const;
export type SignalCategory = (typeof SIGNAL_CATEGORIES)[number];

export const WOMAN_LOCATIONS = [
  "together_in_ward",
  "child_in_icu",
  "woman_left",
  "in_hospital_pregnant",
  "child_with_family",
  "child_in_hospital",
  "child_elsewhere",
] as const;
export type WomanLocation = (typeof WOMAN_LOCATIONS)[number];

/** Where the child is, on a signal of a threat to a child (a subset of the locations). */
export const CHILD_LOCATIONS = ["child_with_family", "child_in_hospital", "child_elsewhere"] as const;

/** What a signal is about: a newborn at risk of abandonment, or a threat to a child's life or health. */
export const SIGNAL_KINDS = ["newborn", "child_threat"] as const;
export type SignalKind = (typeof SIGNAL_KINDS)[number];

export type Urgency = "urgent" | "planned";

export { SIGNAL_EVENTS, type SignalEventType } from "./events.ts";

/** Seed 003 (4.2): when a threat to a child needs an immediate response, contact within 1 hour. */
export const URGENT_THREAT_CONTACT_MINUTES = 60;
/** The standard: a signal is passed within 3 hours of identification. */
export const TRANSMIT_LIMIT_MINUTES = 180;
/** An urgent visit happens within 3 hours of the service receiving the signal. */
export const URGENT_VISIT_MINUTES = 180;
/** A curator carries at most 9 open cases. */
export const MAX_OPEN_CASES = 9;
/** Identification times older than this are implausible for a maternity-hospital signal. */
export const MAX_IDENTIFIED_AGE_HOURS = 24 * 14;

/** True when the signal reached the service more than 3 hours after the risk was identified. */
export function isLate(identifiedAt: Date, transmittedAt: Date): boolean {
  return transmittedAt.getTime() - identifiedAt.getTime() > TRANSMIT_LIMIT_MINUTES * 60_000;
}

/**
 * The visit deadline: received + 3 h when urgent (a threat to a child: + 1 h, the contact with the
 * family); none for a planned visit (agreed with the woman or the family).
 */
export function visitDeadline(receivedAt: Date, urgency: Urgency, kind: SignalKind = "newborn"): Date | null {
  if (urgency !== "urgent") return null;
  const minutes = kind === "child_threat" ? URGENT_THREAT_CONTACT_MINUTES : URGENT_VISIT_MINUTES;
  return new Date(receivedAt.getTime() + minutes * 60_000);
}

/** What people do to a signal. */
export type SignalAction =
  "set_urgency" | "assign" | "reassign" | "accept" | "decline" | "depart" | "arrive" | "decide";

const ALLOWED: Record<SignalAction, readonly SignalStatus[]> = {
  set_urgency: ["received", "assigned", "accepted", "on_the_way"],
  assign: ["received"],
  reassign: ["assigned", "accepted", "on_the_way"],
  accept: ["assigned"],
  decline: ["assigned"],
  depart: ["accepted"],
  arrive: ["accepted", "on_the_way"],
  decide: ["arrived"],
};

/** Whether `action` is possible in `status`. */
export function can(status: SignalStatus, action: SignalAction): boolean {
  return ALLOWED[action].includes(status);
}

/** Statuses in which the signal is still being worked on (shown in /my). */
export const OPEN_STATUSES: SignalStatus[] = SIGNAL_STATUSES.filter(
  (s) => s !== "case_opened" && s !== "not_confirmed",
);

/** Whether the visit is still to happen: the signal is open and nobody has arrived yet. */
export function awaitsVisit(status: SignalStatus): boolean {
  return OPEN_STATUSES.includes(status) && status !== "arrived";
}

/** The status a successful action leads to. */
export function statusAfter(action: Exclude<SignalAction, "set_urgency" | "decide">): SignalStatus {
  const next: Record<typeof action, SignalStatus> = {
    assign: "assigned",
    reassign: "assigned",
    accept: "accepted",
    decline: "received",
    depart: "on_the_way",
    arrive: "arrived",
  };
  return next[action];
}

/** A curator's load for the assignment list. */
export interface CuratorLoad {
  id: string;
  fullName: string;
  openCases: number;
  /** On the way to or at a visit of another signal now. */
  onVisit?: boolean;
}

/** Whether a curator can take another case without an override (standard: at most 9). */
export function isFull(load: Pick<CuratorLoad, "openCases">): boolean {
  return load.openCases >= MAX_OPEN_CASES;
}

/** The journal year of a moment: the calendar year in the service's (or hospital's) zone. */
export function journalYear(at: Date, timeZone: string): number {
  return DateTime.fromJSDate(at, { zone: timeZone }).year;
}

/** Whole minutes from `from` to `to` (0 when `to` is earlier). */
export function minutesBetween(from: Date, to: Date): number {
  return Math.max(0, Math.floor((to.getTime() - from.getTime()) / 60_000));
}

/**
 * When the next "nobody assigned yet" reminder is due: every `intervalMinutes` after the
 * signal was received, the first one strictly after `now`.
 */
export function nextReminderAt(receivedAt: Date, now: Date, intervalMinutes: number): Date {
  const step = intervalMinutes * 60_000;
  const elapsed = now.getTime() - receivedAt.getTime();
  const k = Math.max(1, Math.floor(elapsed / step) + 1);
  return new Date(receivedAt.getTime() + k * step);
}

/** One row of a signal's history, as the journals read it. */
export interface SignalEventRow {
  type: string;
  at: Date;
  actorStaffId: string | null;
  data: unknown;
}

/** The journal columns of a signal that follow from its history. */
export interface JournalFacts {
  status: SignalStatus;
  urgency: Urgency | null;
  curatorId: string | null;
  assignedAt: Date | null;
  assignedById: string | null;
  acceptedAt: Date | null;
  departedAt: Date | null;
  arrivedAt: Date | null;
  decidedAt: Date | null;
}

/**
 * Replays a signal's events into its journal columns. The signal row keeps these columns
 * for querying; a test checks that they always equal this replay, so nothing in a journal
 * changes without an event behind it.
 */
export function replayJournal(events: readonly SignalEventRow[]): JournalFacts {
  const facts: JournalFacts = {
    status: "received",
    urgency: null,
    curatorId: null,
    assignedAt: null,
    assignedById: null,
    acceptedAt: null,
    departedAt: null,
    arrivedAt: null,
    decidedAt: null,
  };
  for (const event of events) {
    if (!isSignalEventType(event.type)) continue;
    switch (event.type) {
      case "urgency_set":
        facts.urgency = parseEventData("urgency_set", event.data).urgency;
        break;
      case "assigned":
      case "reassigned":
        Object.assign(facts, {
          status: "assigned",
          curatorId: parseEventData(event.type, event.data).curatorId,
          assignedAt: event.at,
          assignedById: event.actorStaffId,
          acceptedAt: null,
          departedAt: null,
        });
        break;
      case "declined":
        // Back with the heads, the urgency kept: nobody is on the signal.
        Object.assign(facts, {
          status: "received",
          curatorId: null,
          assignedAt: null,
          assignedById: null,
          acceptedAt: null,
          departedAt: null,
        });
        break;
      case "accepted":
        Object.assign(facts, { status: "accepted", acceptedAt: event.at });
        break;
      case "departed":
        Object.assign(facts, { status: "on_the_way", departedAt: event.at });
        break;
      case "arrived":
        Object.assign(facts, { status: "arrived", arrivedAt: event.at });
        break;
      case "outcome":
        facts.decidedAt = event.at;
        break;
      case "case_opened":
        facts.status = "case_opened";
        break;
      case "closed":
        facts.status = "not_confirmed";
        break;
      default:
        break;
    }
  }
  return facts;
}
