import { GrammyError, HttpError } from "grammy";
import { pino } from "pino";
import { TelegramError } from "telegraf";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createGrammyAdapter, toMessengerApiError as fromGrammy } from "../../../bots/telegram/grammy.ts";
import {
  MessengerApiError,
  type BotAdapter,
  type ClientCall,
} from "../../../src/platform/messenger/contract.ts";
import {
  createTelegrafAdapter,
  toMessengerApiError as fromTelegraf,
} from "../../../bots/telegram/telegraf.ts";
import { startFakeBotApi, type FakeBotApi } from "./fake-bot-api.ts";

const logger = pino({ level: "silent" });
const factories = [
  ["grammy", createGrammyAdapter],
  ["telegraf", createTelegrafAdapter],
] as const;

describe.each(factories)("%s client.call", (_library, create) => {
  let api: FakeBotApi;
  let adapter: BotAdapter;

  beforeEach(async () => {
    api = await startFakeBotApi();
    adapter = create({ token: "1:token", apiRoot: api.apiRoot, handler: async () => {}, logger });
  });
  afterEach(() => api.close());

  /** Runs one call against the fake, answering `result`; returns what was sent and returned. */
  async function send(call: ClientCall, result: unknown = true) {
    api.answer = () => ({ json: { ok: true, result } });
    const returned = await adapter.client.call(call);
    expect(api.calls).toHaveLength(1);
    return { sent: api.calls[0]!, returned };
  }

  const message = { message_id: 77, date: 1, chat: { id: 1001, type: "private" }, text: "x" };

  it("sends a message with an inline keyboard and returns its id", async () => {
    const { sent, returned } = await send(
      {
        method: "sendMessage",
        chatId: "1001",
        text: "Вам нужна помощь?",
        keyboard: { type: "inline", rows: [[{ text: "Да", data: "y" }]] },
      },
      message,
    );
    expect(sent.method).toBe("sendMessage");
    expect(sent.body).toEqual({
      chat_id: 1001,
      text: "Вам нужна помощь?",
      reply_markup: { inline_keyboard: [[{ text: "Да", callback_data: "y" }]] },
    });
    expect(returned).toEqual({ messageId: 77 });
  });

  it("sends link and Mini App buttons next to callback buttons", async () => {
    const { sent } = await send(
      {
        method: "sendMessage",
        chatId: "1001",
        text: "Консоль",
        keyboard: {
          type: "inline",
          rows: [
            [{ text: "Да", data: "y" }],
            [{ text: "Войти", url: "https://desk.example/console/sign-in?token=abc" }],
            [{ text: "Открыть", url: "https://desk.example/console/mini-app", miniApp: true }],
          ],
        },
      },
      message,
    );
    expect(sent.body).toEqual({
      chat_id: 1001,
      text: "Консоль",
      reply_markup: {
        inline_keyboard: [
          [{ text: "Да", callback_data: "y" }],
          [{ text: "Войти", url: "https://desk.example/console/sign-in?token=abc" }],
          [{ text: "Открыть", web_app: { url: "https://desk.example/console/mini-app" } }],
        ],
      },
    });
  });

  it("sends a reply keyboard and a keyboard removal, and plain text without markup", async () => {
    const keyboard = {
      type: "reply" as const,
      rows: [[{ text: "Phone", requestContact: true }]],
      oneTime: true,
    };
    expect(
      (await send({ method: "sendMessage", chatId: "1", text: "t", keyboard }, message)).sent.body,
    ).toMatchObject({
      reply_markup: {
        keyboard: [[{ text: "Phone", request_contact: true }]],
        one_time_keyboard: true,
        resize_keyboard: true,
      },
    });
    api.calls.length = 0;
    expect(
      (await send({ method: "sendMessage", chatId: "1", text: "t", keyboard: { type: "remove" } }, message))
        .sent.body,
    ).toMatchObject({
      reply_markup: { remove_keyboard: true },
    });
    api.calls.length = 0;
    expect((await send({ method: "sendMessage", chatId: "1", text: "t" }, message)).sent.body).toEqual({
      chat_id: 1,
      text: "t",
    });
  });

  it("edits a message's text and keyboard", async () => {
    const edit = await send(
      { method: "editMessageText", chatId: "1001", messageId: 77, text: "Спасибо" },
      message,
    );
    expect(edit.sent.body).toEqual({ chat_id: 1001, message_id: 77, text: "Спасибо" });
    expect(edit.returned).toEqual({ messageId: 77 });
    api.calls.length = 0;
    const markup = await send({
      method: "editMessageReplyMarkup",
      chatId: "1001",
      messageId: 77,
      keyboard: { type: "inline", rows: [[{ text: "B", data: "b" }]] },
    });
    expect(markup.sent.body).toEqual({
      chat_id: 1001,
      message_id: 77,
      reply_markup: { inline_keyboard: [[{ text: "B", callback_data: "b" }]] },
    });
    expect(markup.returned).toEqual({ messageId: 77 });
  });

  it("refuses a reply keyboard on an edit without calling the API", async () => {
    const call: ClientCall = {
      method: "editMessageText",
      chatId: "1",
      messageId: 1,
      text: "t",
      keyboard: { type: "remove" },
    };
    await expect(adapter.client.call(call)).rejects.toMatchObject({
      method: "editMessageText",
      errorCode: 400,
      transient: false,
    });
    expect(api.calls).toEqual([]);
  });

  it("answers a callback query, deletes a message", async () => {
    const answer = await send({
      method: "answerCallbackQuery",
      callbackQueryId: "cq",
      text: "Принято",
      showAlert: true,
    });
    expect(answer.sent.body).toEqual({ callback_query_id: "cq", text: "Принято", show_alert: true });
    expect(answer.returned).toEqual({});
    api.calls.length = 0;
    expect((await send({ method: "answerCallbackQuery", callbackQueryId: "cq" })).sent.body).toEqual({
      callback_query_id: "cq",
    });
    api.calls.length = 0;
    expect((await send({ method: "deleteMessage", chatId: "1001", messageId: 5 })).sent.body).toEqual({
      chat_id: 1001,
      message_id: 5,
    });
    api.calls.length = 0;
    const commands = [{ command: "new", description: "новый сигнал" }];
    const menu = await send({ method: "setMyCommands", chatId: "1001", commands }, true);
    expect(menu.sent.body).toEqual({ commands, scope: { type: "chat", chat_id: 1001 } });
    expect(menu.returned).toEqual({});
  });

  it("uploads a document with its file name and caption", async () => {
    const file = { name: "report.csv", contentType: "text/csv", content: Buffer.from("id;name\n1;test\n") };
    const { sent, returned } = await send(
      { method: "sendDocument", chatId: "1001", file, caption: "Отчёт" },
      { ...message, message_id: 78 },
    );
    expect(sent.contentType).toMatch(/^multipart\/form-data/);
    // grammY writes filename=report.csv, Telegraf filename="report.csv".
    expect(sent.body).toMatch(/filename="?report\.csv"?/);
    expect(sent.body).toContain("id;name\n1;test\n");
    expect(sent.body).toContain("Отчёт");
    expect(returned).toEqual({ messageId: 78 });
  });

  it("maps a 429 to a transient MessengerApiError with retryAfter", async () => {
    api.answer = () => ({
      status: 429,
      json: {
        ok: false,
        error_code: 429,
        description: "Too Many Requests: retry after 3",
        parameters: { retry_after: 3 },
      },
    });
    const err = await adapter.client
      .call({ method: "sendMessage", chatId: "1", text: "t" })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MessengerApiError);
    expect(err).toMatchObject({ method: "sendMessage", errorCode: 429, retryAfter: 3, transient: true });
  });

  it("maps a 400 to a permanent MessengerApiError", async () => {
    api.answer = () => ({
      status: 400,
      json: { ok: false, error_code: 400, description: "Bad Request: chat not found" },
    });
    await expect(
      adapter.client.call({ method: "deleteMessage", chatId: "1", messageId: 1 }),
    ).rejects.toMatchObject({
      errorCode: 400,
      description: "Bad Request: chat not found",
      retryAfter: undefined,
      transient: false,
    });
  });

  it("maps a 502 without a JSON body to a transient error", async () => {
    api.answer = () => ({ status: 502, text: "<html>Bad Gateway</html>" });
    const err = await adapter.client
      .call({ method: "sendMessage", chatId: "1", text: "t" })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MessengerApiError);
    expect((err as MessengerApiError).transient).toBe(true);
  });

  it("maps a refused connection to code 0 without leaking the token", async () => {
    await api.close();
    const err = await adapter.client
      .call({ method: "sendMessage", chatId: "1", text: "t" })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ errorCode: 0, transient: true });
    expect((err as MessengerApiError).message).not.toContain("1:token");
    api = await startFakeBotApi(); // for afterEach
  });

  it("init() reads the bot's id and username from getMe", async () => {
    api.answer = () => ({
      json: { ok: true, result: { id: 4242, is_bot: true, first_name: "Desk", username: "desk_bot" } },
    });
    await expect(adapter.init()).resolves.toEqual({ botId: "4242", username: "desk_bot" });
  });

  it("setWebhook sends the secret and the update types; refuses a secret other than the configured one", async () => {
    const withSecret = create({
      token: "1:token",
      apiRoot: api.apiRoot,
      handler: async () => {},
      logger,
      webhookSecret: "s",
    });
    await withSecret.setWebhook("https://example.org/hook", "s");
    expect(api.calls[0]).toMatchObject({
      method: "setWebhook",
      body: {
        url: "https://example.org/hook",
        secret_token: "s",
        allowed_updates: ["message", "edited_message", "callback_query"],
        drop_pending_updates: false,
      },
    });
    await expect(withSecret.setWebhook("https://example.org/hook", "other")).rejects.toThrow(/differs/);
    await withSecret.deleteWebhook();
    expect(api.calls[1]).toMatchObject({ method: "deleteWebhook", body: { drop_pending_updates: false } });
  });

  it("webhookCallback() needs a configured secret", () => {
    expect(() => adapter.webhookCallback()).toThrow(/webhookSecret/);
  });
});

