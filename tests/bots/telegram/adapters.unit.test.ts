/**
 * The same scenarios against both adapters, in both delivery modes, through the project's local
 * Bot API server (packages/telegram-bot-api-sim): real libraries, real HTTP, no mocks.
 */
import express from "express";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { pino } from "pino";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createGrammyAdapter } from "../../../bots/telegram/grammy.ts";
import {
  MessengerApiError,
  RetryLaterError,
  type BotAdapter,
  type InboundInput,
  type InboundUpdate,
  type UpdateHandler,
} from "../../../src/platform/messenger/contract.ts";
import type { AdapterOptions } from "../../../bots/telegram/base.ts";
import { SECRET_HEADER } from "../../../bots/telegram/webhook.ts";
import { createTelegrafAdapter } from "../../../bots/telegram/telegraf.ts";
import { createLocalBotApi, type RunningLocalBotApi } from "@signal-desk/telegram-bot-api-sim";
import { SimClient, type SimUser } from "@signal-desk/telegram-bot-api-sim";

const WEBHOOK_SECRET = "hook-secret_1";

const libraries = [
  { library: "grammy", create: createGrammyAdapter },
  { library: "telegraf", create: createTelegrafAdapter },
] as const;
const cases = libraries.flatMap((lib) => (["webhook", "polling"] as const).map((mode) => ({ ...lib, mode })));

let nextBotId = 7_100_000;

/** Updates the handler received, and a way to wait for the next ones without sleeping. */
class Inbox {
  readonly received: InboundUpdate[] = [];
  private readonly waiters: { count: number; resolve: () => void }[] = [];

