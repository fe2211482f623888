/**
 * Shutting the server down: waiting long polls are answered and webhook delivery stops, so test
 * processes exit promptly.
 */
import express from "express";
import { describe, expect, it, onTestFinished } from "vitest";
import { callApi, newBot, serveApp, startLocalBotApi, until } from "./harness.ts";

describe("close()", () => {
  it("answers waiting long polls with no updates", async () => {
    const harness = await startLocalBotApi();
    const { botId, token } = newBot();
    const poll = callApi(harness.url, token, "getUpdates", { timeout: 30 });
    await until(() => harness.api.state.findBot(botId)?.polling === true);

    const started = performance.now();
    await harness.close();

    expect(await poll).toMatchObject({ status: 200, ok: true, result: [] });
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it("abandons a webhook delivery the bot never answers", async () => {
    const harness = await startLocalBotApi();
    const app = express();
    let received = 0;
    app.post("/hang", () => {
      received += 1; // never answers
    });
    const hook = await serveApp(app);
    onTestFinished(() => hook.close());
    const { botId, token } = newBot();
    await callApi(harness.url, token, "setWebhook", { url: `${hook.url}/hang` });
    const user = await harness.sim.user(botId, { id: 9, firstName: "Ann" });
    await user.sendText("hello");
    await until(() => received === 1);

    const started = performance.now();
    await harness.close();

    expect(performance.now() - started).toBeLessThan(1_000);
  });
});

describe("webhook timeouts", () => {
  it("counts an unanswered delivery as failed and retries it", async () => {
    const harness = await startLocalBotApi({ webhook: { timeoutMs: 100, retryBaseMs: 10, retryMaxMs: 10 } });
    onTestFinished(() => harness.close());
    const app = express();
    const seen: number[] = [];
    app.post("/slow", express.json(), (req, res) => {
      seen.push((req.body as { update_id: number }).update_id);
      if (seen.length > 1) res.json({ ok: true }); // the first delivery is left hanging
    });
    const hook = await serveApp(app);
    onTestFinished(() => hook.close());
    const { botId, token } = newBot();
    await callApi(harness.url, token, "setWebhook", { url: `${hook.url}/slow` });
    const user = await harness.sim.user(botId, { id: 10, firstName: "Ann" });

    await user.sendText("hello");
    await until(() => harness.api.state.findBot(botId)?.queue.size === 0);

    expect(seen).toEqual([1, 1]);
    expect(await callApi(harness.url, token, "getWebhookInfo")).toMatchObject({
      result: { last_error_message: "Read timeout expired", pending_update_count: 0 },
    });
  });
});
