/**
 * The MAX adapter against the local MAX server: the official SDK's requests, our long polling and
 * webhook, mapping, sending, and error classes — no database (message ids numbered in memory).
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { pino } from "pino";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createMaxAdapter } from "../../../bots/max/adapter.ts";
import { maxUpdateId } from "../../../bots/max/inbound.ts";
import { MAX_SECRET_HEADER } from "../../../bots/max/webhook.ts";
import {
  MessengerApiError,
  type BotAdapter,
  type InboundUpdate,
} from "../../../src/platform/messenger/contract.ts";
import {
  botIdOf,
  createLocalMaxApi,
  SimClient,
  type RunningLocalMaxApi,
  type SimUser,
} from "@signal-desk/max-bot-api-sim";

const logger = pino({ level: "silent" });
let server: RunningLocalMaxApi;
let sim: SimClient;
let tokenCounter = 0;

beforeAll(async () => {
  server = await createLocalMaxApi({ webhook: { retryBaseMs: 50, retryMaxMs: 200 } }).listen(0);
  sim = new SimClient(server.url);
});
afterAll(async () => server?.close());

/** A fresh bot with a recording handler; `fail` makes the handler reject while it returns true. */
async function bot(options: { fail?: (u: InboundUpdate) => boolean; webhookSecret?: string } = {}) {
  const token = `test-token-${++tokenCounter}-${Date.now()}`;
  await sim.registerBot({ token, name: "Signal Desk", username: `signal_desk_${tokenCounter}_bot` });
  const seen: InboundUpdate[] = [];
  const adapter = createMaxAdapter({
    token,
    apiRoot: server.url,
    logger,
    ...(options.webhookSecret ? { webhookSecret: options.webhookSecret } : {}),
    handler: async (update) => {
      if (options.fail?.(update)) throw new Error("the database is down");
      seen.push(update);
    },
  });
  return { adapter, seen, botId: botIdOf(token) };
}

const running: BotAdapter[] = [];
afterEach(async () => {
  for (const a of running.splice(0)) await a.stop();
});

