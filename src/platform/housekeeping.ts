/**
 * Housekeeping of the platform's own tables, so personal data is kept only as long as the
 * machinery needs it (152-ФЗ: no longer than the purpose requires):
 *
 * - `processed_updates`: update ids are needed only while a messenger may still redeliver them
 *   (Telegram keeps an update for 24 hours); pruned after {@link HousekeepingSettings.processedUpdateDays}.
 * - `outbox_messages`: the rendered text is dropped the moment a call is finished (the dispatcher
 *   does it in the statement that records the result); this sweep catches rows finished by older
 *   code, and deletes finished rows after {@link HousekeepingSettings.outboxDays}.
 * - `dialogue_sessions`: a finished dialogue is stored without answers (the chat runtime does it);
 *   this sweep catches older rows, and closes dialogues left unanswered for
 *   {@link HousekeepingSettings.idleDialogueDays}, dropping their answers.
 *
 * One pg-boss job runs it every hour; each statement is bounded and idempotent.
 */
import { z } from "zod";
import type { Db, DbClient } from "./db/client.ts";
import { handleJob, jobType, type JobDefinition } from "./jobs/queue.ts";
import type { Logger } from "pino";
import { PAYLOAD_HAS_CONTENT_SQL, PAYLOAD_METADATA_SQL } from "./outbox/metadata.ts";

/** How long the platform keeps its own rows (configuration, in days). */
export interface HousekeepingSettings {
  /** Processed update ids (de-duplication of redeliveries). */
  processedUpdateDays: number;
  /** Finished outbox rows (metadata only by then). */
  outboxDays: number;
  /** A dialogue nobody answered for this long is closed and its answers dropped. */
  idleDialogueDays: number;
}

/** Defaults: well past Telegram's 24-hour redelivery window; a month of delivery history. */
export const DEFAULT_HOUSEKEEPING: HousekeepingSettings = {
  processedUpdateDays: 7,
  outboxDays: 30,
  idleDialogueDays: 7,
};

/** What one sweep did (counts only). */
export interface HousekeepingResult {
  processedUpdatesDeleted: number;
  outboxScrubbed: number;
  outboxDeleted: number;
  dialoguesScrubbed: number;
  dialoguesExpired: number;
}

/** Most rows one statement touches; the next hourly run continues. */
const BATCH = 10_000;
const DAY_MS = 86_400_000;

/** Runs every step once. */
export async function runHousekeeping(
  db: Db,
  settings: HousekeepingSettings,
  now: Date,
): Promise<HousekeepingResult> {
  const before = (days: number) => new Date(now.getTime() - days * DAY_MS);
  const processedUpdatesDeleted = await db.$executeRaw`
    DELETE FROM processed_updates WHERE ctid IN (
      SELECT ctid FROM processed_updates WHERE processed_at < ${before(settings.processedUpdateDays)} LIMIT ${BATCH})`;
  const outboxScrubbed = await db.$executeRaw`
    UPDATE outbox_messages SET payload = ${PAYLOAD_METADATA_SQL}
     WHERE id IN (SELECT id FROM outbox_messages WHERE status <> 'pending' AND ${PAYLOAD_HAS_CONTENT_SQL} LIMIT ${BATCH})`;
  const outboxDeleted = await db.$executeRaw`
    DELETE FROM outbox_messages WHERE id IN (
      SELECT id FROM outbox_messages WHERE status <> 'pending' AND created_at < ${before(settings.outboxDays)} LIMIT ${BATCH})`;
  const dialoguesScrubbed = await db.$executeRaw`
    UPDATE dialogue_sessions SET state = (state - 'draft') || '{"answers": {}, "params": {}}'::jsonb
     WHERE status <> 'waiting' AND (state->'answers' <> '{}'::jsonb OR state->'params' <> '{}'::jsonb OR state ? 'draft')`;
  const dialoguesExpired = await db.$executeRaw`
    UPDATE dialogue_sessions
       SET status = 'cancelled', prompt_message_id = NULL, updated_at = ${now},
           state = (state - 'draft') || '{"answers": {}, "params": {}, "status": "cancelled", "at": null}'::jsonb
     WHERE status = 'waiting' AND updated_at < ${before(settings.idleDialogueDays)}`;
  return { processedUpdatesDeleted, outboxScrubbed, outboxDeleted, dialoguesScrubbed, dialoguesExpired };
}

/** The hourly housekeeping job. */
export const HOUSEKEEPING = jobType("platform-housekeeping", z.object({}).passthrough());

/** The job running {@link runHousekeeping} every hour. */
export function housekeepingJobs(
  db: DbClient,
  clock: () => Date,
  settings: HousekeepingSettings,
  logger: Logger,
): JobDefinition[] {
  return [
    handleJob(
      HOUSEKEEPING,
      async () => {
        const result = await runHousekeeping(db, settings, clock());
        if (Object.values(result).some((n) => n > 0)) logger.info(result, "housekeeping");
      },
      { cron: "23 * * * *" },
    ),
  ];
}
