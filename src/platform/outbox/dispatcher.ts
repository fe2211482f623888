/**
 * Delivers the outbox: per chat, in id order, one delivery at a time across processes. A delivery
 * claims the chat's next messages with a lease (./store.ts: one statement, no transaction), calls
 * the messenger, and records each result right after its call — no transaction, connection or
 * lock is held while the messenger answers, so a slow Bot API slows only its own chat, and a
 * crash re-sends at most the message in flight. A 429 waits `retry_after`, a 5xx or network
 * failure backs off; both are retried by a pg-boss job at the due time, and later messages of
 * that chat wait so the order is kept. Other 4xx failures are final for that message.
 */
import { z } from "zod";
import type { Logger } from "pino";
import {
  MessengerApiError,
  type ClientCall,
  type MessengerClient,
  type MessengerKind,
  type OutboundCall,
} from "../messenger/contract.ts";
import { loadFile } from "../files.ts";
import type { PrismaClient } from "../../generated/prisma/client.ts";
import { defineJob, type JobQueue } from "../jobs/queue.ts";
import { errorKey, rateLimited, safeError } from "../logger.ts";
import { parseChatKey } from "./enqueue.ts";
import type { ClaimedRow, OutboxStore } from "./store.ts";

/** Messages one claim leases (each is still recorded right after its own call). */
const BATCH = 20;
/**
 * How long a claim lasts. A call still running after it (the messenger hangs) may be made again
 * by another delivery; a crashed process's chats wait at most this long.
 */
export const DEFAULT_LEASE_MS = 30_000;
/** After this many transient failures a message is given up ("dead") and logged. */
export const MAX_ATTEMPTS = 12;
/** The job that retries a chat's delivery at its due time. */
export const OUTBOX_JOB = "outbox-deliver";
/** The periodic sweep for chats whose delivery was interrupted (crash between commit and send). */
export const OUTBOX_SWEEP_JOB = "outbox-sweep";

/** Backoff for 5xx and network failures: 1 s, 2 s, 4 s … capped at 5 minutes. */
export function backoffSeconds(attempt: number): number {
  return Math.min(300, 2 ** Math.max(0, attempt - 1));
}

/** What a failed call means for its message. */
type Verdict =
  | { status: "sent"; messageId?: number }
  | { status: "retry"; at: Date; error: string }
  | { status: "failed" | "dead"; error: string }
  | { status: "resend"; call: OutboundCall };

export interface DispatcherDeps {
  /** For stored files (documents). */
  db: PrismaClient;
  /** The claim and record statements. */
  store: OutboxStore;
  /** Default {@link DEFAULT_LEASE_MS}. */
  leaseMs?: number;
  clients: ReadonlyMap<MessengerKind, MessengerClient>;
  clock: () => Date;
  logger: Logger;
  jobs: () => JobQueue | undefined;
}

/** Delivers queued messenger calls. */
export class OutboxDispatcher {
  private readonly running = new Map<string, Promise<void>>();
  private readonly again = new Set<string>();

  /** One line per kind of failure a minute: during a database outage every kick fails. */
  private readonly logFailure: (key: string, fields: Record<string, unknown>) => void;

  private readonly leaseMs: number;

  constructor(private readonly deps: DispatcherDeps) {
    this.logFailure = rateLimited(deps.logger, "error", "outbox delivery failed", 60_000);
    this.leaseMs = deps.leaseMs ?? DEFAULT_LEASE_MS;
  }

  /** Starts delivery for these chats now (after a commit); coalesces with a delivery already running. */
  kick(chatKeys: string[]): void {
    for (const key of chatKeys) {
      if (this.running.has(key)) {
        this.again.add(key);
        continue;
      }
      const run = this.loop(key).finally(() => this.running.delete(key));
      this.running.set(key, run);
    }
  }

  /** Waits for every delivery started by {@link kick} (graceful shutdown, tests). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running.values()]);
  }

  private async loop(key: string): Promise<void> {
    do {
      this.again.delete(key);
      try {
        await this.deliver(key);
      } catch (error) {
        this.logFailure(errorKey(error), { err: safeError(error) });
        try {
          await this.deps
            .jobs()
            ?.send(OUTBOX_JOB, { chatKey: key }, new Date(this.deps.clock().getTime() + 5_000));
        } catch {
          // The database is gone too: the periodic sweep finds the chat's rows when it is back.
        }
      }
    } while (this.again.has(key));
  }

  /**
   * Sends the due messages of one chat, in order: claims them with a lease (one statement, no
   * transaction), calls the messenger for each, and records each result right after its call —
   * nothing is held while the messenger answers, and a crash re-sends at most the message in
   * flight. Returns when none is due, one must wait, or another delivery holds the chat.
   */
  async deliver(key: string): Promise<void> {
    const { messenger, chatId } = parseChatKey(key);
    const client = this.deps.clients.get(messenger);
    if (!client) throw new Error(`no messenger client for "${messenger}"`);
    for (;;) {
      const rows = await this.deps.store.claim(messenger, chatId, {
        now: this.deps.clock(),
        leaseMs: this.leaseMs,
        batch: BATCH,
      });
      let index = 0;
      try {
        for (; index < rows.length; index++) {
          const row = rows[index]!;
          const now = this.deps.clock();
          if (row.nextAttemptAt > now) {
            await this.deps.jobs()?.send(OUTBOX_JOB, { chatKey: key }, row.nextAttemptAt);
            return;
          }
          let call = row.payload;
          let verdict = await this.attempt(client, call, row.attempts + 1);
          if (verdict.status === "resend") {
            call = verdict.call;
            await this.deps.store.replacePayload(row.id, call);
            verdict = await this.attempt(client, call, row.attempts + 1);
          }
          await this.record(key, row, verdict as Exclude<Verdict, { status: "resend" }>, now);
          if (verdict.status === "retry") {
            index++;
            await this.deps.jobs()?.send(OUTBOX_JOB, { chatKey: key }, verdict.at);
            return;
          }
        }
      } finally {
        // Rows claimed but not attempted go back (a later delivery takes them at once).
        await this.deps.store.release(rows.slice(index).map((r) => r.id));
      }
      if (rows.length < BATCH) return;
    }
  }

