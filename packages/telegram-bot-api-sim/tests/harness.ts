/**
 * Test harness for the local Bot API server: a server per test file on a free port, unique bot tokens,
 * a raw Bot API caller, and an express app server for webhook tests.
 */
import type { Express } from "express";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { type LocalBotApi, type LocalBotApiOptions, createLocalBotApi } from "../src/server.ts";
import { SimClient } from "../src/sim-client.ts";

/** A running simulator with a user-side client. */
export interface Harness {
  api: LocalBotApi;
  url: string;
  sim: SimClient;
  close: () => Promise<void>;
}

/** Starts a simulator on 127.0.0.1, port 0; webhook retries are fast so retry tests stay quick. */
export async function startLocalBotApi(options: LocalBotApiOptions = {}): Promise<Harness> {
  const api = createLocalBotApi({
    webhook: { retryBaseMs: 20, retryMaxMs: 100 },
    firstUpdateId: () => 1,
    ...options,
  });
  const running = await api.listen(0);
  return { api, url: running.url, sim: new SimClient(running.url), close: running.close };
}

let nextBotId = 7_000_000;

/** A fresh bot identity, so tests sharing a server never share a bot. */
export function newBot(): { botId: number; token: string } {
  nextBotId += 1;
  return { botId: nextBotId, token: `${nextBotId}:test-secret-${nextBotId}` };
}

/** Telegram's response envelope. */
export interface ApiResponse<T = unknown> {
  ok: boolean;
  result?: T;
  error_code?: number;
  description?: string;
  parameters?: { retry_after?: number };
}

/** Calls a Bot API method with a JSON body, as a bot library would, and returns status and body. */
export async function callApi<T = unknown>(
  url: string,
  token: string,
  method: string,
  params: Record<string, unknown> = {},
): Promise<ApiResponse<T> & { status: number }> {
  const response = await fetch(`${url}/bot${token}/${method}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(params),
  });
  return { status: response.status, ...((await response.json()) as ApiResponse<T>) };
}

/** Serves an express app on 127.0.0.1, port 0. */
export async function serveApp(app: Express): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Resolves once `condition` holds, checking on every turn of the event loop; rejects after `timeoutMs`. */
export async function until(condition: () => boolean, timeoutMs = 2_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error("condition not reached in time");
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}
