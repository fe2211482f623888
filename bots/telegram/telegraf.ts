/**
 * The Telegraf adapter: a thin {@link BotAdapter} over Telegraf. Updates go through one
 * middleware into the shared {@link Dispatcher}; outbound calls go through `bot.telegram`.
 * Long polling is a small sequential loop of ours around `bot.handleUpdate` (see `poll()`).
 */
import { Telegraf, TelegramError } from "telegraf";
import {
  MessengerApiError,
  type BotAdapter,
  type OutboundFile,
} from "../../src/platform/messenger/contract.ts";
import { errorFields, isRetryLater } from "../core/dispatcher.ts";
import { normaliseApiRoot, TelegramAdapterBase, type AdapterOptions, type TgBotUser } from "./base.ts";
import type { TgUpdate } from "./inbound.ts";

type CallApiOptions = NonNullable<Parameters<Telegraf["telegram"]["callApi"]>[2]>;

/**
 * Creates a Telegraf-based adapter. Call `init()` before anything else.
 * @example
 * const adapter = createTelegrafAdapter({ token, handler, logger, webhookSecret });
 * await adapter.init();
 * await adapter.startPolling();
 */
export function createTelegrafAdapter(opts: AdapterOptions): BotAdapter {
  return new TelegrafAdapter(opts);
}

/**
 * Maps what `bot.telegram` throws to {@link MessengerApiError}: `TelegramError` keeps the Bot
 * API's code and `retry_after` (Telegraf also uses it for HTTP 5xx without a JSON body);
 * node-fetch's `FetchError` (network, unreadable response) gets code 0. Anything else is a bug
 * and is rethrown unchanged.
 */
export function toMessengerApiError(method: string, err: unknown): MessengerApiError {
  if (err instanceof TelegramError) {
    return new MessengerApiError(method, err.code, err.description, err.parameters?.retry_after);
  }
  // Telegraf has already replaced the token in the request URL within this message.
  if (err instanceof Error && err.name === "FetchError") return new MessengerApiError(method, 0, err.message);
  throw err;
}

class TelegrafAdapter extends TelegramAdapterBase implements BotAdapter {
  readonly library = "telegraf";
  private readonly bot: Telegraf;

  constructor(opts: AdapterOptions) {
    super(opts);
    this.bot = new Telegraf(opts.token, {
      telegram: { apiRoot: normaliseApiRoot(opts.apiRoot), webhookReply: false },
      // After Telegraf's default 90 s the update counts as failed while its handler runs on,
      // so the next polled update would overlap it; the webhook endpoint has its own timeout.
      handlerTimeout: Infinity,
    });
    this.bot.use((ctx) => this.dispatch(ctx.update, String(ctx.botInfo.id)));
    // The dispatcher already catches handler errors but RetryLaterError, which must reach the
    // polling loop or the webhook (bots/core/dispatcher.ts, rule 3); anything else seen here is
    // a fault of Telegraf itself. Without a handler Telegraf rethrows and sets process.exitCode.
    this.bot.catch((err, ctx) => {
      if (isRetryLater(err)) throw err;
      this.logger.error({ updateId: ctx.update.update_id, ...errorFields(err) }, "update failed");
    });
  }

  protected rememberMe(me: TgBotUser): void {
    this.bot.botInfo = me;
  }

  protected handleUpdate(update: unknown): Promise<void> {
    return this.bot.handleUpdate(update as Parameters<Telegraf["handleUpdate"]>[0]);
  }

  protected toApiError(method: string, err: unknown): MessengerApiError {
    return toMessengerApiError(method, err);
  }

  protected raw(method: string, params: Record<string, unknown>, document?: OutboundFile): Promise<unknown> {
    // Telegraf uploads an object with `source` and `filename` as a multipart file.
    const payload = document
      ? { ...params, document: { source: document.content, filename: document.name } }
      : params;
    const callApi = this.bot.telegram.callApi.bind(this.bot.telegram) as (
      m: string,
      p: object,
    ) => Promise<unknown>;
    return callApi(method, payload);
  }

  protected fetchUpdates(
    params: { offset: number; timeout: number; allowed_updates: readonly string[]; limit?: number },
    signal: AbortSignal,
  ): Promise<TgUpdate[]> {
    const callApi = this.bot.telegram.callApi.bind(this.bot.telegram) as unknown as (
      method: string,
      payload: object,
      options: { signal: CallApiOptions["signal"] },
    ) => Promise<TgUpdate[]>;
    // Telegraf types the signal as its abort-controller shim's; node-fetch accepts Node's.
    return callApi(
      "getUpdates",
      { ...params, allowed_updates: [...params.allowed_updates] },
      { signal: signal as CallApiOptions["signal"] },
    );
  }
}