describe("error mapping", () => {
  it("grammY: GrammyError keeps code and retry_after, HttpError is a network failure", () => {
    const tooMany = new GrammyError(
      "x",
      { ok: false, error_code: 429, description: "Too Many Requests", parameters: { retry_after: 7 } },
      "sendMessage",
      {},
    );
    expect(fromGrammy("sendMessage", tooMany)).toMatchObject({
      errorCode: 429,
      description: "Too Many Requests",
      retryAfter: 7,
    });
    const network = new HttpError(
      "Network request for 'sendMessage' failed!",
      Object.assign(new Error("request to https://x/bot1:secret/"), { code: "ECONNRESET" }),
    );
    const mapped = fromGrammy("sendMessage", network);
    expect(mapped).toMatchObject({ errorCode: 0, retryAfter: undefined });
    expect(mapped.description).toContain("ECONNRESET");
    expect(mapped.description).not.toContain("secret");
    expect(() => fromGrammy("sendMessage", new TypeError("bug"))).toThrow(TypeError);
  });

  it("Telegraf: TelegramError keeps code and retry_after, FetchError is a network failure", () => {
    const tooMany = new TelegramError({
      error_code: 429,
      description: "Too Many Requests",
      parameters: { retry_after: 7 },
    });
    expect(fromTelegraf("sendMessage", tooMany)).toMatchObject({
      errorCode: 429,
      description: "Too Many Requests",
      retryAfter: 7,
    });
    const network = Object.assign(new Error("request failed, reason: ECONNRESET"), { name: "FetchError" });
    expect(fromTelegraf("sendMessage", network)).toMatchObject({ errorCode: 0 });
    expect(() => fromTelegraf("sendMessage", new TypeError("bug"))).toThrow(TypeError);
  });
});
