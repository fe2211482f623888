/**
 * The cases' jobs: names and payloads, shared by the actions that queue them and the handlers that
 * run them (./handlers.ts).
 */
import { z } from "zod";
import { jobType } from "../../platform/jobs/queue.ts";

/** Every minute: tells the reminders of cases whose next one fell due (one sweep for every case). */
export const CASE_SWEEP = jobType("case-sweep", z.object({}).passthrough());

/** Renders the mother's copy of a long-term plan (PDF) and sends it to a staff member. */
export const PLAN_COPY = jobType("case-plan-copy", z.object({ planId: z.uuid(), toStaffId: z.uuid() }));

/** Renders a hand-over's package of documents (PDF), stores it and sends it to a staff member. */
export const HANDOVER_PACKAGE = jobType(
  "case-handover-package",
  z.object({ handoverId: z.uuid(), toStaffId: z.uuid() }),
);
