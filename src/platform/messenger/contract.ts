/**
 * The messenger-neutral contract between the core (src/) and the adapters (bots/). It belongs to
 * the core: the runtime and the outbox speak it; each adapter implements it and declares its
 * messenger's limits ({@link MessengerCapabilities}) instead of the core assuming Telegram's.
 *
 * An adapter turns a messenger update into an {@link InboundUpdate}, hands it to an
 * {@link UpdateHandler}, and performs {@link ClientCall}s through its {@link MessengerClient}.
 * Nothing here knows about flows, the database or the domain.
 */

/** Messengers the product can speak. */
export const MESSENGER_KINDS = ["telegram", "max"] as const;
export type MessengerKind = (typeof MESSENGER_KINDS)[number];

/** What a messenger allows; rendering and button encoding respect these. */
export interface MessengerCapabilities {
  /** Longest text of one message, in characters. */
  maxTextLength: number;
  /** Longest callback data of a button, in bytes (UTF-8). */
  maxCallbackDataBytes: number;
  /**
   * Whether a message can carry a "share my contact" button: a reply keyboard on Telegram; MAX has
   * no reply keyboards, and its adapter shows the same request as an inline `request_contact` button.
   */
  replyKeyboards: boolean;
  /** Whether a link button can open a page inside the messenger (Telegram's Mini Apps). */
  miniApps?: boolean;
}

/** A button under a message that sends `data` back when pressed; `data` fits the messenger's {@link MessengerCapabilities}. */
export interface CallbackButton {
  text: string;
  data: string;
  url?: undefined;
  miniApp?: undefined;
}

/**
 * A button under a message that opens `url`: in the browser, or inside the messenger when
 * `miniApp` is set (only where {@link MessengerCapabilities.miniApps}; the page must be HTTPS).
 */
export interface LinkButton {
  text: string;
  url: string;
  miniApp?: boolean;
  data?: undefined;
}

/** A button under a message. */
export type InlineButton = CallbackButton | LinkButton;

/** Keyboard attached to a message. */
export type Keyboard =
  | { type: "inline"; rows: InlineButton[][] }
  | { type: "reply"; rows: { text: string; requestContact?: boolean }[][]; oneTime?: boolean }
  | { type: "remove" };

/** What the user did, reduced to what the core needs. */
export type InboundInput =
  | { kind: "text"; text: string; messageId: number }
  | { kind: "command"; command: string; args: string; messageId: number }
  | { kind: "callback"; data: string; callbackQueryId: string; messageId?: number }
  | { kind: "contact"; phone: string; contactUserId?: string; messageId: number }
  | {
      kind: "unsupported";
      what: "sticker" | "photo" | "document" | "voice" | "video" | "location" | "forward" | "other";
      messageId: number;
    }
  | { kind: "edited"; messageId: number }
  /**
   * Answers sent from the secure web form the chat opened (src/forms/), not by a messenger: by
   * field, typed text, a preset's index or skipped. Its launch data was checked before.
   */
  | { kind: "form"; answers: Record<string, { text: string } | { preset: number } | { skip: true }> };

/** One update from a messenger, normalised. */
export interface InboundUpdate {
  messenger: MessengerKind;
  /** Namespaces update ids: the bot's id as the messenger reports it. */
  botId: string;
  updateId: number;
  /** Private chat id as a string (messenger-neutral). */
  chatId: string;
  userId: string;
  /** The user's language as the messenger reports it (e.g. "ru", "en"), if any. */
  languageCode?: string;
  input: InboundInput;
}

/** One call to the messenger's API, as the outbox stores it (JSON). */
/**
 * How a message's text is read: plain when absent; `"html"` — Telegram's `parse_mode: "HTML"`,
 * MAX's `format: "html"` (only `<b>` is used, everything else escaped).
 */
export type TextFormat = "html";

export type OutboundCall =
  | { method: "sendMessage"; chatId: string; text: string; keyboard?: Keyboard; format?: TextFormat }
  | {
      method: "editMessageText";
      chatId: string;
      messageId: number;
      text: string;
      keyboard?: Keyboard;
      format?: TextFormat;
      /**
       * Edits the message an earlier outbox row of this chat sent, not sent yet when this was
       * queued (`messageId` is then 0): the outbox resolves it when this row's turn comes, and
       * sends the text anew when that row sent nothing.
       */
      ofOutbox?: string;
    }
  | { method: "editMessageReplyMarkup"; chatId: string; messageId: number; keyboard?: Keyboard }
  | { method: "answerCallbackQuery"; callbackQueryId: string; text?: string; showAlert?: boolean }
  | { method: "deleteMessage"; chatId: string; messageId: number }
  /**
   * The command menu of one chat (its person's commands, described in their language). Telegram:
   * setMyCommands with `scope: { type: "chat" }`; MAX has only one menu per bot, so its adapter
   * does nothing (see bots/max/adapter.ts).
   */
  | { method: "setMyCommands"; chatId: string; commands: MenuCommand[]; languageCode?: string }
  | {
      method: "sendDocument";
      chatId: string;
      /** A row of `stored_files`: documents travel by reference, never inside the outbox row. */
      fileId: string;
      caption?: string;
    };

