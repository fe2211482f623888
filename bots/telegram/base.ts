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
import { Dispatcher } from "../core/dispatcher.ts";
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
    return this.dispatcher.dispatch(update.update_id, toInboundUpdate(update, botId));
  }

  /** Performs one Bot API request through the library (the file is the `document` field). */
  protected abstract raw(
    method: string,
    params: Record<string, unknown>,
    document?: OutboundFile,
  ): Promise<unknown>;

  /** Tells the library who the bot is (it needs that to handle updates). */
  protected abstract rememberMe(me: TgBotUser): void;
  /** Runs one raw update through the library's middleware. */
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
