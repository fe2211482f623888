/**
 * Messenger-neutral plumbing every adapter uses: what may be logged about an error, the
 * dispatcher that hands mapped updates to the core's handler and lets stop() wait for the updates
 * in flight, and the acknowledgement rules every adapter (Telegram, MAX…) follows:
 *
 * 1. **Malformed or unknown updates** are mapped to `{ ok: false }` (never thrown) and
 *    acknowledged: they can never become valid, so re-sending them would only loop.
 * 2. **A handler that fails** for any reason but {@link RetryLaterError} has already logged and
 *    answered the person; the update is acknowledged.
 * 3. **{@link RetryLaterError}** (the database is unreachable): the update is *not* acknowledged.
 *    Long polling retries the same update after {@link retryDelayMs} and never moves its offset
 *    past it ({@link handleUntilAcknowledged}); stop() leaves it unconfirmed for the next start.
 *    A webhook answers {@link RETRY_LATER_STATUS} so the messenger delivers it again.
 * 4. **Chat binding**: an adapter maps only one-to-one chats with the person who wrote, and
 *    refuses an update whose chat is not that person's (for Telegram: `chat.id` ≠ `from.id`).
 */
import { setTimeout as sleep } from "node:timers/promises";
import type { Logger } from "pino";
import {
  MessengerApiError,
  RetryLaterError,
  type InboundUpdate,
  type UpdateHandler,
} from "../../src/platform/messenger/contract.ts";

/** What a webhook answers for an update that must come again (rule 3). */
export const RETRY_LATER_STATUS = 503;

/** Pause before trying an unacknowledged update again: 1 s, 2 s, 4 s … at most 30 s. */
export function retryDelayMs(attempt: number): number {
  return Math.min(30_000, 1000 * 2 ** Math.max(0, attempt - 1));
}

/**
 * True when `err` is, or wraps (a library's `BotError.error`, an error's `cause`), a
 * {@link RetryLaterError}.
 */
export function isRetryLater(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && typeof e === "object" && depth < 4; depth++) {
    if (e instanceof RetryLaterError) return true;
    const inner = e as { error?: unknown; cause?: unknown };
    e = inner.error ?? inner.cause;
  }
  return false;
}

/**
 * Runs `handle` (one update through the library) until it is done, pausing and retrying while it
 * throws {@link RetryLaterError}. Returns false when `signal` aborted while the update waited: the
 * caller must then not acknowledge it. Other errors are logged and count as done (rule 2).
 */
export async function handleUntilAcknowledged(
  handle: () => Promise<void>,
  options: { signal: AbortSignal; logger: Logger; updateId: number },
): Promise<boolean> {
  for (let attempt = 1; ; attempt++) {
    try {
      await handle();
      if (attempt > 1)
        options.logger.info({ updateId: options.updateId, attempt }, "update handled after a retry");
      return true;
    } catch (err) {
      if (!isRetryLater(err)) {
        options.logger.error({ updateId: options.updateId, ...errorFields(err) }, "update failed");
        return true;
      }
      // Logged on the first attempts and then about every 5 minutes, not every pause.
      if (attempt <= 3 || attempt % 10 === 0) {
        options.logger.warn({ updateId: options.updateId, attempt }, "update not handled yet; retrying");
      }
      if (options.signal.aborted) return false;
      await sleep(retryDelayMs(attempt), undefined, { signal: options.signal }).catch(() => undefined);
      if (options.signal.aborted) return false;
    }
  }
}

/** Result of mapping a messenger's update: the update, or why it was ignored (for a debug log). */
export type MappedUpdate = { ok: true; update: InboundUpdate } | { ok: false; reason: string };

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

  /**
   * Handles one mapped update. Rejects only with {@link RetryLaterError} (rule 3); any other
   * failure of the handler is logged by update id.
   */
  dispatch(updateId: number | string, mapped: MappedUpdate): Promise<void> {
    return this.track(this.run(updateId, mapped));
  }

  /** Makes {@link idle} wait for `task` too (a webhook request before it reaches the handler). */
  track(task: Promise<void>): Promise<void> {
    this.running.add(task);
    const done = () => void this.running.delete(task);
    // Both outcomes handled here: the caller handles the rejection of `task` itself.
    task.then(done, done);
    return task;
  }

  /** Resolves once nothing tracked is running (including tasks started while waiting). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled(this.running);
  }

  private async run(updateId: number | string, mapped: MappedUpdate): Promise<void> {
    if (!mapped.ok) {
      this.logger.debug({ updateId, reason: mapped.reason }, "update ignored");
      return;
    }
    try {
      await this.handler(mapped.update);
    } catch (err) {
      if (err instanceof RetryLaterError) throw err;
      this.logger.error({ updateId, ...errorFields(err) }, "update handler failed");
    }
  }
}
