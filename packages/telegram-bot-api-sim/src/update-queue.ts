/**
 * A bot's queue of undelivered updates, shared by long polling and webhook delivery exactly as on Telegram:
 * switching modes keeps the unconfirmed updates.
 */
import type { Update } from "@grammyjs/types";
import { Notifier } from "./notifier.ts";

/** The update payload without its id; the queue numbers updates. */
export type UpdatePayload = Omit<Update, "update_id">;

/** Pending updates of one bot, with ids increasing by one. */
export class UpdateQueue {
  private pending: Update[] = [];
  private nextId: number;
  /** Notified whenever an update is added. */
  readonly added = new Notifier();

  /** `firstId`: the first update's id (see `SimOptions.firstUpdateId`). */
  constructor(firstId = 1) {
    this.nextId = firstId;
  }

  /** Appends an update and wakes whoever waits for one. */
  push(payload: UpdatePayload): Update {
    const update: Update = { update_id: this.nextId++, ...payload };
    this.pending.push(update);
    this.added.notify();
    return update;
  }

  /**
   * Applies getUpdates' `offset`: a positive offset forgets every update below it; a negative one keeps only
   * the last `-offset` updates; zero changes nothing.
   */
  confirm(offset: number): void {
    if (offset > 0) this.pending = this.pending.filter((update) => update.update_id >= offset);
    else if (offset < 0) this.pending = this.pending.slice(offset);
  }

  /** The oldest `limit` pending updates, still pending. */
  peek(limit: number): Update[] {
    return this.pending.slice(0, limit);
  }

  /** Forgets one delivered update (webhook success). */
  remove(updateId: number): void {
    this.pending = this.pending.filter((update) => update.update_id !== updateId);
  }

  /** Forgets everything pending (`drop_pending_updates`). */
  clear(): void {
    this.pending = [];
  }

  /** How many updates wait for delivery. */
  get size(): number {
    return this.pending.length;
  }
}
