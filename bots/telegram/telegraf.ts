/**
 * The Telegraf adapter: a thin {@link BotAdapter} over Telegraf. Updates go through one
 * middleware into the shared {@link Dispatcher}; outbound calls go through `bot.telegram`.
 * Long polling is a small sequential loop of ours around `bot.handleUpdate` (see `poll()`).
 */
import { setTimeout as sleep } from "node:timers/promises";
import { Telegraf, TelegramError } from "telegraf";
import {
  MessengerApiError,
  type BotAdapter,
  type OutboundFile,
} from "../../src/platform/messenger/contract.ts";
import { errorFields } from "../core/dispatcher.ts";
import { normaliseApiRoot, TelegramAdapterBase, type AdapterOptions, type TgBotUser } from "./base.ts";
import { ALLOWED_UPDATES } from "./inbound.ts";

type CallApiOptions = NonNullable<Parameters<Telegraf["telegram"]["callApi"]>[2]>;

/** Long-polling timeout: Telegraf's own value. */
const POLL_TIMEOUT_S = 50;
/** Wait before retrying a failed getUpdates that gave no retry_after (Telegraf's value). */
const RETRY_DELAY_S = 5;

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

/** Loggable fields of an error, with the Bot API's code when Telegraf reports one. */
function logFields(method: string, err: unknown): ReturnType<typeof errorFields> {
  const known = err instanceof TelegramError || (err instanceof Error && err.name === "FetchError");
  return errorFields(known ? toMessengerApiError(method, err) : err);
}

class TelegrafAdapter extends TelegramAdapterBase implements BotAdapter {
  readonly library = "telegraf";
  private readonly bot: Telegraf;
  /** The running polling loop and the way to stop it; the loop never rejects. */
  private polling: { loop: Promise<void>; abort: AbortController } | undefined;

  constructor(opts: AdapterOptions) {
    super(opts);
    this.bot = new Telegraf(opts.token, {
      telegram: { apiRoot: normaliseApiRoot(opts.apiRoot), webhookReply: false },
      // After Telegraf's default 90 s the update counts as failed while its handler runs on,
      // so the next polled update would overlap it; the webhook endpoint has its own timeout.
      handlerTimeout: Infinity,
    });
    this.bot.use((ctx) => this.dispatch(ctx.update, String(ctx.botInfo.id)));
    // The dispatcher already catches handler errors; this only sees faults of Telegraf itself.
    // Without it Telegraf's default handler rethrows and sets process.exitCode = 1.
    this.bot.catch((err, ctx) => {
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

  async startPolling(): Promise<void> {
    if (this.polling) return;
    await this.init();
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

  /**
   * Long polling, one update at a time. Not Telegraf's launch(): its polling hands a whole
   * batch to handleUpdate concurrently (Promise.all), and bot.stop() throws until launch() has
   * finished its own deleteWebhook call. Otherwise this mirrors Telegraf's Polling class: wait
   * and retry on network errors, 429 and 5xx; give up on anything else (401 revoked token,
   * 409 another instance polling). stop() lets the fetched batch finish, then the offset is
   * confirmed so Telegram does not deliver those updates again.
   */
  private async poll(signal: AbortSignal): Promise<void> {
    let offset = 0;
    while (!signal.aborted) {
      let updates;
      try {
        updates = await this.bot.telegram.callApi(
          "getUpdates",
          { offset, timeout: POLL_TIMEOUT_S, allowed_updates: [...ALLOWED_UPDATES] },
          // Telegraf types the signal as its abort-controller shim's; node-fetch accepts Node's.
          { signal: signal as CallApiOptions["signal"] },
        );
      } catch (err) {
        if (signal.aborted) break;
        const error = toMessengerApiError("getUpdates", err);
        if (!error.transient) throw error;
        this.logger.warn(errorFields(error), "getUpdates failed; retrying");
        await sleep((error.retryAfter ?? RETRY_DELAY_S) * 1000, undefined, { signal }).catch(() => {});
        continue;
      }
      for (const update of updates) {
        await this.bot.handleUpdate(update);
        offset = update.update_id + 1;
      }
    }
    if (offset > 0) {
      await this.bot.telegram
        .callApi("getUpdates", { offset, limit: 1, timeout: 0 })
        .catch((err: unknown) =>
          this.logger.warn(logFields("getUpdates", err), "confirming the last updates failed"),
        );
    }
  }
}
