/**
 * The dialogue session of a chat: at most one row per chat, holding the flow engine's state and
 * the message id of the question currently shown.
 */
import type { Db } from "../db/client.ts";
import { chatKey, enqueue, type OutboxEntry } from "../outbox/enqueue.ts";
import { ENGINE_VERSION, type Json, type SessionState } from "../flow/types.ts";

/** A session row as the runtime reads it. */
export interface SessionRow {
  id: string;
  state: Json;
  status: string;
  flowId: string;
  promptMessageId: number | null;
}

/** The chat's waiting session, if any. */
export async function openSession(db: Db, messenger: string, chatId: string): Promise<SessionRow | null> {
  const rows = await db.$queryRaw<SessionRow[]>`
    SELECT id, state, status, flow_id AS "flowId", prompt_message_id AS "promptMessageId"
      FROM dialogue_sessions
     WHERE messenger = ${messenger} AND chat_id = ${chatId} AND status = 'waiting'`;
  return rows[0] ?? null;
}

/**
 * Creates or replaces the chat's session; returns its id. One statement (raw SQL: this runs in
 * every turn of a dialogue).
 */
export async function saveSession(db: Db, row: SessionWrite): Promise<string> {
  const { state, now } = row;
  const [saved] = await db.$queryRaw<{ id: string }[]>`
    INSERT INTO dialogue_sessions (id, messenger, chat_id, staff_id, flow_id, flow_version, engine_version, state, status, prompt_message_id, created_at, updated_at)
    VALUES (gen_random_uuid(), ${row.messenger}, ${row.chatId}, ${row.staffId}::uuid, ${state.flowId}, ${state.flowVersion},
            ${ENGINE_VERSION}, ${JSON.stringify(state)}::jsonb, ${state.status}, ${row.promptMessageId}::int, ${now}, ${now})
    ON CONFLICT (messenger, chat_id) DO UPDATE SET
      staff_id = EXCLUDED.staff_id, flow_id = EXCLUDED.flow_id, flow_version = EXCLUDED.flow_version,
      engine_version = EXCLUDED.engine_version, state = EXCLUDED.state, status = EXCLUDED.status,
      prompt_message_id = EXCLUDED.prompt_message_id, updated_at = EXCLUDED.updated_at
    RETURNING id`;
  if (!saved) throw new Error("dialogue session was not saved");
  return saved.id;
}

/**
 * The state a finished dialogue is stored with: its status and flow, none of the person's answers
 * (they may be personal data) or start parameters.
 */
export function forgetAnswers(state: SessionState): SessionState {
  return { ...state, answers: {}, params: {}, draft: undefined };
}

/** Marks an outbox entry as the question of the session saved with it ({@link saveAndEnqueue}). */
export const THIS_SESSION = "$session";

/** A session to store at the end of a turn. */
export interface SessionWrite {
  messenger: string;
  chatId: string;
  staffId: string;
  state: SessionState;
  promptMessageId: number | null;
  now: Date;
}

/**
 * Stores the turn's session and queues its messages in one statement (raw SQL, two
 * data-modifying CTEs: this runs at the end of every dialogue turn); an entry whose `promptOf` is
 * {@link THIS_SESSION} refers to the session just stored. Returns the chats that got messages.
 */
export async function saveAndEnqueue(
  db: Db,
  session: SessionWrite,
  entries: OutboxEntry[],
): Promise<string[]> {
  if (entries.some((e) => e.card)) {
    // Live cards are remembered with their rows' ids (../outbox/enqueue.ts): two statements, rarely.
    const id = await saveSession(db, session);
    const own = entries.map((e) => (e.promptOf === THIS_SESSION ? { ...e, promptOf: id } : e));
    return enqueue(db, own, session.now);
  }
  const { state, now } = session;
  const payloads = entries.map((e) => JSON.stringify(e.call));
  await db.$executeRaw`
    WITH s AS (
      INSERT INTO dialogue_sessions (id, messenger, chat_id, staff_id, flow_id, flow_version, engine_version, state, status, prompt_message_id, created_at, updated_at)
      VALUES (gen_random_uuid(), ${session.messenger}, ${session.chatId}, ${session.staffId}::uuid, ${state.flowId}, ${state.flowVersion},
              ${ENGINE_VERSION}, ${JSON.stringify(state)}::jsonb, ${state.status}, ${session.promptMessageId}::int, ${now}, ${now})
      ON CONFLICT (messenger, chat_id) DO UPDATE SET
        staff_id = EXCLUDED.staff_id, flow_id = EXCLUDED.flow_id, flow_version = EXCLUDED.flow_version,
        engine_version = EXCLUDED.engine_version, state = EXCLUDED.state, status = EXCLUDED.status,
        prompt_message_id = EXCLUDED.prompt_message_id, updated_at = EXCLUDED.updated_at
      RETURNING id)
    INSERT INTO outbox_messages (messenger, chat_id, payload, session_id, is_prompt, next_attempt_at, created_at)
    SELECT e.messenger, e.chat_id, e.payload::jsonb,
           CASE WHEN e.session_id = ${THIS_SESSION} THEN (SELECT id FROM s) ELSE e.session_id::uuid END,
           e.session_id IS NOT NULL, ${now}, ${now}
      FROM unnest(${entries.map((e) => e.messenger)}::text[], ${entries.map((e) => e.chatId)}::text[], ${payloads}::text[],
                  ${entries.map((e) => e.promptOf ?? null)}::text[]) WITH ORDINALITY AS e(messenger, chat_id, payload, session_id, n)
     ORDER BY e.n`;
  return [...new Set(entries.map((e) => chatKey(e.messenger, e.chatId)))];
}
