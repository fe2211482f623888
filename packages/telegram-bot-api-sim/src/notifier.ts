/**
 * A wake-up signal for long polls: waiters re-check their own condition after each wake-up,
 * so a notification never carries data and a missed one is impossible (they check before waiting).
 */
export class Notifier {
  private readonly waiters = new Set<() => void>();

  /** Wakes every current waiter. */
  notify(): void {
    const woken = [...this.waiters];
    this.waiters.clear();
    for (const wake of woken) wake();
  }

  /**
   * Resolves on the next {@link notify}, after `timeoutMs` (pass `Infinity` for no limit) or when `signal`
   * aborts, whichever comes first. Never rejects: callers look at the state and the signal afterwards.
   */
  wait(timeoutMs: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted || timeoutMs <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        this.waiters.delete(done);
        clearTimeout(timer);
        signal?.removeEventListener("abort", done);
        resolve();
      };
      const timer = Number.isFinite(timeoutMs) ? setTimeout(done, timeoutMs) : undefined;
      signal?.addEventListener("abort", done, { once: true });
      this.waiters.add(done);
    });
  }
}
