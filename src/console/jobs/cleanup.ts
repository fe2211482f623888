/**
 * A nightly clean-up: sign-in credentials a day after they stopped working, sessions a month after
 * they ended or expired. The audit trail keeps who signed in when.
 */
import { z } from "zod";
import type { DbClient } from "../../platform/db/client.ts";
import { handleJob, jobType, type JobDefinition } from "../../platform/jobs/queue.ts";

/** The clean-up job. */
export const CONSOLE_CLEANUP = jobType("console-cleanup", z.object({}));

/** How long ended sessions are kept (to show "ended" rather than "unknown", and for support). */
export const KEEP_SESSIONS_DAYS = 30;

/** Deletes what is no longer needed; safe to run any time, any number of times. */
export async function cleanUpConsole(db: DbClient, now: Date): Promise<{ links: number; sessions: number }> {
  const dayAgo = new Date(now.getTime() - 86_400_000);
  const monthAgo = new Date(now.getTime() - KEEP_SESSIONS_DAYS * 86_400_000);
  return db.$transaction(async (tx) => {
    const links = await tx.consoleSignInLink.deleteMany({ where: { expiresAt: { lt: dayAgo } } });
    const sessions = await tx.consoleSession.deleteMany({
      where: { OR: [{ endedAt: { lt: monthAgo } }, { expiresAt: { lt: monthAgo } }] },
    });
    return { links: links.count, sessions: sessions.count };
  });
}

/** The console's jobs. */
export function consoleJobs(deps: { db: DbClient; clock: () => Date }): JobDefinition[] {
  return [
    handleJob(
      CONSOLE_CLEANUP,
      async () => {
        await cleanUpConsole(deps.db, deps.clock());
      },
      { cron: "41 3 * * *" },
    ),
  ];
}
