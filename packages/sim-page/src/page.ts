/**
 * The demo page, `GET /sim`: the demo staff's Telegram (and MAX) chats side by side, played through the local Bot API
 * server's user side (see packages/telegram-bot-api-sim/README.md). Served by the main HTTP app only when the local server runs
 * (no BOT_TOKEN), and only to loopback clients.
 *
 * Routes: `/sim` (the page), `/sim/app.js` (its script, bundled from ./app/app.ts on first use),
 * `/sim/app.css`, `/sim/config.json`, `/sim/web-app-data` (signed Mini App launch data), and `/sim/api/_sim/...` (the proxy to the simulator, ./sim-proxy.ts).
 */
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { Router, type Response } from "express";
import type { Logger } from "pino";
import { errorFields } from "./errors.ts";
import type { SimPerson } from "./people.ts";
import { buildPageScript } from "./page-script.ts";
import { createSimProxy, loopbackOnly } from "./sim-proxy.ts";

/** Where the page finds the proxy; SimClient appends `/_sim/...`. */
export const SIM_API_BASE = "/sim/api";
/** Where the page finds the proxy to the local MAX server's user side. */
export const SIM_MAX_API_BASE = "/sim/api-max";

/** What `/sim/config.json` tells the page. */
export interface SimPageConfig {
  /** The bot's username, to find its id among the simulator's bots. */
  botUsername: string;
  /** Base URL of the simulator's user side for SimClient (same origin). */
  apiBase: string;
  /** Whether demo data exists in the database (else the bot does not know the demo people). */
  seeded: boolean;
  /** The chats shown, in column order. */
  people: SimPerson[];
  /** The local MAX server's user side (same origin) and its bot, when MAX runs offline. */
  max?: { apiBase: string; botUsername: string };
  /** Whether the page offers "reset demo". */
  canReset: boolean;
}

/** Options of {@link createSimPage}. */
export interface SimPageOptions {
  localBotApiUrl: string;
  botUsername: string;
  logger: Logger;
  /** Whether demo data exists; asked on every page load. */
  seeded: () => Promise<boolean>;
  /** The chats to show, in column order. */
  people: readonly SimPerson[];
  /** The local MAX server, when MAX runs offline: its chats are shown too (people with `messenger: "max"`). */
  max?: { localApiUrl: string; botUsername: string };
  /**
   * Signs Mini App launch data for a simulated Telegram user (with the local bot's token), so a
   * `web_app` button opens its page as Telegram would; without it such buttons open unsigned.
   */
  webAppData?: (userId: number) => string;
  /** Starts the demo afresh (`POST /sim/reset`; the page then clears the chats). Absent: no button. */
  reset?: () => Promise<void>;
}

const ASSETS = new URL("./app/", import.meta.url);

/**
 * Nothing but the page's own files and its own origin: user text is only ever set with `textContent`, and
 * this policy keeps it so should that slip.
 */
const PAGE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

/** The page's router (see the module description). */
export function createSimPage(options: SimPageOptions): Router {
  const router = Router();
  const files = new Map<string, Promise<string>>();
  const asset = (name: string) => {
    let file = files.get(name);
    if (!file) {
      file = readFile(fileURLToPath(new URL(name, ASSETS)), "utf8");
      files.set(name, file);
    }
    return file;
  };
  const send = (res: Response, type: string, body: string) => {
    res.setHeader("x-content-type-options", "nosniff");
    res.setHeader("referrer-policy", "no-referrer");
    res.setHeader("cache-control", "no-store");
    res.type(type).send(body);
  };
  const failed = (res: Response, what: string) => (error: unknown) => {
    options.logger.error(errorFields(error), `demo page: ${what} failed`);
    res.status(500).type("text/plain").send(`The demo page's ${what} could not be prepared; see the log.`);
  };

  router.use("/sim", loopbackOnly);
  router.get("/sim", async (_req, res) => {
    res.setHeader("content-security-policy", PAGE_CSP);
    res.setHeader("x-frame-options", "DENY");
    await asset("index.html").then((html) => send(res, "html", html), failed(res, "HTML"));
  });
  router.get("/sim/app.css", async (_req, res) => {
    await asset("app.css").then((css) => send(res, "css", css), failed(res, "style sheet"));
  });
  router.get("/sim/app.js", async (_req, res) => {
    await buildPageScript().then((js) => send(res, "text/javascript", js), failed(res, "script"));
  });
  router.get("/sim/config.json", async (_req, res) => {
    const seeded = await options.seeded().catch((error: unknown) => {
      options.logger.warn(errorFields(error), "demo page: could not check for demo data");
      return false;
    });
    const config: SimPageConfig = {
      botUsername: options.botUsername,
      apiBase: SIM_API_BASE,
      seeded,
      canReset: options.reset !== undefined,
      people: options.max ? [...options.people] : options.people.filter((p) => p.messenger !== "max"),
      ...(options.max ? { max: { apiBase: SIM_MAX_API_BASE, botUsername: options.max.botUsername } } : {}),
    };
    res.setHeader("cache-control", "no-store");
    res.json(config);
  });
  router.get("/sim/web-app-data", (req, res) => {
    const userId = Number(req.query.user);
    const known = options.people.some((p) => p.userId === userId && p.messenger !== "max");
    if (!options.webAppData || !known) return res.status(404).json({ error: "no such simulated user" });
    res.setHeader("cache-control", "no-store");
    res.json({ initData: options.webAppData(userId) });
  });
  router.post("/sim/reset", async (req, res) => {
    // Only the page's own script sends this header: a form or a link on another site cannot (a
    // custom header needs CORS, which is never granted), so no other page can wipe the demo.
    if (!options.reset || req.get("x-sim-reset") !== "1") {
      res.status(403).json({ error: "reset is only done by the demo page" });
      return;
    }
    try {
      await options.reset();
      res.status(204).end();
    } catch (error) {
      options.logger.error(errorFields(error), "demo page: reset failed");
      res.status(500).json({ error: "the demo could not be reset; see the log" });
    }
  });
  router.use(SIM_API_BASE, createSimProxy({ target: options.localBotApiUrl, logger: options.logger }));
  if (options.max)
    router.use(SIM_MAX_API_BASE, createSimProxy({ target: options.max.localApiUrl, logger: options.logger }));
  return router;
}
