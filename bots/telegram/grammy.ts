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
import { normaliseApiRoot, TelegramAdapterBase, type AdapterOptions, type TgBotUser } from "./base.ts";
import type { TgUpdate } from "./inbound.ts";

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

class GrammyAdapter extends TelegramAdapterBase implements BotAdapter {
  readonly library = "grammy";
  private readonly bot: Bot;

  constructor(opts: AdapterOptions) {
    super(opts);
    this.bot = new Bot(opts.token, { client: { apiRoot: normaliseApiRoot(opts.apiRoot) } });
    // Polling is ours (base.ts), so grammY's error handler is never used; bot.handleUpdate
    // rejects with a BotError wrapping what the middleware threw (only RetryLaterError).
    this.bot.use((ctx) => this.dispatch(ctx.update, String(ctx.me.id)));
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

  protected fetchUpdates(
    params: { offset: number; timeout: number; allowed_updates: readonly string[]; limit?: number },
    signal: AbortSignal,
  ): Promise<TgUpdate[]> {
    // Through the raw API: grammY's typings name their own AbortSignal shim; Node's is what runs.
    const raw = this.bot.api.raw as unknown as {
      getUpdates(p: object, signal: AbortSignal): Promise<TgUpdate[]>;
    };
    return raw.getUpdates({ ...params, allowed_updates: [...params.allowed_updates] }, signal);
  }
}
