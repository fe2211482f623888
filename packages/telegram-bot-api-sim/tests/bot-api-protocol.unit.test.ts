/**
 * The Bot API protocol at the HTTP level: encodings, authentication, update confirmation, long polling,
 * conflicts, edits and faults — what libraries rely on without saying so.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, callApi, newBot, startLocalBotApi, until } from "./harness.ts";

type Update = { update_id: number; message?: { text?: string } };

let harness: Harness;
beforeAll(async () => {
  harness = await startLocalBotApi({ callbackQueryTtlMs: 60_000 });
});
afterAll(() => harness.close());

/** A bot with one user chat; `say` makes the user send text. */
async function botWithUser() {
  const { botId, token } = newBot();
  const user = await harness.sim.user(botId, { id: 42, firstName: "Ann" });
  const call = <T = unknown>(method: string, params: Record<string, unknown> = {}) =>
    callApi<T>(harness.url, token, method, params);
  return { botId, token, user, call, say: (text: string) => user.sendText(text) };
}

describe("requests", () => {
  it("accepts query strings, url-encoded and JSON bodies, and any method name case", async () => {
    const { token, call } = await botWithUser();
    const base = `${harness.url}/bot${token}`;

    type Sent = { result?: { text: string } };
    const query = (await fetch(`${base}/sendMessage?chat_id=42&text=from+query`).then((r) =>
      r.json(),
    )) as Sent;
    const form = (await fetch(`${base}/SENDMESSAGE`, {
      method: "POST",
      body: new URLSearchParams({
        chat_id: "42",
        text: "from form",
        reply_markup: '{"remove_keyboard":true}',
      }),
    }).then((r) => r.json())) as Sent;
    const json = await call<{ text: string }>("sendmessage", { chat_id: "42", text: "from json" });

    expect([query, form, json].map((r) => r.result?.text)).toEqual(["from query", "from form", "from json"]);
  });

  it("answers 401 for unknown or malformed tokens and 404 for unknown methods", async () => {
    const { token, call } = await botWithUser();

    expect(await call("getMe")).toMatchObject({ ok: true });

    expect(await callApi(harness.url, "no-colon", "getMe")).toMatchObject({
      status: 401,
      description: "Unauthorized",
    });
    // The first token used for a bot id is bound to it; another secret is refused, like a revoked token.
    expect(await callApi(harness.url, token.replace("secret", "other"), "getMe")).toMatchObject({
      status: 401,
    });
    expect(await call("sendPigeon")).toMatchObject({
      status: 404,
      ok: false,
      error_code: 404,
      description: "Not Found",
    });
  });

  it("reports missing parameters as Telegram does", async () => {
    const { call } = await botWithUser();

    expect(await call("sendMessage", { text: "hi" })).toMatchObject({
      status: 400,
      description: "Bad Request: chat_id is empty",
    });
    expect(await call("sendMessage", { chat_id: 42 })).toMatchObject({
      description: "Bad Request: message text is empty",
    });
    expect(await call("sendMessage", { chat_id: 42, text: "x", reply_markup: "{oops" })).toMatchObject({
      description: "Bad Request: can't parse reply keyboard markup JSON object",
    });
  });
});

