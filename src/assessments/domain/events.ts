/**
 * The kinds of assessment events and the schema of each one's data. Pure: the I/O that writes them
 * is in ../events.ts. Event data never repeats personal data or free texts (those stay on the
 * assessment row, in clearly named columns): ids, codes, counts and moments only.
 */
import { z } from "zod";
import {
  CONCLUSIONS,
  HANDOVER_CHANNELS,
  PLAN_KINDS,
  RATINGS,
  RISK_FACTORS,
  RISK_LEVELS,
  THREATS,
  URGENCIES,
} from "./checklist.ts";
import { DUE_STEPS } from "./time-norms.ts";

const uuid = z.uuid();
const instant = z.iso.datetime();
const day = z.iso.date();

/** The schema of each event type's data. */
export const ASSESSMENT_EVENT_DATA = {
  started: z.object({
    origin: z.enum(["case", "signal"]),
    caseId: uuid.nullable(),
    signalId: uuid.nullable(),
    checklistVersion: z.number().int().positive(),
  }),
  planned: z.object({ urgency: z.enum(URGENCIES), contactDeadline: instant.nullable() }),
  contact_made: z.object({}),
  safety_recorded: z.object({
    threats: z.array(z.enum(THREATS)),
    planRequired: z.boolean(),
  }),
  plan_started: z.object({ kind: z.enum(PLAN_KINDS) }),
  plan_action_added: z.object({ actionId: uuid, position: z.number().int().positive(), dueDate: day }),
  plan_action_removed: z.object({ actionId: uuid }),
  plan_completed: z.object({ actions: z.number().int().min(0) }),
  plan_action_done: z.object({ actionId: uuid }),
  plan_action_reminded: z.object({ actionId: uuid, dueDate: day }),
  plan_action_overdue: z.object({ actionId: uuid, dueDate: day }),
  rated: z.object({ ratings: z.record(z.enum(RISK_FACTORS), z.enum(RATINGS)) }),
  /** One threat's answer corrected after the safety assessment; whether a plan is required now. */
  threat_corrected: z.object({ threat: z.enum(THREATS), present: z.boolean(), planRequired: z.boolean() }),
  /** One factor's rating corrected after the ratings step; the overall level is stated again. */
  rating_corrected: z.object({
    factor: z.enum(RISK_FACTORS),
    from: z.enum(RATINGS),
    to: z.enum(RATINGS),
  }),
  overall_set: z.object({
    level: z.enum(RISK_LEVELS),
    /** The factors rated higher than the chosen level (a reasoning was required when not empty). */
    above: z.array(z.enum(RISK_FACTORS)),
    reasoned: z.boolean(),
  }),
  concluded: z.object({
    conclusion: z.union(CONCLUSIONS.map((c) => z.literal(c))),
    caseId: uuid.nullable(),
    caseOpened: z.boolean(),
  }),
  handed_over: z.object({ channel: z.enum(HANDOVER_CHANNELS), fileId: uuid }),
  /** The authority confirmed receipt (who, as typed, is in the record, not here). */
  handover_acknowledged: z.object({}),
  /** The n-th reminder that the receipt is not confirmed yet. */
  handover_ack_reminded: z.object({ n: z.number().int().min(1) }),
  reviewed: z.object({}),
  step_overdue: z.object({ step: z.enum(DUE_STEPS), dueAt: instant }),
  cancelled: z.object({}),
} satisfies Record<string, z.ZodType>;

/** Every kind of assessment event. */
export type AssessmentEventType = keyof typeof ASSESSMENT_EVENT_DATA;

/** The data of one event type. */
export type AssessmentEventData<T extends AssessmentEventType> = z.infer<(typeof ASSESSMENT_EVENT_DATA)[T]>;
