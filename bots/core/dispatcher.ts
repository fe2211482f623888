/**
 * Messenger-neutral plumbing every adapter uses: what may be logged about an error, and the
 * dispatcher that hands mapped updates to the core's handler, never throws, and lets stop() wait
 * for the updates in flight.
 */
import type { Logger } from "pino";
import {
  MessengerApiError,
  type InboundUpdate,
  type UpdateHandler,
} from "../../src/platform/messenger/contract.ts";

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

  /** Handles one mapped update. Never rejects: a failed handler is logged by update id. */
  dispatch(updateId: number | string, mapped: MappedUpdate): Promise<void> {
    return this.track(this.run(updateId, mapped));
  }

  /** Makes {@link idle} wait for `task` too (a webhook request before it reaches the handler). */
  track(task: Promise<void>): Promise<void> {
    this.running.add(task);
    void task.finally(() => this.running.delete(task));
    return task;
  }

  /** Resolves once nothing tracked is running (including tasks started while waiting). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all(this.running);
  }

  private async run(updateId: number | string, mapped: MappedUpdate): Promise<void> {
    if (!mapped.ok) {
      this.logger.debug({ updateId, reason: mapped.reason }, "update ignored");
      return;
    }
    try {
      await this.handler(mapped.update);
    } catch (err) {
      this.logger.error({ updateId, ...errorFields(err) }, "update handler failed");
    }
  }
}
