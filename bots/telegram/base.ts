/**
 * What the grammY and Telegraf adapters do the same way around their library: start-up, the
 * webhook endpoint, the secret check of `setWebhook`, error mapping, and sending — every call goes
 * through the one request table (./outbound.ts); a subclass only performs a raw request.
 */
import type { Logger } from "pino";
import {
  type ClientCall,
  type MessengerApiError,
  type MessengerCapabilities,
  type MessengerClient,
  type OutboundFile,
  type OutboundResult,
  type UpdateHandler,
} from "../../src/platform/messenger/contract.ts";
import { setTimeout as sleep } from "node:timers/promises";
import { Dispatcher, errorFields, handleUntilAcknowledged, type MappedUpdate } from "../core/dispatcher.ts";
import { TELEGRAM_CAPABILITIES } from "./capabilities.ts";
import { ALLOWED_UPDATES, toInboundUpdate, type TgUpdate } from "./inbound.ts";
import { telegramRequest, telegramResult } from "./outbound.ts";
import { createWebhookHandler } from "./webhook.ts";
import type { Request, Response } from "express";

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

/** Long-polling timeout (seconds): Telegraf's value. */
const POLL_TIMEOUT_S = 50;
/** Wait before retrying a failed getUpdates that gave no retry_after (Telegraf's value). */
const RETRY_DELAY_S = 5;

/** Telegram's default Bot API root. */
export const DEFAULT_API_ROOT = "https://api.telegram.org";

/** Removes trailing slashes: grammY rejects them and Telegraf resolves paths against the root. */
export function normaliseApiRoot(apiRoot: string | undefined): string {
  return (apiRoot ?? DEFAULT_API_ROOT).replace(/\/+$/, "");
}

/** The bot as getMe describes it (the fields both libraries need). */
export interface TgBotUser {
  id: number;
  is_bot: true;
  first_name: string;
  username: string;
  can_join_groups: boolean;
  can_read_all_group_messages: boolean;
  supports_inline_queries: boolean;
}

/**
 * What both adapters do the same way around their library: start-up (`getMe` once, failing
 * fast), the webhook endpoint, the secret check of `setWebhook`, and error mapping of API calls.
 * A subclass supplies the library calls.
 */
export abstract class TelegramAdapterBase {
  readonly messenger = "telegram" as const;
  readonly capabilities: MessengerCapabilities = TELEGRAM_CAPABILITIES;
  readonly client: MessengerClient;
  protected readonly logger: Logger;
  protected readonly webhookSecret: string | undefined;
  protected readonly dispatcher: Dispatcher;
  protected stopping = false;
  private initialising: Promise<{ botId: string; username: string }> | undefined;

  constructor(opts: AdapterOptions) {
    this.logger = opts.logger;
    this.webhookSecret = opts.webhookSecret;
    this.dispatcher = new Dispatcher(opts.handler, opts.logger);
    this.client = { call: (call) => this.call(call) };
  }

  /** Maps and dispatches one Telegram update (from the library's middleware). */
  protected dispatch(update: TgUpdate, botId: string): Promise<void> {
    let mapped: MappedUpdate;
    try {
      mapped = toInboundUpdate(update, botId);
    } catch {
      // The mapper checks shapes; this is the last line against an update nobody foresaw.
      mapped = { ok: false, reason: "unmappable update" };
    }
    return this.dispatcher.dispatch((update as { update_id?: unknown } | null)?.update_id as number, mapped);
  }

  /** Performs one Bot API request through the library (the file is the `document` field). */
  protected abstract raw(
    method: string,
    params: Record<string, unknown>,
    document?: OutboundFile,
  ): Promise<unknown>;

  /** Long-polls `getUpdates` through the library; rejects when `signal` aborts it. */
  protected abstract fetchUpdates(
    params: { offset: number; timeout: number; allowed_updates: readonly string[]; limit?: number },
    signal: AbortSignal,
  ): Promise<TgUpdate[]>;

  /** Tells the library who the bot is (it needs that to handle updates). */
  protected abstract rememberMe(me: TgBotUser): void;
  /**
   * Runs one raw update through the library's middleware; rejects with (a wrapper of)
   * RetryLaterError when the update must come again, and only then.
   */
  protected abstract handleUpdate(update: unknown): Promise<void>;
  /** Maps what the library throws to {@link MessengerApiError} (rethrows bugs). */
  protected abstract toApiError(method: string, err: unknown): MessengerApiError;

