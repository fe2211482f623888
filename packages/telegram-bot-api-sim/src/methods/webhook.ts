/**
 * setWebhook, deleteWebhook and getWebhookInfo. Polling and webhook modes switch at runtime as on
 * Telegram; the pending updates carry over.
 */
import type { WebhookInfo } from "@grammyjs/types";
import { z } from "zod";
import type { SimBot } from "../bot.ts";
import { badRequest } from "../errors.ts";
import { tgBoolean, tgInteger, tgJson, tgString } from "../params.ts";
import { DescribedResult, defineMethod } from "./method.ts";

const DEFAULT_MAX_CONNECTIONS = 40;

const setWebhookParams = z.object({
  url: tgString(),
  secret_token: tgString()
    .pipe(z.string().regex(/^[\w-]{1,256}$/, "Bad Request: secret token contains unallowed characters"))
    .optional(),
  max_connections: tgInteger()
    .pipe(z.number().min(1, "Bad Request: bad webhook: max_connections must be between 1 and 100").max(100))
    .optional(),
  allowed_updates: tgJson(z.array(z.string())).optional(),
  drop_pending_updates: tgBoolean().optional(),
});

/**
 * Sets (or, with an empty url, removes) the webhook. Unlike Telegram, plain http URLs are accepted:
 * the simulator delivers to local test servers.
 */
export const setWebhook = defineMethod(setWebhookParams, async ({ bot }, params) => {
  if (params.url === "") return removeWebhook(bot, params.drop_pending_updates);
  if (!isHttpUrl(params.url)) throw badRequest("bad webhook: Failed to resolve host: invalid URL");
  if (params.drop_pending_updates) bot.queue.clear();
  bot.setAllowedUpdates(params.allowed_updates);
  const settings = {
    url: params.url,
    secretToken: params.secret_token,
    maxConnections: params.max_connections ?? DEFAULT_MAX_CONNECTIONS,
  };
  const unchanged = JSON.stringify(bot.webhook) === JSON.stringify(settings);
  if (!unchanged) bot.setWebhook(settings);
  return new DescribedResult(true, unchanged ? "Webhook is already set" : "Webhook was set");
});

/** Removes the webhook; long polling works again. */
export const deleteWebhook = defineMethod(
  z.object({ drop_pending_updates: tgBoolean().optional() }),
  ({ bot }, params) => removeWebhook(bot, params.drop_pending_updates),
);

/** Webhook URL, pending update count and the latest delivery error. */
export const getWebhookInfo = defineMethod(z.object({}), ({ bot }): WebhookInfo => {
  const info: WebhookInfo = {
    url: bot.webhook?.url ?? "",
    has_custom_certificate: false,
    pending_update_count: bot.queue.size,
  };
  if (bot.webhook) info.max_connections = bot.webhook.maxConnections;
  const allowed = bot.allowedUpdates;
  if (allowed) info.allowed_updates = allowed as WebhookInfo["allowed_updates"];
  const error = bot.delivery.lastError;
  if (error) Object.assign(info, { last_error_date: error.date, last_error_message: error.message });
  return info;
});

async function removeWebhook(bot: SimBot, dropPending: boolean | undefined): Promise<DescribedResult> {
  const wasSet = bot.webhook !== undefined;
  await bot.deleteWebhook();
  if (dropPending) bot.queue.clear();
  return new DescribedResult(true, wasSet ? "Webhook was deleted" : "Webhook is already deleted");
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === "https:" || url.protocol === "http:";
  } catch {
    return false;
  }
}
