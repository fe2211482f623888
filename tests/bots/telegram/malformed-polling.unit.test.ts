/**
 * Malformed, unknown and forged updates in a getUpdates batch: both adapters ignore them, confirm
 * them, and go on with the valid ones; nothing throws out of the polling loop.
 */
import { pino } from "pino";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createGrammyAdapter } from "../../../bots/telegram/grammy.ts";
import { createTelegrafAdapter } from "../../../bots/telegram/telegraf.ts";
import type { BotAdapter, InboundUpdate } from "../../../src/platform/messenger/contract.ts";
import { startFakeBotApi, type FakeBotApi } from "./fake-bot-api.ts";

const me = {
  id: 42,
  is_bot: true,
  first_name: "Bot",
  username: "test_bot",
  can_join_groups: false,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
};
const chat = { id: 501, type: "private" };
const from = { id: 501, is_bot: false, first_name: "Ann" };

const BATCH = [
  { update_id: 100, message: { message_id: 1, date: 1, from, text: "без чата" } },
  { update_id: 101, callback_query: { id: "q1", from, data: "x" } },
  { update_id: 102, callback_query: { id: "q2", data: "x", message: { message_id: 1, date: 1, chat } } },
  { update_id: 103, poll: { id: "p" } },
  {
    update_id: 104,
    message: { message_id: 2, date: 1, chat: { id: 502, type: "private" }, from, text: "чужой" },
  },
  { update_id: 105, message: null },
  {
    update_id: 106,
    callback_query: { id: "q3", from, message: { message_id: 3, date: 1, chat: { id: 1 } } },
  },
  { update_id: 107, message: { message_id: 4, date: 1, chat, from, text: "настоящее" } },
];

describe.each([
  { library: "grammy", create: createGrammyAdapter },
  { library: "telegraf", create: createTelegrafAdapter },
])("$library polling", ({ create }) => {
  let api: FakeBotApi;
  let adapter: BotAdapter;
  afterEach(async () => {
    await adapter?.stop();
    await api?.close();
  });

  it("ignores what it cannot map, confirms it, and handles the valid update once", async () => {
    api = await startFakeBotApi();
    const offsets: number[] = [];
    let served = false;
    api.answer = (call) => {
      if (call.method === "getMe") return { json: { ok: true, result: me } };
      if (call.method === "getUpdates") {
        offsets.push((call.body as { offset?: number }).offset ?? 0);
        const batch = served ? [] : BATCH;
        served = true;
        return { json: { ok: true, result: batch } };
      }
      return { json: { ok: true, result: true } };
    };
    const received: InboundUpdate[] = [];
    const logs: string[] = [];
    adapter = create({
      token: "42:test-token-abcdef",
      apiRoot: api.apiRoot,
      handler: async (update) => void received.push(update),
      logger: pino({ level: "debug" }, { write: (line: string) => logs.push(line) }),
    });
    await adapter.startPolling();
    await vi.waitUntil(() => offsets.some((o) => o === 108), { timeout: 5_000 });
    expect(received.map((u) => u.input)).toEqual([{ kind: "text", text: "настоящее", messageId: 4 }]);
    expect(logs.join("\n")).not.toMatch(/"level":(50|60)/);
  });
});
