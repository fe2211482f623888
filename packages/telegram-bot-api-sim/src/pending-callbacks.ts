/**
 * Callback queries waiting for answerCallbackQuery. Each can be answered once, within a time limit;
 * expired ones are forgotten so a long demo does not accumulate them.
 */
import type { SimChat } from "./chat.ts";

interface PendingCallback {
  chat: SimChat;
  /** Epoch milliseconds of the press. */
  pressedAt: number;
}

/** The unanswered callback queries of one bot. */
export class PendingCallbacks {
  private readonly pending = new Map<string, PendingCallback>();

  constructor(private readonly ttlMs: number) {}

  /** Records a press made at `now` (epoch milliseconds). */
  add(id: string, chat: SimChat, now: number): void {
    for (const [key, entry] of this.pending) if (this.expired(entry, now)) this.pending.delete(key);
    this.pending.set(id, { chat, pressedAt: now });
  }

  /** The chat of a query that can still be answered, consuming it; undefined if unknown, answered or expired. */
  take(id: string, now: number): SimChat | undefined {
    const entry = this.pending.get(id);
    this.pending.delete(id);
    return entry && !this.expired(entry, now) ? entry.chat : undefined;
  }

  private expired(entry: PendingCallback, now: number): boolean {
    return now - entry.pressedAt > this.ttlMs;
  }
}
