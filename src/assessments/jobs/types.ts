/**
 * The assessments' timers: names and payloads, shared by the actions that queue them and the
 * handlers that run them (./handlers.ts). Each payload names the moment it was queued for, so a
 * job whose moment has changed since (the step was done, the deadline moved) does nothing.
 */
import { z } from "zod";
import { jobType } from "../../platform/jobs/queue.ts";
import { DUE_STEPS } from "../domain/time-norms.ts";

/** "This step of the assessment is overdue": checked once, for the deadline set then. */
export const STEP_DUE = jobType(
  "assessment-step-due",
  z.object({ assessmentId: z.uuid(), step: z.enum(DUE_STEPS), dueAt: z.iso.datetime() }),
);

/** The n-th daily reminder that the authority's receipt of the form is not confirmed yet. */
export const HANDOVER_ACK = jobType(
  "assessment-handover-ack",
  z.object({ assessmentId: z.uuid(), n: z.number().int().min(1) }),
);

/** A safety-plan action: the morning reminder on its day, and the overdue check when the day ends. */
export const PLAN_ACTION_DUE = jobType(
  "assessment-plan-action-due",
  z.object({ actionId: z.uuid(), kind: z.enum(["reminder", "overdue"]), dueDate: z.iso.date() }),
);
