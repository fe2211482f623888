/**
 * Live cards in the outbox: a card is remembered with the row that sends it, and an edit queued
 * before that row was sent waits for it (the chat's order) and edits the message it made — or
 * sends the text anew when it made none.
 */
import { pino } from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { OutboxDispatcher } from "../../../src/platform/outbox/dispatcher.ts";
import { OutboxStore } from "../../../src/platform/outbox/store.ts";
import { chatKey, enqueue } from "../../../src/platform/outbox/enqueue.ts";
import { createTestDatabase, type TestDatabase } from "../../helpers/db.ts";
import { FakeMessenger } from "../../helpers/harness.ts";

describe("live cards in the outbox", () => {
  let test: TestDatabase;
  let messenger: FakeMessenger;
  let dispatcher: OutboxDispatcher;
  let store: OutboxStore;
  const now = new Date("2026-11-23T09:00:00Z");
  const subjectId = "11111111-1111-4111-8111-111111111111";
  const staffId = "22222222-2222-4222-8222-222222222222";

  beforeEach(async () => {
    test = await createTestDatabase();
    messenger = new FakeMessenger();
    store = new OutboxStore(test.url, { poolSize: 1 });
    dispatcher = new OutboxDispatcher({
      db: test.db,
      store,
      clients: new Map([["telegram", messenger]]),
      clock: () => now,
      logger: pino({ level: "silent" }),
      jobs: () => undefined,
    });
  });
  afterEach(async () => {
    await store.close();
    await test.drop();
  });

  it("an edit queued before its card was sent waits for it and edits that message", async () => {
    await test.db.$transaction((tx) =>
      enqueue(
        tx,
        [
          {
            messenger: "telegram",
            chatId: "42",
            call: { method: "sendMessage", chatId: "42", text: "other" },
          },
          {
            messenger: "telegram",
            chatId: "42",
            call: {
              method: "sendMessage",
              chatId: "42",
              text: "card v1",
              keyboard: { type: "inline", rows: [[{ text: "Go", data: "x:1" }]] },
            },
            card: { subjectType: "signal", subjectId, kind: "head", staffId },
          },
        ],
        now,
      ),
    );
    const card = await test.db.chatCard.findFirstOrThrow();
    expect(card).toMatchObject({ subjectId, kind: "head", staffId, chatId: "42", messageId: null });
    const row = await test.db.outboxMessage.findUniqueOrThrow({ where: { id: card.outboxId! } });
    expect(row.payload).toMatchObject({ text: "card v1" });
    // Queued while the card is still pending: by reference to its row.
    await test.db.$transaction((tx) =>
      enqueue(
        tx,
        [
          {
            messenger: "telegram",
            chatId: "42",
            call: {
              method: "editMessageText",
              chatId: "42",
              messageId: 0,
              text: "card v2",
              ofOutbox: String(row.id),
            },
          },
        ],
        now,
      ),
    );
    await dispatcher.deliver(chatKey("telegram", "42"));
    expect(messenger.chat("42").map((m) => [m.text, m.buttons])).toEqual([
      ["other", []],
      ["card v2", []],
    ]);
  });

  it("when the card's row sent nothing, the edit is sent as a new message", async () => {
    const [other] = await test.db.$queryRaw<{ id: bigint }[]>`
      INSERT INTO outbox_messages (messenger, chat_id, payload, status, next_attempt_at, created_at)
      VALUES ('telegram', '42', '{"method":"sendMessage","chatId":"42"}'::jsonb, 'failed', now(), now()) RETURNING id`;
    await test.db.$transaction((tx) =>
      enqueue(
        tx,
        [
          {
            messenger: "telegram",
            chatId: "42",
            call: {
              method: "editMessageText",
              chatId: "42",
              messageId: 0,
              text: "card v2",
              ofOutbox: String(other!.id),
            },
          },
        ],
        now,
      ),
    );
    await dispatcher.deliver(chatKey("telegram", "42"));
    expect(messenger.chat("42").map((m) => m.text)).toEqual(["card v2"]);
  });
});
