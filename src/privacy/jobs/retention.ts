/**
 * The daily retention sweep: signals past their service's retention period are anonymised, a
 * hundred per transaction, by the system (audit rows name the job as the actor's channel).
 */
import { z } from "zod";
import type { Logger } from "pino";
import type { DbClient } from "../../platform/db/client.ts";
import { handleJob, jobType, type JobDefinition } from "../../platform/jobs/queue.ts";
import type { PersonalDataHook } from "../../platform/module.ts";
import { anonymiseSignals } from "../actions/anonymise-signals.ts";
import { signalsDueForAnonymisation } from "../queries/due.ts";

/** The job's name and (empty) payload. */
export const RETENTION_SWEEP = jobType("privacy-retention-sweep", z.object({}).passthrough());

/** Anonymises everything due at `now`; returns how many signals. */
export async function runRetentionSweep(
  db: DbClient,
  hooks: readonly PersonalDataHook[],
  now: Date,
): Promise<number> {
  let total = 0;
  for (;;) {
    const due = await signalsDueForAnonymisation(db, now, 100);
    if (due.length === 0) return total;
    const done = await db.$transaction(
      (tx) =>
        anonymiseSignals(
          { tx, now, hooks },
          { kind: "system", channel: "job" },
          { signalIds: due, reason: "retention" },
        ),
      { timeout: 60_000 },
    );
    total += done.length;
    if (done.length === 0) return total;
  }
}

/** The sweep, every night at 03:41 UTC. */
export function retentionJobs(
  db: DbClient,
  clock: () => Date,
  hooks: () => readonly PersonalDataHook[],
  logger: Logger,
): JobDefinition[] {
  return [
    handleJob(
      RETENTION_SWEEP,
      async () => {
        const count = await runRetentionSweep(db, hooks(), clock());
        if (count > 0) logger.info({ count }, "retention: signals anonymised");
      },
      { cron: "41 3 * * *" },
    ),
  ];
}
