/**
 * The contract's calls → Telegram Bot API requests: one table ({@link telegramRequest}) that both
 * library adapters use, so grammY and Telegraf send exactly the same method and parameters.
 */
import {
  MessengerApiError,
  type ClientCall,
  type InlineButton,
  type Keyboard,
  type OutboundFile,
  type OutboundResult,
} from "../../src/platform/messenger/contract.ts";

/** Numeric chat ids go out as numbers (what Telegram itself sends); anything else as is. */
export function toChatId(chatId: string): number | string {
  return /^-?\d+$/.test(chatId) ? Number(chatId) : chatId;
}

/** One inline button as Telegram takes it: callback data, a link, or a Mini App. */
export type TelegramInlineButton =
  | { text: string; callback_data: string }
  | { text: string; url: string }
  | { text: string; web_app: { url: string } };

/** Telegram's inline keyboard markup, only the fields we send (assignable to both libraries). */
export interface InlineMarkup {
  inline_keyboard: TelegramInlineButton[][];
}

/** Any `reply_markup` the adapters send. */
export type ReplyMarkup =
  | InlineMarkup
  | {
      keyboard: { text: string; request_contact?: boolean }[][];
      one_time_keyboard?: boolean;
      resize_keyboard: boolean;
    }
  | { remove_keyboard: true };

/**
 * Maps the contract's keyboard to Telegram's `reply_markup`. Reply keyboards are always
 * resized: Telegram's default full-height keyboard hides the conversation on phones.
 */
export function toReplyMarkup(keyboard: Keyboard | undefined): ReplyMarkup | undefined {
  switch (keyboard?.type) {
    case undefined:
      return undefined;
    case "inline":
      return toInlineMarkup(keyboard);
    case "reply":
      return {
        keyboard: keyboard.rows.map((row) =>
          row.map((b) => (b.requestContact ? { text: b.text, request_contact: true } : { text: b.text })),
        ),
        ...(keyboard.oneTime && { one_time_keyboard: true }),
        resize_keyboard: true,
      };
    case "remove":
      return { remove_keyboard: true };
  }
}

function toInlineMarkup(keyboard: Keyboard & { type: "inline" }): InlineMarkup {
  return { inline_keyboard: keyboard.rows.map((row) => row.map(toInlineButton)) };
}

function toInlineButton(button: InlineButton): TelegramInlineButton {
  if (button.url === undefined) return { text: button.text, callback_data: button.data };
  return button.miniApp
    ? { text: button.text, web_app: { url: button.url } }
    : { text: button.text, url: button.url };
}

/**
 * The markup an edited message may carry: Telegram only allows inline keyboards there.
 * Returns `"invalid"` for any other keyboard so the adapter can fail without calling the API.
 */
export function toEditMarkup(keyboard: Keyboard | undefined): InlineMarkup | undefined | "invalid" {
  if (keyboard === undefined) return undefined;
  return keyboard.type === "inline" ? toInlineMarkup(keyboard) : "invalid";
}

/** The description used when an edit is given a reply keyboard (what Telegram would say). */
export const EDIT_MARKUP_ERROR = "Bad Request: only an inline keyboard can be attached to an edited message";

/** The message id of an edit result: Telegram returns `true` only for inline-mode messages. */
export function editedMessageId(result: true | { message_id: number }, fallback: number): number {
  return result === true ? fallback : result.message_id;
}

/** Builds the inline keyboard of an edit; an edit can carry no other kind of keyboard. */
export function editMarkupOf(
  call: Extract<ClientCall, { method: "editMessageText" | "editMessageReplyMarkup" }>,
): InlineMarkup | undefined {
  const markup = toEditMarkup(call.keyboard);
  if (markup === "invalid") throw new MessengerApiError(call.method, 400, EDIT_MARKUP_ERROR);
  return markup;
}

/** One Bot API request: the method, its parameters, and the file to upload with it. */
export interface TelegramRequest {
  method: string;
  params: Record<string, unknown>;
  /** For sendDocument: the field `document` is this file (uploaded as multipart). */
  document?: OutboundFile;
  /** How the result is read: a sent message, an edited one, or nothing of interest. */
  result: "message" | "edited" | "none";
}

/**
 * The request that performs `call`. Throws {@link MessengerApiError} (400, as Telegram would
 * answer) for an edit given a keyboard other than an inline one.
 *
 * @example
 * telegramRequest({ method: "sendMessage", chatId: "7", text: "Привет" });
 * // → { method: "sendMessage", params: { chat_id: 7, text: "Привет" }, result: "message" }
 */
export function telegramRequest(call: ClientCall): TelegramRequest {
  switch (call.method) {
    case "sendMessage": {
      const markup = toReplyMarkup(call.keyboard);
      return {
        method: call.method,
        params: {
          chat_id: toChatId(call.chatId),
          text: call.text,
          ...(call.format === "html" && { parse_mode: "HTML" }),
          ...(markup && { reply_markup: markup }),
        },
        result: "message",
      };
    }
    case "editMessageText": {
      const markup = editMarkupOf(call);
      return {
        method: call.method,
        params: {
          chat_id: toChatId(call.chatId),
          message_id: call.messageId,
          text: call.text,
          ...(call.format === "html" && { parse_mode: "HTML" }),
          ...(markup && { reply_markup: markup }),
        },
        result: "edited",
      };
    }
    case "editMessageReplyMarkup": {
      const markup = editMarkupOf(call);
      return {
        method: call.method,
        params: {
          chat_id: toChatId(call.chatId),
          message_id: call.messageId,
          ...(markup && { reply_markup: markup }),
        },
        result: "edited",
      };
    }
    case "answerCallbackQuery":
      return {
        method: call.method,
        params: {
          callback_query_id: call.callbackQueryId,
          ...(call.text !== undefined && { text: call.text }),
          ...(call.showAlert !== undefined && { show_alert: call.showAlert }),
        },
        result: "none",
      };
    case "deleteMessage":
      return {
        method: call.method,
        params: { chat_id: toChatId(call.chatId), message_id: call.messageId },
        result: "none",
      };
    case "setMyCommands":
      return {
        method: call.method,
        params: {
          commands: call.commands,
          scope: { type: "chat", chat_id: toChatId(call.chatId) },
          ...(call.languageCode !== undefined && { language_code: call.languageCode }),
        },
        result: "none",
      };
    case "sendDocument":
      return {
        method: call.method,
        params: {
          chat_id: toChatId(call.chatId),
          ...(call.caption !== undefined && { caption: call.caption }),
        },
        document: call.file,
        result: "message",
      };
  }
}

/** The contract's result of a request's answer. */
export function telegramResult(request: TelegramRequest, call: ClientCall, answer: unknown): OutboundResult {
  switch (request.result) {
    case "message":
      return { messageId: (answer as { message_id: number }).message_id };
    case "edited":
      return {
        messageId: editedMessageId(
          answer as true | { message_id: number },
          (call as { messageId: number }).messageId,
        ),
      };
    case "none":
      return {};
  }
}
