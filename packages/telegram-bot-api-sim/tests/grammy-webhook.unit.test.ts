/**
 * A real grammY bot in webhook mode (express adapter) against the local Bot API server, and switching
 * between webhook and long polling at runtime.
 */
import express from "express";
import { Bot, webhookCallback } from "grammy";
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { type Harness, callApi, newBot, serveApp, startLocalBotApi, until } from "./harness.ts";

const SECRET = "s3cret_token-1";

let harness: Harness;
beforeAll(async () => {
  harness = await startLocalBotApi();
});
afterAll(() => harness.close());

interface Delivery {
  updateId: number;
  secret: string | undefined;
}

/** An echo bot behind an express webhook endpoint that answers 500 to its first `failures` deliveries. */
async function webhookBot(failures = 0) {
  const { botId, token } = newBot();
  const bot = new Bot(token, { client: { apiRoot: harness.url } });
  bot.on("message:text", (ctx) => ctx.reply(`echo: ${ctx.message.text}`));
  const deliveries: Delivery[] = [];
  let failuresLeft = failures;
  const app = express();
  app.use(express.json());
  app.post(
    "/hook",
    (req, res, next) => {
      const update = req.body as { update_id: number };
      deliveries.push({ updateId: update.update_id, secret: req.header("x-telegram-bot-api-secret-token") });
      if (failuresLeft-- > 0) res.status(500).end();
      else next();
    },
    webhookCallback(bot, "express", { secretToken: SECRET }),
  );
  const server = await serveApp(app);
  onTestFinished(() => server.close());
  const hookUrl = `${server.url}/hook`;
  await bot.api.setWebhook(hookUrl, { secret_token: SECRET });
  return { bot, botId, token, hookUrl, deliveries };
}

describe("grammY with a webhook", () => {
  it("receives updates with the secret token header and replies", async () => {
    const { botId, deliveries } = await webhookBot();
    const ann = await harness.sim.user(botId, { id: 601, firstName: "Ann" });

    await ann.sendText("hello");

    expect((await ann.waitForBotMessage()).text).toBe("echo: hello");
    expect(deliveries).toEqual([{ updateId: 1, secret: SECRET }]);
  });

  it("retries after a 500 and keeps the update until the bot accepts it", async () => {
    const { bot, botId, deliveries } = await webhookBot(2);
    const ann = await harness.sim.user(botId, { id: 602, firstName: "Ann" });

    await ann.sendText("persist");

    expect((await ann.waitForBotMessage()).text).toBe("echo: persist");
    expect(deliveries.map((d) => d.updateId)).toEqual([1, 1, 1]);
    // The reply can arrive before the webhook response that confirms the update.
    await until(() => harness.api.state.findBot(botId)?.queue.size === 0);
    expect(await bot.api.getWebhookInfo()).toMatchObject({
      pending_update_count: 0,
      last_error_message: "Wrong response from the webhook: 500 Internal Server Error",
    });
  });

  it("refuses getUpdates while the webhook is set (409)", async () => {
    const { bot, token } = await webhookBot();

    await expect(bot.api.getUpdates()).rejects.toMatchObject({
      error_code: 409,
      description:
        "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
    });
    const raw = await callApi(harness.url, token, "getUpdates");
    expect(raw.status).toBe(409);
  });

  it("switches to long polling and back; unconfirmed updates carry over", async () => {
    const { bot, botId, token, hookUrl, deliveries } = await webhookBot();
    const ann = await harness.sim.user(botId, { id: 603, firstName: "Ann" });
    await bot.api.deleteWebhook();

    await ann.sendText("while polling");
    const polled = await callApi<{ update_id: number }[]>(harness.url, token, "getUpdates");
    expect(polled.result?.map((u) => u.update_id)).toEqual([1]);
    expect(await bot.api.getWebhookInfo()).toMatchObject({ url: "", pending_update_count: 1 });

    await bot.api.setWebhook(hookUrl, { secret_token: SECRET });

    expect((await ann.waitForBotMessage()).text).toBe("echo: while polling");
    expect(deliveries.map((d) => d.updateId)).toEqual([1]);
  });
});
