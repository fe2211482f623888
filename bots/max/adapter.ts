/**
 * The MAX adapter: a {@link BotAdapter} over the official SDK `@maxhub/max-bot-api` (its `Bot`
 * runs our one middleware; its `Api` performs the calls). Long polling and the webhook endpoint are
 * ours: the SDK's polling handles a batch's updates in parallel (we need them in order, and a
 * failed update must not be confirmed) and its webhook answers 200 before handling.
 */
import { Bot, Context, MaxError } from "@maxhub/max-bot-api";
import type { AttachmentRequest, BotInfo, Update } from "@maxhub/max-bot-api/types";
import type { Request, Response } from "express";
import type { Logger } from "pino";
import {
  MessengerApiError,
  type BotAdapter,
  type ClientCall,
  type MessageIdMap,
  type MessengerCapabilities,
  type MessengerClient,
  type OutboundFile,
  type OutboundResult,
  type UpdateHandler,
} from "../../src/platform/messenger/contract.ts";
import { Dispatcher, errorFields, type MappedUpdate } from "../core/dispatcher.ts";
import { MAX_CAPABILITIES } from "./capabilities.ts";
import { MAX_UPDATE_TYPES, toInboundUpdate } from "./inbound.ts";
import { memoryMessageIds } from "./message-ids.ts";
import { editAttachments, keyboardAttachment, maxChatId } from "./outbound.ts";
import { createMaxWebhookHandler } from "./webhook.ts";

/** MAX's Bot API host since 2026 (the SDK's default; the older platform-api.max.ru is deprecated). */
export const MAX_DEFAULT_API_ROOT = "https://platform-api2.max.ru";

/** Seconds one `GET /updates` waits for news (MAX allows 0–90). */
const POLL_TIMEOUT_S = 25;
/**
 * `timeout=0` for `GET /updates`. The SDK leaves out query values that are falsy, so the number 0
 * would become MAX's default (30 s); the string reaches the query as "0".
 */
const NO_WAIT = "0" as unknown as number;
/** Back-off after a failed poll or a failed update: 1 s doubling to 30 s. */
const RETRY_MIN_MS = 1_000;
const RETRY_MAX_MS = 30_000;

/** Options of {@link createMaxAdapter}. */
export interface MaxAdapterOptions {
  /** The bot token from @MasterBot (sent as the `Authorization` header). */
  token: string;
  /** The Bot API root; MAX's by default, the local MAX server offline. */
  apiRoot?: string;
  /** The core's entry point; called once per update, in order when polling. */
  handler: UpdateHandler;
  logger: Logger;
  /** Required for `webhookCallback()`; must equal the secret given to `setWebhook()`. */
  webhookSecret?: string;
  /** Where MAX message ids get their numbers; in memory when omitted (tests only). */
  messageIds?: MessageIdMap;
}

/**
 * Creates the MAX adapter. Call `init()` before anything else.
 * @example
 * const adapter = createMaxAdapter({ token, handler, logger, messageIds: dbMessageIds(db, "max") });
 * await adapter.init();
 * await adapter.startPolling();
 */
export function createMaxAdapter(opts: MaxAdapterOptions): BotAdapter {
  return new MaxAdapter(opts);
}

/**
 * What the SDK throws → {@link MessengerApiError}: MAX's answers keep their HTTP status and
 * `code: message`; network failures (fetch's TypeError, the upload's 499) get code 0. Anything else
 * is a bug and is rethrown.
 */
export function toMessengerApiError(method: string, err: unknown): MessengerApiError {
  if (err instanceof MessengerApiError) return err;
  if (err instanceof MaxError) {
    const status = err.status === 499 ? 0 : err.status;
    const description = `${err.code ?? "error"}: ${err.description ?? ""}`.trim();
    // MAX has no documented code for "message not found"; a 404 on an edit means it is gone.
    const gone = (method === "editMessageText" || method === "editMessageReplyMarkup") && err.status === 404;
    return new MessengerApiError(method, status, description, undefined, gone ? "message_gone" : undefined);
  }
  if (err instanceof TypeError && /fetch failed|network/i.test(err.message)) {
    const code = (err.cause as { code?: unknown } | undefined)?.code;
    return new MessengerApiError(
      method,
      0,
      typeof code === "string" ? `network error (${code})` : "network error",
    );
  }
  throw err;
}

