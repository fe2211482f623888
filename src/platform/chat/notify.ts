/**
 * Messages to staff outside their own turn (a head told of a new signal, a curator of an
 * assignment): rendered in each reader's language and time zone, queued in the outbox of
 * every messenger account they have.
 */
import type { Translator } from "../i18n/index.ts";
import { findChatStaff } from "../../access/identity.ts";
import type { OutboxEntry } from "../outbox/enqueue.ts";
import type { MessageFor, Tx } from "./app.ts";
import { renderMessage } from "./render.ts";

/** Outbox entries delivering `message` to each active staff member in `staffIds`. */
export async function messagesForStaff(
  tx: Tx,
  translator: Translator,
  staffIds: string[],
  message: MessageFor,
): Promise<OutboxEntry[]> {
  const entries: OutboxEntry[] = [];
  for (const id of new Set(staffIds)) {
    const reader = await findChatStaff(tx, { staffId: id });
    if (!reader?.active) continue;
    const body = typeof message === "function" ? message(reader.staff) : message;
    for (const identity of reader.identities) {
      for (const call of renderMessage(translator, reader.staff, identity.chatId, body)) {
        entries.push({
          messenger: identity.messenger as OutboxEntry["messenger"],
          chatId: identity.chatId,
          call,
        });
      }
    }
  }
  return entries;
}
