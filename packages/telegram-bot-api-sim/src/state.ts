/**
 * The whole simulated world: bots, their chats and the stored files. Everything lives in memory and is
 * dropped by {@link SimState.reset}.
 */
import { SimBot, type BotProfile } from "./bot.ts";
import { SimError, unauthorized } from "./errors.ts";
import { FileStore } from "./files.ts";
import type { Logger } from "./logger.ts";

/** How the simulator behaves; every field has a default in server.ts. */
export interface SimOptions {
  /** Epoch milliseconds; injected so message dates are deterministic in tests. */
  now(): number;
  /** Accept any token shaped `<digits>:<secret>` without registering it first. */
  acceptAnyToken: boolean;
  /** How long a callback query can still be answered. */
  callbackQueryTtlMs: number;
  webhookTimeoutMs: number;
  webhookRetryBaseMs: number;
  webhookRetryMaxMs: number;
  logger: Logger;
  /**
   * The first update id of a new bot. The server defaults to the clock in milliseconds, not 1:
   * a bot that records the update ids it handled (ours does, in its database) must not take a
   * restarted simulator's updates for ones it already saw.
   */
  firstUpdateId: () => number;
}

/** Runs a method a bot put in its webhook answer. */
export type WebhookReplyRunner = (
  bot: SimBot,
  method: string,
  params: Record<string, unknown>,
) => Promise<void>;

/** `<bot id>:<secret>`; the secret may hold anything but a path separator or whitespace. */
const TOKEN_PATTERN = /^(\d{1,18}):[^/\s]+$/;

/** Bots, chats and files of one simulator instance. */
export class SimState {
  readonly files = new FileStore();
  private readonly bots = new Map<number, SimBot>();
  private lifetime = new AbortController();
  private callbackCounter = 0;

  constructor(
    readonly options: SimOptions,
    private readonly runWebhookReply: WebhookReplyRunner,
  ) {}

  /** Aborts when the state is reset or closed, ending every wait tied to the old state. */
  get signal(): AbortSignal {
    return this.lifetime.signal;
  }

  /** Current Unix time in seconds, as message dates use it. */
  nowSeconds(): number {
    return Math.floor(this.options.now() / 1000);
  }

  /** A fresh callback query id; Telegram's are long decimal strings. */
  nextCallbackQueryId(): string {
    this.callbackCounter += 1;
    return (4_000_000_000_000_000n + BigInt(this.callbackCounter)).toString();
  }

  /**
   * The bot a token belongs to. The first token seen for a bot id is bound to it (unless registered
   * earlier); a different token for the same id is refused, like a revoked one.
   *
   * @throws {BotApiError} 401 "Unauthorized".
   */
  authenticate(token: string): SimBot {
    const id = TOKEN_PATTERN.exec(token)?.[1];
    if (id === undefined) throw unauthorized();
    const known = this.bots.get(Number(id));
    if (known?.token === token) return known;
    if (known?.token !== undefined || !this.options.acceptAnyToken) throw unauthorized();
    const bot = known ?? this.createBot(Number(id));
    bot.token = token;
    return bot;
  }

  /**
   * Registers a bot under a token, with optional names.
   *
   * @throws {SimError} 400 for a malformed token, 409 when its bot id is bound to another token.
   */
  registerBot(token: string, profile?: Partial<BotProfile>): SimBot {
    const id = TOKEN_PATTERN.exec(token)?.[1];
    if (id === undefined) throw new SimError(400, "a bot token looks like <digits>:<secret>");
    const known = this.bots.get(Number(id));
    if (known?.token !== undefined && known.token !== token)
      throw new SimError(409, `bot ${id} has another token`);
    const bot = known ?? this.createBot(Number(id));
    if (profile) bot.rename(profile);
    bot.token = token;
    return bot;
  }

  /** The bot with this id, created with default names if it has not called yet. */
  ensureBot(id: number): SimBot {
    return this.bots.get(id) ?? this.createBot(id);
  }

  /** The bot with this id, if known. */
  findBot(id: number): SimBot | undefined {
    return this.bots.get(id);
  }

  /** Every known bot. */
  listBots(): SimBot[] {
    return [...this.bots.values()];
  }

  /** Forgets everything; waiting calls are answered (empty) and webhook delivery stops first. */
  async reset(): Promise<void> {
    await this.shutDown();
    this.lifetime = new AbortController();
    this.bots.clear();
    this.files.clear();
  }

  /** Answers every waiting call (long polls get no updates) and stops webhook delivery. */
  async shutDown(): Promise<void> {
    this.lifetime.abort();
    await Promise.all(this.listBots().map((bot) => bot.shutDown()));
  }

  private createBot(id: number): SimBot {
    const bot: SimBot = new SimBot(
      id,
      { firstName: `Test Bot ${id}`, username: `test_${id}_bot` },
      {
        delivery: {
          timeoutMs: this.options.webhookTimeoutMs,
          retryBaseMs: this.options.webhookRetryBaseMs,
          retryMaxMs: this.options.webhookRetryMaxMs,
          logger: this.options.logger,
          nowSeconds: () => this.nowSeconds(),
          runReply: (method, params) => this.runWebhookReply(bot, method, params),
        },
        callbackQueryTtlMs: this.options.callbackQueryTtlMs,
        firstUpdateId: this.options.firstUpdateId(),
      },
    );
    this.bots.set(id, bot);
    return bot;
  }
}
