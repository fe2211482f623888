/**
 * Webhook delivery for one bot, as Telegram does it: updates are POSTed one at a time, in order; a failed
 * delivery keeps the update and is retried with a growing pause; a 2xx answer confirms it. A JSON answer
 * with a `method` field is executed as an API call ("webhook reply"), which Telegraf relies on.
 */
import type { Update } from "@grammyjs/types";
import type { Logger } from "./logger.ts";
import { delay, linkedSignal } from "./waits.ts";
import type { UpdateQueue } from "./update-queue.ts";

/** Where and how to deliver, as given to setWebhook. */
export interface WebhookSettings {
  url: string;
  secretToken?: string;
  maxConnections: number;
}

/** Tuning and collaborators of webhook delivery. */
export interface WebhookDeliveryOptions {
  /** How long to wait for the bot's answer before counting the attempt as failed. */
  timeoutMs: number;
  /** Pause after the first failure; doubled after each further failure up to {@link retryMaxMs}. */
  retryBaseMs: number;
  retryMaxMs: number;
  logger: Logger;
  /** Unix time in seconds, for `last_error_date`. */
  nowSeconds(): number;
  /** Executes a method the bot put in its webhook answer. */
  runReply(method: string, params: Record<string, unknown>): Promise<void>;
}

/** The latest delivery error, reported by getWebhookInfo. */
export interface DeliveryError {
  date: number;
  message: string;
}

/** Delivers a bot's queued updates to its webhook while one is set. */
export class WebhookDelivery {
  private controller: AbortController | undefined;
  private running: Promise<void> = Promise.resolve();
  private error: DeliveryError | undefined;

  constructor(
    private readonly botId: number,
    private readonly queue: UpdateQueue,
    private readonly options: WebhookDeliveryOptions,
  ) {}

  /** The latest delivery error, if any. */
  get lastError(): DeliveryError | undefined {
    return this.error;
  }

  /** (Re)starts delivery to `settings`; a delivery in flight to an older URL is abandoned, its update kept. */
  start(settings: WebhookSettings): void {
    this.controller?.abort();
    const controller = new AbortController();
    this.controller = controller;
    this.error = undefined;
    // Chained so the abandoned loop has fully stopped before the new one sends anything: order is kept.
    this.running = this.running
      .then(() => this.loop(settings, controller.signal))
      .catch((error: unknown) => {
        this.options.logger.error({ botId: this.botId, error: String(error) }, "webhook delivery stopped");
      });
  }

  /** Stops delivery; resolves once no request is in flight. */
  stop(): Promise<void> {
    this.controller?.abort();
    this.controller = undefined;
    return this.running;
  }

  private async loop(settings: WebhookSettings, signal: AbortSignal): Promise<void> {
    let failures = 0;
    while (!signal.aborted) {
      const [update] = this.queue.peek(1);
      if (!update) {
        await this.queue.added.wait(Infinity, signal);
        continue;
      }
      if (await this.deliver(settings, update, signal)) {
        this.queue.remove(update.update_id);
        failures = 0;
      } else {
        failures += 1;
        await delay(this.backoff(failures), signal);
      }
    }
  }

  private backoff(failures: number): number {
    return Math.min(this.options.retryBaseMs * 2 ** (failures - 1), this.options.retryMaxMs);
  }

  /** One attempt; true when the bot confirmed the update with a 2xx answer. */
  private async deliver(settings: WebhookSettings, update: Update, signal: AbortSignal): Promise<boolean> {
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (settings.secretToken) headers["x-telegram-bot-api-secret-token"] = settings.secretToken;
    const attempt = linkedSignal(signal, this.options.timeoutMs);
    let answer: string;
    try {
      const response = await fetch(settings.url, {
        method: "POST",
        headers,
        body: JSON.stringify(update),
        signal: attempt.signal,
      });
      answer = await response.text();
      if (!response.ok)
        return this.fail(`Wrong response from the webhook: ${response.status} ${response.statusText}`);
    } catch (error) {
      return signal.aborted ? false : this.fail(describeFailure(error));
    } finally {
      attempt.unlink();
    }
    await this.runReply(answer);
    return true;
  }

  private fail(message: string): false {
    this.error = { date: this.options.nowSeconds(), message };
    this.options.logger.warn({ botId: this.botId, error: message }, "webhook delivery failed");
    return false;
  }

  /** Executes a webhook reply; like Telegram, its outcome is not reported to anyone. */
  private async runReply(answer: string): Promise<void> {
    const reply = parseReply(answer);
    if (!reply) return;
    const { method, ...params } = reply;
    try {
      await this.options.runReply(method, params);
    } catch (error) {
      this.options.logger.warn({ botId: this.botId, method, error: String(error) }, "webhook reply failed");
    }
  }
}

function parseReply(answer: string): ({ method: string } & Record<string, unknown>) | undefined {
  try {
    const value: unknown = JSON.parse(answer);
    if (
      typeof value === "object" &&
      value !== null &&
      "method" in value &&
      typeof value.method === "string"
    ) {
      return value as { method: string } & Record<string, unknown>;
    }
  } catch {
    // Not JSON: an ordinary acknowledgement.
  }
  return undefined;
}

/** Words a network failure the way getWebhookInfo's `last_error_message` does. */
function describeFailure(error: unknown): string {
  if (error instanceof Error && error.name === "TimeoutError") return "Read timeout expired";
  const code = error instanceof Error ? (error.cause as { code?: unknown } | undefined)?.code : undefined;
  if (code === "ECONNREFUSED") return "Connection refused";
  return `Connection failed: ${error instanceof Error ? error.message : String(error)}`;
}