async function until<T>(probe: () => T | undefined, what: string, ms = 5000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe("MAX adapter, long polling", () => {
  it("maps starts, texts, commands, presses, contacts and stickers of a dialog, in order", async () => {
    const { adapter, seen, botId } = await bot();
    const me = await adapter.init();
    expect(me).toEqual({
      botId: String(botId),
      username: expect.stringMatching(/^signal_desk_\d+_bot$/) as unknown,
    });
    running.push(adapter);
    await adapter.startPolling();
    const ann: SimUser = await sim.user(botId, { id: 501, firstName: "Анна", languageCode: "ru-RU" });
    await ann.start("inviteCode_123");
    await ann.sendText("/new");
    await ann.sendText("Иванова Мария");
    await ann.shareContact({ phoneNumber: "+79001234567" });
    await ann.sendSticker();
    await ann.forward({ text: "чужие слова" });
    await ann.block(); // bot_stopped: nothing for the core
    await until(() => (seen.length >= 6 ? true : undefined), "six updates");
    expect(seen.map((u) => u.input)).toEqual([
      { kind: "command", command: "start", args: "inviteCode_123", messageId: 0 },
      { kind: "command", command: "new", args: "", messageId: expect.any(Number) as unknown },
      { kind: "text", text: "Иванова Мария", messageId: expect.any(Number) as unknown },
      { kind: "contact", phone: "+79001234567", messageId: expect.any(Number) as unknown },
      { kind: "unsupported", what: "sticker", messageId: expect.any(Number) as unknown },
      { kind: "unsupported", what: "forward", messageId: expect.any(Number) as unknown },
    ]);
    for (const u of seen) {
      expect(u).toMatchObject({ messenger: "max", botId: String(botId), userId: "501", languageCode: "ru" });
      // A dialog's chat id is not the user's id on MAX.
      expect(u.chatId).toBe(String(ann.chatId));
      expect(Number.isSafeInteger(u.updateId)).toBe(true);
    }
    expect(new Set(seen.map((u) => u.updateId)).size).toBe(6);
  });

  it("sends, edits, answers, deletes and sends documents; presses come back with the same message number", async () => {
    const { adapter, seen, botId } = await bot();
    await adapter.init();
    running.push(adapter);
    await adapter.startPolling();
    const ann = await sim.user(botId, { id: 502, firstName: "Анна" });
    const chatId = String(ann.chatId);
    const sent = await adapter.client.call({
      method: "sendMessage",
      chatId,
      text: "Срочность?",
      keyboard: {
        type: "inline",
        rows: [
          [
            { text: "🔴 Срочно", data: "sg:u:1" },
            { text: "Планово", data: "sg:u:2" },
          ],
        ],
      },
    });
    expect(sent.messageId).toEqual(expect.any(Number) as unknown);
    let view = await ann.chat();
    expect(view.messages.at(-1)).toMatchObject({ from: "bot", text: "Срочность?" });
    expect(view.messages.at(-1)!.buttons).toEqual([
      [
        { type: "callback", text: "🔴 Срочно", payload: "sg:u:1" },
        { type: "callback", text: "Планово", payload: "sg:u:2" },
      ],
    ]);

    const press = await ann.press("🔴 Срочно");
    expect(press.kind).toBe("callback");
    const callback = await until(() => seen.find((u) => u.input.kind === "callback"), "the press");
    expect(callback.input).toEqual({
      kind: "callback",
      data: "sg:u:1",
      callbackQueryId: press.kind === "callback" ? press.callbackQueryId : "",
      messageId: sent.messageId,
    });

    await adapter.client.call({
      method: "answerCallbackQuery",
      callbackQueryId: (callback.input as { callbackQueryId: string }).callbackQueryId,
      text: "Принято",
    });
    await adapter.client.call({
      method: "editMessageText",
      chatId,
      messageId: sent.messageId!,
      text: "Срочно ✔",
    });
    view = await ann.chat();
    expect(view.callbackAnswers.at(-1)).toMatchObject({ answered: true, text: "Принято" });
    expect(view.messages.at(-1)).toMatchObject({ text: "Срочно ✔", edited: true });
    expect(view.messages.at(-1)!.buttons).toBeUndefined(); // an edit without a keyboard removes it
    // Bold labels travel as format "html": MAX shows plain text with strong markup.
    await adapter.client.call({
      method: "editMessageText",
      chatId,
      messageId: sent.messageId!,
      text: "<b>Срочность:</b> 🔴 &amp; сразу",
      format: "html",
    });
    expect((await ann.chat()).messages.at(-1)).toMatchObject({
      text: "Срочность: 🔴 & сразу",
      markup: [{ type: "strong", from: 0, length: 10 }],
    });

    const contactAsk = await adapter.client.call({
      method: "sendMessage",
      chatId,
      text: "Нажмите кнопку ниже",
      keyboard: { type: "reply", rows: [[{ text: "📱 Мой номер", requestContact: true }]], oneTime: true },
    });
    expect((await ann.chat()).messages.at(-1)!.buttons).toEqual([
      [{ type: "request_contact", text: "📱 Мой номер" }],
    ]);
    await ann.press("📱 Мой номер");
    const contact = await until(() => seen.find((u) => u.input.kind === "contact"), "the contact");
    expect(contact.input).toMatchObject({ kind: "contact", phone: "+79000000502", contactUserId: "502" });
    await adapter.client.call({ method: "deleteMessage", chatId, messageId: contactAsk.messageId! });
    expect((await ann.chat()).messages.some((m) => m.text === "Нажмите кнопку ниже")).toBe(false);

    const content = Buffer.from("%PDF-1.7 journal");
    const doc = await adapter.client.call({
      method: "sendDocument",
      chatId,
      caption: "Журнал за ноябрь",
      file: { name: "Журнал Службы 2026-11.pdf", contentType: "application/pdf", content },
    });
    const last = (await ann.chat()).messages.at(-1)!;
    expect(doc.messageId).toEqual(expect.any(Number) as unknown);
    expect(last).toMatchObject({ kind: "document", text: "Журнал за ноябрь" });
    expect(last.document?.name).toBe("Журнал Службы 2026-11.pdf");
    expect(Buffer.from(await sim.file(last.document!.token))).toEqual(content);
  });

  it("classifies failures: 429 and 500 are transient, a dropped connection is code 0, a vanished message is gone", async () => {
    const { adapter, botId } = await bot();
    await adapter.init();
    const ann = await sim.user(botId, { id: 503, firstName: "Анна" });
    const send = () => adapter.client.call({ method: "sendMessage", chatId: String(ann.chatId), text: "x" });
    await sim.addFault(botId, { kind: "rate_limit", method: "sendMessage" });
    await sim.addFault(botId, { kind: "server_error", method: "sendMessage" });
    await sim.addFault(botId, { kind: "network", method: "sendMessage" });
    for (const code of [429, 500, 0]) {
      const error = await send().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MessengerApiError);
      expect((error as MessengerApiError).errorCode).toBe(code);
      expect((error as MessengerApiError).transient).toBe(true);
    }
    const { messageId } = await send();
    await adapter.client.call({ method: "deleteMessage", chatId: String(ann.chatId), messageId: messageId! });
    const gone = (await adapter.client
      .call({ method: "editMessageText", chatId: String(ann.chatId), messageId: messageId!, text: "y" })
      .catch((e: unknown) => e)) as MessengerApiError;
    expect(gone.meaning).toBe("message_gone");
    expect(gone.transient).toBe(false);
    const tooLong = (await adapter.client
      .call({ method: "sendMessage", chatId: String(ann.chatId), text: "я".repeat(4001) })
      .catch((e: unknown) => e)) as MessengerApiError;
    expect(tooLong.errorCode).toBe(400);
    // MAX has one command list per bot: a chat's menu is not set there (and nothing fails).
    const before = (await ann.chat()).version;
    expect(
      await adapter.client.call({
        method: "setMyCommands",
        chatId: String(ann.chatId),
        commands: [{ command: "help", description: "что я умею" }],
      }),
    ).toEqual({});
    expect((await ann.chat()).version).toBe(before);
  });

  it("an update the core could not handle is not confirmed: it comes again, and the ones after it wait", async () => {
    let failures = 2;
    const { adapter, seen, botId } = await bot({
      fail: (u) => u.input.kind === "text" && u.input.text === "первое" && failures-- > 0,
    });
    await adapter.init();
    running.push(adapter);
    await adapter.startPolling();
    const ann = await sim.user(botId, { id: 504, firstName: "Анна" });
    await ann.sendText("первое");
    await ann.sendText("второе");
    await until(() => (seen.length >= 2 ? true : undefined), "both texts", 15_000);
    expect(seen.map((u) => (u.input as { text: string }).text)).toEqual(["первое", "второе"]);
  }, 20_000);
});

