/**
 * JSON shapes of the user-side (`/_sim`) endpoints, shared by the server and {@link SimClient}.
 *
 * Simulator fields are camelCase; embedded Telegram objects (`message`, `user`, keyboards) keep
 * Telegram's snake_case shapes from `@grammyjs/types`. Type-only: safe to import from a browser page.
 */
import type {
  Contact,
  Document,
  InlineKeyboardButton,
  Message,
  MessageEntity,
  ReplyKeyboardMarkup,
  User,
} from "@grammyjs/types";
import type { FaultRule } from "./faults.ts";

/** A simulated user, as the user side creates them. */
export interface SimUserProfile {
  id: number;
  firstName: string;
  lastName?: string;
  username?: string;
  languageCode?: string;
  /** Shared by contact buttons; a fake number derived from the id when omitted. */
  phoneNumber?: string;
}

/** What kind of message it is, for rendering and assertions. */
export type SimMessageKind = "text" | "document" | "photo" | "sticker" | "contact" | "other";

/** One message as the chat shows it now (edits applied). */
export interface SimMessageView {
  messageId: number;
  from: "bot" | "user";
  date: number;
  editDate?: number;
  kind: SimMessageKind;
  /** The text, or the caption of a media message. */
  text?: string;
  entities?: MessageEntity[];
  /** The inline keyboard under the message. */
  buttons?: InlineKeyboardButton[][];
  document?: Document;
  contact?: Contact;
  forwarded: boolean;
  replyToMessageId?: number;
  /** The message exactly as the Bot API holds it. */
  message: Message;
}

/** A button press and the bot's answer to it (the toast or alert the user saw). */
export interface SimCallbackAnswer {
  callbackQueryId: string;
  messageId: number;
  data: string;
  /** Unix time of the press. */
  date: number;
  answered: boolean;
  text?: string;
  showAlert?: boolean;
  url?: string;
}

/** Everything one chat shows the user. */
export interface SimChatView {
  botId: number;
  chatId: number;
  user: User;
  /** Increases with every visible change; pass it to the wait endpoint. */
  version: number;
  blocked: boolean;
  /** Oldest first; deleted messages are gone. */
  messages: SimMessageView[];
  /** The custom keyboard shown instead of the letter keyboard, if any. */
  replyKeyboard: ReplyKeyboardMarkup | null;
  callbackAnswers: SimCallbackAnswer[];
  /** The bot's chat action ("typing"...) until its next message. */
  chatAction: { action: string; date: number } | null;
  /** The command menu this chat shows (Telegram's "Menu" button), resolved as Telegram does. */
  commands: { command: string; description: string }[];
}

/** One line of the chat list. */
export interface SimChatSummary {
  botId: number;
  chatId: number;
  user: User;
  version: number;
  messageCount: number;
}

/** A bot as the simulator knows it. */
export interface SimBotInfo {
  id: number;
  username: string;
  firstName: string;
  /** False until the bot's token is registered or first used. */
  tokenBound: boolean;
  mode: "polling" | "webhook" | "idle";
  webhookUrl?: string;
  pendingUpdateCount: number;
  lastWebhookError?: string;
  chatIds: number[];
  faults: FaultRule[];
}

/** The outcome of pressing a button: an inline button makes a callback query, a keyboard button a message. */
export type SimPressResult =
  | { kind: "callback"; callbackQueryId: string; messageId: number; data: string }
  | { kind: "message"; message: Message };
