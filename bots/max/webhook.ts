/**
 * The MAX webhook endpoint (`POST /max/webhook`): the same rules as Telegram's (bots/telegram/
 * webhook.ts) with MAX's header and update shape.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import type { Update } from "@maxhub/max-bot-api/types";
import type { Request, Response } from "express";
import type { Logger } from "pino";
import { RetryLaterError } from "../../src/platform/messenger/contract.ts";
import { errorFields, RETRY_LATER_STATUS } from "../core/dispatcher.ts";

/** The header MAX sends with every webhook request when the subscription has a secret. */
export const MAX_SECRET_HEADER = "x-max-bot-api-secret";

/**
 * How long a request may run before we answer 200 anyway. MAX counts anything but a 200 within 30 s
 * as a failed delivery and re-sends the update (60 s later, then 150 s, …, for up to 8 hours),
 * which would run it twice in parallel; the handler keeps running (stop() still waits for it).
 */
export const MAX_WEBHOOK_ACK_TIMEOUT_MS = 10_000;

const MAX_BODY_BYTES = 1024 * 1024;

/** What {@link createMaxWebhookHandler} needs from the adapter. */
export interface MaxWebhookOptions {
  secret: string;
  logger: Logger;
  /** True once stop() was called: new deliveries get 503 so MAX re-sends them later. */
  isStopping: () => boolean;
  /** Registers a request in progress so stop() waits for it (must not make it reject). */
  track: (task: Promise<void>) => Promise<void>;
  /** Handles one update; rejects when it was not handled (the database is down...). */
  processUpdate: (update: Update) => Promise<void>;
  ackTimeoutMs?: number;
}

/**
 * 401 (nothing read or processed) without the right `X-Max-Bot-Api-Secret`; 400 for a body that is
 * not an update; 200 once the update was handled or {@link MAX_WEBHOOK_ACK_TIMEOUT_MS} passed; 500
 * when it could not be handled, so MAX delivers it again (a redelivery of a handled update is
 * recognised and ignored by the core). Works with or without `express.json()` before it.
 */
export function createMaxWebhookHandler(opts: MaxWebhookOptions): (req: Request, res: Response) => void {
  const expected = digest(opts.secret);
  const ackTimeoutMs = opts.ackTimeoutMs ?? MAX_WEBHOOK_ACK_TIMEOUT_MS;

  async function handle(req: Request, res: Response): Promise<void> {
    const header = req.headers[MAX_SECRET_HEADER];
    // Compare digests: equal lengths for timingSafeEqual, and no timing leak of the length.
    if (typeof header !== "string" || !timingSafeEqual(digest(header), expected)) {
      opts.logger.warn("MAX webhook request without the right secret");
      return reply(res, 401);
    }
    const update = await readUpdate(req);
    if (!update) return reply(res, 400);
    const timer = setTimeout(() => {
      opts.logger.warn({ updateType: update.update_type }, "MAX webhook handler still running; acknowledged");
      reply(res, 200);
    }, ackTimeoutMs);
    try {
      await opts.processUpdate(update);
      reply(res, 200);
    } catch (err) {
      // The database is unreachable: not handled, so MAX must deliver it again (bots/core/dispatcher.ts).
      if (err instanceof RetryLaterError) return reply(res, RETRY_LATER_STATUS);
      opts.logger.error({ updateType: update.update_type, ...errorFields(err) }, "MAX webhook update failed");
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
        opts.logger.error(errorFields(err), "MAX webhook request failed");
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

/** The parsed update, from `express.json()` when mounted, else read here; undefined if invalid. */
async function readUpdate(req: Request): Promise<Update | undefined> {
  let body: unknown = req.body;
  try {
    if (body === undefined) {
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of req as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size > MAX_BODY_BYTES) return undefined;
        chunks.push(chunk);
      }
      body = Buffer.concat(chunks);
    }
    if (Buffer.isBuffer(body)) body = body.toString("utf8");
    if (typeof body === "string") body = JSON.parse(body);
  } catch {
    return undefined;
  }
  return isUpdate(body) ? body : undefined;
}

/** The minimum every MAX update has: its type and its time. */
export function isUpdate(body: unknown): body is Update {
  if (typeof body !== "object" || body === null) return false;
  const { update_type, timestamp } = body as { update_type?: unknown; timestamp?: unknown };
  return typeof update_type === "string" && Number.isSafeInteger(timestamp);
}