  /** The call as the adapter performs it: a stored document's content loaded by its id. */
  private async resolve(call: OutboundCall): Promise<ClientCall | null> {
    if (call.method === "editMessageText" && call.ofOutbox !== undefined) {
      const { ofOutbox, ...edit } = call;
      const sent = await this.deps.db.outboxMessage.findUnique({
        where: { id: BigInt(ofOutbox) },
        select: { resultMessageId: true },
      });
      if (sent?.resultMessageId != null) return { ...edit, messageId: sent.resultMessageId };
      const { messageId: _none, method: _edit, ...text } = edit;
      return { ...text, method: "sendMessage" };
    }
    if (call.method !== "sendDocument") return call;
    const file = await loadFile(this.deps.db, call.fileId);
    if (!file) return null;
    const { fileId: _id, ...rest } = call;
    return { ...rest, file };
  }

  private async attempt(client: MessengerClient, call: OutboundCall, attempt: number): Promise<Verdict> {
    const resolved = await this.resolve(call);
    if (!resolved) return { status: "failed", error: "the stored file is gone" };
    try {
      const result = await client.call(resolved);
      return { status: "sent", ...(result.messageId !== undefined ? { messageId: result.messageId } : {}) };
    } catch (error) {
      if (!(error instanceof MessengerApiError)) throw error;
      return this.judge(call, error, attempt);
    }
  }

  private judge(call: OutboundCall, error: MessengerApiError, attempt: number): Verdict {
    const description = error.description.toLowerCase();
    if (error.transient) {
      if (attempt >= MAX_ATTEMPTS)
        return { status: "dead", error: `${error.errorCode} ${error.description}` };
      const seconds = error.retryAfter ?? backoffSeconds(attempt);
      return {
        status: "retry",
        at: new Date(this.deps.clock().getTime() + seconds * 1000),
        error: `${error.errorCode} ${error.description}`,
      };
    }
    // Editing to the same content is success; an edit whose message is gone is sent anew.
    if (error.meaning === "not_modified" || description.includes("message is not modified"))
      return { status: "sent" };
    if (
      call.method === "editMessageText" &&
      (error.meaning === "message_gone" ||
        /message to edit not found|message can't be edited/.test(description))
    ) {
      const { messageId: _gone, method: _edit, ...rest } = call;
      return { status: "resend", call: { ...rest, method: "sendMessage" } };
    }
    return { status: "failed", error: `${error.errorCode} ${error.description}` };
  }

  private async record(
    key: string,
    row: ClaimedRow,
    verdict: Exclude<Verdict, { status: "resend" }>,
    now: Date,
  ): Promise<void> {
    const { store } = this.deps;
    switch (verdict.status) {
      case "sent":
        await store.recordSent(row.id, verdict.messageId ?? null, now, row.isPrompt ? key : undefined);
        return;
      case "retry":
        await store.recordRetry(row.id, row.attempts + 1, verdict.at, verdict.error);
        return;
      case "failed":
      case "dead":
        this.deps.logger.warn(
          { outboxId: String(row.id), status: verdict.status, error: verdict.error },
          "outbox message not delivered",
        );
        // Finished: the text is not needed any more (it may hold personal data).
        await store.recordFinal(row.id, verdict.status, row.attempts + 1, verdict.error);
    }
  }
}

/** The jobs that keep the outbox moving. */
export function outboxJobs(dispatcher: OutboxDispatcher, store: OutboxStore, clock: () => Date) {
  return [
    defineJob({
      name: OUTBOX_JOB,
      payload: z.object({ chatKey: z.string().min(3) }),
      handle: async ({ chatKey }) => dispatcher.deliver(chatKey),
    }),
    defineJob({
      name: OUTBOX_SWEEP_JOB,
      payload: z.object({}).passthrough(),
      cron: "* * * * *",
      handle: async () => {
        dispatcher.kick(await store.dueChats(clock(), 500));
        await dispatcher.idle();
      },
    }),
  ];
}
