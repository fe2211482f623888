/**
 * getUpdates with real long polling: the call waits until an update arrives or `timeout` seconds pass.
 */
import type { Update } from "@grammyjs/types";
import { z } from "zod";
import { POLL_CLOSED, type SimBot } from "../bot.ts";
import { BotApiError, CONFLICT_WEBHOOK_ACTIVE, conflict } from "../errors.ts";
import { tgInteger, tgJson } from "../params.ts";
import { defineMethod } from "./method.ts";

const MAX_LIMIT = 100;

const getUpdatesParams = z.object({
  offset: tgInteger().optional(),
  limit: tgInteger().optional(),
  timeout: tgInteger().optional(),
  allowed_updates: tgJson(z.array(z.string())).optional(),
});

/** Confirms updates below `offset`, then returns pending ones, waiting up to `timeout` seconds for one. */
export const getUpdates = defineMethod(getUpdatesParams, async ({ bot, signal }, params) => {
  if (bot.webhook) throw conflict(CONFLICT_WEBHOOK_ACTIVE);
  const poll = bot.beginPoll();
  try {
    bot.setAllowedUpdates(params.allowed_updates);
    bot.queue.confirm(params.offset ?? 0);
    // Telegram clamps out-of-range limits instead of rejecting them.
    const limit = Math.min(Math.max(params.limit ?? MAX_LIMIT, 1), MAX_LIMIT);
    return await waitForUpdates(bot, limit, Math.max(params.timeout ?? 0, 0) * 1000, poll.signal, signal);
  } finally {
    bot.endPoll(poll);
  }
});

async function waitForUpdates(
  bot: SimBot,
  limit: number,
  timeoutMs: number,
  poll: AbortSignal,
  request: AbortSignal,
): Promise<Update[]> {
  const deadline = performance.now() + timeoutMs;
  const stop = AbortSignal.any([poll, request]);
  for (;;) {
    if (poll.aborted) return endedPoll(poll.reason);
    const updates = bot.queue.peek(limit);
    const remaining = deadline - performance.now();
    if (updates.length > 0 || remaining <= 0 || request.aborted) return updates;
    await bot.queue.added.wait(remaining, stop);
  }
}

/** A superseded poll reports its conflict; one ended by shutdown answers with no updates. */
function endedPoll(reason: unknown): Update[] {
  if (reason instanceof BotApiError) throw reason;
  if (reason !== POLL_CLOSED) throw new Error(`unexpected end of long poll: ${String(reason)}`);
  return [];
}
