/**
 * JSON shapes of the user-side (`/_sim`) endpoints, shared by the server and {@link SimClient}.
 * Simulator fields are camelCase; embedded MAX objects (buttons, attachments) keep MAX's shapes.
 * Type-only: safe to import from a browser page.
 */

/** A simulated MAX user. */
export interface SimUserProfile {
  /** The user's MAX id (`user_id`). The dialog with the bot has its own id (`chatId`). */
  id: number;
  firstName: string;
  lastName?: string;
  username?: string;
  /** Sent as `user_locale`, e.g. "ru". */
  languageCode?: string;
  /** Shared by `request_contact` buttons; a fake number derived from the id when omitted. */
  phoneNumber?: string;
}

/** A MAX inline keyboard button, as the bot sent it. */
export interface SimButton {
  type: string;
  text: string;
  payload?: string;
  url?: string;
}

/** What kind of message it is, for rendering and assertions. */
export type SimMessageKind = "text" | "document" | "sticker" | "contact" | "other";

/** One message as the dialog shows it now (edits applied). */
export interface SimMessageView {
  /** The message's number in its dialog, from 1 (the simulator's handle; MAX's own id is `mid`). */
  messageId: number;
  /** MAX's message id, `"mid.…"`. */
  mid: string;
  from: "bot" | "user";
  /** Unix time, milliseconds (as MAX reports it). */
  timestamp: number;
  edited: boolean;
  kind: SimMessageKind;
  text?: string;
  /** Formatting of the text (bold labels...), UTF-16 offsets into `text`. */
  markup?: { type: string; from: number; length: number }[];
  /** The inline keyboard under the message (every button type). */
  buttons?: SimButton[][];
  document?: { name: string; size: number; token: string };
  contact?: { phoneNumber: string; name: string };
  forwarded: boolean;
}

/** A button press and the bot's answer to it. */
export interface SimCallbackAnswer {
  callbackQueryId: string;
  messageId: number;
  data: string;
  timestamp: number;
  answered: boolean;
  /** The one-time notification the person saw. */
  text?: string;
}

/** Everything one dialog shows its user. */
export interface SimChatView {
  botId: number;
  /** The dialog's chat id (differs from the user's id, as on MAX). */
  chatId: number;
  user: { userId: number; firstName: string; lastName?: string; username?: string; languageCode?: string };
  /** Increases with every visible change; pass it to the wait endpoint. */
  version: number;
  /** True after the user stopped the bot (until they start it again). */
  blocked: boolean;
  messages: SimMessageView[];
  callbackAnswers: SimCallbackAnswer[];
}

/** One line of the chat list. */
export interface SimChatSummary {
  botId: number;
  chatId: number;
  user: SimChatView["user"];
  version: number;
  messageCount: number;
}

/** A bot as the simulator knows it. */
export interface SimBotInfo {
  id: number;
  username: string;
  name: string;
  tokenBound: boolean;
  mode: "polling" | "webhook" | "idle";
  webhookUrl?: string;
  pendingUpdateCount: number;
  lastWebhookError?: string;
  chatIds: number[];
  faults: unknown[];
}

/** The outcome of pressing a button: a callback, or a message the button sent for the user. */
export type SimPressResult =
  | { kind: "callback"; callbackQueryId: string; messageId: number; data: string }
  | { kind: "message"; message: SimMessageView };
