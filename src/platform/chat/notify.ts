/**
 * Messages to staff outside their own turn (a head told of a new signal, a curator of an
 * assignment): rendered in each reader's language and time zone, queued in the outbox of every
 * messenger account they have on the messengers this system runs.
 */
import { findChatStaff } from "../../access/identity.ts";
import type { Db } from "../db/client.ts";
import type { MessengerKind } from "../messenger/contract.ts";
import type { OutboxEntry } from "../outbox/enqueue.ts";
import type { MessageFor } from "./app.ts";
import type { MessageRenderer } from "./render.ts";

/** Outbox entries delivering `message` to each active staff member in `staffIds`. */
export async function messagesForStaff(
  db: Db,
  renderer: MessageRenderer,
  staffIds: string[],
  message: MessageFor,
): Promise<OutboxEntry[]> {
  const entries: OutboxEntry[] = [];
  for (const id of new Set(staffIds)) {
    const reader = await findChatStaff(db, { staffId: id });
    if (!reader?.active) continue;
    const body = typeof message === "function" ? message(reader.staff) : message;
    for (const identity of reader.identities) {
      const messenger = identity.messenger as MessengerKind;
      // Bound to a messenger this system does not run now (MAX switched off): reach them elsewhere.
      if (!renderer.serves(messenger)) continue;
      renderer.calls(messenger, reader.staff, identity.chatId, body).forEach((call, index) => {
        // A card is the message itself (the first call), remembered to be edited later.
        const card =
          index === 0 && body.card && call.method === "sendMessage"
            ? { ...body.card, staffId: id }
            : undefined;
        entries.push({ messenger, chatId: identity.chatId, call, ...(card ? { card } : {}) });
      });
    }
  }
  return entries;
}
