/**
 * The HTTP API (Express 5): health, the bot's webhook, and the routes features add.
 * Every route validates its input with zod at the edge; errors leave as
 * `{ error: { code, message, details? } }` through one middleware.
 */
import express, { type ErrorRequestHandler, type Express, type Router } from "express";
import type { Logger } from "pino";
import { z } from "zod";
import { safeError } from "../logger.ts";
import { apiError, DomainError } from "../errors.ts";
import type { Translator } from "../i18n/index.ts";

/** Something /health checks. */
export type HealthCheck = () => Promise<boolean>;

/** What the API is built from. */
export interface ApiOptions {
  logger: Logger;
  health: Record<string, HealthCheck>;
  /** Bot webhook: path and handler (the adapter's). */
  webhook?: { path: string; handler: express.RequestHandler };
  /** Feature routers mounted under /api. */
  routers?: Router[];
  /** Extra top-level routers (e.g. the /sim page). */
  pages?: Router[];
  /** Renders the text of a DomainError that has no developer message. */
  translator?: Translator;
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

  // No body parser here: the handler checks the secret before it reads the body.
  if (options.webhook) app.post(options.webhook.path, options.webhook.handler);

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

  app.use("/api", express.json({ limit: "100kb" }));
  for (const router of options.routers ?? []) app.use("/api", router);
  for (const router of options.pages ?? []) app.use(router);

  app.use((_req, _res, next) => next(apiError("not_found", "no such route")));
  const errors: ErrorRequestHandler = (error: unknown, _req, res, _next) => {
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
    if (error instanceof SyntaxError && "status" in error && error.status === 400) {
      res.status(400).json({
        error: { code: "bad_request", message: "body: malformed JSON", details: { field: "body" } },
      });
      return;
    }
    options.logger.error({ err: safeError(error) }, "api request failed");
    res.status(500).json({ error: { code: "internal", message: "internal error" } });
  };
  app.use(errors);
  return app;
}
