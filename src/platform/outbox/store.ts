/**
 * The outbox's hot statements in raw `pg` (no Prisma, no transaction): claiming a chat's next
 * messages with a lease, and recording each result. They run for every message sent, where
 * Prisma's own cost per statement (~0.1 ms) would be a large share of the statement itself, and
 * none of them needs a transaction — so no connection and no lock is held while the messenger is
 * called.
 *
 * Ordering and exclusivity come from the lease: a chat whose pending rows include one leased
 * until a future moment is being delivered by someone; a claim takes the chat's first pending
 * rows only when none is leased, and re-checks every row when it gets its lock, so two claims at
 * the same moment never both win.
 */
import pg from "pg";
import type { MessengerKind, OutboundCall } from "../messenger/contract.ts";
import { PAYLOAD_METADATA } from "./metadata.ts";

/** A claimed row. */
export interface ClaimedRow {
  id: bigint;
  payload: OutboundCall;
  attempts: number;
  nextAttemptAt: Date;
  sessionId: string | null;
  isPrompt: boolean;
}

const METADATA = PAYLOAD_METADATA;

const CLAIM = `
  UPDATE outbox_messages o SET leased_until = $3
   WHERE o.id IN (SELECT id FROM outbox_messages
                   WHERE messenger = $1 AND chat_id = $2 AND status = 'pending'
                   ORDER BY id LIMIT $5)
     AND o.status = 'pending'
     AND (o.leased_until IS NULL OR o.leased_until <= $4)
     AND NOT EXISTS (SELECT 1 FROM outbox_messages b
                      WHERE b.messenger = $1 AND b.chat_id = $2 AND b.status = 'pending' AND b.leased_until > $4)
  RETURNING o.id, o.payload, o.attempts, o.next_attempt_at, o.session_id, o.is_prompt`;

/**
 * Sent: the row keeps metadata only; a question's message id goes to its dialogue — unless a later
 * question of that dialogue was queued meanwhile (the delivery was still in flight when the
 * person answered) or the dialogue ended: then that turn could not know this message, so its
 * buttons are removed here.
 */
const RECORD_SENT = `
  WITH sent AS (
    UPDATE outbox_messages
       SET status = 'sent', sent_at = $2, attempts = attempts + 1, result_message_id = $3,
           leased_until = NULL, payload = ${METADATA}
     WHERE id = $1 AND status = 'pending'
    RETURNING id, messenger, chat_id, session_id, is_prompt),
  current AS (
    UPDATE dialogue_sessions d SET prompt_message_id = $3
      FROM sent
     WHERE sent.is_prompt AND $3::int IS NOT NULL AND d.id = sent.session_id AND d.status = 'waiting'
       AND NOT EXISTS (SELECT 1 FROM outbox_messages n
                        WHERE n.session_id = sent.session_id AND n.is_prompt AND n.id > sent.id)
    RETURNING d.id)
  INSERT INTO outbox_messages (messenger, chat_id, payload, next_attempt_at, created_at)
  SELECT sent.messenger, sent.chat_id,
         jsonb_build_object('method', 'editMessageReplyMarkup', 'chatId', sent.chat_id, 'messageId', $3::int), $2, $2
    FROM sent
   WHERE sent.is_prompt AND $3::int IS NOT NULL AND sent.session_id IS NOT NULL
     AND NOT EXISTS (SELECT 1 FROM current)
     AND NOT EXISTS (SELECT 1 FROM outbox_messages n
                      WHERE n.session_id = sent.session_id AND n.id > sent.id
                        AND (n.payload->>'messageId')::int = $3::int)
  RETURNING id`;

/** The raw-pg outbox statements; one small pool of its own. */
export class OutboxStore {
  private readonly pool: pg.Pool;

  constructor(databaseUrl: string, options: { poolSize?: number } = {}) {
    this.pool = new pg.Pool({
      connectionString: databaseUrl,
      max: options.poolSize ?? 10,
      connectionTimeoutMillis: 5_000,
      options: "-c TimeZone=UTC",
    });
    // An idle connection that breaks is replaced by the pool; the next statement reports errors.
    this.pool.on("error", () => undefined);
  }