  /**
   * Fetches the bot's identity once. Not the libraries' own init: grammY's retries getMe
   * forever on network errors, and start-up should fail fast.
   */
  init(): Promise<{ botId: string; username: string }> {
    this.initialising ??= (this.raw("getMe", {}) as Promise<TgBotUser>).then(
      (me) => {
        this.rememberMe(me);
        return { botId: String(me.id), username: me.username };
      },
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

  /**
   * Long polling, one update at a time, in order. Not the libraries' own loops: grammY's
   * `bot.start()` moves past an update whose handler failed and its `stop()` confirms the update
   * being handled; Telegraf's `launch()` handles a batch concurrently. Here an update the core
   * could not handle (RetryLaterError: the database is down) is tried again after a pause and the
   * offset never passes it (bots/core/dispatcher.ts, rule 3). Network errors, 429 and 5xx of
   * getUpdates are waited out; anything else (401 revoked token, 409 another instance polling)
   * stops polling. stop() lets the batch in hand finish — except an update still waiting for
   * the database — and confirms what was handled.
   */
  async startPolling(): Promise<void> {
    if (this.polling) return;
    await this.init();
    // Polling and a webhook exclude each other; fail fast here if Telegram refuses.
    await this.deleteWebhook();
    this.stopping = false;
    const abort = new AbortController();
    const loop = this.poll(abort.signal)
      .catch((err: unknown) => {
        this.logger.error(errorFields(err), "polling stopped after an error");
      })
      .finally(() => {
        this.polling = undefined;
      });
    this.polling = { loop, abort };
  }

  async stop(): Promise<void> {
    this.stopping = true;
    const polling = this.polling;
    if (polling) {
      // Ends the pending getUpdates; poll() finishes the batch in hand and confirms it.
      polling.abort.abort();
      await polling.loop;
    }
    // Covers webhook requests still running too.
    await this.dispatcher.idle();
  }

  private polling: { loop: Promise<void>; abort: AbortController } | undefined;

  private async poll(signal: AbortSignal): Promise<void> {
    let offset = 0;
    polling: while (!signal.aborted) {
      let updates: TgUpdate[];
      try {
        updates = await this.fetchUpdates(
          { offset, timeout: POLL_TIMEOUT_S, allowed_updates: ALLOWED_UPDATES },
          signal,
        );
      } catch (err) {
        if (signal.aborted) break;
        const error = this.toApiError("getUpdates", err);
        if (!error.transient) throw error;
        this.logger.warn(errorFields(error), "getUpdates failed; retrying");
        await sleep((error.retryAfter ?? RETRY_DELAY_S) * 1000, undefined, { signal }).catch(() => {});
        continue;
      }
      for (const update of Array.isArray(updates) ? updates : []) {
        const updateId = (update as { update_id?: unknown } | null)?.update_id;
        // Without an id it cannot be confirmed alone; the next valid one confirms it.
        if (!Number.isSafeInteger(updateId)) continue;
        const done = await handleUntilAcknowledged(() => this.handleUpdate(update), {
          signal,
          logger: this.logger,
          updateId: updateId as number,
        });
        if (!done) break polling;
        offset = (updateId as number) + 1;
      }
    }
    if (offset > 0) {
      await this.fetchUpdates(
        { offset, timeout: 0, allowed_updates: ALLOWED_UPDATES, limit: 1 },
        AbortSignal.timeout(10_000),
      ).catch((err: unknown) =>
        this.logger.warn(
          errorFields(this.toApiErrorOrSelf("getUpdates", err)),
          "confirming the last updates failed",
        ),
      );
    }
  }

  /** {@link toApiError}, or the error itself when it is not the library's. */
  private toApiErrorOrSelf(method: string, err: unknown): unknown {
    try {
      return this.toApiError(method, err);
    } catch {
      return err;
    }
  }

  async setWebhook(url: string, secretToken: string): Promise<void> {
    if (secretToken !== this.webhookSecret) {
      throw new Error(
        "setWebhook: secretToken differs from the webhookSecret option; every delivery would get 401",
      );
    }
    await this.api("setWebhook", () =>
      this.raw("setWebhook", {
        url,
        secret_token: secretToken,
        allowed_updates: [...ALLOWED_UPDATES],
        drop_pending_updates: false,
      }),
    );
  }

  async deleteWebhook(): Promise<void> {
    await this.api("deleteWebhook", () => this.raw("deleteWebhook", { drop_pending_updates: false }));
  }

  /** Performs a contract call through the one request table. */
  private async call(call: ClientCall): Promise<OutboundResult> {
    const request = telegramRequest(call);
    const answer = await this.api(request.method, () =>
      this.raw(request.method, request.params, request.document),
    );
    return telegramResult(request, call, answer);
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
