/**
 * The project's local Telegram Bot API server: an in-memory simulator that unmodified grammY and Telegraf
 * bots talk to through their `apiRoot` option, plus user-side endpoints (`/_sim`) that play the users.
 *
 * @example
 * const api = createLocalBotApi();
 * const running = await api.listen(); // port 0: any free port on 127.0.0.1
 * const bot = new Bot("123:secret", { client: { apiRoot: running.url } });
 * // ... drive it with new SimClient(running.url) ...
 * await running.close();
 */
import express, { type Express } from "express";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { botApiRouter } from "./bot-routes.ts";
import { runWebhookReply } from "./dispatch.ts";
import { type Logger, silentLogger } from "./logger.ts";
import { simRouter } from "./sim-routes.ts";
import { type SimOptions, SimState } from "./state.ts";

/** Options of {@link createLocalBotApi}; all optional. */
export interface LocalBotApiOptions {
  /** A pino logger or anything with the same methods; silent by default. */
  logger?: Logger;
  /** Clock for message dates, epoch milliseconds. Default `Date.now`. */
  now?: () => number;
  /** The first update id of each bot; default the clock in milliseconds (see SimOptions). */
  firstUpdateId?: () => number;
  /** Accept any `<digits>:<secret>` token without registering it. Default true. */
  acceptAnyToken?: boolean;
  /**
   * How long a callback query can be answered. Telegram does not document its limit (reports range from
   * seconds to a minute); default 60 s.
   */
  callbackQueryTtlMs?: number;
  /**
   * Browser origins allowed to use the user side (`/_sim`) directly, e.g. the /sim page's
   * `http://127.0.0.1:8080`. Default none: a request carrying any `Origin` is refused (403).
   */
  allowedOrigins?: readonly string[];
  /** Webhook delivery: answer timeout (default 60 s) and retry pauses (default 100 ms doubling to 3 s). */
  webhook?: { timeoutMs?: number; retryBaseMs?: number; retryMaxMs?: number };
}

/** A listening server. */
export interface RunningLocalBotApi {
  /** Base URL, to be used as the bots' apiRoot and the SimClient's base URL. */
  url: string;
  port: number;
  /** Answers waiting long polls, stops webhook delivery and closes every connection. */
  close: () => Promise<void>;
}

/** The simulator: an express app, its state, and a way to listen. */
export interface LocalBotApi {
  app: Express;
  state: SimState;
  /** Listens on `host:port`; port 0 (the default) picks a free port. */
  listen: (port?: number, host?: string) => Promise<RunningLocalBotApi>;
}

/** Creates a local Bot API server; nothing listens until {@link LocalBotApi.listen}. */
export function createLocalBotApi(options: LocalBotApiOptions = {}): LocalBotApi {
  const logger = options.logger ?? silentLogger;
  const simOptions: SimOptions = {
    now: options.now ?? Date.now,
    acceptAnyToken: options.acceptAnyToken ?? true,
    firstUpdateId: options.firstUpdateId ?? Date.now,
    callbackQueryTtlMs: options.callbackQueryTtlMs ?? 60_000,
    webhookTimeoutMs: options.webhook?.timeoutMs ?? 60_000,
    webhookRetryBaseMs: options.webhook?.retryBaseMs ?? 100,
    webhookRetryMaxMs: options.webhook?.retryMaxMs ?? 3_000,
    logger,
  };
  const state: SimState = new SimState(simOptions, (bot, method, params) =>
    runWebhookReply(state, bot, method, params),
  );
  const app = express();
  app.disable("x-powered-by");
  app.use("/_sim", simRouter(state, logger, options.allowedOrigins ?? []));
  app.use(botApiRouter(state, logger));
  app.use((_req, res) => {
    res.status(404).json({ ok: false, error_code: 404, description: "Not Found" });
  });
  return { app, state, listen: (port = 0, host = "127.0.0.1") => listen(app, state, logger, port, host) };
}

async function listen(app: Express, state: SimState, logger: Logger, port: number, host: string) {
  const server = createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const bound = (server.address() as AddressInfo).port;
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${bound}`;
  logger.info({ url }, "local Bot API server listening");
  return { url, port: bound, close: () => close(server, state) } satisfies RunningLocalBotApi;
}

async function close(server: Server, state: SimState): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  await state.shutDown();
  // One turn of the event loop lets the answers to the ended long polls reach their clients first.
  await new Promise((resolve) => setImmediate(resolve));
  server.closeAllConnections();
  await closed;
}
