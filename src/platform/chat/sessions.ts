/**
 * The dialogue session of a chat: at most one row per chat, holding the flow engine's state and
 * the message id of the question currently shown.
 */
import type { Db } from "../db/client.ts";
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
export async function saveSession(
  db: Db,
  row: {
    messenger: string;
    chatId: string;
    staffId: string;
    state: SessionState;
    promptMessageId: number | null;
    now: Date;
  },
): Promise<string> {
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
