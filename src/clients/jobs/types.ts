/**
 * The clients' jobs: names and payloads.
 */
import { z } from "zod";
import { jobType } from "../../platform/jobs/queue.ts";

/** Every minute: new plan versions to send her, reminders due, channels of ended cases. */
export const CLIENT_SWEEP = jobType("client-sweep", z.object({}).passthrough());

/** Renders her copy of a plan version (PDF) and sends it to her. */
export const CLIENT_PLAN = jobType("client-plan", z.object({ caseId: z.uuid(), planId: z.uuid() }));
