/**
 * MAX updates → the contract's {@link InboundUpdate}. MAX updates carry no update id and their
 * message ids are strings, so this mapper derives a stable update id ({@link maxUpdateId}) and asks
 * a {@link MessageIdMap} for the numbers the core stores.
 */
import { createHash } from "node:crypto";
import type { Attachment, Message, Update, User } from "@maxhub/max-bot-api/types";
import type { InboundInput, MessageIdMap } from "../../src/platform/messenger/contract.ts";
import type { MappedUpdate } from "../core/dispatcher.ts";

/**
 * The update types the adapter maps; given to `GET /updates` and `POST /subscriptions` so MAX does
 * not send (and we do not parse) the rest.
 */
export const MAX_UPDATE_TYPES = [
  "message_created",
  "message_edited",
  "message_callback",
  "bot_started",
  "bot_stopped",
] as const;

/** Bits of an update id taken from the hash; the rest is the event's time in seconds. */
const HASH_BITS = 21;

/**
 * A number that names one MAX update, the same on every delivery of it (MAX updates have no id).
 * It is the event's own time in seconds (not the update's envelope time) times 2^21 plus 21 bits of
 * a hash of what identifies the event (message id, callback id, or the chat, user and time for
 * bot_started/bot_stopped). Two different updates share a number only if they happened in the same
 * second and their hashes collide in 21 bits: about one in two million for a pair. Stays below 2^53
 * (a safe JavaScript integer) until the year 2106.
 * @example maxUpdateId({ update_type: "message_callback", timestamp: 1775025604499, callback: { callback_id: "f9L…", timestamp: 1775026702210, … }, … })
 */
export function maxUpdateId(update: Update): number {
  const { key, at } = identityOf(update);
  const hash = createHash("sha256").update(`${update.update_type}\u0000${key}`).digest();
  const low = hash.readUIntBE(0, 3) & ((1 << HASH_BITS) - 1);
  return Math.floor(at / 1000) * 2 ** HASH_BITS + low;
}

function identityOf(update: Update): { key: string; at: number } {
  switch (update.update_type) {
    case "message_created":
      return { key: update.message.body.mid, at: update.message.timestamp };
    case "message_edited":
      // One message may be edited many times: the edit's time tells the edits apart.
      return { key: `${update.message.body.mid}\u0000${update.timestamp}`, at: update.timestamp };
    case "message_callback":
      return { key: update.callback.callback_id, at: update.callback.timestamp };
    default: {
      const chat = "chat_id" in update ? update.chat_id : "";
      const user = "user" in update ? update.user.user_id : "";
      return { key: `${chat}\u0000${user}\u0000${update.timestamp}`, at: update.timestamp };
    }
  }
}

/** Attachments the product does not accept, as the contract names them (checked in this order). */
const UNSUPPORTED: [Attachment["type"], Extract<InboundInput, { kind: "unsupported" }>["what"]][] = [
  ["sticker", "sticker"],
  ["image", "photo"],
  ["video", "video"],
  ["audio", "voice"],
  ["file", "document"],
  ["location", "location"],
  ["share", "other"],
];

/**
 * Maps a MAX update. Only dialogs (a person's private chat with the bot) are mapped: the service
 * talks to one person at a time, and group messages may carry other people's data. In a dialog the
 * chat id differs from the user's id (unlike Telegram), so the chat is told by its type.
 *
 * `bot_started` (the Start button, or a deep link `https://max.ru/<bot>?start=<payload>`) becomes
 * the command `/start <payload>`, which is how invitations are redeemed. `bot_stopped` is mapped to
 * nothing: the person left, there is nobody to answer, and messages to them fail from now on.
 */
