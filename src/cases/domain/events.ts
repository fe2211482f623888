/**
 * The kinds of case events and the schema of each one's data. Pure: src/cases/events.ts writes and
 * reads them. Data carry ids, kinds, numbers and dates; the woman's personal data stay on the
 * signal, the sheet, the plans and the monitoring entries (the extension's reason is the head's
 * words and is journaled as given).
 */
import { z } from "zod";
import { ALL_CLOSE_REASONS, CASE_STAGES, type CaseCloseReason, type CaseStatus } from "./case.ts";

const uuid = z.uuid();
const instant = z.iso.datetime();
const planKind = z.enum(["decision_change", "rehabilitation"]);
const closeReason = z.enum(ALL_CLOSE_REASONS as [CaseCloseReason, ...CaseCloseReason[]]);

/** Monitoring decisions (the database enum `case_monitoring_decision`). */
export const MONITORING_DECISIONS = [
  "continue",
  "close_not_changed",
  "close_changed_resolved",
  "to_accompaniment",
  "close_plan_done",
  "close_plan_not_kept",
  "close_against_child_interests",
] as const;
export type MonitoringDecision = (typeof MONITORING_DECISIONS)[number];

/** Recipients of handed-over documents (the database enum `case_handover_recipient`). */
export const HANDOVER_RECIPIENTS = [
  "guardianship",
  "social_protection",
  "coordination_service",
  "other",
] as const;
export type HandoverRecipient = (typeof HANDOVER_RECIPIENTS)[number];

/** The schema of each event type's data. */
export const CASE_EVENT_DATA = {
  opened: z.object({ signalId: uuid }),
  /** The sheet was saved: complete, or as a draft when the dialogue was left half-way. */
  sheet_filled: z.object({ complete: z.boolean() }),
  sheet_updated: z.object({ complete: z.boolean() }),
  plan_made: z.object({ planId: uuid, kind: planKind, version: z.number().int().positive() }),
  plan_corrected: z.object({
    planId: uuid,
    kind: planKind,
    version: z.number().int().positive(),
    monitoringId: uuid.nullable(),
  }),
  monitoring_recorded: z.object({
    monitoringId: uuid,
    stage: z.enum(CASE_STAGES),
    number: z.number().int().positive(),
    decision: z.enum(MONITORING_DECISIONS),
    planCorrected: z.boolean(),
  }),
  extended: z.object({ from: instant, to: instant, days: z.number().int().positive(), reason: z.string() }),
  moved_to_accompaniment: z.object({}),
  closed: z.object({ reason: closeReason }),
  handed_over: z.object({
    handoverId: uuid,
    recipientKind: z.enum(HANDOVER_RECIPIENTS),
    /** The case was closed already (accompaniment b or c): its status stays closed. */
    afterClosing: z.boolean(),
  }),
  handover_acknowledged: z.object({ handoverId: uuid }),
  psychologist_attached: z.object({ psychologistId: uuid.nullable(), previousId: uuid.nullable() }),
  plan_copy_sent: z.object({ planId: uuid }),
} satisfies Record<string, z.ZodType>;

/** Every kind of case event. */
export type CaseEventType = keyof typeof CASE_EVENT_DATA;

/** The data of one event type. */
export type CaseEventData<T extends CaseEventType> = z.infer<(typeof CASE_EVENT_DATA)[T]>;

/** Whether `type` names a known event type. */
export function isCaseEventType(type: string): type is CaseEventType {
  return type in CASE_EVENT_DATA;
}

/** The data of a stored event, checked; throws for a row that does not match its type. */
export function parseCaseEventData<T extends CaseEventType>(type: T, data: unknown): CaseEventData<T> {
  return CASE_EVENT_DATA[type].parse(data ?? {}) as CaseEventData<T>;
}

/** One row of a case's history. */
export interface CaseEventRow {
  type: string;
  at: Date;
  data: unknown;
}

/** The decision columns of a case that follow from its history (the half-year figures read these). */
export interface CaseDecisionFacts {
  status: CaseStatus;
  accompanimentAt: Date | null;
  closedAt: Date | null;
  closeReason: CaseCloseReason | null;
  handedOverAt: Date | null;
}

/**
 * Replays a case's events into its decision columns. The case row keeps these columns for
 * querying; a test checks that they always equal this replay.
 */
export function replayCase(events: readonly CaseEventRow[]): CaseDecisionFacts {
  const facts: CaseDecisionFacts = {
    status: "open",
    accompanimentAt: null,
    closedAt: null,
    closeReason: null,
    handedOverAt: null,
  };
  for (const event of events) {
    if (!isCaseEventType(event.type)) continue;
    switch (event.type) {
      case "moved_to_accompaniment":
        Object.assign(facts, { status: "accompaniment", accompanimentAt: event.at });
        break;
      case "closed":
        Object.assign(facts, {
          status: "closed",
          closedAt: event.at,
          closeReason: parseCaseEventData("closed", event.data).reason,
        });
        break;
      case "handed_over":
        if (!parseCaseEventData("handed_over", event.data).afterClosing)
          Object.assign(facts, { status: "handed_over", handedOverAt: event.at });
        break;
      default:
        break;
    }
  }
  return facts;
}

/** A decision of the standard as the service registration journal shows it. */
export type JournalDecision =
  | { decision: "opened"; at: Date }
  | { decision: "accompaniment"; at: Date }
  | { decision: "closed"; at: Date; reason: CaseCloseReason }
  | { decision: "handed_over"; at: Date; recipient: HandoverRecipient }
  | { decision: "extended"; at: Date; until: Date };

/**
 * The decisions the registration journal records about a case (opened, moved to accompaniment,
 * closed with its reason, handed to another service — and extensions of the one-month limit, which
 * the standard asks to journal), in order.
 */
export function journalDecisions(events: readonly CaseEventRow[]): JournalDecision[] {
  const decisions: JournalDecision[] = [];
  for (const event of events) {
    if (!isCaseEventType(event.type)) continue;
    switch (event.type) {
      case "opened":
        decisions.push({ decision: "opened", at: event.at });
        break;
      case "moved_to_accompaniment":
        decisions.push({ decision: "accompaniment", at: event.at });
        break;
      case "closed":
        decisions.push({
          decision: "closed",
          at: event.at,
          reason: parseCaseEventData("closed", event.data).reason,
        });
        break;
      case "handed_over":
        decisions.push({
          decision: "handed_over",
          at: event.at,
          recipient: parseCaseEventData("handed_over", event.data).recipientKind,
        });
        break;
      case "extended":
        decisions.push({
          decision: "extended",
          at: event.at,
          until: new Date(parseCaseEventData("extended", event.data).to),
        });
        break;
      default:
        break;
    }
  }
  return decisions;
}

/** The event types the journal's decisions are read from. */
export const JOURNAL_EVENT_TYPES: CaseEventType[] = [
  "opened",
  "moved_to_accompaniment",
  "closed",
  "handed_over",
  "extended",
];
