/**
 * The user-side client: pressing by label, keyboards, media, forwards, waiting and its error reports.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SimClientError, SimWaitTimeoutError } from "../src/sim-client.ts";
import { type Harness, callApi, newBot, startLocalBotApi } from "./harness.ts";

let harness: Harness;
beforeAll(async () => {
  harness = await startLocalBotApi();
});
afterAll(() => harness.close());

async function setUp() {
  const { botId, token } = newBot();
  const user = await harness.sim.user(botId, { id: 77, firstName: "Eve", languageCode: "ru" });
  const send = (params: Record<string, unknown>) =>
    callApi(harness.url, token, "sendMessage", { chat_id: 77, ...params });
  const updates = async () =>
    (await callApi<Record<string, unknown>[]>(harness.url, token, "getUpdates")).result ?? [];
  return { botId, user, send, updates };
}

const inline = (...labels: string[]) => ({
  inline_keyboard: [labels.map((label) => ({ text: label, callback_data: label.toLowerCase() }))],
});

describe("SimUser", () => {
  it("presses the newest message that has the button", async () => {
    const { user, send, updates } = await setUp();
    await send({ text: "old", reply_markup: inline("Yes", "No") });
    await send({ text: "new", reply_markup: inline("Yes") });
    await send({ text: "no buttons" });

    const press = await user.press("Yes");

    expect(press).toMatchObject({ kind: "callback", messageId: 2, data: "yes" });
    expect(await user.pressData("no")).toMatchObject({ messageId: 1 });
    const [first] = await updates();
    expect(first).toMatchObject({ callback_query: { data: "yes", from: { id: 77, language_code: "ru" } } });
  });

  it("types reply keyboard buttons and hides a one-time keyboard", async () => {
    const { user, send, updates } = await setUp();
    await send({
      text: "Choose",
      reply_markup: { keyboard: [["Morning", "Evening"]], one_time_keyboard: true },
    });

    expect((await user.chat()).replyKeyboard?.keyboard).toEqual([[{ text: "Morning" }, { text: "Evening" }]]);
    expect(await user.press("Evening")).toMatchObject({ kind: "message", message: { text: "Evening" } });
    expect((await user.chat()).replyKeyboard).toBeNull();
    expect((await updates()).at(-1)).toMatchObject({ message: { text: "Evening" } });
  });

  it("reports unknown buttons and messages", async () => {
    const { user } = await setUp();

    await expect(user.press("Nowhere")).rejects.toEqual(
      new SimClientError(404, 'no button "Nowhere" in the chat'),
    );
    await expect(user.editText(99, "x")).rejects.toMatchObject({ status: 404 });
  });

  it("sends photos, forwards and contacts as Telegram shapes them", async () => {
    const { user, updates } = await setUp();
    const photo = await user.sendPhoto({ caption: "scan", content: new Uint8Array([1, 2, 3]) });
    await user.forward({ messageId: photo.messageId });
    await user.forward({ text: "from someone", senderName: "Mystery" });
    await user.shareContact({ phoneNumber: "+123", firstName: "Friend" });

    const messages = (await updates()).map((u) => u.message as Record<string, unknown>);
    expect(messages[0]).toMatchObject({
      caption: "scan",
      photo: [{ width: 90 }, { width: 800, file_size: 3 }],
    });
    expect(messages[1]).toMatchObject({
      caption: "scan",
      forward_origin: { type: "user", sender_user: { id: 77 } },
    });
    expect(messages[2]).toMatchObject({
      text: "from someone",
      forward_origin: { type: "hidden_user", sender_user_name: "Mystery" },
    });
    expect(messages[3]).toMatchObject({ contact: { phone_number: "+123", first_name: "Friend" } });
    const content = await harness.sim.file((photo.message.photo ?? [])[1]?.file_id ?? "");
    expect([...content]).toEqual([1, 2, 3]);
  });

  it("reads bot replies in order and explains a timeout", async () => {
    const { user, send } = await setUp();
    await user.sendText("hi");
    await send({ text: "first" });
    await send({ text: "second" });

    expect((await user.waitForBotMessage()).text).toBe("first");
    expect((await user.waitForBotMessage()).text).toBe("second");
    const timeout = await user.waitForBotMessage({ timeoutMs: 50 }).catch((e: unknown) => e);
    expect(timeout).toBeInstanceOf(SimWaitTimeoutError);
    expect((timeout as Error).message).toBe(
      "timed out waiting for a bot message after #3; the chat shows:\n  #1 user: hi\n  #2 bot: first\n  #3 bot: second",
    );
  });

  it("lists chats and bots", async () => {
    const { botId, user } = await setUp();
    await user.sendText("hello");

    expect(await harness.sim.chats()).toContainEqual(
      expect.objectContaining({ botId, chatId: 77, messageCount: 1 }),
    );
    expect(await harness.sim.bot(botId)).toMatchObject({
      id: botId,
      mode: "idle",
      pendingUpdateCount: 1,
      tokenBound: false,
    });
  });
});