describe("MAX adapter, webhook", () => {
  let app: Server;
  let url: string;
  const secret = "max-secret_0123456789";
  let current: ReturnType<BotAdapter["webhookCallback"]> | undefined;

  beforeAll(async () => {
    const express_ = express();
    express_.post("/max/webhook", (req, res) => (current ? current(req, res) : res.sendStatus(404)));
    app = createServer(express_);
    await new Promise<void>((r) => app.listen(0, "127.0.0.1", r));
    url = `http://127.0.0.1:${(app.address() as AddressInfo).port}/max/webhook`;
  });
  afterAll(async () => new Promise<void>((r) => app.close(() => r())));

  it("refuses a wrong secret with 401 before reading, handles MAX's deliveries, and a redelivery has the same update id", async () => {
    const { adapter, seen, botId } = await bot({ webhookSecret: secret });
    await adapter.init();
    running.push(adapter);
    current = adapter.webhookCallback();
    const update = {
      update_type: "message_created",
      timestamp: Date.now(),
      message: {
        recipient: { chat_id: 42, chat_type: "dialog", user_id: botId },
        timestamp: 1775053255737,
        sender: { user_id: 7, first_name: "Анна", name: "Анна", is_bot: false, last_activity_time: 0 },
        body: { mid: "mid.0000000000000001", seq: 1, text: "привет", attachments: null },
      },
    };
    const post = (headers: Record<string, string>) =>
      fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: JSON.stringify(update),
      });
    expect((await post({})).status).toBe(401);
    expect((await post({ [MAX_SECRET_HEADER]: "wrong-secret" })).status).toBe(401);
    expect(seen).toHaveLength(0);
    expect((await post({ [MAX_SECRET_HEADER]: secret })).status).toBe(200);
    expect((await post({ [MAX_SECRET_HEADER]: secret })).status).toBe(200);
    expect(seen).toHaveLength(2);
    expect(seen[0]!.updateId).toBe(seen[1]!.updateId); // the core's dedupe sees one update
    expect(seen[0]!.updateId).toBe(maxUpdateId(update as never));
    const bad = await fetch(url, { method: "POST", headers: { [MAX_SECRET_HEADER]: secret }, body: "{oops" });
    expect(bad.status).toBe(400);
  });

  it("subscribes with the secret; a delivery the core failed gets 500 and MAX delivers it again", async () => {
    let failures = 1;
    const { adapter, seen, botId } = await bot({ webhookSecret: secret, fail: () => failures-- > 0 });
    await adapter.init();
    running.push(adapter);
    current = adapter.webhookCallback();
    await adapter.setWebhook(url, secret);
    expect((await sim.bot(botId)).webhookUrl).toBe(url);
    const ann = await sim.user(botId, { id: 505, firstName: "Анна" });
    await ann.sendText("через вебхук");
    await until(() => (seen.length > 0 ? true : undefined), "the redelivered update");
    expect(seen[0]!.input).toMatchObject({ kind: "text", text: "через вебхук" });
    expect((await sim.bot(botId)).lastWebhookError).toBe("HTTP 500");
    await adapter.deleteWebhook();
    expect((await sim.bot(botId)).webhookUrl).toBeUndefined();
  });
});
