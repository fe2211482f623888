/**
 * One update at a time per chat, across processes: a transaction-scoped advisory lock on the
 * chat's key, taken together with recording the update id (so a redelivered update is seen).
 */
import type { Db } from "../db/client.ts";
import type { InboundUpdate } from "../messenger/contract.ts";

/**
 * Takes the chat's lock, then records the update; false when it was already processed (a
 * redelivery). One statement (raw SQL: this runs for every update): the insert's row comes from
 * the lock, so the lock is held first.
 */
export async function lockAndMark(tx: Db, key: string, update: InboundUpdate, now: Date): Promise<boolean> {
  const inserted = await tx.$executeRaw`
    WITH chat_lock AS (SELECT pg_advisory_xact_lock(hashtextextended(${key}, 0)))
    INSERT INTO processed_updates (messenger, bot_id, update_id, chat_id, processed_at)
    SELECT ${update.messenger}, ${update.botId}, ${BigInt(update.updateId)}, ${update.chatId}, ${now} FROM chat_lock
    ON CONFLICT DO NOTHING`;
  return inserted === 1;
}