class MaxAdapter implements BotAdapter {
  readonly messenger = "max" as const;
  readonly library = "max-bot-api";
  readonly capabilities: MessengerCapabilities = MAX_CAPABILITIES;
  readonly client: MessengerClient;
  private readonly bot: Bot;
  private readonly logger: Logger;
  private readonly handler: UpdateHandler;
  private readonly webhookSecret: string | undefined;
  private readonly ids: MessageIdMap;
  private readonly dispatcher: Dispatcher;
  private readonly apiRoot: string;
  private me: { botId: string; username: string } | undefined;
  private initialising: Promise<{ botId: string; username: string }> | undefined;
  private stopping = false;
  private polling: { loop: Promise<void>; abort: AbortController } | undefined;

  constructor(opts: MaxAdapterOptions) {
    this.logger = opts.logger;
    this.handler = opts.handler;
    this.webhookSecret = opts.webhookSecret;
    this.ids = opts.messageIds ?? memoryMessageIds();
    this.dispatcher = new Dispatcher(opts.handler, opts.logger);
    this.apiRoot = (opts.apiRoot ?? MAX_DEFAULT_API_ROOT).replace(/\/+$/, "");
    this.bot = new Bot(opts.token, { clientOptions: { baseUrl: this.apiRoot } });
    // The one middleware: map the update, hand it to the core.
    this.bot.use((ctx) => this.handle(ctx.update));
    this.client = { call: (call) => this.call(call) };
  }

  /** Fetches the bot's identity once (`GET /me`), failing fast. */
  init(): Promise<{ botId: string; username: string }> {
    this.initialising ??= this.api("getMe", () => this.bot.api.getMyInfo()).then(
      (info: BotInfo) => {
        this.bot.botInfo = info;
        this.me = { botId: String(info.user_id), username: info.username ?? String(info.user_id) };
        return this.me;
      },
      (err: unknown) => {
        this.initialising = undefined;
        throw err;
      },
    );
    return this.initialising;
  }

  webhookCallback(): (req: Request, res: Response) => void {
    if (!this.webhookSecret) throw new Error("webhookCallback() needs the webhookSecret option");
    return createMaxWebhookHandler({
      secret: this.webhookSecret,
      logger: this.logger,
      isStopping: () => this.stopping,
      track: (task) => this.dispatcher.track(task),
      processUpdate: (update) => this.runUpdate(update),
    });
  }

  async setWebhook(url: string, secretToken: string): Promise<void> {
    if (secretToken !== this.webhookSecret) {
      throw new Error(
        "setWebhook: secretToken differs from the webhookSecret option; every delivery would get 401",
      );
    }
    if (!/^[A-Za-z0-9_-]{5,256}$/.test(secretToken)) {
      throw new Error("setWebhook: MAX accepts a secret of 5–256 characters A-Z a-z 0-9 _ -");
    }
    // One subscription at a time: others (an old URL) would get our updates too.
    await this.deleteWebhook(url);
    const answer = await this.api("setWebhook", () =>
      this.bot.api.subscribe(url, secretToken, [...MAX_UPDATE_TYPES]),
    );
    if (!answer.success) throw new MessengerApiError("setWebhook", 400, answer.message);
  }

  /** Removes every webhook subscription (but `keep`), so long polling works again. */
  async deleteWebhook(keep?: string): Promise<void> {
    const subscriptions = await this.api("deleteWebhook", () => this.bot.api.getSubscriptions());
    for (const subscription of subscriptions ?? []) {
      if (subscription.url === keep) continue;
      await this.api("deleteWebhook", () => this.bot.api.unsubscribe(subscription.url));
    }
  }

  async startPolling(): Promise<void> {
    if (this.polling) return;
    await this.init();
    await this.deleteWebhook();
    this.stopping = false;
    const abort = new AbortController();
    // init() and deleteWebhook() failed fast on a wrong token or an unreachable API; from here on
    // failures back off.
    this.polling = { abort, loop: this.pollLoop(abort.signal) };
  }

