/**
 * The local MAX server's bot side as raw HTTP (what MAX documents), and the official SDK against it.
 */
import { Bot } from "@maxhub/max-bot-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { botIdOf, createLocalMaxApi, SimClient, type RunningLocalMaxApi } from "../src/index.ts";

let server: RunningLocalMaxApi;
let sim: SimClient;
let n = 0;

beforeAll(async () => {
  server = await createLocalMaxApi().listen(0);
  sim = new SimClient(server.url);
});
afterAll(async () => server?.close());

function newBot() {
  const token = `protocol-token-${++n}-abcdefgh`;
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: { authorization: token, ...(body ? { "content-type": "application/json" } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  return { token, botId: botIdOf(token), call };
}

describe("bot side", () => {
  it("takes the token only in the Authorization header", async () => {
    const none = await fetch(`${server.url}/me`);
    expect(none.status).toBe(401);
    expect(await none.json()).toEqual({ code: "verify.token", message: "Empty access_token" });
    const query = await fetch(`${server.url}/me?access_token=some-token-0123456789`);
    expect(query.status).toBe(401);
    const { call, botId } = newBot();
    expect(await call("GET", "/me")).toMatchObject({ status: 200, body: { user_id: botId, is_bot: true } });
  });

  it("GET /updates: a marker confirms what came before it; without one, the oldest unconfirmed come again", async () => {
    const { call, botId } = newBot();
    const ann = await sim.user(botId, { id: 11, firstName: "Анна" });
    await ann.sendText("один");
    await ann.sendText("два");
    const first = await call("GET", "/updates?timeout=0");
    expect((first.body.updates as unknown[]).length).toBe(2);
    const again = await call("GET", "/updates?timeout=0");
    expect(again.body.updates).toEqual(first.body.updates);
    const after = await call("GET", `/updates?timeout=0&marker=${String(first.body.marker)}`);
    expect(after.body.updates).toEqual([]);
    const types = await call("GET", "/updates?timeout=0&types=message_callback");
    expect(types.body.updates).toEqual([]);
  });

  it("enforces MAX's limits: text 4000, callback payload 1024, webhook secret pattern", async () => {
    const { call, botId } = newBot();
    const ann = await sim.user(botId, { id: 12, firstName: "Анна" });
    const send = (body: object) => call("POST", `/messages?chat_id=${ann.chatId}`, body);
    expect((await send({ text: "я".repeat(4000) })).status).toBe(200);
    expect((await send({ text: "я".repeat(4001) })).status).toBe(400);
    const keyboard = (payload: string) => ({
      text: "?",
      attachments: [
        { type: "inline_keyboard", payload: { buttons: [[{ type: "callback", text: "Да", payload }]] } },
      ],
    });
    expect((await send(keyboard("x".repeat(1024)))).status).toBe(200);
    expect((await send(keyboard("x".repeat(1025)))).status).toBe(400);
    expect((await call("POST", "/messages?chat_id=999", { text: "x" })).status).toBe(404);
    const sub = (secret: string) =>
      call("POST", "/subscriptions", { url: "https://example.test/hook", secret });
    expect((await sub("bad secret!")).status).toBe(400);
    expect((await sub("good-secret_1")).status).toBe(200);
    expect((await call("GET", "/updates?timeout=0")).status).toBe(405);
    expect((await call("DELETE", "/subscriptions?url=https://example.test/hook")).status).toBe(200);
  });

  it("a stopped bot's messages are refused until the person starts it again", async () => {
    const { call, botId } = newBot();
    const ann = await sim.user(botId, { id: 13, firstName: "Анна" });
    await ann.block();
    expect((await call("POST", `/messages?chat_id=${ann.chatId}`, { text: "x" })).status).toBe(403);
    await ann.start();
    expect((await call("POST", `/messages?chat_id=${ann.chatId}`, { text: "x" })).status).toBe(200);
    const updates = (await call("GET", "/updates?timeout=0")).body.updates as { update_type: string }[];
    expect(updates.map((u) => u.update_type)).toEqual(["bot_stopped", "bot_started"]);
  });
});

describe("format: html", () => {
  it("reads HTML into plain text and strong markup (UTF-16 offsets); plain text stays as sent", async () => {
    const { call, botId } = newBot();
    const ann = await sim.user(botId, { id: 15, firstName: "Анна" });
    const html = "🆕 <b>Роддом:</b> №1\n<b>Комментарий:</b> &lt;b&gt;x&lt;/b&gt; &amp; y";
    const sent = await call("POST", `/messages?chat_id=${ann.chatId}`, { text: html, format: "html" });
    expect(sent.status).toBe(200);
    const text = "🆕 Роддом: №1\nКомментарий: <b>x</b> & y";
    const body = (sent.body.message as { body: { text: string; markup: unknown } }).body;
    expect(body.text).toBe(text);
    expect(body.markup).toEqual([
      { type: "strong", from: 3, length: 7 },
      { type: "strong", from: 14, length: 12 },
    ]);
    expect((await ann.chat()).messages.at(-1)).toMatchObject({ text, markup: [{ from: 3 }, { from: 14 }] });
    await call("POST", `/messages?chat_id=${ann.chatId}`, { text: "<b>as is</b> & more" });
    expect((await ann.chat()).messages.at(-1)!.text).toBe("<b>as is</b> & more");
    const bad = await call("POST", `/messages?chat_id=${ann.chatId}`, { text: "<script>x", format: "html" });
    expect(bad.status).toBe(400);
  });
});

describe("the official SDK against it", () => {
  it("sends with a keyboard, answers a press, edits, and uploads a file", async () => {
    const { token, botId } = newBot();
    const bot = new Bot(token, { clientOptions: { baseUrl: server.url } });
    expect((await bot.api.getMyInfo()).user_id).toBe(botId);
    const ann = await sim.user(botId, { id: 14, firstName: "Анна" });
    const sent = await bot.api.sendMessageToChat(ann.chatId, "Выберите", {
      attachments: [
        { type: "inline_keyboard", payload: { buttons: [[{ type: "callback", text: "А", payload: "a" }]] } },
      ],
    });
    expect(sent.body.mid).toMatch(/^mid\.[0-9a-f]{32}$/);
    const press = await ann.press("А");
    const { updates } = await bot.api.getUpdates(["message_callback"], { timeout: 1 });
    const callback = updates[0] as { callback: { callback_id: string; payload: string } };
    expect(callback.callback.payload).toBe("a");
    expect(press.kind === "callback" && press.callbackQueryId).toBe(callback.callback.callback_id);
    await bot.api.answerOnCallback(callback.callback.callback_id, { notification: "Готово" } as never);
    await bot.api.editMessage(sent.body.mid, { text: "Выбрано: А", attachments: [] });
    const view = await ann.chat();
    expect(view.messages.at(-1)).toMatchObject({ text: "Выбрано: А", edited: true });
    expect(view.callbackAnswers[0]).toMatchObject({ answered: true, text: "Готово" });

    const file = await bot.api.uploadFile({ source: Buffer.from("hello") });
    await bot.api.sendMessageToChat(ann.chatId, "Файл", { attachments: [file.toJson()] });
    const doc = (await ann.chat()).messages.at(-1)!;
    expect(doc.kind).toBe("document");
    expect(Buffer.from(await sim.file(doc.document!.token)).toString()).toBe("hello");
  });

  it("faults: 429 and 500 answer MAX-shaped errors, latency delays", async () => {
    const { token, botId } = newBot();
    const bot = new Bot(token, { clientOptions: { baseUrl: server.url } });
    await bot.api.getMyInfo();
    await sim.addFault(botId, { kind: "rate_limit", method: "getMyInfo" });
    await sim.addFault(botId, { kind: "server_error", method: "getMyInfo" });
    await sim.addFault(botId, { kind: "latency", ms: 300, method: "getMyInfo" });
    await expect(bot.api.getMyInfo()).rejects.toMatchObject({ status: 429, code: "too.many.requests" });
    await expect(bot.api.getMyInfo()).rejects.toMatchObject({ status: 500, code: "internal.error" });
    const started = Date.now();
    await bot.api.getMyInfo();
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect((await sim.bot(botId)).faults).toEqual([]);
  });
});
