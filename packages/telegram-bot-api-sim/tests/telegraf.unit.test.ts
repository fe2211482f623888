/**
 * A real Telegraf bot, in long polling and in webhook mode, against the local Bot API server.
 */
import express from "express";
import { Markup, Telegraf } from "telegraf";
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { type Harness, newBot, serveApp, startLocalBotApi } from "./harness.ts";

let harness: Harness;
beforeAll(async () => {
  harness = await startLocalBotApi();
});
afterAll(() => harness.close());

/** A Telegraf bot with a start command, a yes/no question and a press handler. */
function telegrafBot(): { bot: Telegraf; botId: number } {
  const { botId, token } = newBot();
  const bot = new Telegraf(token, { telegram: { apiRoot: harness.url } });
  bot.start((ctx) =>
    ctx.reply(`Welcome ${ctx.payload}`, Markup.inlineKeyboard([Markup.button.callback("Yes", "yes")])),
  );
  bot.action("yes", async (ctx) => {
    await ctx.answerCbQuery("Thanks");
    await ctx.editMessageText(
      "You said yes",
      Markup.inlineKeyboard([Markup.button.callback("Undo", "undo")]),
    );
  });
  return { bot, botId };
}

describe("Telegraf", () => {
  it("works with long polling: command, button, answer, edit", async () => {
    const { bot, botId } = telegrafBot();
    const launched = bot.launch();
    onTestFinished(async () => {
      bot.stop();
      await launched;
    });
    const bob = await harness.sim.user(botId, { id: 701, firstName: "Bob" });

    await bob.sendText("/start ref42");
    const welcome = await bob.waitForBotMessage();
    expect(welcome.text).toBe("Welcome ref42");

    const press = await bob.press("Yes");
    if (press.kind !== "callback") throw new Error("expected a callback query");
    expect(await bob.waitForCallbackAnswer(press.callbackQueryId)).toMatchObject({ text: "Thanks" });
    const chat = await bob.waitFor((c) => c.messages[1]?.text === "You said yes", "the edit");
    expect(chat.messages[1]?.buttons).toEqual([[{ text: "Undo", callback_data: "undo" }]]);
  });

  it("works with a webhook, including answers given in the webhook response", async () => {
    const { bot, botId } = telegrafBot();
    const app = express();
    app.use(bot.webhookCallback("/telegraf", { secretToken: "tg-secret" }));
    const server = await serveApp(app);
    onTestFinished(() => server.close());
    await bot.telegram.setWebhook(`${server.url}/telegraf`, { secret_token: "tg-secret" });
    const bob = await harness.sim.user(botId, { id: 702, firstName: "Bob" });

    await bob.sendText("/start web");
    expect((await bob.waitForBotMessage()).text).toBe("Welcome web");
    const press = await bob.press("Yes");
    if (press.kind !== "callback") throw new Error("expected a callback query");

    // Telegraf sends answerCbQuery as the body of its webhook response; the server must execute it.
    expect(await bob.waitForCallbackAnswer(press.callbackQueryId)).toMatchObject({ text: "Thanks" });
    await bob.waitFor((c) => c.messages[1]?.text === "You said yes", "the edit");
  });

  it("uploads a document with multipart/form-data", async () => {
    const { bot, botId } = telegrafBot();
    const bob = await harness.sim.user(botId, { id: 703, firstName: "Bob" });

    const sent = await bot.telegram.sendDocument(
      bob.id,
      { source: Buffer.from("a;b\n1;2\n"), filename: "отчёт.csv" },
      { caption: "<b>Weekly</b> report", parse_mode: "HTML" },
    );

    expect(sent.document).toMatchObject({ file_name: "отчёт.csv", mime_type: "text/csv", file_size: 8 });
    expect(sent).toMatchObject({
      caption: "Weekly report",
      caption_entities: [{ type: "bold", offset: 0, length: 6 }],
    });
    expect(Buffer.from(await harness.sim.file(sent.document.file_id)).toString()).toBe("a;b\n1;2\n");
  });

  it("sees errors as TelegramError", async () => {
    const { bot, botId } = telegrafBot();
    const bob = await harness.sim.user(botId, { id: 704, firstName: "Bob" });
    await harness.sim.addFault(botId, { kind: "rate_limit", retryAfter: 3 });

    await expect(bot.telegram.sendMessage(bob.id, "hi")).rejects.toMatchObject({
      code: 429,
      parameters: { retry_after: 3 },
    });
    await expect(
      bot.telegram.sendMessage(
        bob.id,
        "hi",
        Markup.inlineKeyboard([Markup.button.callback("x", "é".repeat(33))]),
      ),
    ).rejects.toMatchObject({ code: 400, description: "Bad Request: BUTTON_DATA_INVALID" });
  });
});