  /**
   * Fetches and handles updates one at a time, in order. The marker of a batch is passed on (which
   * confirms it) only after every update of it was handled; a failed one is fetched again after a
   * back-off, with those before it recognised as done by the core.
   */
  private async pollLoop(signal: AbortSignal): Promise<void> {
    let batch: { updates: Update[]; marker: number | null } | undefined;
    let marker: number | undefined;
    let retryMs = RETRY_MIN_MS;
    while (!signal.aborted) {
      try {
        batch ??= await this.bot.api.getUpdates([...MAX_UPDATE_TYPES], {
          timeout: POLL_TIMEOUT_S,
          limit: 100,
          signal,
          ...(marker !== undefined ? { marker } : {}),
        });
        for (const update of batch.updates) {
          if (signal.aborted && this.stopping) return;
          // Tracked so stop() waits for it; tracked tasks must not reject, so keep the failure aside.
          let failure: { error: unknown } | undefined;
          await this.dispatcher.track(
            this.runUpdate(update).catch((error: unknown) => void (failure = { error })),
          );
          if (failure) throw failure.error;
        }
        if (batch.marker !== null && batch.marker !== undefined) marker = batch.marker;
        batch = undefined;
        retryMs = RETRY_MIN_MS;
      } catch (err) {
        batch = undefined;
        if (signal.aborted) break;
        const apiError = safeApiError("getUpdates", err);
        if (apiError && !apiError.transient && apiError.errorCode !== 0) {
          this.logger.error(errorFields(apiError), "MAX polling stopped after an error");
          return;
        }
        this.logger.warn({ ...errorFields(apiError ?? err), retryMs }, "MAX polling failed; retrying");
        await sleep(retryMs, signal);
        retryMs = Math.min(RETRY_MAX_MS, retryMs * 2);
      }
    }
    // Confirm what was handled, or MAX would deliver it again on the next start.
    if (marker !== undefined) {
      await this.bot.api
        .getUpdates([...MAX_UPDATE_TYPES], { marker, timeout: NO_WAIT, limit: 1 })
        .catch((err: unknown) =>
          this.logger.warn(errorFields(err), "confirming the last MAX updates failed"),
        );
    }
  }

  /**
   * Runs one update through the SDK's middleware (an SDK `Context`, as `Bot` builds it); rejects
   * when the core could not handle it, so the caller does not confirm it. Not `bot.handleUpdate`:
   * it is private and hands failures to a process-wide error handler.
   */
  private async runUpdate(update: Update): Promise<void> {
    await this.init();
    const ctx = new Context(update, this.bot.api, this.bot.botInfo);
    await this.bot.middleware()(ctx, () => Promise.resolve());
  }

  /** Maps and hands one update to the core. A malformed update is logged and dropped. */
  private async handle(update: Update): Promise<void> {
    let mapped: MappedUpdate;
    try {
      mapped = await toInboundUpdate(update, this.me!.botId, this.ids);
    } catch (err) {
      // The update lacks what its type promises: handling it again would fail again.
      this.logger.warn(
        { updateType: update.update_type, ...errorFields(err) },
        "malformed MAX update ignored",
      );
      return;
    }
    if (!mapped.ok) {
      this.logger.debug({ updateType: update.update_type, reason: mapped.reason }, "MAX update ignored");
      return;
    }
    await this.handler(mapped.update);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    const polling = this.polling;
    if (polling) {
      polling.abort.abort();
      await polling.loop;
      this.polling = undefined;
    }
    // Covers webhook requests still running too.
    await this.dispatcher.idle();
  }

