/**
 * A real grammY bot in long-polling mode against the local Bot API server.
 */
import { Bot, GrammyError, InlineKeyboard, InputFile, Keyboard } from "grammy";
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { type Harness, newBot, startLocalBotApi } from "./harness.ts";

let harness: Harness;
beforeAll(async () => {
  harness = await startLocalBotApi();
});
afterAll(() => harness.close());

/** A grammY bot for a fresh bot id, stopped when the test ends. */
function grammyBot(): { bot: Bot; botId: number; start: () => void } {
  const { botId, token } = newBot();
  const bot = new Bot(token, { client: { apiRoot: harness.url } });
  return {
    bot,
    botId,
    start: () => {
      const polling = bot.start();
      onTestFinished(async () => {
        await bot.stop();
        await polling;
      });
    },
  };
}

describe("grammY with long polling", () => {
  it("answers a command; the chat shows both messages", async () => {
    const { bot, botId, start } = grammyBot();
    bot.command("start", (ctx) => ctx.reply(`Hello, ${ctx.match}!`));
    start();
    const ann = await harness.sim.user(botId, { id: 501, firstName: "Ann" });

    await ann.sendText("/start abc123");
    const reply = await ann.waitForBotMessage();

    expect(reply.text).toBe("Hello, abc123!");
    const chat = await ann.chat();
    expect(chat.messages.map((m) => [m.from, m.text])).toEqual([
      ["user", "/start abc123"],
      ["bot", "Hello, abc123!"],
    ]);
    expect(chat.messages.map((m) => m.messageId)).toEqual([1, 2]);
  });

  it("handles a button press: answer, then edit", async () => {
    const { bot, botId, start } = grammyBot();
    bot.command("menu", (ctx) =>
      ctx.reply("Pick one", {
        reply_markup: new InlineKeyboard().text("Apples", "pick:a").text("Pears", "pick:p"),
      }),
    );
    bot.callbackQuery(/^pick:/, async (ctx) => {
      await ctx.answerCallbackQuery({ text: "Noted", show_alert: true });
      await ctx.editMessageText(`You picked ${ctx.callbackQuery.data}`);
    });
    start();
    const ann = await harness.sim.user(botId, { id: 502, firstName: "Ann" });
    await ann.sendText("/menu");
    const menu = await ann.waitForBotMessage();
    expect(menu.buttons?.flat().map((b) => b.text)).toEqual(["Apples", "Pears"]);

    const press = await ann.press("Pears");
    if (press.kind !== "callback") throw new Error("expected a callback query");
    const answer = await ann.waitForCallbackAnswer(press.callbackQueryId);
    const chat = await ann.waitFor((c) => c.messages[1]?.text === "You picked pick:p", "the edit");

    expect(answer).toMatchObject({ data: "pick:p", text: "Noted", showAlert: true, answered: true });
    expect(chat.messages[1]?.messageId).toBe(menu.messageId);
    expect(chat.messages[1]?.buttons).toBeUndefined();
    expect(chat.messages[1]?.editDate).toBeTypeOf("number");
  });

  it("receives contacts from a request_contact keyboard, stickers and edits", async () => {
    const { bot, botId, start } = grammyBot();
    const seen: string[] = [];
    bot.command("phone", (ctx) =>
      ctx.reply("Share your phone", {
        reply_markup: new Keyboard().requestContact("Send my number").oneTime(),
      }),
    );
    bot.on("message:contact", (ctx) => ctx.reply(`Got ${ctx.message.contact.phone_number}`));
    bot.on("message:sticker", (ctx) => ctx.reply(`Sticker ${ctx.message.sticker.emoji ?? ""}`));
    bot.on("edited_message:text", (ctx) => {
      seen.push(ctx.editedMessage.text);
      return ctx.reply("Saw the edit");
    });
    start();
    const ann = await harness.sim.user(botId, { id: 503, firstName: "Ann", phoneNumber: "+79990001122" });

    await ann.sendText("/phone");
    await ann.waitForBotMessage();
    expect((await ann.chat()).replyKeyboard?.keyboard).toEqual([
      [{ text: "Send my number", request_contact: true }],
    ]);
    await ann.press("Send my number");
    expect((await ann.waitForBotMessage()).text).toBe("Got +79990001122");
    expect((await ann.chat()).replyKeyboard).toBeNull();

    await ann.sendSticker("🐱");
    expect((await ann.waitForBotMessage()).text).toBe("Sticker 🐱");

    const typed = await ann.sendText("helo");
    await ann.editText(typed.messageId, "hello");
    expect((await ann.waitForBotMessage()).text).toBe("Saw the edit");
    expect(seen).toEqual(["hello"]);
  });

  it("uploads a document with multipart/form-data", async () => {
    const { bot, botId } = grammyBot();
    const ann = await harness.sim.user(botId, { id: 504, firstName: "Ann" });

    const sent = await bot.api.sendDocument(
      ann.id,
      new InputFile(Buffer.from("report body"), "report 1.txt"),
      {
        caption: "Your report",
      },
    );

    expect(sent.document).toMatchObject({
      file_name: "report 1.txt",
      file_size: 11,
      mime_type: "text/plain",
    });
    const [shown] = (await ann.chat()).messages;
    expect(shown).toMatchObject({ kind: "document", text: "Your report", from: "bot" });
    const content = await harness.sim.file(sent.document.file_id);
    expect(Buffer.from(content).toString()).toBe("report body");
  });

  it("sees Telegram's errors as GrammyError", async () => {
    const { bot, botId } = grammyBot();
    const ann = await harness.sim.user(botId, { id: 505, firstName: "Ann" });

    await expect(bot.api.sendMessage(ann.id, "x".repeat(4097))).rejects.toMatchObject({
      error_code: 400,
      description: "Bad Request: message is too long",
    });
    await expect(
      bot.api.sendMessage(ann.id, "Pick", {
        reply_markup: new InlineKeyboard().text("Too long", "d".repeat(65)),
      }),
    ).rejects.toMatchObject({ error_code: 400, description: "Bad Request: BUTTON_DATA_INVALID" });
    await expect(bot.api.sendMessage(ann.id, "")).rejects.toMatchObject({
      description: "Bad Request: message text is empty",
    });
    await expect(bot.api.sendMessage(999, "hi")).rejects.toMatchObject({
      description: "Bad Request: chat not found",
    });
  });

  it("sees an injected 429 with retry_after", async () => {
    const { bot, botId } = grammyBot();
    const ann = await harness.sim.user(botId, { id: 506, firstName: "Ann" });
    await harness.sim.addFault(botId, { kind: "rate_limit", retryAfter: 7, method: "sendMessage" });

    const error = await bot.api.sendMessage(ann.id, "hi").catch((e: unknown) => e);

    expect(error).toBeInstanceOf(GrammyError);
    expect(error).toMatchObject({
      error_code: 429,
      description: "Too Many Requests: retry after 7",
      parameters: { retry_after: 7 },
    });
    await expect(bot.api.sendMessage(ann.id, "hi again")).resolves.toMatchObject({ text: "hi again" });
  });
});
