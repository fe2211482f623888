/**
 * The round trip's timers: names and payloads, shared by the actions that queue them and the
 * handlers that run them (src/signals/jobs/handlers.ts).
 */
import { z } from "zod";
import { jobType } from "../../platform/jobs/queue.ts";

/** "Nobody assigned yet": the n-th reminder to the heads. */
export const ASSIGN_REMINDER = jobType(
  "signal-assign-reminder",
  z.object({ signalId: z.uuid(), n: z.number().int().positive() }),
);

/** "Not accepted in time": checked once, for the assignment made at `assignedAt`. */
export const ACCEPT_TIMEOUT = jobType(
  "signal-accept-timeout",
  z.object({ signalId: z.uuid(), assignedAt: z.iso.datetime() }),
);

/** "Please accept": a nudge to the curator a little before the accept time runs out. */
export const ACCEPT_NUDGE = jobType(
  "signal-accept-nudge",
  z.object({ signalId: z.uuid(), assignedAt: z.iso.datetime() }),
);

/** How long before the accept time runs out the curator is nudged. */
export const ACCEPT_NUDGE_BEFORE_MINUTES = 5;

/** "Your planned visit is in an hour": for the visit planned at `at` (a later change queues anew). */
export const VISIT_REMINDER = jobType(
  "signal-visit-reminder",
  z.object({ signalId: z.uuid(), at: z.iso.datetime() }),
);

/** How long before a planned visit the curator is reminded. */
export const VISIT_REMINDER_BEFORE_MINUTES = 60;

/** "Visit deadline passed": checked once, for the deadline set then. */
export const VISIT_DEADLINE = jobType(
  "signal-visit-deadline",
  z.object({ signalId: z.uuid(), deadline: z.iso.datetime() }),
);