describe("getUpdates", () => {
  it("delivers an update until an offset confirms it, then forgets it", async () => {
    const { call, say } = await botWithUser();
    await say("one");
    await say("two");

    const first = await call<Update[]>("getUpdates");
    const again = await call<Update[]>("getUpdates", { offset: 1, limit: 1 });
    const afterConfirm = await call<Update[]>("getUpdates", { offset: 2 });
    const confirmedAll = await call<Update[]>("getUpdates", { offset: 3 });

    expect(first.result?.map((u) => u.message?.text)).toEqual(["one", "two"]);
    expect(again.result?.map((u) => u.update_id)).toEqual([1]);
    expect(afterConfirm.result?.map((u) => u.update_id)).toEqual([2]);
    expect(confirmedAll.result).toEqual([]);
  });

  it("keeps only the last -offset updates for a negative offset", async () => {
    const { call, say } = await botWithUser();
    for (const text of ["a", "b", "c"]) await say(text);

    expect((await call<Update[]>("getUpdates", { offset: -1 })).result?.map((u) => u.message?.text)).toEqual([
      "c",
    ]);
    expect((await call<Update[]>("getUpdates")).result?.map((u) => u.message?.text)).toEqual(["c"]);
  });

  it("returns as soon as an update arrives during a long poll", async () => {
    const { botId, call, say } = await botWithUser();
    const started = performance.now();
    const poll = call<Update[]>("getUpdates", { timeout: 10 });
    await until(() => harness.api.state.findBot(botId)?.polling === true);

    await say("wake up");
    const response = await poll;

    expect(response.result?.map((u) => u.message?.text)).toEqual(["wake up"]);
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it("waits the full timeout when nothing arrives", async () => {
    const { call } = await botWithUser();
    const started = performance.now();

    expect((await call<Update[]>("getUpdates", { timeout: 1 })).result).toEqual([]);
    expect(performance.now() - started).toBeGreaterThanOrEqual(950);
  });

  it("ends the older of two concurrent polls with 409", async () => {
    const { botId, call } = await botWithUser();
    const older = call("getUpdates", { timeout: 10 });
    await until(() => harness.api.state.findBot(botId)?.polling === true);

    const newer = await call("getUpdates");

    expect(newer).toMatchObject({ ok: true, result: [] });
    expect(await older).toMatchObject({
      status: 409,
      description:
        "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running",
    });
  });

  it("ends a waiting poll with 409 when a webhook is set, and refuses new ones", async () => {
    const { botId, call } = await botWithUser();
    const poll = call("getUpdates", { timeout: 10 });
    await until(() => harness.api.state.findBot(botId)?.polling === true);

    expect(await call("setWebhook", { url: "http://127.0.0.1:9/hook" })).toMatchObject({
      result: true,
      description: "Webhook was set",
    });

    expect(await poll).toMatchObject({ status: 409 });
    expect(await call("getUpdates")).toMatchObject({ status: 409 });
    expect(await call("deleteWebhook")).toMatchObject({ result: true, description: "Webhook was deleted" });
    expect(await call("getUpdates")).toMatchObject({ ok: true });
  });

  it("filters update types with allowed_updates", async () => {
    const { call, say, user } = await botWithUser();
    await call("getUpdates", { allowed_updates: ["callback_query"] });
    await say("ignored");
    await call("sendMessage", {
      chat_id: 42,
      text: "Tap",
      reply_markup: { inline_keyboard: [[{ text: "Tap", callback_data: "tap" }]] },
    });
    await user.press("Tap");

    const updates = await call<{ callback_query?: { data: string } }[]>("getUpdates");
    expect(updates.result?.map((u) => Object.keys(u)[1])).toEqual(["callback_query"]);
  });
});

describe("messages", () => {
  it("edits with Telegram's checks and deletes", async () => {
    const { call, user } = await botWithUser();
    const keyboard = { inline_keyboard: [[{ text: "A", callback_data: "a" }]] };
    const sent = await call<{ message_id: number }>("sendMessage", {
      chat_id: 42,
      text: "Hi",
      reply_markup: keyboard,
    });
    const id = sent.result?.message_id;

    const sameText = await call("editMessageText", {
      chat_id: 42,
      message_id: id,
      text: "Hi",
      reply_markup: keyboard,
    });
    const sameMarkup = await call("editMessageReplyMarkup", {
      chat_id: 42,
      message_id: id,
      reply_markup: keyboard,
    });
    for (const unchanged of [sameText, sameMarkup]) {
      expect(unchanged.status).toBe(400);
      expect(unchanged.description).toMatch(/^Bad Request: message is not modified: /);
    }
    expect(await call("editMessageText", { chat_id: 42, message_id: 99, text: "x" })).toMatchObject({
      description: "Bad Request: message to edit not found",
    });
    const withKeyboard = await call<{ message_id: number }>("sendMessage", {
      chat_id: 42,
      text: "Choose",
      reply_markup: { keyboard: [["A"]] },
    });
    expect(
      await call("editMessageText", { chat_id: 42, message_id: withKeyboard.result?.message_id, text: "x" }),
    ).toMatchObject({ description: "Bad Request: message can't be edited" });
    await call("deleteMessage", { chat_id: 42, message_id: withKeyboard.result?.message_id });
    const mine = await user.sendText("user text");
    expect(
      await call("editMessageText", { chat_id: 42, message_id: mine.messageId, text: "x" }),
    ).toMatchObject({
      description: "Bad Request: message can't be edited",
    });

    expect(await call("editMessageReplyMarkup", { chat_id: 42, message_id: id })).toMatchObject({ ok: true });
    expect(await call("deleteMessage", { chat_id: 42, message_id: id })).toMatchObject({ result: true });
    expect(await call("deleteMessage", { chat_id: 42, message_id: id })).toMatchObject({
      description: "Bad Request: message to delete not found",
    });
    expect((await user.chat()).messages.map((m) => m.text)).toEqual(["user text"]);
  });

  it("shares one message id sequence between the bot and the user", async () => {
    const { call, user } = await botWithUser();
    await user.sendText("1");
    const bot = await call<{ message_id: number }>("sendMessage", { chat_id: 42, text: "2" });
    const again = await user.sendText("3");

    expect([bot.result?.message_id, again.messageId]).toEqual([2, 3]);
  });

  it("answers a callback query once", async () => {
    const { call, user } = await botWithUser();
    await call("sendMessage", {
      chat_id: 42,
      text: "Tap",
      reply_markup: { inline_keyboard: [[{ text: "Go", callback_data: "go" }]] },
    });
    const press = await user.press("Go");
    if (press.kind !== "callback") throw new Error("expected a callback query");

    expect(
      await call("answerCallbackQuery", { callback_query_id: press.callbackQueryId, text: "Done" }),
    ).toMatchObject({
      result: true,
    });
    for (const id of [press.callbackQueryId, "12345"]) {
      expect(await call("answerCallbackQuery", { callback_query_id: id })).toMatchObject({
        status: 400,
        description: "Bad Request: query is too old and response timeout expired or query ID is invalid",
      });
    }
    expect((await user.chat()).callbackAnswers).toMatchObject([{ data: "go", answered: true, text: "Done" }]);
  });

  it("refuses to send to a user who blocked the bot", async () => {
    const { call, user } = await botWithUser();
    await user.block();

    expect(await call("sendMessage", { chat_id: 42, text: "hi" })).toMatchObject({
      status: 403,
      description: "Forbidden: bot was blocked by the user",
    });
    const updates = await call<{ my_chat_member?: { new_chat_member: { status: string } } }[]>("getUpdates");
    expect(updates.result?.[0]?.my_chat_member?.new_chat_member.status).toBe("kicked");
  });

  it("keeps commands per scope and language", async () => {
    const { call } = await botWithUser();
    const commands = [{ command: "start", description: "Start" }];
    await call("setMyCommands", { commands });
    await call("setMyCommands", {
      commands: [{ command: "help", description: "Hilfe" }],
      language_code: "de",
    });

    expect((await call("getMyCommands")).result).toEqual(commands);
    expect((await call("getMyCommands", { language_code: "de" })).result).toEqual([
      { command: "help", description: "Hilfe" },
    ]);
    expect(
      await call("setMyCommands", { commands: [{ command: "Bad Command", description: "x" }] }),
    ).toMatchObject({
      description: "Bad Request: BOT_COMMAND_INVALID",
    });
  });

  it("shows chat actions until the next bot message", async () => {
    const { call, user } = await botWithUser();
    await call("sendChatAction", { chat_id: 42, action: "typing" });
    expect((await user.chat()).chatAction).toMatchObject({ action: "typing" });

    await call("sendMessage", { chat_id: 42, text: "done" });
    expect((await user.chat()).chatAction).toBeNull();
    expect(await call("sendChatAction", { chat_id: 42, action: "dancing" })).toMatchObject({ status: 400 });
  });
});

describe("fault injection", () => {
  it("fails, delays or drops the next calls of a method", async () => {
    const { botId, call } = await botWithUser();
    await harness.sim.addFault(botId, { kind: "server_error", method: "sendMessage", count: 2 });
    await harness.sim.addFault(botId, { kind: "latency", ms: 150, method: "getMe" });
    await harness.sim.addFault(botId, { kind: "network", method: "getWebhookInfo" });

    expect(await call("sendMessage", { chat_id: 42, text: "a" })).toMatchObject({
      status: 500,
      error_code: 500,
    });
    expect(await call("sendMessage", { chat_id: 42, text: "b" })).toMatchObject({ status: 500 });
    expect(await call("sendMessage", { chat_id: 42, text: "c" })).toMatchObject({ ok: true });
    const started = performance.now();
    expect(await call("getMe")).toMatchObject({ ok: true });
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    await expect(call("getWebhookInfo")).rejects.toThrow();
    expect(await call("getWebhookInfo")).toMatchObject({ ok: true });
  });

  it("can be cleared", async () => {
    const { botId, call } = await botWithUser();
    await harness.sim.addFault(botId, { kind: "rate_limit", count: 5 });
    await harness.sim.clearFaults(botId);

    expect(await call("getMe")).toMatchObject({ ok: true });
  });
});

describe("files", () => {
  it("serves sent documents through getFile and /file/bot<token>/<path>", async () => {
    const { token } = await botWithUser();
    const form = new FormData();
    form.set("chat_id", "42");
    form.set("document", new Blob([Buffer.from("PDF?")]), "scan.pdf");
    const sent = await fetch(`${harness.url}/bot${token}/sendDocument`, { method: "POST", body: form }).then(
      (r) => r.json() as Promise<{ result: { document: { file_id: string; mime_type: string } } }>,
    );
    const file = await callApi<{ file_path: string }>(harness.url, token, "getFile", {
      file_id: sent.result.document.file_id,
    });
    const download = await fetch(`${harness.url}/file/bot${token}/${file.result?.file_path}`);

    expect(sent.result.document.mime_type).toBe("application/pdf");
    expect(await download.text()).toBe("PDF?");
  });
});

describe("reset", () => {
  it("forgets bots and chats and answers waiting polls", async () => {
    const { botId, call } = await botWithUser();
    const poll = call<Update[]>("getUpdates", { timeout: 10 });
    await until(() => harness.api.state.findBot(botId)?.polling === true);

    await harness.sim.reset();

    expect(await poll).toMatchObject({ ok: true, result: [] });
    expect(await harness.sim.chats()).toEqual([]);
  });
});
