/**
 * Live cards: a message about something (a signal) that is edited in place whenever that thing
 * changes, so every copy in every chat shows the present and carries only the buttons valid now.
 *
 * A message becomes a card when it is sent with a {@link CardTag} (`ChatMessage.card`): the outbox
 * row that sends it is remembered in `chat_cards`. A notice renderer asks for the cards of a
 * subject to be drawn again by returning a {@link CardRefresh}; each card is then edited to what
 * the area's `render` says now, in the same transaction as the change. A card whose message is
 * not sent yet is edited by reference to its outbox row: the outbox delivers a chat's rows in
 * order, so the dispatcher reads the message id when the edit's turn comes (see
 * `ofOutbox` in the messenger contract).
 */
import { findChatStaff } from "../../access/identity.ts";
import type { Json } from "../flow/types.ts";
import type { MessengerKind } from "../messenger/contract.ts";
import type { OutboxEntry } from "../outbox/enqueue.ts";
import type { MessageFor, Tx } from "./app.ts";
import type { MessageRenderer } from "./render.ts";

/** What a sent message is a card of. */
export interface CardTag {
  subjectType: string;
  subjectId: string;
  /** The area's kind of card ("head", "curator", …). */
  kind: string;
  /** What the area needs to draw it again; never personal data. */
  data?: Record<string, Json>;
}

/** A remembered card. */
export interface CardRow {
  id: bigint;
  kind: string;
  staffId: string;
  messenger: MessengerKind;
  chatId: string;
  data: Record<string, Json>;
}

/** Draw every card of a subject again; `render` returns null to leave a card as it is. */
export interface CardRefresh {
  refresh: {
    subjectType: string;
    subjectId: string;
    render: (card: CardRow, all: readonly CardRow[]) => Promise<MessageFor | null> | MessageFor | null;
  };
}

interface StoredCard extends CardRow {
  outboxId: bigint | null;
  messageId: number | null;
}

/** The outbox entries editing every card of the subject to its current render. */
export async function refreshCards(
  tx: Tx,
  messages: MessageRenderer,
  { subjectType, subjectId, render }: CardRefresh["refresh"],
): Promise<OutboxEntry[]> {
  const cards = await tx.$queryRaw<(StoredCard & { sentId: number | null; outboxStatus: string | null })[]>`
    SELECT c.id, c.kind, c.staff_id AS "staffId", c.messenger, c.chat_id AS "chatId", c.data,
           c.outbox_id AS "outboxId", c.message_id AS "messageId",
           o.result_message_id AS "sentId", o.status AS "outboxStatus"
      FROM chat_cards c LEFT JOIN outbox_messages o ON o.id = c.outbox_id
     WHERE c.subject_type = ${subjectType} AND c.subject_id = ${subjectId}::uuid
     ORDER BY c.id`;
  if (cards.length === 0) return [];
  // Message ids learnt since: kept on the card (outbox rows are pruned after a while).
  const learnt = cards.filter((c) => c.messageId === null && c.sentId !== null);
  for (const c of learnt) c.messageId = c.sentId;
  if (learnt.length > 0) {
    await tx.$executeRaw`
      UPDATE chat_cards c SET message_id = l.message_id
        FROM unnest(${learnt.map((c) => String(c.id))}::bigint[], ${learnt.map((c) => c.messageId)}::int[])
             AS l(id, message_id)
       WHERE c.id = l.id`;
  }
  const entries: OutboxEntry[] = [];
  const readers = new Map<string, Awaited<ReturnType<typeof findChatStaff>>>();
  for (const card of cards) {
    const pending = card.messageId === null && card.outboxStatus === "pending";
    // Never sent (failed) and not waiting: nothing to edit.
    if (card.messageId === null && !pending) continue;
    if (!messages.serves(card.messenger)) continue;
    const message = await render(card, cards);
    if (!message) continue;
    if (!readers.has(card.staffId))
      readers.set(card.staffId, await findChatStaff(tx, { staffId: card.staffId }));
    const reader = readers.get(card.staffId);
    if (!reader) continue;
    const body = typeof message === "function" ? message(reader.staff) : message;
    const { card: _tag, ...shown } = body;
    const [call] = messages.calls(
      card.messenger,
      reader.staff,
      card.chatId,
      { ...shown, replace: true },
      card.messageId ?? 0,
    );
    if (call?.method !== "editMessageText") continue;
    entries.push({
      messenger: card.messenger,
      chatId: card.chatId,
      call: pending ? { ...call, ofOutbox: String(card.outboxId) } : call,
    });
  }
  return entries;
}