/** One entry of a chat's command menu: `/command` and what it does. */
export interface MenuCommand {
  command: string;
  description: string;
}

/** A document as the adapter sends it. */
export interface OutboundFile {
  name: string;
  /** MIME type, e.g. "application/pdf". */
  contentType: string;
  content: Buffer;
}

/** A call as the adapter performs it: stored documents resolved to their content. */
export type ClientCall =
  | Exclude<OutboundCall, { method: "sendDocument" }>
  | { method: "sendDocument"; chatId: string; file: OutboundFile; caption?: string };

/** Result of a call: the message id for calls that create or edit a message. */
export interface OutboundResult {
  messageId?: number;
}

/**
 * A failed call, classified so the sender knows whether to retry.
 * `retryAfter` (seconds) is set for 429; `errorCode` is the messenger's HTTP-like code
 * (0 when the network itself failed).
 */
export class MessengerApiError extends Error {
  constructor(
    readonly method: string,
    readonly errorCode: number,
    readonly description: string,
    readonly retryAfter?: number,
    /**
     * What a non-transient failure means when the adapter knows it without the description's
     * wording (Telegram's texts are matched by the outbox; other messengers say it differently):
     * `not_modified` — an edit changed nothing (success); `message_gone` — the message to edit is
     * gone or can no longer be edited (send it anew).
     */
    readonly meaning?: "not_modified" | "message_gone",
  ) {
    super(`${method} failed: ${errorCode} ${description}`);
    this.name = "MessengerApiError";
  }

  /** 429, 5xx and network failures are worth retrying; other 4xx are not. */
  get transient(): boolean {
    return this.errorCode === 429 || this.errorCode === 0 || this.errorCode >= 500;
  }
}

/**
 * For messengers whose message ids are not numbers (MAX: `"mid.…"`): a persistent, two-way map to
 * the numbers the core stores (outbox results, dialogue prompts, pressed buttons). One per messenger.
 */
export interface MessageIdMap {
  /** The number for a messenger's message id, created on first sight; the same one ever after. */
  toNumber(externalId: string): Promise<number>;
  /** The messenger's message id behind a number; undefined when unknown. */
  toExternal(id: number): Promise<string | undefined>;
}

/** Performs outbound calls; throws {@link MessengerApiError} on failure. No retries inside. */
export interface MessengerClient {
  call(call: ClientCall): Promise<OutboundResult>;
}

/**
 * Thrown by an {@link UpdateHandler} when the update could not be handled now (the database is
 * unreachable) and nothing of it was kept. The adapter must not acknowledge it: long polling does
 * not move its offset past it and tries it again after a pause; a webhook answers 503 so the
 * messenger delivers it again. The core de-duplicates by update id, so it is handled exactly once.
 */
export class RetryLaterError extends Error {
  constructor(readonly reason: "database_unavailable") {
    super(`update not handled: ${reason}`);
    this.name = "RetryLaterError";
  }
}

/**
 * The core's entry point for one update. Never throws for a user's error or a bug (those are
 * handled, logged and acknowledged); throws {@link RetryLaterError} when the update must come
 * again.
 */
export type UpdateHandler = (update: InboundUpdate) => Promise<void>;

/** A running bot: one per messenger account and library. */
export interface BotAdapter {
  readonly messenger: MessengerKind;
  /** The library under it, e.g. "grammy". */
  readonly library: string;
  readonly capabilities: MessengerCapabilities;
  readonly client: MessengerClient;
  /** The bot's id and username (from getMe). */
  init(): Promise<{ botId: string; username: string }>;
  /** Express handler for webhook delivery; 401 without the right secret-token header. */
  webhookCallback(): (req: import("express").Request, res: import("express").Response) => void;
  setWebhook(url: string, secretToken: string): Promise<void>;
  deleteWebhook(): Promise<void>;
  /** Long polling until stop(); resolves when polling has started. */
  startPolling(): Promise<void>;
  /** Stops polling and waits for in-flight updates to finish. */
  stop(): Promise<void>;
}
