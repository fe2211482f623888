/**
 * Waiting helpers that never outlive the server: every wait ends early when its signal aborts.
 *
 * Signals are linked by hand rather than with `AbortSignal.any`, whose dependents pile up on a
 * long-lived source signal on some Node versions; here every listener is removed when its wait ends.
 */
import type { ServerResponse } from "node:http";

/** Resolves after `ms` milliseconds, or at once when `signal` aborts. Never rejects. */
export function delay(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
  });
}

/** A signal that follows `parent` until {@link LinkedSignal.unlink}, and can be aborted on its own. */
export interface LinkedSignal {
  signal: AbortSignal;
  abort(reason?: unknown): void;
  /** Detaches from the parent; call it when the work the signal guards is over. */
  unlink(): void;
}

/** Creates a {@link LinkedSignal}; with `timeoutMs` it also aborts with a `TimeoutError` after that long. */
export function linkedSignal(parent: AbortSignal, timeoutMs = Infinity): LinkedSignal {
  const controller = new AbortController();
  const follow = (): void => controller.abort(parent.reason);
  const timer = Number.isFinite(timeoutMs)
    ? setTimeout(() => controller.abort(new DOMException("timed out", "TimeoutError")), timeoutMs)
    : undefined;
  if (parent.aborted) follow();
  else parent.addEventListener("abort", follow, { once: true });
  return {
    signal: controller.signal,
    abort: (reason) => controller.abort(reason),
    unlink: () => {
      clearTimeout(timer);
      parent.removeEventListener("abort", follow);
    },
  };
}

/**
 * A signal for one HTTP exchange: aborts when the client goes away (or the response is done) and when
 * `lifetime` aborts (server shutdown, state reset), so no wait outlives its request.
 */
export function exchangeSignal(res: ServerResponse, lifetime: AbortSignal): AbortSignal {
  const link = linkedSignal(lifetime);
  res.once("close", () => {
    link.unlink();
    link.abort();
  });
  return link.signal;
}
