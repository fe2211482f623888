/**
 * Code shared by the grammY and Telegraf adapters: the pure mapping between Telegram's JSON
 * and the contract in `./messenger.ts`, and the small amount of plumbing both need (handler
 * dispatch with in-flight tracking, the webhook endpoint). Nothing here imports either library.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import type { Request, Response } from "express";
import type { Logger } from "pino";
import {
  MessengerApiError,
  type InboundInput,
  type InboundUpdate,
  type Keyboard,
  type OutboundCall,
  type UpdateHandler,
} from "../src/platform/messenger/contract.ts";

/** Options of `createGrammyAdapter` and `createTelegrafAdapter`. */
export interface AdapterOptions {
  /** The bot token from @BotFather. */
  token: string;
  /** Bot API root without the `/bot<token>` part; defaults to Telegram's. */
  apiRoot?: string;
  /** The core's entry point; called once per update, in order when polling. */
  handler: UpdateHandler;
  logger: Logger;
  /** Required for `webhookCallback()`; must equal the secret given to `setWebhook()`. */
  webhookSecret?: string;
}

/** Telegram's default Bot API root. */
export const DEFAULT_API_ROOT = "https://api.telegram.org";

/**
 * The update types the adapters map. Passed to getUpdates and setWebhook so Telegram does not
 * send (and we do not parse) the rest.
 */
export const ALLOWED_UPDATES = ["message", "edited_message", "callback_query"] as const;

/** The secret-token header Telegram sends with every webhook request. */
export const SECRET_HEADER = "x-telegram-bot-api-secret-token";

/**
 * How long a webhook request may run before we answer 200 anyway. Telegram re-sends an update
 * whose request fails or times out, which would run it twice in parallel; the handler keeps
 * running (and stop() still waits for it). The core normally answers in milliseconds.
 */
export const WEBHOOK_ACK_TIMEOUT_MS = 10_000;

/** Removes trailing slashes: grammY rejects them and Telegraf resolves paths against the root. */
export function normaliseApiRoot(apiRoot: string | undefined): string {
  return (apiRoot ?? DEFAULT_API_ROOT).replace(/\/+$/, "");
}

/** Numeric chat ids go out as numbers (what Telegram itself sends); anything else as is. */
export function toChatId(chatId: string): number | string {
  return /^-?\d+$/.test(chatId) ? Number(chatId) : chatId;
}

// ---------------------------------------------------------------------------------------------
// Inbound: Telegram update → InboundUpdate
// ---------------------------------------------------------------------------------------------

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

/** Result of {@link toInboundUpdate}: the update, or why it was ignored (for a debug log). */
export type MappedUpdate = { ok: true; update: InboundUpdate } | { ok: false; reason: string };

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
  const base = { messenger: "telegram" as const, botId, updateId: update.update_id };

  const query = update.callback_query;
  if (query) {
    // Callbacks from inline-mode messages have no chat; the product does not use inline mode.
    if (!query.message) return { ok: false, reason: "callback without a message" };
    if (query.message.chat.type !== "private") return { ok: false, reason: "not a private chat" };
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
          data: query.data ?? "",
          callbackQueryId: query.id,
          messageId: query.message.message_id,
        },
      },
    };
  }

  const edited = update.edited_message !== undefined;
  const message = update.message ?? update.edited_message;
  if (!message) return { ok: false, reason: "unhandled update type" };
  if (message.chat.type !== "private") return { ok: false, reason: "not a private chat" };
  if (!message.from) return { ok: false, reason: "message without a sender" };
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

function languageOf(user: TgUser): { languageCode?: string } {
  return user.language_code ? { languageCode: user.language_code } : {};
}

function toInput(message: TgMessage): InboundInput {
  const messageId = message.message_id;
  // A forwarded text is someone else's words: never treat it as the user's answer.
  if (message.forward_origin !== undefined) return { kind: "unsupported", what: "forward", messageId };
  if (message.contact) {
    const { phone_number, user_id } = message.contact;
    return {
      kind: "contact",
      phone: phone_number,
      ...(user_id !== undefined && { contactUserId: String(user_id) }),
      messageId,
    };
  }
  const what = UNSUPPORTED_MEDIA.find((field) => message[field] !== undefined);
  if (what) return { kind: "unsupported", what, messageId };
  if (message.text !== undefined) {
    const first = message.entities?.[0];
    if (first?.type === "bot_command" && first.offset === 0) {
      // Entity offsets are UTF-16 code units, the same as JavaScript string indices.
      const command = message.text.slice(1, first.length).split("@")[0] ?? "";
      return { kind: "command", command, args: message.text.slice(first.length).trim(), messageId };
    }
    return { kind: "text", text: message.text, messageId };
  }
  return { kind: "unsupported", what: "other", messageId };
}

// ---------------------------------------------------------------------------------------------
// Outbound: keyboards and files
// ---------------------------------------------------------------------------------------------