  push(update: InboundUpdate): void {
    this.received.push(update);
    for (const waiter of this.waiters.filter((w) => this.received.length >= w.count)) {
      this.waiters.splice(this.waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  }

  /** Resolves with the first `count` updates once they have all arrived. */
  async first(count: number): Promise<InboundUpdate[]> {
    if (this.received.length < count) {
      await new Promise<void>((resolve) => this.waiters.push({ count, resolve }));
    }
    return this.received.slice(0, count);
  }

  /** Resolves with the `n`-th update (1-based). */
  async nth(n: number): Promise<InboundUpdate> {
    return (await this.first(n))[n - 1]!;
  }

  inputs(): InboundInput[] {
    return this.received.map((u) => u.input);
  }
}

/** A promise with its resolve function, for handlers that must wait for the test. */
function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/** Lets pending I/O and timers run a little; used only to give a wrong implementation a chance. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

interface Env {
  botId: number;
  adapter: BotAdapter;
  sim: SimClient;
  inbox: Inbox;
  /** Replaces what the handler does before recording the update. */
  before: (update: InboundUpdate) => Promise<void>;
  logLines: string[];
  webhookUrl?: string;
  close(): Promise<void>;
}

async function startEnv(
  create: (opts: AdapterOptions) => BotAdapter,
  mode: "webhook" | "polling",
): Promise<Env> {
  const api: RunningLocalBotApi = await createLocalBotApi().listen(0, "127.0.0.1");
  const botId = nextBotId++;
  const inbox = new Inbox();
  const logLines: string[] = [];
  const logger = pino({ level: "debug" }, { write: (line: string) => logLines.push(line) });
  const env: Env = {
    botId,
    sim: new SimClient(api.url),
    inbox,
    before: async () => {},
    logLines,
    adapter: undefined as unknown as BotAdapter,
    close: async () => {},
  };
  const handler: UpdateHandler = async (update) => {
    await env.before(update);
    inbox.push(update);
  };
  const adapter = create({
    token: `${botId}:test-token`,
    apiRoot: api.url,
    handler,
    logger,
    webhookSecret: WEBHOOK_SECRET,
  });
  env.adapter = adapter;
  await adapter.init();

  let hookServer: Server | undefined;
  if (mode === "webhook") {
    const app = express();
    app.post("/telegram/hook", adapter.webhookCallback());
    hookServer = await new Promise<Server>((resolve) => {
      const server = app.listen(0, "127.0.0.1", () => resolve(server));
    });
    env.webhookUrl = `http://127.0.0.1:${(hookServer.address() as AddressInfo).port}/telegram/hook`;
    await adapter.setWebhook(env.webhookUrl, WEBHOOK_SECRET);
  } else {
    await adapter.startPolling();
  }

  env.close = async () => {
    await adapter.stop();
    await api.close();
    if (hookServer) {
      hookServer.closeAllConnections();
      await new Promise((resolve) => hookServer.close(resolve));
    }
  };
  return env;
}

describe.each(cases)("$library adapter, $mode", ({ create, mode }) => {
  let env: Env;
  let ann: SimUser;

  beforeEach(async () => {
    env = await startEnv(create, mode);
    ann = await env.sim.user(env.botId, {
      id: 501,
      firstName: "Ann",
      languageCode: "ru",
      phoneNumber: "+79001234567",
    });
  });
  afterEach(() => env.close());

  it("init() reports the bot's id and username", async () => {
    const me = await env.adapter.init();
    expect(me.botId).toBe(String(env.botId));
    expect(me.username).toBe((await env.sim.bot(env.botId)).username);
  });

  it("delivers a user's text as an InboundUpdate", async () => {
    const sent = await ann.sendText("Мне нужна помощь");
    expect(await env.inbox.nth(1)).toEqual({
      messenger: "telegram",
      botId: String(env.botId),
      updateId: expect.any(Number) as unknown,
      chatId: "501",
      userId: "501",
      languageCode: "ru",
      input: { kind: "text", text: "Мне нужна помощь", messageId: sent.messageId },
    });
  });

  it("delivers commands with their arguments, without the bot's username", async () => {
    const { username } = await env.sim.bot(env.botId);
    const start = await ann.sendText("/start campaign-7");
    await ann.sendText(`/help@${username}`);
    const [first, second] = await env.inbox.first(2);
    expect(first!.input).toEqual({
      kind: "command",
      command: "start",
      args: "campaign-7",
      messageId: start.messageId,
    });
    expect(second!.input).toMatchObject({ kind: "command", command: "help", args: "" });
  });

  it("delivers a button press as a callback and leaves answering it to the core", async () => {
    const keyboard = { type: "inline" as const, rows: [[{ text: "Да", data: "answer:yes" }]] };
    const { messageId } = await env.adapter.client.call({
      method: "sendMessage",
      chatId: "501",
      text: "Вы в безопасности?",
      keyboard,
    });
    const press = await ann.press("Да");
    expect(await env.inbox.nth(1)).toMatchObject({
      chatId: "501",
      userId: "501",
      input: {
        kind: "callback",
        data: "answer:yes",
        callbackQueryId: press.kind === "callback" ? press.callbackQueryId : "?",
        messageId,
      },
    });
    // Updates are handled in order, so once the next one arrived the adapter had its chance.
    await ann.sendText("next");
    await env.inbox.nth(2);
    expect((await ann.chat()).callbackAnswers).toMatchObject([{ answered: false }]);
  });

  it("delivers a contact, a sticker, a photo, a forward and an edit", async () => {
    await ann.shareContact();
    await ann.sendSticker("👍");
    await ann.sendPhoto();
    await ann.forward({ text: "чужое сообщение", senderName: "Someone" });
    const typed = await ann.sendText("опечтка");
    await ann.editText(typed.messageId, "опечатка");
    await env.inbox.first(6);
    expect(env.inbox.inputs()).toEqual([
      {
        kind: "contact",
        phone: "+79001234567",
        contactUserId: "501",
        messageId: expect.any(Number) as unknown,
      },
      { kind: "unsupported", what: "sticker", messageId: expect.any(Number) as unknown },
      { kind: "unsupported", what: "photo", messageId: expect.any(Number) as unknown },
      { kind: "unsupported", what: "forward", messageId: expect.any(Number) as unknown },
      { kind: "text", text: "опечтка", messageId: typed.messageId },
      { kind: "edited", messageId: typed.messageId },
    ]);
  });

  it("sends, edits and removes messages and answers a callback, as the user sees it", async () => {
    const client = env.adapter.client;
    const keyboard = {
      type: "inline" as const,
      rows: [
        [
          { text: "Да", data: "y" },
          { text: "Нет", data: "n" },
        ],
      ],
    };
    const { messageId } = await client.call({
      method: "sendMessage",
      chatId: "501",
      text: "Вопрос",
      keyboard,
    });
    expect(messageId).toEqual(expect.any(Number));
    let chat = await ann.chat();
    expect(chat.messages.at(-1)).toMatchObject({
      from: "bot",
      text: "Вопрос",
      buttons: [
        [
          { text: "Да", callback_data: "y" },
          { text: "Нет", callback_data: "n" },
        ],
      ],
    });

    const press = await ann.press("Нет");
    const callback = await env.inbox.nth(1);
    if (callback.input.kind !== "callback") throw new Error("expected a callback");
    expect(press).toMatchObject({ callbackQueryId: callback.input.callbackQueryId });

    await expect(
      client.call({ method: "editMessageText", chatId: "501", messageId: messageId!, text: "Вопрос: нет" }),
    ).resolves.toEqual({ messageId });
    await client.call({
      method: "answerCallbackQuery",
      callbackQueryId: callback.input.callbackQueryId,
      text: "Принято",
    });
    expect(await ann.waitForCallbackAnswer(callback.input.callbackQueryId)).toMatchObject({
      answered: true,
      text: "Принято",
    });
    chat = await ann.chat();
    // Editing the text without a keyboard removes the inline keyboard, as on Telegram.
    expect(chat.messages.at(-1)).toMatchObject({ messageId, text: "Вопрос: нет" });
    expect(chat.messages.at(-1)?.buttons).toBeUndefined();

    const markup = { type: "inline" as const, rows: [[{ text: "Изменить", data: "edit" }]] };
    await client.call({
      method: "editMessageReplyMarkup",
      chatId: "501",
      messageId: messageId!,
      keyboard: markup,
    });
    expect((await ann.chat()).messages.at(-1)?.buttons).toEqual([
      [{ text: "Изменить", callback_data: "edit" }],
    ]);

    await client.call({ method: "deleteMessage", chatId: "501", messageId: messageId! });
    expect((await ann.chat()).messages.find((m) => m.messageId === messageId)).toBeUndefined();
  });

  it("shows a reply keyboard with a contact button, and removes it", async () => {
    const client = env.adapter.client;
    const keyboard = {
      type: "reply" as const,
      rows: [[{ text: "Отправить номер", requestContact: true }], [{ text: "Пропустить" }]],
      oneTime: true,
    };
    await client.call({ method: "sendMessage", chatId: "501", text: "Ваш телефон?", keyboard });
    expect((await ann.chat()).replyKeyboard).toMatchObject({
      keyboard: [[{ text: "Отправить номер", request_contact: true }], [{ text: "Пропустить" }]],
      one_time_keyboard: true,
      resize_keyboard: true,
    });
    await ann.press("Отправить номер");
    expect((await env.inbox.nth(1)).input).toMatchObject({ kind: "contact", phone: "+79001234567" });
    await client.call({
      method: "sendMessage",
      chatId: "501",
      text: "Спасибо",
      keyboard: { type: "remove" },
    });
    expect((await ann.chat()).replyKeyboard).toBeNull();
  });

  it("sends a document", async () => {
    const content = "дата;событие\n2026-01-01;обращение\n";
    const { messageId } = await env.adapter.client.call({
      method: "sendDocument",
      chatId: "501",
      file: { name: "report.csv", contentType: "text/csv", content: Buffer.from(content) },
      caption: "Отчёт",
    });
    const message = (await ann.chat()).messages.find((m) => m.messageId === messageId);
    expect(message).toMatchObject({ kind: "document", text: "Отчёт", document: { file_name: "report.csv" } });
    const bytes = await env.sim.file(message!.document!.file_id);
    expect(Buffer.from(bytes).toString()).toBe(content);
  });

  it("turns a 429 into a MessengerApiError with retryAfter, without retrying", async () => {
    await env.sim.addFault(env.botId, { kind: "rate_limit", retryAfter: 3, method: "sendMessage", count: 2 });
    const error = await env.adapter.client
      .call({ method: "sendMessage", chatId: "501", text: "x" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MessengerApiError);
    expect(error).toMatchObject({ method: "sendMessage", errorCode: 429, retryAfter: 3, transient: true });
    // One call, one fault used: the adapter left retrying to the core's outbox.
    expect((await env.sim.bot(env.botId)).faults).toMatchObject([{ kind: "rate_limit", count: 1 }]);
  });

  it("turns a refused request into a permanent MessengerApiError", async () => {
    const error = await env.adapter.client
      .call({ method: "editMessageText", chatId: "501", messageId: 9999, text: "x" })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ method: "editMessageText", errorCode: 400, transient: false });
  });

  it("survives a failing handler, logging the update id but no personal data", async () => {
    env.before = async (update) => {
      if (update.input.kind === "text" && update.input.text.includes("+79001234567")) {
        throw new Error(`cannot parse ${update.input.text}`);
      }
    };
    await ann.sendText("мой телефон +79001234567");
    await ann.sendText("дальше");
    // The failed update is not recorded; the next one arrives, and only once.
    const [next] = await env.inbox.first(1);
    expect(next!.input).toMatchObject({ kind: "text", text: "дальше" });
    const errorLine = env.logLines.find((line) => line.includes("update handler failed"));
    expect(errorLine).toBeDefined();
    expect(JSON.parse(errorLine!)).toMatchObject({
      updateId: expect.any(Number) as unknown,
      errorType: "Error",
    });
    expect(env.logLines.join("\n")).not.toContain("79001234567");
    await ann.sendText("ещё");
    await env.inbox.nth(2);
    expect(env.inbox.received).toHaveLength(2);
  });

  it("stop() waits for the handler that is running", async () => {
    const release = deferred();
    const entered = deferred();
    env.before = async () => {
      entered.resolve();
      await release.promise;
    };
    await ann.sendText("long work");
    await entered.promise;
    let stopped = false;
    const stopping = env.adapter.stop().then(() => (stopped = true));
    await settle();
    expect(stopped).toBe(false);
    release.resolve();
    await stopping;
    expect(env.inbox.received).toHaveLength(1);
  });

  it("leaves an update the core could not handle (database down) unacknowledged, then handles it once, in order", async () => {
    let refusals = 1;
    env.before = async (update) => {
      if (update.input.kind === "text" && update.input.text === "первый" && refusals-- > 0) {
        throw new RetryLaterError("database_unavailable");
      }
    };
    await ann.sendText("первый");
    await ann.sendText("второй");
    await env.inbox.first(2);
    await settle();
    expect(env.inbox.inputs().map((i) => (i.kind === "text" ? i.text : i.kind))).toEqual([
      "первый",
      "второй",
    ]);
    expect(refusals).toBe(-1);
    expect((await env.sim.bot(env.botId)).pendingUpdateCount).toBe(0);
    expect(env.logLines.join("\n")).not.toContain("первый");
  });

  it.runIf(mode === "polling")(
    "stop() leaves an update still waiting for the database unconfirmed",
    async () => {
      env.before = async () => {
        throw new RetryLaterError("database_unavailable");
      };
      await ann.sendText("ждёт базу");
      await vi.waitUntil(() => env.logLines.some((l) => l.includes("update not handled yet")));
      await env.adapter.stop();
      expect(env.inbox.received).toHaveLength(0);
      // The next process gets it again.
      expect((await env.sim.bot(env.botId)).pendingUpdateCount).toBe(1);
    },
  );

  it.runIf(mode === "webhook")(
    "ignores malformed, unknown and forged updates with 200, and goes on",
    async () => {
      const malformed = [
        { update_id: 11, message: { message_id: 1, date: 1, from: { id: 501 }, text: "без чата" } },
        { update_id: 12, callback_query: { id: "q1", from: { id: 501 }, data: "x" } },
        {
          update_id: 13,
          callback_query: {
            id: "q2",
            data: "x",
            message: { message_id: 1, chat: { id: 501, type: "private" } },
          },
        },
        { update_id: 14, poll: { id: "p" } },
        {
          update_id: 15,
          message: {
            message_id: 2,
            date: 1,
            chat: { id: 502, type: "private" },
            from: { id: 501 },
            text: "чужой чат",
          },
        },
        { update_id: 16, message: "не объект" },
        {
          update_id: 17,
          message: {
            message_id: 3,
            chat: { id: 501, type: "private" },
            from: { id: 501 },
            text: 5,
            entities: "x",
          },
        },
        { update_id: 18, edited_message: null },
      ];
      for (const update of malformed) {
        const response = await fetch(env.webhookUrl!, {
          method: "POST",
          headers: { "content-type": "application/json", [SECRET_HEADER]: WEBHOOK_SECRET },
          body: JSON.stringify(update),
        });
        expect(response.status, JSON.stringify(update)).toBe(200);
      }
      await ann.sendText("настоящее");
      await env.inbox.nth(1);
      await settle();
      // Only update 17 has all it needs; its text is not a string, so it is "other" content.
      expect(env.inbox.inputs().map((i) => i.kind)).toEqual(["unsupported", "text"]);
      expect(env.logLines.join("\n")).not.toMatch(/"level":(50|60)/);
    },
  );

  it.runIf(mode === "webhook")("answers 401 to a webhook request without the right secret", async () => {
    const update = JSON.stringify({
      update_id: 1,
      message: {
        message_id: 1,
        date: 1,
        chat: { id: 501, type: "private" },
        from: { id: 501 },
        text: "forged",
      },
    });
    const post = (headers: Record<string, string>) =>
      fetch(env.webhookUrl!, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: update,
      });
    expect((await post({})).status).toBe(401);
    expect((await post({ [SECRET_HEADER]: "wrong" })).status).toBe(401);
    // The first update the handler ever sees is the real one.
    await ann.sendText("real");
    await env.inbox.nth(1);
    expect(env.inbox.inputs()).toMatchObject([{ kind: "text", text: "real" }]);
  });

