/**
 * Writing outgoing messenger calls into the outbox, in the caller's transaction, so a
 * message exists exactly when the change that caused it was committed.
 */
import type { MessengerKind, OutboundCall } from "../messenger/contract.ts";
import type { Tx } from "../chat/app.ts";
import type { CardTag } from "../chat/cards.ts";

/** One queued call. */
export interface OutboxEntry {
  messenger: MessengerKind;
  chatId: string;
  call: OutboundCall;
  /** Set when the call shows the dialogue's current question. */
  promptOf?: string;
  /** Set when the sent message is a live card (../chat/cards.ts): remembered with this row's id. */
  card?: CardTag & { staffId: string };
}

/**
 * Inserts the entries in order (one statement: this runs in every turn); returns the
 * distinct chats they go to.
 */
export async function enqueue(tx: Tx, entries: OutboxEntry[], now: Date): Promise<string[]> {
  if (entries.length === 0) return [];
  if (entries.some((e) => e.card)) await enqueueWithCards(tx, entries, now);
  else await insertRows(tx, entries, now);
  return [...new Set(entries.map((e) => chatKey(e.messenger, e.chatId)))];
}

async function insertRows(tx: Tx, entries: OutboxEntry[], now: Date): Promise<void> {
  const payloads = entries.map((e) => JSON.stringify(e.call));
  await tx.$executeRaw`
    INSERT INTO outbox_messages (messenger, chat_id, payload, session_id, is_prompt, next_attempt_at, created_at)
    SELECT e.messenger, e.chat_id, e.payload::jsonb, e.session_id::uuid, e.session_id IS NOT NULL, ${now}, ${now}
      FROM unnest(${entries.map((e) => e.messenger)}::text[], ${entries.map((e) => e.chatId)}::text[], ${payloads}::text[],
                  ${entries.map((e) => e.promptOf ?? null)}::text[]) WITH ORDINALITY AS e(messenger, chat_id, payload, session_id, n)
     ORDER BY e.n`;
}

/**
 * The rows with ids taken first (in order, so each chat's order is kept), and a `chat_cards` row
 * for each card naming the row that sends it. Only turns and notices that send cards pay for this.
 */
async function enqueueWithCards(tx: Tx, entries: OutboxEntry[], now: Date): Promise<void> {
  const ids = (
    await tx.$queryRaw<{ id: bigint }[]>`
      SELECT nextval(pg_get_serial_sequence('outbox_messages', 'id')) AS id
        FROM generate_series(1, ${entries.length}::int) ORDER BY 1`
  ).map((r) => r.id);
  await tx.$executeRaw`
    INSERT INTO outbox_messages (id, messenger, chat_id, payload, session_id, is_prompt, next_attempt_at, created_at)
    SELECT e.id, e.messenger, e.chat_id, e.payload::jsonb, e.session_id::uuid, e.session_id IS NOT NULL, ${now}, ${now}
      FROM unnest(${ids.map(String)}::bigint[], ${entries.map((e) => e.messenger)}::text[], ${entries.map((e) => e.chatId)}::text[],
                  ${entries.map((e) => JSON.stringify(e.call))}::text[], ${entries.map((e) => e.promptOf ?? null)}::text[])
           AS e(id, messenger, chat_id, payload, session_id)
     ORDER BY e.id`;
  const cards = entries.flatMap((e, i) => (e.card ? [{ ...e, card: e.card, id: ids[i]! }] : []));
  await tx.$executeRaw`
    INSERT INTO chat_cards (subject_type, subject_id, kind, staff_id, messenger, chat_id, outbox_id, data, created_at)
    SELECT c.subject_type, c.subject_id::uuid, c.kind, c.staff_id::uuid, c.messenger, c.chat_id, c.outbox_id, c.data::jsonb, ${now}
      FROM unnest(${cards.map((c) => c.card.subjectType)}::text[], ${cards.map((c) => c.card.subjectId)}::text[],
                  ${cards.map((c) => c.card.kind)}::text[], ${cards.map((c) => c.card.staffId)}::text[],
                  ${cards.map((c) => c.messenger)}::text[], ${cards.map((c) => c.chatId)}::text[],
                  ${cards.map((c) => String(c.id))}::bigint[], ${cards.map((c) => JSON.stringify(c.card.data ?? {}))}::text[])
           AS c(subject_type, subject_id, kind, staff_id, messenger, chat_id, outbox_id, data)`;
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