/** Telegram's inline keyboard markup, only the fields we send (assignable to both libraries). */
export interface InlineMarkup {
  inline_keyboard: { text: string; callback_data: string }[][];
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
  return {
    inline_keyboard: keyboard.rows.map((row) => row.map((b) => ({ text: b.text, callback_data: b.data }))),
  };
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

/** Decodes a document's base64 content. */
export function decodeDocument(contentBase64: string): Buffer {
  return Buffer.from(contentBase64, "base64");
}

/** The message id of an edit result: Telegram returns `true` only for inline-mode messages. */
export function editedMessageId(result: true | { message_id: number }, fallback: number): number {
  return result === true ? fallback : result.message_id;
}

// ---------------------------------------------------------------------------------------------
// Dispatch: map, call the handler, never throw, remember what is running
// ---------------------------------------------------------------------------------------------

/**
 * Fields safe to log about an error: its type and stack frames, never its message (a handler's
 * error may quote what the person typed) and never the library's context (it holds the update).
 * A {@link MessengerApiError} adds the method, code and Telegram's description.
 */
export function errorFields(err: unknown): Record<string, unknown> & { errorType: string } {
  if (!(err instanceof Error)) return { errorType: typeof err };
  const frames = err.stack?.split("\n").slice(1).join("\n");
  const api =
    err instanceof MessengerApiError
      ? { method: err.method, errorCode: err.errorCode, description: err.description }
      : {};
  return { errorType: err.name, ...api, ...(frames && { frames }) };
}

/** Calls the core's handler for library updates and lets stop() wait for the calls. */
export class Dispatcher {
  private readonly running = new Set<Promise<void>>();

  constructor(
    private readonly handler: UpdateHandler,
    private readonly logger: Logger,
  ) {}

  /** Maps and handles one update. Never rejects: a failed handler is logged by update id. */
  dispatch(update: TgUpdate, botId: string): Promise<void> {
    return this.track(this.run(update, botId));
  }

  /** Makes {@link idle} wait for `task` too (a webhook request before it reaches the handler). */
  track(task: Promise<void>): Promise<void> {
    this.running.add(task);
    void task.finally(() => this.running.delete(task));
    return task;
  }

  /** Resolves once nothing tracked is running (including tasks started while waiting). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all(this.running);
  }

  private async run(update: TgUpdate, botId: string): Promise<void> {
    const mapped = toInboundUpdate(update, botId);
    if (!mapped.ok) {
      this.logger.debug({ updateId: update.update_id, reason: mapped.reason }, "update ignored");
      return;
    }
    try {
      await this.handler(mapped.update);
    } catch (err) {
      this.logger.error({ updateId: update.update_id, ...errorFields(err) }, "update handler failed");
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Webhook endpoint
// ---------------------------------------------------------------------------------------------

/** What {@link createWebhookHandler} needs from an adapter. */
export interface WebhookHandlerOptions {
  secret: string;
  logger: Logger;
  /** True once stop() was called: new deliveries get 503 so Telegram re-sends them later. */
  isStopping: () => boolean;
  /** Registers a request in progress so stop() waits for it (must not make it reject). */
  track: (task: Promise<void>) => Promise<void>;
  /** Runs one update through the library (resolves when the handler finished). */
  processUpdate: (update: TgUpdate) => Promise<void>;
  ackTimeoutMs?: number;
}

const MAX_BODY_BYTES = 1024 * 1024;

/**
 * The webhook endpoint both adapters use, so both behave the same: 401 (and nothing read or
 * processed) without the right `X-Telegram-Bot-Api-Secret-Token`, 400 for a body that is not
 * an update, 200 once the handler finished or {@link WEBHOOK_ACK_TIMEOUT_MS} passed, 500 when
 * the library itself failed (Telegram then re-sends the update). Works with or without
 * `express.json()` mounted before it.
 */
export function createWebhookHandler(opts: WebhookHandlerOptions): (req: Request, res: Response) => void {
  const expected = digest(opts.secret);
  const ackTimeoutMs = opts.ackTimeoutMs ?? WEBHOOK_ACK_TIMEOUT_MS;

  async function handle(req: Request, res: Response): Promise<void> {
    const header = req.headers[SECRET_HEADER];
    // Compare digests: equal lengths for timingSafeEqual, and no timing leak of the length.
    if (typeof header !== "string" || !timingSafeEqual(digest(header), expected)) {
      opts.logger.warn("webhook request without the right secret token");
      return reply(res, 401);
    }
    const update = await readUpdate(req);
    if (!update) return reply(res, 400);
    const timer = setTimeout(() => {
      opts.logger.warn({ updateId: update.update_id }, "webhook handler still running; acknowledged");
      reply(res, 200);
    }, ackTimeoutMs);
    try {
      await opts.processUpdate(update);
      reply(res, 200);
    } catch (err) {
      opts.logger.error({ updateId: update.update_id, ...errorFields(err) }, "webhook update failed");
      reply(res, 500);
    } finally {
      clearTimeout(timer);
    }
  }

  return (req, res) => {
    // Checked and tracked in the same tick, so stop() either refuses a request or waits for it.
    if (opts.isStopping()) return reply(res, 503);
    void opts.track(
      handle(req, res).catch((err: unknown) => {
        opts.logger.error(errorFields(err), "webhook request failed");
        reply(res, 500);
      }),
    );
  };
}

function digest(value: string): Buffer {
  return createHash("sha256").update(value).digest();
}

function reply(res: Response, status: number): void {
  if (res.headersSent) return;
  res.statusCode = status;
  res.end();
}

/** The parsed update, from `express.json()` when mounted, else read here; undefined if invalid. */
async function readUpdate(req: Request): Promise<TgUpdate | undefined> {
  let body: unknown = req.body;
  try {
    if (body === undefined) {
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of req as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size > MAX_BODY_BYTES) return undefined;
        chunks.push(chunk);
      }
      body = Buffer.concat(chunks);
    }
    if (Buffer.isBuffer(body)) body = body.toString("utf8");
    if (typeof body === "string") body = JSON.parse(body);
  } catch {
    return undefined;
  }
  const isUpdate =
    typeof body === "object" &&
    body !== null &&
    Number.isSafeInteger((body as { update_id?: unknown }).update_id);
  return isUpdate ? (body as TgUpdate) : undefined;
}