  it.runIf(mode === "polling")(
    "handles polled updates one at a time, in order, across a restart",
    async () => {
      await env.adapter.stop();
      // Queued while nobody polls, so they come back in one getUpdates batch.
      for (const text of ["1", "2", "3", "4", "5"]) await ann.sendText(text);
      let running = 0;
      let maxRunning = 0;
      env.before = async () => {
        running += 1;
        maxRunning = Math.max(maxRunning, running);
        // Yield to the event loop: a concurrent implementation would start the next update now.
        await new Promise((resolve) => setImmediate(resolve));
        await new Promise((resolve) => setTimeout(resolve, 5));
        running -= 1;
      };
      await env.adapter.startPolling();
      await env.inbox.first(5);
      expect(env.inbox.inputs().map((i) => (i.kind === "text" ? i.text : i.kind))).toEqual([
        "1",
        "2",
        "3",
        "4",
        "5",
      ]);
      expect(maxRunning).toBe(1);
    },
  );

  it.runIf(mode === "polling")("stop() finishes the fetched batch and confirms it", async () => {
    await env.adapter.stop();
    for (const text of ["a", "b", "c"]) await ann.sendText(text);
    const release = deferred();
    const entered = deferred();
    env.before = async (update) => {
      if (update.input.kind === "text" && update.input.text === "a") {
        entered.resolve();
        await release.promise;
      }
    };
    await env.adapter.startPolling();
    await entered.promise;
    const stopping = env.adapter.stop();
    release.resolve();
    await stopping;
    expect(env.inbox.inputs().map((i) => (i.kind === "text" ? i.text : i.kind))).toEqual(["a", "b", "c"]);
    // Telegram would not deliver them again to the next process.
    expect((await env.sim.bot(env.botId)).pendingUpdateCount).toBe(0);
  });
});
