import express from "express";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { pino } from "pino";
import { afterEach, describe, expect, it } from "vitest";
import type { TgUpdate } from "../../../bots/telegram/inbound.ts";
import {
  createWebhookHandler,
  SECRET_HEADER,
  type WebhookHandlerOptions,
} from "../../../bots/telegram/webhook.ts";

const logger = pino({ level: "silent" });
const servers: Server[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

/** Serves the handler at POST /hook on 127.0.0.1; returns a function posting to it. */
async function serve(
  overrides: Partial<WebhookHandlerOptions>,
  { json = true }: { json?: boolean } = {},
): Promise<{ post: (body: string, secret?: string) => Promise<Response>; processed: TgUpdate[] }> {
  const processed: TgUpdate[] = [];
  const app = express();
  if (json) app.use(express.json());
  app.post(
    "/hook",
    createWebhookHandler({
      secret: "s3cret",
      logger,
      isStopping: () => false,
      track: (task) => task,
      processUpdate: async (update) => {
        processed.push(update);
      },
      ...overrides,
    }),
  );
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  servers.push(server);
  const { port } = server.address() as AddressInfo;
  const post = (body: string, secret?: string) =>
    fetch(`http://127.0.0.1:${port}/hook`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...(secret !== undefined && { [SECRET_HEADER]: secret }),
      },
      body,
    });
  return { post, processed };
}

const update = JSON.stringify({ update_id: 1, message: { message_id: 1, chat: { id: 1, type: "private" } } });

describe("createWebhookHandler", () => {
  it.each([
    ["with express.json()", true],
    ["without a body parser", false],
  ])("processes an update with the right secret %s", async (_name, json) => {
    const { post, processed } = await serve({}, { json });
    const res = await post(update, "s3cret");
    expect(res.status).toBe(200);
    expect(processed).toEqual([JSON.parse(update)]);
  });

  it.each([
    ["no", undefined],
    ["a wrong", "s3cre7"],
    ["a longer", "s3cret-and-more"],
    ["an empty", ""],
  ])("answers 401 and processes nothing with %s secret", async (_name, secret) => {
    const { post, processed } = await serve({});
    expect((await post(update, secret)).status).toBe(401);
    expect(processed).toEqual([]);
  });

  it.each([
    ["not JSON", "{"],
    ["not an update", JSON.stringify({ hello: 1 })],
  ])("answers 400 for a body that is %s", async (_name, body) => {
    const { post, processed } = await serve({}, { json: false });
    expect((await post(body, "s3cret")).status).toBe(400);
    expect(processed).toEqual([]);
  });

  it("answers 503 after stop() so Telegram delivers the update again later", async () => {
    const { post, processed } = await serve({ isStopping: () => true });
    expect((await post(update, "s3cret")).status).toBe(503);
    expect(processed).toEqual([]);
  });

  it("answers 500 when the library fails, so Telegram re-sends the update", async () => {
    const { post } = await serve({ processUpdate: () => Promise.reject(new Error("library fault")) });
    expect((await post(update, "s3cret")).status).toBe(500);
  });

  it("acknowledges a slow update after the timeout while the handler keeps running", async () => {
    let finish!: () => void;
    let finished = false;
    const { post } = await serve({
      ackTimeoutMs: 20,
      processUpdate: () =>
        new Promise<void>((resolve) => {
          finish = () => {
            finished = true;
            resolve();
          };
        }),
    });
    const res = await post(update, "s3cret");
    expect(res.status).toBe(200);
    expect(finished).toBe(false);
    finish();
  });
});
