/**
 * Documents travel as stored files: the outbox row names a file by id, the dispatcher loads the
 * content only to send it, and expired files are deleted.
 */
import { pino } from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { deleteExpiredFiles, storeFile } from "../../../src/platform/files.ts";
import { OutboxDispatcher } from "../../../src/platform/outbox/dispatcher.ts";
import { OutboxStore } from "../../../src/platform/outbox/store.ts";
import { chatKey, enqueue } from "../../../src/platform/outbox/enqueue.ts";
import { createTestDatabase, type TestDatabase } from "../../helpers/db.ts";
import { FakeMessenger } from "../../helpers/harness.ts";

describe("documents in the outbox", () => {
  let test: TestDatabase;
  let messenger: FakeMessenger;
  let dispatcher: OutboxDispatcher;
  let store: OutboxStore;
  const now = new Date("2026-11-23T09:00:00Z");

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

  it("sends a stored file by reference; the outbox row holds only its id", async () => {
    const content = Buffer.from("№;Дата\n1;23.11.2026\n", "utf8");
    const fileId = await storeFile(test.db, {
      serviceId: null,
      name: "Журнал.csv",
      contentType: "text/csv",
      content,
      purpose: "test",
      deleteAfter: new Date("2026-11-24T09:00:00Z"),
    });
    await test.db.$transaction((tx) =>
      enqueue(
        tx,
        [
          {
            messenger: "telegram",
            chatId: "42",
            call: { method: "sendDocument", chatId: "42", fileId, caption: "Журнал" },
          },
        ],
        now,
      ),
    );
    await dispatcher.deliver(chatKey("telegram", "42"));

    expect(messenger.chat("42").map((m) => m.text)).toEqual(["[Журнал.csv] Журнал"]);
    expect(messenger.files.get("Журнал.csv")?.equals(content)).toBe(true);
    const row = await test.db.outboxMessage.findFirstOrThrow();
    expect(row.status).toBe("sent");
    // Once sent, the row keeps what was done, not the caption (it may name a person).
    expect(row.payload).toEqual({ method: "sendDocument", chatId: "42", fileId });
    const stored = await test.db.storedFile.findUniqueOrThrow({ where: { id: fileId } });
    expect(stored).toMatchObject({ size: content.length, contentType: "text/csv" });
    expect(stored.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it("deletes expired files, and a message whose file is gone fails without sending", async () => {
    const keep = await storeFile(test.db, {
      serviceId: null,
      name: "a.txt",
      contentType: "text/plain",
      content: Buffer.from("a"),
      purpose: "test",
      deleteAfter: new Date("2026-11-23T10:00:00Z"),
    });
    const expired = await storeFile(test.db, {
      serviceId: null,
      name: "b.txt",
      contentType: "text/plain",
      content: Buffer.from("b"),
      purpose: "test",
      deleteAfter: new Date("2026-11-23T08:00:00Z"),
    });
    expect(await deleteExpiredFiles(test.db, now)).toBe(1);
    expect(await test.db.storedFile.findMany({ select: { id: true } })).toEqual([{ id: keep }]);

    await test.db.$transaction((tx) =>
      enqueue(
        tx,
        [
          {
            messenger: "telegram",
            chatId: "7",
            call: { method: "sendDocument", chatId: "7", fileId: expired },
          },
        ],
        now,
      ),
    );
    await dispatcher.deliver(chatKey("telegram", "7"));
    expect(messenger.chat("7")).toEqual([]);
    expect(await test.db.outboxMessage.findFirstOrThrow()).toMatchObject({
      status: "failed",
      lastError: "the stored file is gone",
    });
  });
});
