/**
 * Writing outgoing messenger calls into the outbox, in the caller's transaction, so a
 * message exists exactly when the change that caused it was committed.
 */
import type { MessengerKind, OutboundCall } from "../messenger/contract.ts";
import type { Tx } from "../chat/app.ts";

/** One queued call. */
export interface OutboxEntry {
  messenger: MessengerKind;
  chatId: string;
  call: OutboundCall;
  /** Set when the call shows the dialogue's current question. */
  promptOf?: string;
}

/**
 * Inserts the entries in order (one statement: this runs in every turn); returns the
 * distinct chats they go to.
 */
export async function enqueue(tx: Tx, entries: OutboxEntry[], now: Date): Promise<string[]> {
  if (entries.length === 0) return [];
  const payloads = entries.map((e) => JSON.stringify(e.call));
  await tx.$executeRaw`
    INSERT INTO outbox_messages (messenger, chat_id, payload, session_id, is_prompt, next_attempt_at, created_at)
    SELECT e.messenger, e.chat_id, e.payload::jsonb, e.session_id::uuid, e.session_id IS NOT NULL, ${now}, ${now}
      FROM unnest(${entries.map((e) => e.messenger)}::text[], ${entries.map((e) => e.chatId)}::text[], ${payloads}::text[],
                  ${entries.map((e) => e.promptOf ?? null)}::text[]) WITH ORDINALITY AS e(messenger, chat_id, payload, session_id, n)
     ORDER BY e.n`;
  return [...new Set(entries.map((e) => chatKey(e.messenger, e.chatId)))];
}

/** The key that orders and locks a chat's work: "telegram:12345". */
export function chatKey(messenger: string, chatId: string): string {
  return `${messenger}:${chatId}`;
}

/** Splits a chat key back. */
export function parseChatKey(key: string): { messenger: MessengerKind; chatId: string } {
  const at = key.indexOf(":");
  return { messenger: key.slice(0, at) as MessengerKind, chatId: key.slice(at + 1) };
}
