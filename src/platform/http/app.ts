/**
 * The HTTP API (Express 5): health, the bot's webhook, and the routes features add.
 * Every route validates its input with zod at the edge; errors leave as
 * `{ error: { code, message, details? } }` through one middleware.
 */
import express, { type ErrorRequestHandler, type Express, type Router } from "express";
import { rateLimit } from "express-rate-limit";
import helmet from "helmet";
import type { Logger } from "pino";
import { z } from "zod";
import { safeError } from "../logger.ts";
import { apiError, DomainError } from "../errors.ts";
import type { Translator } from "../i18n/index.ts";

/** Something /health checks. */
export type HealthCheck = () => Promise<boolean>;

/** Failed authentications one address may make per window before it gets 429. */
export interface AuthFailureLimit {
  windowMs: number;
  max: number;
}

/** Default: 20 failed authentications per address in 15 minutes. */
export const DEFAULT_AUTH_FAILURE_LIMIT: AuthFailureLimit = { windowMs: 15 * 60_000, max: 20 };

/** What the API is built from. */
export interface ApiOptions {
  logger: Logger;
  health: Record<string, HealthCheck>;
  /** Bot webhook: path and handler (the adapter's). */
  webhook?: { path: string; handler: express.RequestHandler };
  /** More bot webhooks, one per messenger that runs on webhooks (e.g. `/max/webhook`). */
  webhooks?: { path: string; handler: express.RequestHandler }[];
  /** Feature routers mounted under /api. */
  routers?: Router[];
  /** Extra top-level routers (e.g. the /sim page). */
  pages?: Router[];
  /** Renders the text of a DomainError that has no developer message. */
  translator?: Translator;
  /** Rate limit of failed authentications under /api (default {@link DEFAULT_AUTH_FAILURE_LIMIT}). */
  authFailureLimit?: AuthFailureLimit;
}

/**
 * Security headers on every response (helmet), set for a JSON API and the server-rendered
 * console to come: scripts, styles and connections only from this origin, no framing, no
 * referrer. The /sim page sets its own, stricter policy.
 */
function securityHeaders() {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", "data:"],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    referrerPolicy: { policy: "no-referrer" },
  });
}

/** What an error of a body parser or of the router says about the request, if anything. */
function requestError(error: unknown): DomainError | undefined {
  // Express 5's router cannot decode a malformed escape in the path (e.g. "%E0%A4%A").
  if (error instanceof URIError) return apiError("bad_request", "path: malformed URL escape");
  if (typeof error !== "object" || error === null) return undefined;
  const { status, type } = error as { status?: unknown; type?: unknown };
  if (typeof status !== "number" || status < 400 || status >= 500) return undefined;
  if (type === "entity.too.large") return apiError("payload_too_large", "body: too large");
  if (type === "entity.parse.failed")
    return apiError("bad_request", "body: malformed JSON", { field: "body" });
  if (type === "charset.unsupported" || type === "encoding.unsupported")
    return apiError("bad_request", "body: unsupported encoding (send UTF-8 JSON)", { field: "body" });
  return apiError("bad_request", "malformed request");
}

/** Turns a zod error into the API's 400 naming the first bad field. */
export function badRequest(error: z.ZodError): DomainError {
  const issue = error.issues[0];
  const field = issue?.path.join(".") || "body";
  return apiError("bad_request", `${field}: ${issue?.message ?? "invalid"}`, {
    field,
    issues: error.issues.map((i) => ({ field: i.path.join("."), message: i.message })),
  });
}

/** Parses with zod or throws the API's 400. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw badRequest(parsed.error);
  return parsed.data;
}

/** Builds the Express app. */
export function createApi(options: ApiOptions): Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", "loopback");
  app.use(securityHeaders());

  // No body parser here: each webhook handler checks its secret before it reads the body.
  for (const hook of [...(options.webhook ? [options.webhook] : []), ...(options.webhooks ?? [])])
    app.post(hook.path, hook.handler);

  app.get("/health", async (_req, res) => {
    const checks: Record<string, "ok" | "failing"> = {};
    for (const [name, check] of Object.entries(options.health)) {
      checks[name] = await check().then(
        (ok) => (ok ? "ok" : "failing"),
        () => "failing",
      );
    }
    const ok = Object.values(checks).every((c) => c === "ok");
    res.status(ok ? 200 : 503).json({ status: ok ? "ok" : "failing", checks });
  });

  // Failed authentications: logged (the address and the route, never the token) and limited
  // per address; a request with a valid token is never counted.
  const limit = options.authFailureLimit ?? DEFAULT_AUTH_FAILURE_LIMIT;
  app.use(
    "/api",
    (req, res, next) => {
      res.on("finish", () => {
        if (res.statusCode === 401)
          options.logger.warn(
            { ip: req.ip, method: req.method, path: req.path },
            "api authentication failed",
          );
      });
      next();
    },
    rateLimit({
      windowMs: limit.windowMs,
      limit: limit.max,
      skipSuccessfulRequests: true,
      requestWasSuccessful: (_req, res) => res.statusCode !== 401,
      standardHeaders: "draft-8",
      legacyHeaders: false,
      handler: (req, _res, next) => {
        options.logger.warn({ ip: req.ip }, "api authentication failures limited");
        next(apiError("too_many_requests", "too many failed authentications; try again later"));
      },
    }),
  );
  app.use("/api", express.json({ limit: "100kb" }));
  for (const router of options.routers ?? []) app.use("/api", router);
  for (const router of options.pages ?? []) app.use(router);

  app.use((_req, _res, next) => next(apiError("not_found", "no such route")));
  const errors: ErrorRequestHandler = (error: unknown, _req, res, _next) => {
    if (res.headersSent) return;
    if (error instanceof DomainError) {
      // The i18n text in English when no developer message was given (the same words the chat shows).
      const message =
        error.hasMessage || !options.translator
          ? error.message
          : options.translator.render(error.text, "en", "UTC");
      res.status(error.status).json({
        error: {
          code: error.code,
          message,
          ...(error.reason ? { reason: error.reason } : {}),
          ...(error.details ? { details: error.details } : {}),
        },
      });
      return;
    }
    const refused = requestError(error);
    if (refused) {
      res.status(refused.status).json({
        error: {
          code: refused.code,
          message: refused.message,
          ...(refused.details ? { details: refused.details } : {}),
        },
      });
      return;
    }
    options.logger.error({ err: safeError(error) }, "api request failed");
    res.status(500).json({ error: { code: "internal", message: "internal error" } });
  };
  app.use(errors);
  return app;
}
