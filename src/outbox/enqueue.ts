/**
 * Writing outgoing messenger calls into the outbox, in the caller's transaction, so a
 * message exists exactly when the change that caused it was committed.
 */
import type { MessengerKind, OutboundCall } from "../../bots/messenger.ts";
import type { Tx } from "../chat/app.ts";
import type { Json } from "../flow/types.ts";

/** One queued call. */
export interface OutboxEntry {
  messenger: MessengerKind;
  chatId: string;
  call: OutboundCall;
  /** Set when the call shows the dialogue's current question. */
  promptOf?: string;
}

/** Inserts the entries in order; returns the distinct chats they go to. */
export async function enqueue(tx: Tx, entries: OutboxEntry[], now: Date): Promise<string[]> {
  if (entries.length === 0) return [];
  await tx.outboxMessage.createMany({
    data: entries.map((entry) => ({
      messenger: entry.messenger,
      chatId: entry.chatId,
      payload: entry.call as unknown as Json as object,
      sessionId: entry.promptOf ?? null,
      isPrompt: entry.promptOf !== undefined,
      nextAttemptAt: now,
    })),
  });
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
