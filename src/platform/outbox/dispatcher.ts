/**
 * Delivers the outbox: per chat, in id order, one deliverer at a time across processes
 * (an advisory lock per chat). A 429 waits `retry_after`, a 5xx or network failure backs
 * off; both are retried by a pg-boss job at the due time, and later messages of that chat
 * wait so the order is kept. Other 4xx failures are final for that message.
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
import { PAYLOAD_METADATA_SQL } from "./metadata.ts";

/**
 * Messages one locked pass sends: one, so each is recorded (committed) right after its call
 * succeeded — a crash during delivery re-sends at most the message in flight — and a turn of
 * that chat gets in between two messages.
 */
const BATCH = 1;
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

type Row = {
  id: bigint;
  payload: unknown;
  attempts: number;
  nextAttemptAt: Date;
  sessionId: string | null;
  isPrompt: boolean;
};

/** What a failed call means for its message. */
type Verdict =
  | { status: "sent"; messageId?: number }
  | { status: "retry"; at: Date; error: string }
  | { status: "failed" | "dead"; error: string }
  | { status: "resend"; call: OutboundCall };

export interface DispatcherDeps {
  db: PrismaClient;
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

  constructor(private readonly deps: DispatcherDeps) {
    this.logFailure = rateLimited(deps.logger, "error", "outbox delivery failed", 60_000);
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
   * Sends the due messages of one chat, in order, in one transaction holding the chat's lock
   * (so a turn of that chat waits and then sees the message ids just stored); returns when
   * none is due, one must wait, or a turn of that chat holds the lock (it delivers again
   * after its commit).
   */
  async deliver(key: string): Promise<void> {
    const { messenger, chatId } = parseChatKey(key);
    const client = this.deps.clients.get(messenger);
    if (!client) throw new Error(`no messenger client for "${messenger}"`);
    for (;;) {
      const more = await this.deps.db.$transaction(
        async (tx) => {
          // The lock and the batch in one statement: no rows when a turn of this chat holds the lock.
          const rows = await tx.$queryRaw<Row[]>`
            WITH chat_lock AS (SELECT pg_try_advisory_xact_lock(hashtextextended(${key}, 0)) AS ok)
            SELECT o.id, o.payload, o.attempts, o.next_attempt_at AS "nextAttemptAt", o.session_id AS "sessionId", o.is_prompt AS "isPrompt"
              FROM chat_lock, outbox_messages o
             WHERE chat_lock.ok AND o.messenger = ${messenger} AND o.chat_id = ${chatId} AND o.status = 'pending'
             ORDER BY o.id
             LIMIT ${BATCH}`;
          for (const row of rows) {
            const now = this.deps.clock();
            if (row.nextAttemptAt > now) {
              await this.deps.jobs()?.send(OUTBOX_JOB, { chatKey: key }, row.nextAttemptAt);
              return false;
            }
            let call = row.payload as OutboundCall;
            let verdict = await this.attempt(client, call, row.attempts + 1);
            if (verdict.status === "resend") {
              call = verdict.call;
              const payload: object = { ...call };
              await tx.outboxMessage.update({ where: { id: row.id }, data: { payload } });
              verdict = await this.attempt(client, call, row.attempts + 1);
            }
            await this.record(tx, row, verdict as Exclude<Verdict, { status: "resend" }>, now);
            if (verdict.status === "retry") {
              await this.deps.jobs()?.send(OUTBOX_JOB, { chatKey: key }, verdict.at);
              return false;
            }
          }
          return rows.length === BATCH;
        },
        { timeout: 120_000, maxWait: 10_000 },
      );
      if (!more) return;
    }
  }

  /** The call as the adapter performs it: a stored document's content loaded by its id. */
  private async resolve(call: OutboundCall): Promise<ClientCall | null> {
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
    if (description.includes("message is not modified")) return { status: "sent" };
    if (
      call.method === "editMessageText" &&
      /message to edit not found|message can't be edited/.test(description)
    ) {
      const { messageId: _gone, method: _edit, ...rest } = call;
      return { status: "resend", call: { ...rest, method: "sendMessage" } };
    }
    return { status: "failed", error: `${error.errorCode} ${error.description}` };
  }

  private async record(
    tx: Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0],
    row: Row,
    verdict: Exclude<Verdict, { status: "resend" }>,
    now: Date,
  ): Promise<void> {
    switch (verdict.status) {
      case "sent": {
        // The row and, for a question, its session's prompt id, in one statement.
        const messageId = verdict.messageId ?? null;
        await tx.$executeRaw`
          WITH sent AS (
            UPDATE outbox_messages SET status = 'sent', sent_at = ${now}, attempts = attempts + 1, result_message_id = ${messageId},
                   payload = ${PAYLOAD_METADATA_SQL}
             WHERE id = ${row.id} RETURNING session_id, is_prompt)
          UPDATE dialogue_sessions d SET prompt_message_id = ${messageId}
            FROM sent WHERE sent.is_prompt AND ${messageId}::int IS NOT NULL AND d.id = sent.session_id AND d.status = 'waiting'`;
        return;
      }
      case "retry":
        await tx.outboxMessage.update({
          where: { id: row.id },
          data: { attempts: row.attempts + 1, nextAttemptAt: verdict.at, lastError: verdict.error },
        });
        return;
      case "failed":
      case "dead":
        this.deps.logger.warn(
          { outboxId: String(row.id), status: verdict.status, error: verdict.error },
          "outbox message not delivered",
        );
        // Finished: the text is not needed any more (it may hold personal data).
        await tx.$executeRaw`
          UPDATE outbox_messages SET status = ${verdict.status}, attempts = ${row.attempts + 1},
                 last_error = ${verdict.error}, payload = ${PAYLOAD_METADATA_SQL}
           WHERE id = ${row.id}`;
    }
  }
}

/** The jobs that keep the outbox moving. */
export function outboxJobs(dispatcher: OutboxDispatcher, db: PrismaClient, clock: () => Date) {
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
        const due = await db.outboxMessage.findMany({
          where: { status: "pending", nextAttemptAt: { lte: clock() } },
          distinct: ["messenger", "chatId"],
          select: { messenger: true, chatId: true },
          take: 500,
        });
        dispatcher.kick(due.map((d) => `${d.messenger}:${d.chatId}`));
        await dispatcher.idle();
      },
    }),
  ];
}