  /** Leases the chat's first pending rows (none when another delivery holds a lease), in id order. */
  async claim(
    messenger: MessengerKind,
    chatId: string,
    options: { now: Date; leaseMs: number; batch: number },
  ): Promise<ClaimedRow[]> {
    const until = new Date(options.now.getTime() + options.leaseMs);
    const { rows } = await this.pool.query<{
      id: string;
      payload: OutboundCall;
      attempts: number;
      next_attempt_at: Date;
      session_id: string | null;
      is_prompt: boolean;
    }>(CLAIM, [messenger, chatId, until, options.now, options.batch]);
    return rows
      .map((r) => ({
        id: BigInt(r.id),
        payload: r.payload,
        attempts: r.attempts,
        nextAttemptAt: r.next_attempt_at,
        sessionId: r.session_id,
        isPrompt: r.is_prompt,
      }))
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  /**
   * Records a sent row; returns whether a keyboard removal was queued for it (see RECORD_SENT).
   * A dialogue's question (`chatLock` given) is recorded under the chat's lock, the one each turn
   * holds: no turn of the chat is half-way meanwhile, and the statement after the lock sees every
   * turn committed before it — so the question's message id is never lost between a turn that
   * read the dialogue before it was stored and writes the dialogue after.
   */
  async recordSent(id: bigint, messageId: number | null, now: Date, chatLock?: string): Promise<boolean> {
    const values = [String(id), now, messageId];
    if (chatLock === undefined) {
      const { rowCount } = await this.pool.query(RECORD_SENT, values);
      return (rowCount ?? 0) > 0;
    }
    const client = await this.pool.connect();
    try {
      // One round trip for both; the key is escaped as a literal (a multi-statement query takes no parameters).
      await client.query(
        `BEGIN; SELECT pg_advisory_xact_lock(hashtextextended(${client.escapeLiteral(chatLock)}, 0))`,
      );
      const { rowCount } = await client.query(RECORD_SENT, values);
      await client.query("COMMIT");
      return (rowCount ?? 0) > 0;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  /** A transient failure: tried again at `at`; the lease is released. */
  async recordRetry(id: bigint, attempts: number, at: Date, error: string): Promise<void> {
    await this.pool.query(
      `UPDATE outbox_messages SET attempts = $2, next_attempt_at = $3, last_error = $4, leased_until = NULL
        WHERE id = $1 AND status = 'pending'`,
      [String(id), attempts, at, error],
    );
  }

  /** A final failure ("failed" or "dead"): metadata only from now on. */
  async recordFinal(id: bigint, status: "failed" | "dead", attempts: number, error: string): Promise<void> {
    await this.pool.query(
      `UPDATE outbox_messages SET status = $2, attempts = $3, last_error = $4, leased_until = NULL,
              payload = ${METADATA}
        WHERE id = $1 AND status = 'pending'`,
      [String(id), status, attempts, error],
    );
  }

  /** Replaces a row's call (an edit whose message is gone is sent anew). */
  async replacePayload(id: bigint, payload: OutboundCall): Promise<void> {
    await this.pool.query(`UPDATE outbox_messages SET payload = $2::jsonb WHERE id = $1`, [
      String(id),
      JSON.stringify(payload),
    ]);
  }

  /** Gives up the leases of rows not attempted (delivery stopped early). */
  async release(ids: bigint[]): Promise<void> {
    if (ids.length === 0) return;
    await this.pool.query(
      `UPDATE outbox_messages SET leased_until = NULL WHERE id = ANY($1::bigint[]) AND status = 'pending'`,
      [ids.map(String)],
    );
  }

  /** Chats with a row due now and not leased (the periodic sweep). */
  async dueChats(now: Date, limit: number): Promise<string[]> {
    const { rows } = await this.pool.query<{ key: string }>(
      `SELECT DISTINCT messenger || ':' || chat_id AS key FROM outbox_messages
        WHERE status = 'pending' AND next_attempt_at <= $1 AND (leased_until IS NULL OR leased_until <= $1)
        LIMIT $2`,
      [now, limit],
    );
    return rows.map((r) => r.key);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