  /** Performs one contract call. */
  private async call(call: ClientCall): Promise<OutboundResult> {
    switch (call.method) {
      case "sendMessage": {
        const chatId = maxChatId(call.method, call.chatId);
        const attachment = keyboardAttachment(call.keyboard);
        const message = await this.api(call.method, () =>
          this.bot.api.sendMessageToChat(chatId, call.text, {
            ...(attachment ? { attachments: [attachment] } : {}),
            ...(call.format === "html" ? { format: "html" as const } : {}),
          }),
        );
        return { messageId: await this.ids.toNumber(message.body.mid) };
      }
      case "editMessageText":
      case "editMessageReplyMarkup": {
        const mid = await this.externalId(call.method, call.messageId);
        const attachments = editAttachments(call.method, call.keyboard);
        const body =
          call.method === "editMessageText"
            ? { text: call.text, attachments, ...(call.format === "html" ? { format: "html" as const } : {}) }
            : { attachments };
        const answer = await this.api(call.method, () => this.bot.api.editMessage(mid, body));
        if (!answer.success) throw new MessengerApiError(call.method, 400, answer.message);
        return { messageId: call.messageId };
      }
      case "answerCallbackQuery": {
        // MAX has one kind of answer to a press, a one-time notification (no alert/toast choice).
        // The SDK's type lists only `message`; `notification` is in MAX's CallbackAnswer schema.
        const extra = (call.text !== undefined ? { notification: call.text } : {}) as Parameters<
          Bot["api"]["answerOnCallback"]
        >[1];
        const answer = await this.api(call.method, () =>
          this.bot.api.answerOnCallback(call.callbackQueryId, extra),
        );
        if (!answer.success) throw new MessengerApiError(call.method, 400, answer.message);
        return {};
      }
      case "deleteMessage": {
        const mid = await this.externalId(call.method, call.messageId);
        const answer = await this.api(call.method, () => this.bot.api.deleteMessage(mid));
        if (!answer.success) throw new MessengerApiError(call.method, 400, answer.message);
        return {};
      }
      case "setMyCommands":
        // MAX keeps one command list per bot (PATCH /me/commands), with no chat or language
        // scope: a per-person menu cannot be shown there, and a bot-wide one would offer
        // everyone every role's commands. /help lists each person's own commands instead.
        return {};
      case "sendDocument": {
        const chatId = maxChatId(call.method, call.chatId);
        const token = await this.upload(call.file);
        const attachments: AttachmentRequest[] = [{ type: "file", payload: { token } }];
        // The SDK retries "attachment.not.ready" (the file is still being processed) 3 times.
        const message = await this.api(call.method, () =>
          this.bot.api.sendMessageToChat(chatId, call.caption ?? "", { attachments }),
        );
        return { messageId: await this.ids.toNumber(message.body.mid) };
      }
    }
  }

  private async externalId(method: string, messageId: number): Promise<string> {
    const mid = await this.ids.toExternal(messageId);
    if (mid === undefined)
      throw new MessengerApiError(method, 400, "message not found", undefined, "message_gone");
    return mid;
  }

  /**
   * Uploads a document (`POST /uploads?type=file`, then a multipart `data` part to the returned
   * URL) and returns its token. Not the SDK's upload: for a Buffer it names the file with a random
   * UUID, and the person must see the document's name. The upload host gets no bot token.
   */
  private async upload(file: OutboundFile): Promise<string> {
    const endpoint = await this.api("sendDocument", () =>
      this.bot.api.raw.uploads.getUploadUrl({ type: "file" }),
    );
    const form = new FormData();
    form.append("data", new Blob([new Uint8Array(file.content)], { type: file.contentType }), file.name);
    let response: globalThis.Response;
    try {
      response = await fetch(endpoint.url, { method: "POST", body: form });
    } catch (err) {
      throw toMessengerApiError("sendDocument", err);
    }
    const text = await response.text();
    if (!response.ok)
      throw new MessengerApiError("sendDocument", response.status, `upload failed: ${text.slice(0, 200)}`);
    let token: unknown = endpoint.token;
    try {
      token = (JSON.parse(text) as { token?: unknown }).token ?? token;
    } catch {
      // Video and audio uploads answer <retval>; a file upload answers JSON. Keep the URL's token.
    }
    if (typeof token !== "string" || token === "") {
      throw new MessengerApiError("sendDocument", 502, "upload answered without a token");
    }
    return token;
  }

  /** Runs one API request, mapping its failure to {@link MessengerApiError}. */
  private async api<T>(method: string, request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (err) {
      throw toMessengerApiError(method, err);
    }
  }
}

function safeApiError(method: string, err: unknown): MessengerApiError | undefined {
  try {
    return toMessengerApiError(method, err);
  } catch {
    return undefined;
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
  });
}