export async function toInboundUpdate(
  update: Update,
  botId: string,
  ids: MessageIdMap,
): Promise<MappedUpdate> {
  const base = { messenger: "max" as const, botId, updateId: maxUpdateId(update) };
  switch (update.update_type) {
    case "bot_started": {
      if (update.user.is_bot) return { ok: false, reason: "bot_started by a bot" };
      return {
        ok: true,
        update: {
          ...base,
          chatId: String(update.chat_id),
          userId: String(update.user.user_id),
          ...languageOf(update.user_locale),
          input: { kind: "command", command: "start", args: (update.payload ?? "").trim(), messageId: 0 },
        },
      };
    }
    case "bot_stopped":
      return { ok: false, reason: "the person stopped the bot" };
    case "message_callback": {
      const message = update.message;
      if (!message) return { ok: false, reason: "callback without a message" };
      if (!isDialog(message)) return { ok: false, reason: "not a dialog" };
      return {
        ok: true,
        update: {
          ...base,
          chatId: String(message.recipient.chat_id),
          userId: String(update.callback.user.user_id),
          ...languageOf(update.user_locale),
          input: {
            kind: "callback",
            data: update.callback.payload ?? "",
            callbackQueryId: update.callback.callback_id,
            messageId: await ids.toNumber(message.body.mid),
          },
        },
      };
    }
    case "message_created":
    case "message_edited": {
      const { message } = update;
      if (!isDialog(message)) return { ok: false, reason: "not a dialog" };
      const sender = message.sender;
      if (!sender) return { ok: false, reason: "message without a sender" };
      if (sender.is_bot) return { ok: false, reason: "message from a bot" };
      const messageId = await ids.toNumber(message.body.mid);
      const locale = update.update_type === "message_created" ? update.user_locale : undefined;
      return {
        ok: true,
        update: {
          ...base,
          chatId: String(message.recipient.chat_id),
          userId: String(sender.user_id),
          ...languageOf(locale),
          input:
            update.update_type === "message_edited"
              ? { kind: "edited", messageId }
              : toInput(message, messageId),
        },
      };
    }
    default:
      return { ok: false, reason: "unhandled update type" };
  }
}

function isDialog(message: Message): boolean {
  return message.recipient.chat_type === "dialog" && message.recipient.chat_id !== null;
}

/** MAX reports a locale such as "ru" or "ru-RU"; the core wants the language. */
function languageOf(locale: unknown): { languageCode?: string } {
  if (typeof locale !== "string" || locale === "") return {};
  return { languageCode: locale.split(/[-_]/)[0]!.toLowerCase() };
}

function toInput(message: Message, messageId: number): InboundInput {
  // A forwarded text is someone else's words: never treat it as the user's answer.
  if (message.link?.type === "forward") return { kind: "unsupported", what: "forward", messageId };
  const attachments = message.body.attachments ?? [];
  const contact = attachments.find((a) => a.type === "contact");
  if (contact) {
    const phone = phoneOfVcard(contact.payload.vcf_info ?? "");
    if (phone === undefined) return { kind: "unsupported", what: "other", messageId };
    const owner: User | null | undefined = contact.payload.max_info;
    return {
      kind: "contact",
      phone,
      ...(owner?.user_id !== undefined && { contactUserId: String(owner.user_id) }),
      messageId,
    };
  }
  for (const [type, what] of UNSUPPORTED) {
    if (attachments.some((a) => a.type === type)) return { kind: "unsupported", what, messageId };
  }
  const text = message.body.text;
  if (typeof text === "string" && text !== "") {
    const command = /^\/([A-Za-z0-9_]+)(?:@\S+)?(?:\s+([\s\S]*))?$/.exec(text);
    if (command) return { kind: "command", command: command[1]!, args: (command[2] ?? "").trim(), messageId };
    return { kind: "text", text, messageId };
  }
  return { kind: "unsupported", what: "other", messageId };
}

/**
 * The first phone number of a vCard (RFC 6350 `TEL` property, folded lines joined), as the person's
 * MAX client shared it; undefined when there is none.
 * @example phoneOfVcard("BEGIN:VCARD\r\nVERSION:3.0\r\nTEL;TYPE=cell:+79001234567\r\nEND:VCARD") // "+79001234567"
 */
export function phoneOfVcard(vcard: string): string | undefined {
  const unfolded = vcard.replace(/\r?\n[ \t]/g, "");
  for (const line of unfolded.split(/\r?\n/)) {
    const match = /^(?:[A-Za-z0-9-]+\.)?TEL(?:;[^:]*)?:(.*)$/i.exec(line.trim());
    if (!match) continue;
    const value = match[1]!.replace(/^tel:/i, "").trim();
    if (value !== "") return value;
  }
  return undefined;
}
