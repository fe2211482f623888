/**
 * The /sim page's routes and its proxy to the local Bot API server's user side: only `/_sim/...` is
 * reachable, bodies are bounded JSON, and only loopback clients are served. No database, no browser.
 */
import { request as httpRequest } from "node:http";
import type { AddressInfo } from "node:net";
import { networkInterfaces } from "node:os";
import express from "express";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSimPage, type SimPageConfig } from "../src/page.ts";
import type { SimPerson } from "../src/people.ts";
import { DEFAULT_BODY_LIMIT_BYTES, isLoopbackAddress } from "../src/sim-proxy.ts";
import { createLocalBotApi } from "@signal-desk/telegram-bot-api-sim";
import type { SimBotInfo, SimChatView } from "@signal-desk/telegram-bot-api-sim";

const logger = pino({ level: "silent" });
const BOT_ID = 4242;
/** A fictional person for the page's column. */
const reporter: SimPerson = {
  key: "reporter",
  userId: 9_000_000_000_000_001,
  role: "reporter",
  fullName: "Тестова Вера Павловна",
  firstName: "Вера",
  lastName: "Тестова",
  title: { ru: "Неонатолог", en: "Neonatologist" },
  hospitalShortName: "Роддом № 9",
};

/** A non-loopback IPv4 address of this machine, if it has one. */
const externalAddress = Object.values(networkInterfaces())
  .flat()
  .find((i) => i?.family === "IPv4" && !i.internal)?.address;

/** A raw request, so that paths reach the server exactly as written (fetch would normalise `..`). */
function rawRequest(
  url: string,
  path: string,
  options: { method?: string; body?: string; type?: string } = {},
): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: hostname,
        port,
        path,
        method: options.method ?? "GET",
        headers: options.body === undefined ? {} : { "content-type": options.type ?? "application/json" },
      },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (body += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on("error", reject);
    req.end(options.body);
  });
}