/** Builds the inline keyboard of an edit; an edit can carry no other kind of keyboard. */
export function editMarkupOf(
  call: Extract<OutboundCall, { method: "editMessageText" | "editMessageReplyMarkup" }>,
): InlineMarkup | undefined {
  const markup = toEditMarkup(call.keyboard);
  if (markup === "invalid") throw new MessengerApiError(call.method, 400, EDIT_MARKUP_ERROR);
  return markup;
}

/**
 * What both adapters do the same way around their library: start-up (`getMe` once, failing
 * fast), the webhook endpoint, the secret check of `setWebhook`, and error mapping of API calls.
 * A subclass supplies the library calls.
 */
export abstract class AdapterBase {
  protected readonly logger: Logger;
  protected readonly webhookSecret: string | undefined;
  protected readonly dispatcher: Dispatcher;
  protected stopping = false;
  private initialising: Promise<{ botId: string; username: string }> | undefined;

  constructor(opts: AdapterOptions) {
    this.logger = opts.logger;
    this.webhookSecret = opts.webhookSecret;
    this.dispatcher = new Dispatcher(opts.handler, opts.logger);
  }

  /** The library's getMe, remembering the answer as its own bot info. */
  protected abstract fetchMe(): Promise<{ id: number; username: string }>;
  /** Runs one raw update through the library's middleware. */
  protected abstract handleUpdate(update: unknown): Promise<void>;
  /** The library's setWebhook call. */
  protected abstract requestSetWebhook(url: string, secretToken: string): Promise<unknown>;
  /** Maps what the library throws to {@link MessengerApiError} (rethrows bugs). */
  protected abstract toApiError(method: string, err: unknown): MessengerApiError;

  /**
   * Fetches the bot's identity once. Not the libraries' own init: grammY's retries getMe
   * forever on network errors, and start-up should fail fast.
   */
  init(): Promise<{ botId: string; username: string }> {
    this.initialising ??= this.fetchMe().then(
      (me) => ({ botId: String(me.id), username: me.username }),
      (err: unknown) => {
        this.initialising = undefined;
        throw this.toApiError("getMe", err);
      },
    );
    return this.initialising;
  }

  /**
   * The webhook endpoint. Not the libraries' own callbacks: grammY's default timeout rejects
   * (express answers 500 and Telegram re-sends the update while the first run continues) and
   * it reads only a body express.json() parsed; Telegraf's answers a wrong secret by calling
   * next() (a 404, not a 401) and matches its path against req.url. One shared handler keeps
   * both adapters' behaviour identical.
   */
  webhookCallback(): (req: Request, res: Response) => void {
    if (!this.webhookSecret) throw new Error("webhookCallback() needs the webhookSecret option");
    return createWebhookHandler({
      secret: this.webhookSecret,
      logger: this.logger,
      isStopping: () => this.stopping,
      track: (task) => this.dispatcher.track(task),
      processUpdate: async (update) => {
        await this.init();
        await this.handleUpdate(update);
      },
    });
  }

  async setWebhook(url: string, secretToken: string): Promise<void> {
    if (secretToken !== this.webhookSecret) {
      throw new Error(
        "setWebhook: secretToken differs from the webhookSecret option; every delivery would get 401",
      );
    }
    await this.api("setWebhook", () => this.requestSetWebhook(url, secretToken));
  }

  /** Runs one API request, mapping its failure to {@link MessengerApiError}. */
  protected async api<T>(method: string, request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (err) {
      throw this.toApiError(method, err);
    }
  }
}
