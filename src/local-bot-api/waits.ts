/**
 * Waiting helpers that never outlive the server: every wait ends early when its signal aborts.
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

/**
 * A signal for one HTTP exchange: aborts when the client goes away (or the response is done) and when
 * `lifetime` aborts (server shutdown, state reset), so no wait outlives its request.
 */
export function exchangeSignal(res: ServerResponse, lifetime: AbortSignal): AbortSignal {
  const gone = new AbortController();
  res.once("close", () => gone.abort());
  return AbortSignal.any([gone.signal, lifetime]);
}
