/**
 * A narrow reverse proxy from the main HTTP app to the local Bot API server's user side, so the demo page
 * talks to the simulator through its own origin (no CORS, one port to open):
 * `/sim/api/_sim/<path>` → `<simulator>/_sim/<path>`.
 *
 * Only `/_sim/...` paths made of plain segments are forwarded (the bot side, `/bot<token>/...`, is never
 * reachable), request bodies must be JSON within a size limit, answers must be JSON, and only loopback
 * clients are served.
 */
import express, { Router, type NextFunction, type Request, type Response } from "express";
import type { Logger } from "pino";
import { errorFields } from "./errors.ts";

/** Largest request body forwarded by default: a 4096-character message is ~16 kB of JSON at worst. */
export const DEFAULT_BODY_LIMIT_BYTES = 32 * 1024;

/** The simulator holds a long poll up to 60 s; give up a little later. */
const UPSTREAM_TIMEOUT_MS = 70_000;

/** `/_sim` plus up to 8 segments of letters, digits, `_` and `-` (no dots, no escapes, no empty segments). */
const SIM_PATH = /^\/_sim(?:\/[A-Za-z0-9_-]{1,64}){0,8}$/;

const METHODS = new Set(["GET", "POST", "PUT", "PATCH"]);

/** Options of {@link createSimProxy}. */
export interface SimProxyOptions {
  /** Base URL of the local Bot API server, e.g. `http://127.0.0.1:8081`. */
  target: string;
  logger: Logger;
  /** Default {@link DEFAULT_BODY_LIMIT_BYTES}. */
  bodyLimitBytes?: number;
}

/** Whether a socket's remote address is the machine itself (IPv4, IPv6 or IPv4-mapped IPv6). */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith("::ffff:") ? address.slice(7) : address;
  return address === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}

/**
 * Middleware refusing (403) every client that does not connect from the machine itself. It looks at the
 * socket, not at `X-Forwarded-For`: a request relayed by a proxy on this machine is still refused unless the
 * proxy itself is the client the demo is meant for.
 */
export function loopbackOnly(req: Request, res: Response, next: NextFunction): void {
  if (isLoopbackAddress(req.socket.remoteAddress)) {
    next();
    return;
  }
  res.status(403).json({ error: "the demo simulator is only served to this machine (loopback)" });
}

/**
 * The proxy router; mount it where the page expects it, e.g. `router.use("/sim/api", createSimProxy(...))`.
 * Errors are answered as the simulator answers them: `{ "error": "..." }` with a 4xx/5xx status.
 */
export function createSimProxy(options: SimProxyOptions): Router {
  const target = options.target.replace(/\/$/, "");
  const limit = options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES;
  const router = Router();

  router.use(loopbackOnly, (req, res, next) => {
    res.setHeader("cache-control", "no-store");
    if (!METHODS.has(req.method)) {
      res.setHeader("allow", [...METHODS].join(", "));
      res.status(405).json({ error: `method ${req.method} is not proxied` });
      return;
    }
    if (!SIM_PATH.test(req.path)) {
      res.status(404).json({ error: "only the simulator's user side (/_sim/...) is proxied" });
      return;
    }
    if (req.is("application/json") === false) {
      res.status(415).json({ error: "request bodies must be application/json" });
      return;
    }
    next();
  });
  router.use(express.json({ limit, type: "application/json" }));

  router.use(async (req, res) => {
    const search = new URL(req.originalUrl, "http://localhost").search;
    const body: unknown = req.body;
    const hasBody = req.method !== "GET" && body !== undefined;
    // Stop the upstream request (e.g. a long poll) when the browser goes away.
    const gone = new AbortController();
    res.on("close", () => gone.abort());
    let upstream: globalThis.Response;
    try {
      upstream = await fetch(`${target}${req.path}${search}`, {
        method: req.method,
        headers: hasBody ? { "content-type": "application/json" } : {},
        body: hasBody ? JSON.stringify(body) : undefined,
        redirect: "manual",
        signal: AbortSignal.any([gone.signal, AbortSignal.timeout(UPSTREAM_TIMEOUT_MS)]),
      });
    } catch (error) {
      if (gone.signal.aborted) return;
      options.logger.warn({ ...errorFields(error), path: req.path }, "demo proxy: simulator unreachable");
      res.status(502).json({ error: "the local Bot API server did not answer" });
      return;
    }
    if (upstream.status === 204) {
      res.status(204).end();
      return;
    }
    const type = upstream.headers.get("content-type") ?? "";
    const text = await upstream.text().catch(() => undefined);
    if (text === undefined || !/^application\/json\b/i.test(type)) {
      res.status(502).json({ error: "the local Bot API server gave a non-JSON answer" });
      return;
    }
    res.status(upstream.status).type("application/json").send(text);
  });

  router.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const parserError = bodyParserError(error);
    if (parserError?.type === "entity.too.large") {
      res.status(413).json({ error: `request body too large (limit ${limit} bytes)` });
    } else if (parserError && parserError.status < 500) {
      res.status(400).json({ error: "request body is not valid JSON" });
    } else {
      options.logger.error({ ...errorFields(error) }, "demo proxy failed");
      res.status(500).json({ error: "internal error" });
    }
  });
  return router;
}

/** body-parser's errors carry an HTTP status and a `type` such as "entity.too.large". */
function bodyParserError(error: unknown): { status: number; type: string } | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const { status, type } = error as { status?: unknown; type?: unknown };
  return typeof status === "number" && typeof type === "string" ? { status, type } : undefined;
}