describe("the /sim page and its proxy", () => {
  let closeSim: () => Promise<void>;
  let simUrl: string;
  let server: import("node:http").Server;
  let base: string;
  let seeded = true;

  beforeAll(async () => {
    const sim = await createLocalBotApi({ logger }).listen(0, "127.0.0.1");
    closeSim = () => sim.close();
    simUrl = sim.url;
    const app = express();
    app.use(
      createSimPage({
        localBotApiUrl: simUrl,
        botUsername: "signal_desk_test_bot",
        logger,
        seeded: async () => seeded,
        people: [reporter],
      }),
    );
    // Listening on every interface lets the test reach it from a non-loopback address too.
    server = app.listen(0, "0.0.0.0");
    await new Promise((resolve) => server.once("listening", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    await closeSim?.();
  });

  it("forwards the user side: bots, creating a chat, sending a message", async () => {
    const bots = await fetch(`${base}/sim/api/_sim/bots`);
    expect(bots.status).toBe(200);
    expect(bots.headers.get("content-type")).toMatch(/^application\/json/);
    expect((await bots.json()) as SimBotInfo[]).toEqual([]);

    const chatPath = `/sim/api/_sim/bots/${BOT_ID}/chats/${reporter.userId}`;
    const put = await fetch(`${base}${chatPath}`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ firstName: reporter.firstName, lastName: reporter.lastName }),
    });
    expect(put.status).toBe(200);
    expect(((await put.json()) as SimChatView).chatId).toBe(reporter.userId);

    const sent = await fetch(`${base}${chatPath}/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ text: "<b>не разметка</b>" }),
    });
    expect(sent.status).toBe(201);
    const wait = await fetch(`${base}${chatPath}/wait?after=0&timeout=1`);
    const view = (await wait.json()) as SimChatView;
    expect(view.messages.map((m) => m.text)).toEqual(["<b>не разметка</b>"]);
  });

  it("passes the simulator's own errors through", async () => {
    const missing = await fetch(`${base}/sim/api/_sim/bots/${BOT_ID}/chats/12345`);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: string }).error).toMatch(/chat not found/);
  });

  it("rejects every path outside /_sim, however it is spelled", async () => {
    for (const path of [
      `/sim/api/bot${BOT_ID}:secret-secret/getMe`,
      "/sim/api/_sim/../bot4242:secret-secret/getMe",
      "/sim/api/_sim/%2e%2e/bot4242:secret-secret/getMe",
      "/sim/api/_sim/bots/..%2f..%2fbot4242:x/getMe",
      "/sim/api/_simx/bots",
      "/sim/api/file/bot4242:x/documents/a.txt",
      "/sim/api//_sim/bots",
      "/sim/api",
    ]) {
      const res = await rawRequest(base, path);
      expect({ path, status: res.status }).toEqual({ path, status: 404 });
      expect((JSON.parse(res.body) as { error: string }).error).toMatch(/only .*\/_sim/);
    }
    // The bot side was never reached: a getMe would have registered the bot.
    const bots = (await (await fetch(`${simUrl}/_sim/bots`)).json()) as SimBotInfo[];
    expect(bots.some((b) => b.tokenBound)).toBe(false);
  });

  it("rejects oversized and non-JSON bodies and other methods", async () => {
    const chatPath = `/sim/api/_sim/bots/${BOT_ID}/chats/${reporter.userId}/messages`;
    const huge = JSON.stringify({ text: "я".repeat(DEFAULT_BODY_LIMIT_BYTES) });
    const tooLarge = await rawRequest(base, chatPath, { method: "POST", body: huge });
    expect(tooLarge.status).toBe(413);
    expect((JSON.parse(tooLarge.body) as { error: string }).error).toMatch(/too large/);

    const plain = await rawRequest(base, chatPath, { method: "POST", body: "hello", type: "text/plain" });
    expect(plain.status).toBe(415);
    const broken = await rawRequest(base, chatPath, { method: "POST", body: "{not json" });
    expect(broken.status).toBe(400);
    const deleted = await rawRequest(base, `/sim/api/_sim/bots/${BOT_ID}/faults`, { method: "DELETE" });
    expect(deleted.status).toBe(405);

    // None of them reached the chat.
    const view = (await (
      await fetch(`${simUrl}/_sim/bots/${BOT_ID}/chats/${reporter.userId}`)
    ).json()) as SimChatView;
    expect(view.messages).toHaveLength(1);
  });

  it("serves the page with a strict content security policy", async () => {
    const page = await fetch(`${base}/sim`);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toMatch(/^text\/html/);
    expect(page.headers.get("content-security-policy")).toContain("script-src 'self'");
    const html = await page.text();
    expect(html).toContain('<script type="module" src="/sim/app.js">');
    expect(html).toContain("Нажмите /new в чате неонатолога");

    const css = await fetch(`${base}/sim/app.css`);
    expect(css.headers.get("content-type")).toMatch(/^text\/css/);
  });

  it("serves the script as one plain ES module with SimClient inside", async () => {
    const res = await fetch(`${base}/sim/app.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/javascript/);
    const js = await res.text();
    expect(js).toContain("var SimClient = class");
    expect(js).not.toMatch(/^\s*import\s/m);
    expect(js).not.toMatch(/:\s*SimChatView\b/);
  });

  it("tells the page the bot's username and whether demo data exists", async () => {
    seeded = true;
    const config = (await (await fetch(`${base}/sim/config.json`)).json()) as SimPageConfig;
    expect(config).toEqual({
      botUsername: "signal_desk_test_bot",
      apiBase: "/sim/api",
      seeded: true,
      canReset: false,
      people: [reporter],
    });
    seeded = false;
    expect(((await (await fetch(`${base}/sim/config.json`)).json()) as SimPageConfig).seeded).toBe(false);
    // Without a reset hook there is nothing to reset.
    const reset = await fetch(`${base}/sim/reset`, { method: "POST", headers: { "x-sim-reset": "1" } });
    expect(reset.status).toBe(403);
  });

  it.skipIf(!externalAddress)("refuses clients that are not on this machine", async () => {
    const port = (server.address() as AddressInfo).port;
    for (const path of ["/sim", "/sim/app.js", "/sim/api/_sim/bots"]) {
      const res = await rawRequest(`http://${externalAddress}:${port}`, path);
      expect({ path, status: res.status }).toEqual({ path, status: 403 });
    }
  });
});

describe("isLoopbackAddress", () => {
  it("accepts the machine itself only", () => {
    for (const address of ["127.0.0.1", "127.1.2.3", "::1", "::ffff:127.0.0.1"]) {
      expect(isLoopbackAddress(address)).toBe(true);
    }
    for (const address of [undefined, "", "10.0.0.1", "::ffff:192.168.1.5", "fe80::1", "1127.0.0.1"]) {
      expect(isLoopbackAddress(address)).toBe(false);
    }
  });
});
