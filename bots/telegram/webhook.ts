/**
 * The webhook endpoint both Telegram adapters use, so both behave the same.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import type { Request, Response } from "express";
import type { Logger } from "pino";
import { errorFields, isRetryLater, RETRY_LATER_STATUS } from "../core/dispatcher.ts";
import type { TgUpdate } from "./inbound.ts";

/** The secret-token header Telegram sends with every webhook request. */
export const SECRET_HEADER = "x-telegram-bot-api-secret-token";

/**
 * How long a webhook request may run before we answer 200 anyway. Telegram re-sends an update
 * whose request fails or times out, which would run it twice in parallel; the handler keeps
 * running (and stop() still waits for it). The core normally answers in milliseconds.
 */
export const WEBHOOK_ACK_TIMEOUT_MS = 10_000;

/** What {@link createWebhookHandler} needs from an adapter. */
export interface WebhookHandlerOptions {
  secret: string;
  logger: Logger;
  /** True once stop() was called: new deliveries get 503 so Telegram re-sends them later. */
  isStopping: () => boolean;
  /** Registers a request in progress so stop() waits for it (must not make it reject). */
  track: (task: Promise<void>) => Promise<void>;
  /** Runs one update through the library (resolves when the handler finished). */
  processUpdate: (update: TgUpdate) => Promise<void>;
  ackTimeoutMs?: number;
}

const MAX_BODY_BYTES = 1024 * 1024;

/**
 * The webhook endpoint both adapters use, so both behave the same: 401 (and nothing read or
 * processed) without the right `X-Telegram-Bot-Api-Secret-Token`, 413 for a body over 1 MB, 400
 * for a body that is not an update (an update the adapters cannot map is answered 200 and
 * ignored: it can never succeed), 200 once the handler finished or
 * {@link WEBHOOK_ACK_TIMEOUT_MS} passed, 503 when the core could not handle it now (the database
 * is down), 500 when the library itself failed (Telegram then re-sends the update). Mount it
 * without a body parser before it, so the secret is checked before the body is read.
 */
export function createWebhookHandler(opts: WebhookHandlerOptions): (req: Request, res: Response) => void {
  const expected = digest(opts.secret);
  const ackTimeoutMs = opts.ackTimeoutMs ?? WEBHOOK_ACK_TIMEOUT_MS;

  async function handle(req: Request, res: Response): Promise<void> {
    const header = req.headers[SECRET_HEADER];
    // Compare digests: equal lengths for timingSafeEqual, and no timing leak of the length.
    if (typeof header !== "string" || !timingSafeEqual(digest(header), expected)) {
      opts.logger.warn("webhook request without the right secret token");
      return reply(res, 401);
    }
    const read = await readUpdate(req);
    if (!read.ok) return reply(res, read.status);
    const update = read.update;
    const timer = setTimeout(() => {
      opts.logger.warn({ updateId: update.update_id }, "webhook handler still running; acknowledged");
      reply(res, 200);
    }, ackTimeoutMs);
    try {
      await opts.processUpdate(update);
      reply(res, 200);
    } catch (err) {
      if (isRetryLater(err)) {
        // Not handled and nothing kept: Telegram delivers it again (bots/core/dispatcher.ts, rule 3).
        reply(res, RETRY_LATER_STATUS);
        return;
      }
      opts.logger.error({ updateId: update.update_id, ...errorFields(err) }, "webhook update failed");
      reply(res, 500);
    } finally {
      clearTimeout(timer);
    }
  }

  return (req, res) => {
    // Checked and tracked in the same tick, so stop() either refuses a request or waits for it.
    if (opts.isStopping()) return reply(res, 503);
    void opts.track(
      handle(req, res).catch((err: unknown) => {
        opts.logger.error(errorFields(err), "webhook request failed");
        reply(res, 500);
      }),
    );
  };
}

function digest(value: string): Buffer {
  return createHash("sha256").update(value).digest();
}

function reply(res: Response, status: number): void {
  if (res.headersSent) return;
  res.statusCode = status;
  res.end();
}

/** What reading a request gave: the update, or the status to refuse it with. */
type ReadResult = { ok: true; update: TgUpdate } | { ok: false; status: 400 | 413 };

/**
 * The parsed update, from `express.json()` when mounted, else read here (after the secret was
 * checked): 413 past {@link MAX_BODY_BYTES}, 400 for anything that is not a JSON update.
 */
async function readUpdate(req: Request): Promise<ReadResult> {
  let body: unknown = req.body;
  try {
    if (body === undefined) {
      const declared = Number(req.headers["content-length"]);
      if (declared > MAX_BODY_BYTES) return { ok: false, status: 413 };
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of req as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size > MAX_BODY_BYTES) return { ok: false, status: 413 };
        chunks.push(chunk);
      }
      body = new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks));
    }
    if (Buffer.isBuffer(body)) body = new TextDecoder("utf-8", { fatal: true }).decode(body);
    if (typeof body === "string") body = JSON.parse(body);
  } catch {
    return { ok: false, status: 400 };
  }
  const isUpdate =
    typeof body === "object" &&
    body !== null &&
    Number.isSafeInteger((body as { update_id?: unknown }).update_id);
  return isUpdate ? { ok: true, update: body as TgUpdate } : { ok: false, status: 400 };
}
