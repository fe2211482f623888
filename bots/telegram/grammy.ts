/**
 * The grammY adapter: a thin {@link BotAdapter} over grammY's `Bot`. Updates go through one
 * middleware into the shared {@link Dispatcher}; outbound calls go through `bot.api`.
 */
import { Bot, GrammyError, HttpError, InputFile } from "grammy";
import {
  MessengerApiError,
  type BotAdapter,
  type OutboundFile,
} from "../../src/platform/messenger/contract.ts";
import { errorFields } from "../core/dispatcher.ts";
import { normaliseApiRoot, TelegramAdapterBase, type AdapterOptions, type TgBotUser } from "./base.ts";
import { ALLOWED_UPDATES } from "./inbound.ts";

/**
 * Creates a grammY-based adapter. Call `init()` before anything else.
 * @example
 * const adapter = createGrammyAdapter({ token, handler, logger, webhookSecret });
 * await adapter.init();
 * await adapter.startPolling();
 */
export function createGrammyAdapter(opts: AdapterOptions): BotAdapter {
  return new GrammyAdapter(opts);
}

/**
 * Maps what `bot.api` throws to {@link MessengerApiError}: the Bot API's own errors keep their
 * code and `retry_after`; network failures (`HttpError`) get code 0. Anything else is a bug
 * and is rethrown unchanged.
 */
export function toMessengerApiError(method: string, err: unknown): MessengerApiError {
  if (err instanceof GrammyError) {
    return new MessengerApiError(method, err.error_code, err.description, err.parameters.retry_after);
  }
  if (err instanceof HttpError) {
    // The cause's message may contain the request URL, i.e. the token: keep only its code.
    const code = (err.error as { code?: unknown } | undefined)?.code;
    return new MessengerApiError(
      method,
      0,
      typeof code === "string" ? `${err.message} (${code})` : err.message,
    );
  }
  throw err;
}

/** Loggable fields of an error, with the Bot API's code when grammY reports one. */
function logFields(method: string, err: unknown): ReturnType<typeof errorFields> {
  const known = err instanceof GrammyError || err instanceof HttpError;
  return errorFields(known ? toMessengerApiError(method, err) : err);
}

class GrammyAdapter extends TelegramAdapterBase implements BotAdapter {
  readonly library = "grammy";
  private readonly bot: Bot;
  /** The running `bot.start()` loop; never rejects. */
  private polling: Promise<void> | undefined;
  /** Last update that entered the middleware, to confirm the batch's tail after stop(). */
  private lastUpdateId = 0;

  constructor(opts: AdapterOptions) {
    super(opts);
    this.bot = new Bot(opts.token, { client: { apiRoot: normaliseApiRoot(opts.apiRoot) } });
    this.bot.use((ctx) => {
      this.lastUpdateId = ctx.update.update_id;
      return this.dispatch(ctx.update, String(ctx.me.id));
    });
    // The dispatcher already catches handler errors; this only sees faults of grammY itself.
    // Without it grammY's default handler would stop polling and rethrow.
    this.bot.catch((err) => {
      this.logger.error({ updateId: err.ctx.update.update_id, ...errorFields(err.error) }, "update failed");
    });
  }

  protected rememberMe(me: TgBotUser): void {
    // getMe's answer, as grammY's own init would store it.
    this.bot.botInfo = me as unknown as Bot["botInfo"];
  }

  protected handleUpdate(update: unknown): Promise<void> {
    return this.bot.handleUpdate(update as Parameters<Bot["handleUpdate"]>[0]);
  }

  protected toApiError(method: string, err: unknown): MessengerApiError {
    return toMessengerApiError(method, err);
  }

  protected raw(method: string, params: Record<string, unknown>, document?: OutboundFile): Promise<unknown> {
    const payload = document
      ? { ...params, document: new InputFile(document.content, document.name) }
      : params;
    // The request table (./outbound.ts) names the method; grammY's raw API takes any of them
    // (methods without parameters, such as getMe, are called without a payload).
    const raw = this.bot.api.raw as unknown as Record<string, (p?: object) => Promise<unknown>>;
    return Object.keys(payload).length === 0 ? raw[method]!() : raw[method]!(payload);
  }

  async startPolling(): Promise<void> {
    if (this.polling) return;
    await this.init();
    // bot.start() deletes the webhook too, but retries forever on failure; fail fast here.
    await this.deleteWebhook();
    this.stopping = false;
    // bot.start() handles one update at a time, in order, and resolves only when polling ends.
    await new Promise<void>((resolve, reject) => {
      let started = false;
      this.polling = this.bot
        .start({
          drop_pending_updates: false,
          allowed_updates: [...ALLOWED_UPDATES],
          onStart: () => {
            started = true;
            resolve();
          },
        })
        .catch((err: unknown) => {
          this.polling = undefined;
          if (!started) return reject(err instanceof Error ? err : new Error(String(err)));
          // 401 (token revoked) or 409 (another instance polls): grammY gives up polling.
          this.logger.error(logFields("getUpdates", err), "polling stopped after an error");
        });
    });
  }

  async stop(): Promise<void> {
    this.stopping = true;
    const polling = this.polling;
    if (polling) {
      const lastBeforeStop = this.lastUpdateId;
      // Aborts the pending getUpdates and confirms updates up to the one being handled.
      await this.bot
        .stop()
        .catch((err: unknown) => this.logger.warn(logFields("getUpdates", err), "bot.stop() failed"));
      // grammY still handles the rest of the fetched batch (without waiting for it in stop()).
      await polling;
      this.polling = undefined;
      if (this.lastUpdateId > lastBeforeStop) {
        // Those were handled after grammY confirmed its offset; confirm them too, or Telegram
        // would deliver them again on the next start.
        await this.bot.api
          .getUpdates({ offset: this.lastUpdateId + 1, limit: 1, timeout: 0 })
          .catch((err: unknown) =>
            this.logger.warn(logFields("getUpdates", err), "confirming the last updates failed"),
          );
      }
    }
    // Covers webhook requests still running too.
    await this.dispatcher.idle();
  }
}
