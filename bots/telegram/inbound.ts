/**
 * Telegram's updates → the contract's {@link InboundUpdate}: one pure mapper both libraries'
 * adapters use (their own `Update` types are assignable to {@link TgUpdate}).
 */
import type { InboundInput } from "../../src/platform/messenger/contract.ts";
import type { MappedUpdate } from "../core/dispatcher.ts";

/**
 * The update types the adapters map. Passed to getUpdates and setWebhook so Telegram does not
 * send (and we do not parse) the rest.
 */
export const ALLOWED_UPDATES = ["message", "edited_message", "callback_query"] as const;

/**
 * The fields of a Telegram update the adapters read. Both libraries' own `Update` types
 * (from different typings packages) are assignable to it, so one mapper serves both.
 */
export interface TgUpdate {
  update_id: number;
  message?: TgMessage;
  edited_message?: TgMessage;
  callback_query?: {
    id: string;
    from: TgUser;
    data?: string;
    message?: { message_id: number; chat: TgChat };
  };
}

interface TgUser {
  id: number;
  language_code?: string;
}

interface TgChat {
  id: number;
  type: string;
}

interface TgMessage {
  message_id: number;
  chat: TgChat;
  from?: TgUser;
  text?: string;
  entities?: readonly { type: string; offset: number; length: number }[];
  contact?: { phone_number: string; user_id?: number };
  forward_origin?: unknown;
  sticker?: unknown;
  photo?: unknown;
  document?: unknown;
  voice?: unknown;
  video?: unknown;
  location?: unknown;
}

/** Media that the product does not accept, checked in this order (a venue also has a location). */
const UNSUPPORTED_MEDIA = ["sticker", "photo", "document", "voice", "video", "location"] as const;

/**
 * Maps a Telegram update to the contract's {@link InboundUpdate}. Only private chats are
 * mapped: the service talks to one person at a time, and group messages may carry other
 * people's data.
 * @example toInboundUpdate({ update_id: 1, message: { message_id: 5, chat: { id: 7, type: "private" },
 *   from: { id: 7 }, text: "/start abc" } }, "42")
 *   // → { ok: true, update: { …, input: { kind: "text", … } } } (no bot_command entity given)
 */
export function toInboundUpdate(update: TgUpdate, botId: string): MappedUpdate {
  // The shape is checked, not trusted: a malformed update (a broken proxy, a forged webhook
  // request that had the secret, a new Telegram field) is ignored, never a crash.
  if (!isObject(update) || !Number.isSafeInteger(update.update_id)) {
    return { ok: false, reason: "malformed update" };
  }
  const base = { messenger: "telegram" as const, botId, updateId: update.update_id };

  const query = update.callback_query;
  if (query !== undefined) {
    if (!isObject(query) || typeof query.id !== "string" || !isUser(query.from)) {
      return { ok: false, reason: "malformed callback query" };
    }
    // Callbacks from inline-mode messages have no chat; the product does not use inline mode.
    if (!query.message) return { ok: false, reason: "callback without a message" };
    if (
      !isObject(query.message) ||
      !isChat(query.message.chat) ||
      !Number.isSafeInteger(query.message.message_id)
    ) {
      return { ok: false, reason: "malformed callback query" };
    }
    if (query.message.chat.type !== "private") return { ok: false, reason: "not a private chat" };
    // A private chat's id is its user's id: anything else is forged or misrouted.
    if (query.message.chat.id !== query.from.id) return { ok: false, reason: "chat is not the sender's" };
    return {
      ok: true,
      update: {
        ...base,
        chatId: String(query.message.chat.id),
        userId: String(query.from.id),
        ...languageOf(query.from),
        input: {
          kind: "callback",
          // Only game buttons lack data; keep the update so the core still answers the query.
          data: typeof query.data === "string" ? query.data : "",
          callbackQueryId: query.id,
          messageId: query.message.message_id,
        },
      },
    };
  }

  const edited = update.edited_message !== undefined;
  const message = update.message ?? update.edited_message;
  if (message === undefined) return { ok: false, reason: "unhandled update type" };
  if (!isObject(message) || !isChat(message.chat) || !Number.isSafeInteger(message.message_id)) {
    return { ok: false, reason: "malformed message" };
  }
  if (message.chat.type !== "private") return { ok: false, reason: "not a private chat" };
  if (!message.from) return { ok: false, reason: "message without a sender" };
  if (!isUser(message.from)) return { ok: false, reason: "malformed message" };
  if (message.chat.id !== message.from.id) return { ok: false, reason: "chat is not the sender's" };
  return {
    ok: true,
    update: {
      ...base,
      chatId: String(message.chat.id),
      userId: String(message.from.id),
      ...languageOf(message.from),
      input: edited ? { kind: "edited", messageId: message.message_id } : toInput(message),
    },
  };
}

function isObject(value: unknown): value is Record<string, unknown> & object {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isUser(value: unknown): value is TgUser {
  return isObject(value) && Number.isSafeInteger(value.id);
}

function isChat(value: unknown): value is TgChat {
  return isObject(value) && Number.isSafeInteger(value.id) && typeof value.type === "string";
}

function languageOf(user: TgUser): { languageCode?: string } {
  return typeof user.language_code === "string" && user.language_code
    ? { languageCode: user.language_code }
    : {};
}

function toInput(message: TgMessage): InboundInput {
  const messageId = message.message_id;
  // A forwarded text is someone else's words: never treat it as the user's answer.
  if (message.forward_origin !== undefined) return { kind: "unsupported", what: "forward", messageId };
  if (isObject(message.contact) && typeof message.contact.phone_number === "string") {
    const { phone_number, user_id } = message.contact;
    return {
      kind: "contact",
      phone: phone_number,
      ...(Number.isSafeInteger(user_id) && { contactUserId: String(user_id) }),
      messageId,
    };
  }
  const what = UNSUPPORTED_MEDIA.find((field) => message[field] !== undefined);
  if (what) return { kind: "unsupported", what, messageId };
  if (typeof message.text === "string") {
    const first = Array.isArray(message.entities) ? (message.entities[0] as unknown) : undefined;
    if (
      isObject(first) &&
      first.type === "bot_command" &&
      first.offset === 0 &&
      Number.isSafeInteger(first.length) &&
      (first.length as number) > 1
    ) {
      // Entity offsets are UTF-16 code units, the same as JavaScript string indices.
      const length = first.length as number;
      const command = message.text.slice(1, length).split("@")[0] ?? "";
      return { kind: "command", command, args: message.text.slice(length).trim(), messageId };
    }
    return { kind: "text", text: message.text, messageId };
  }
  return { kind: "unsupported", what: "other", messageId };
}
