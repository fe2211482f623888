/**
 * The kinds of signal events and the schema of each one's data. Pure: the I/O that writes and
 * reads them is in src/signals/events.ts. Event data never repeats the woman's personal data.
 */
import { z } from "zod";

const uuid = z.uuid();
const instant = z.iso.datetime();

/** The schema of each event type's data. */
export const SIGNAL_EVENT_DATA = {
  registered: z.object({ hospitalNumber: z.number().int(), hospitalYear: z.number().int() }),
  transmitted: z.object({
    /** Only on a signal of a threat to a child (absent: a newborn). */
    kind: z.literal("child_threat").optional(),
    serviceNumber: z.number().int(),
    serviceYear: z.number().int(),
    late: z.boolean(),
  }),
  urgency_set: z.object({
    urgency: z.enum(["urgent", "planned"]),
    visitDeadline: instant.nullable(),
  }),
  assigned: z.object({
    curatorId: uuid,
    override: z.literal(true).optional(),
    overrideReason: z.string().optional(),
    openCases: z.number().int().optional(),
  }),
  reassigned: z.object({
    curatorId: uuid,
    fromCuratorId: uuid.nullable().optional(),
    override: z.literal(true).optional(),
    overrideReason: z.string().optional(),
    openCases: z.number().int().optional(),
  }),
  /**
   * The curator declined the assignment before accepting it: the signal is back with the heads.
   * `text`: the curator's own words when the reason is "other" (a free text, scrubbed on anonymising).
   */
  declined: z.object({
    curatorId: uuid,
    reason: z.enum(["sick", "far", "conflict", "other"]),
    text: z.string().nullable(),
  }),
  accepted: z.object({}),
  /** A planned visit: when the curator means to go (set after accepting, changed until arrival). */
  visit_planned: z.object({ at: instant, previous: instant.nullable() }),
  /** The curator was reminded of the planned visit an hour before it. */
  visit_reminded: z.object({ at: instant }),
  departed: z.object({}),
  arrived: z.object({}),
  /** The visit outcome (the signal sheet's first part): answers of the outcome dialogue. */
  outcome: z.record(z.string(), z.unknown()),
  case_opened: z.object({ caseId: uuid, caseNumber: z.string() }),
  closed: z.object({ reason: z.literal("not_confirmed"), text: z.string().nullable() }),
  /** The reporter added the woman's details to a signal sent by the urgent short path (names only). */
  details_added: z.object({ fields: z.array(z.string()), complete: z.boolean() }),
  reminder_sent: z.object({ n: z.number().int().positive() }),
  accept_overdue: z.object({ assignedAt: instant, curatorId: uuid.nullable() }),
  visit_overdue: z.object({ deadline: instant, curatorId: uuid.nullable() }),
} satisfies Record<string, z.ZodType>;

/** Every kind of signal event. */
export type SignalEventType = keyof typeof SIGNAL_EVENT_DATA;

/** The data of one event type. */
export type SignalEventData<T extends SignalEventType> = z.infer<(typeof SIGNAL_EVENT_DATA)[T]>;

/** Every event type, in the order of the lifecycle. */
export const SIGNAL_EVENTS = Object.keys(SIGNAL_EVENT_DATA) as SignalEventType[];

/** The data of a stored event, checked; throws for a row that does not match its type. */
export function parseEventData<T extends SignalEventType>(type: T, data: unknown): SignalEventData<T> {
  return SIGNAL_EVENT_DATA[type].parse(data ?? {}) as SignalEventData<T>;
}

/** Whether `type` names a known event type. */
export function isSignalEventType(type: string): type is SignalEventType {
  return type in SIGNAL_EVENT_DATA;
}
