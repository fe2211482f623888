/**
 * The local MAX Bot API server: the bot side (the subset of https://dev.max.ru/docs-api the product
 * uses, with faults on demand), webhook delivery, uploads, and the user side under `/_sim`.
 */
import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import express, { type NextFunction, type Request, type Response } from "express";
import { z } from "zod";
import { faultRuleSchema } from "./faults.ts";
import { fakePhone, MaxApiError, SimState, type NewMessageBody, type SimBot } from "./state.ts";

/** Options of {@link createLocalMaxApi}; all optional. */
export interface LocalMaxApiOptions {
  /** pino or compatible; silent by default. */
  logger?: { info: (obj: object, msg?: string) => void; warn: (obj: object, msg?: string) => void };
  /** Clock for timestamps (epoch ms). */
  now?: () => number;
  /** Accept any token never seen before as a new bot (default true). */
  acceptAnyToken?: boolean;
  /** Webhook delivery: request timeout and retry pauses (MAX itself waits 60 s, then ×2.5). */
  webhook?: { timeoutMs?: number; retryBaseMs?: number; retryMaxMs?: number };
}

/** A running server. */
export interface RunningLocalMaxApi {
  url: string;
  close(): Promise<void>;
}

/** The server before it listens. */
export interface LocalMaxApi {
  app: express.Express;
  state: SimState;
  listen(port?: number, host?: string): Promise<RunningLocalMaxApi>;
}

const silent = { info: () => {}, warn: () => {} };

/**
 * Creates the server.
 * @example
 * const local = createLocalMaxApi();
 * const running = await local.listen(0);
 * const bot = new Bot("any-token", { clientOptions: { baseUrl: running.url } });
 */
export function createLocalMaxApi(options: LocalMaxApiOptions = {}): LocalMaxApi {
  const logger = options.logger ?? silent;
  const now = options.now ?? (() => Date.now());
  const state = new SimState(now, options.acceptAnyToken ?? true);
  const lifetime = new AbortController();
  const webhook = { timeoutMs: 30_000, retryBaseMs: 100, retryMaxMs: 3_000, ...options.webhook };
  const delivering = new Set<number>();
  let baseUrl = "";

  const app = express();
  app.disable("x-powered-by");

  // ---- user side ----------------------------------------------------------------------------
  const sim = express.Router();
  sim.use((_req, res, next) => {
    res.setHeader("access-control-allow-origin", "*");
    res.setHeader("access-control-allow-headers", "content-type");
    res.setHeader("access-control-allow-methods", "GET, POST, PUT, PATCH, DELETE");
    next();
  });
  sim.options(/.*/, (_req, res) => void res.sendStatus(204));
  sim.use(express.json({ limit: "2mb" }));
  const id = (value: unknown) => z.coerce.number().int().parse(value);
  const dialogOf = (req: Request) => state.dialog(id(req.params.botId), id(req.params.userId));

  sim.post("/reset", (_req, res) => {
    state.reset();
    res.sendStatus(204);
  });
  sim.get("/bots", (_req, res) => void res.json([...state.bots.values()].map((b) => state.botInfo(b))));
  sim.post("/bots", (req, res) => {
    const body = z
      .object({ token: z.string().min(1), name: z.string().optional(), username: z.string().optional() })
      .parse(req.body);
    res.json(state.botInfo(state.registerBot(body.token, body)));
  });
  sim.get("/bots/:botId", (req, res) => void res.json(state.botInfo(state.bot(id(req.params.botId)))));
  sim.get("/chats", (_req, res) => void res.json(state.summaries()));
  sim.put("/bots/:botId/chats/:userId", (req, res) => {
    const profile = z
      .object({
        firstName: z.string().min(1),
        lastName: z.string().optional(),
        username: z.string().optional(),
        languageCode: z.string().optional(),
        phoneNumber: z.string().optional(),
      })
      .parse(req.body);
    res.json(state.view(state.upsertDialog(id(req.params.botId), { id: id(req.params.userId), ...profile })));
  });
  const chat = "/bots/:botId/chats/:userId";
  sim.get(chat, (req, res) => void res.json(state.view(dialogOf(req))));
  sim.get(`${chat}/wait`, async (req, res) => {
    const dialog = dialogOf(req);
    const after = req.query.after === undefined ? dialog.version : id(req.query.after);
    const seconds = Math.min(60, req.query.timeout === undefined ? 10 : Number(req.query.timeout));
    await state.waitForDialog(dialog, after, seconds * 1000, exchangeSignal(res, lifetime.signal));
    if (!res.writableEnded) res.json(state.view(dialog));
  });
  sim.post(`${chat}/start`, (req, res) => {
    const { payload } = z.object({ payload: z.string().optional() }).parse(req.body ?? {});
    const dialog = dialogOf(req);
    state.start(dialog, payload);
    res.json(state.view(dialog));
  });
  sim.post(`${chat}/clear`, (req, res) => {
    const dialog = dialogOf(req);
    state.clearDialog(dialog);
    res.json(state.view(dialog));
  });
  sim.post(`${chat}/stop`, (req, res) => {
    const dialog = dialogOf(req);
    state.stop(dialog);
    res.json(state.view(dialog));
  });
  sim.post(`${chat}/messages`, (req, res) => {
    // Stored trimmed, as the Telegram simulator does (assumed of MAX clients too).
    const { text } = z.object({ text: z.string().trim().min(1).max(4000) }).parse(req.body);
    res.json(state.messageView(state.userMessage(dialogOf(req), { text })));
  });
  sim.patch(`${chat}/messages/:messageId`, (req, res) => {
    const { text } = z.object({ text: z.string().min(1).max(4000) }).parse(req.body);
    res.json(state.messageView(state.userEdit(dialogOf(req), id(req.params.messageId), text)));
  });
  sim.post(`${chat}/press`, (req, res) => {
    const by = z
      .object({
        text: z.string().optional(),
        data: z.string().optional(),
        messageId: z.number().int().optional(),
      })
      .refine((b) => b.text !== undefined || b.data !== undefined, "give the button's text or data")
      .parse(req.body);
    const result = state.press(dialogOf(req), by);
    res.json(
      result.kind === "callback" ? result : { kind: "message", message: state.messageView(result.message) },
    );
  });
  sim.post(`${chat}/contact`, (req, res) => {
    const body = z
      .object({
        phoneNumber: z.string().optional(),
        firstName: z.string().optional(),
        lastName: z.string().optional(),
      })
      .parse(req.body ?? {});
    const dialog = dialogOf(req);
    const own = body.phoneNumber === undefined;
    const phone = body.phoneNumber ?? dialog.user.phoneNumber ?? fakePhone(dialog.user.id);
    const name = [
      body.firstName ?? dialog.user.firstName,
      body.lastName ?? (own ? dialog.user.lastName : undefined),
    ]
      .filter(Boolean)
      .join(" ");
    const attachment = state.contactAttachment(dialog, phone, name, own);
    res.json(state.messageView(state.userMessage(dialog, { attachments: [attachment] })));
  });
  sim.post(`${chat}/sticker`, (req, res) => {
    const attachment = {
      type: "sticker",
      payload: { url: "sim://sticker", code: "sim" },
      width: 128,
      height: 128,
    };
    res.json(state.messageView(state.userMessage(dialogOf(req), { attachments: [attachment] })));
  });
  sim.post(`${chat}/forward`, (req, res) => {
    const { text } = z.object({ text: z.string().min(1) }).parse(req.body);
    res.json(state.messageView(state.userMessage(dialogOf(req), { text, forwarded: true })));
  });
  sim.get("/bots/:botId/faults", (req, res) => void res.json(state.bot(id(req.params.botId)).faults.list()));
  sim.post("/bots/:botId/faults", (req, res) => {
    const bot = state.bot(id(req.params.botId));
    bot.faults.add(faultRuleSchema.parse(req.body));
    res.json(bot.faults.list());
  });
  sim.delete("/bots/:botId/faults", (req, res) => {
    state.bot(id(req.params.botId)).faults.clear();
    res.sendStatus(204);
  });
  sim.get("/files/:token", (req, res) => {
    const file = state.files.get(String(req.params.token));
    if (!file) return void res.status(404).json({ error: "no such file" });
    res.setHeader("content-type", file.contentType);
    res.send(file.content);
  });
  sim.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (err instanceof MaxApiError) return void res.status(err.status).json({ error: err.message });
    if (err instanceof z.ZodError)
      return void res.status(400).json({ error: err.issues.map((i) => i.message).join("; ") });
    res.status(400).json({ error: err instanceof Error ? err.message : String(err) });
  });
  app.use("/_sim", sim);

  // ---- uploads (the host MAX's POST /uploads points to) ---------------------------------------
  app.post("/_upload/:uploadId", express.raw({ type: () => true, limit: "50mb" }), async (req, res) => {
    const upload = state.uploads.get(String(req.params.uploadId));
    if (!upload) return void res.status(404).json({ code: "not.found", message: "Upload URL not found" });
    const contentType = req.headers["content-type"] ?? "";
    if (!contentType.startsWith("multipart/form-data")) {
      return void res
        .status(400)
        .json({ code: "upload.invalid", message: "the simulator takes multipart uploads only" });
    }
    let part: FormDataEntryValue | null;
    try {
      part = (
        await new Response(new Uint8Array(req.body as Buffer), {
          headers: { "content-type": contentType },
        }).formData()
      ).get("data");
    } catch {
      return void res.status(400).json({ code: "upload.invalid", message: "malformed multipart body" });
    }
    if (!part || typeof part === "string") {
      return void res.status(400).json({ code: "upload.invalid", message: 'no file in the "data" field' });
    }
    state.uploads.delete(String(req.params.uploadId));
    const token = randomBytes(18).toString("base64url");
    state.files.set(token, {
      name: part.name,
      contentType: part.type || "application/octet-stream",
      content: Buffer.from(await part.arrayBuffer()),
    });
    res.json({ token });
  });

  // ---- bot side -------------------------------------------------------------------------------
  const api = express.Router();
  api.use(express.json({ limit: "2mb" }));
  /** Authenticates, applies a planned fault, then runs the operation. */
  const op =
    (operation: string, run: (bot: SimBot, req: Request, signal: AbortSignal) => unknown) =>
    async (req: Request, res: Response) => {
      try {
        // MAX stopped accepting the token in the query string: only the Authorization header.
        const bot = state.botByToken(req.headers.authorization);
        const fault = bot.faults.take(operation);
        if (fault?.kind === "network") return void req.socket.destroy();
        if (fault?.kind === "rate_limit")
          throw new MaxApiError(429, "too.many.requests", "Too many requests");
        if (fault?.kind === "server_error")
          throw new MaxApiError(500, "internal.error", "Internal server error");
        if (fault?.kind === "latency") await sleep(fault.ms, lifetime.signal);
        const result = await run(bot, req, exchangeSignal(res, lifetime.signal));
        if (!res.writableEnded) res.json(result ?? { success: true });
      } catch (err) {
        if (err instanceof MaxApiError)
          return void res.status(err.status).json({ code: err.code, message: err.message });
        if (err instanceof z.ZodError)
          return void res.status(400).json({
            code: "proto.payload",
            message: err.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "),
          });
        logger.warn({ err: String(err) }, "local MAX API failed");
        res.status(500).json({ code: "internal.error", message: "Internal server error" });
      }
    };
  const int64 = z.coerce.number().int();
  const body = (req: Request) => (req.body ?? {}) as NewMessageBody;

  api.get(
    "/me",
    op("getMyInfo", (bot) => ({ ...state.botUser(bot), commands: null })),
  );
  api.get(
    "/updates",
    op("getUpdates", async (bot, req, signal) => {
      if (bot.subscription)
        throw new MaxApiError(
          405,
          "method.not.allowed",
          "Long polling is off while a webhook subscription is active",
        );
      const q = z
        .object({
          limit: int64.min(1).max(1000).default(100),
          timeout: int64.min(0).max(90).default(30),
          marker: int64.optional(),
          types: z.string().optional(),
        })
        .parse(req.query);
      const types = q.types ? q.types.split(",").filter(Boolean) : undefined;
      let answer = state.takeUpdates(bot, q.marker, q.limit, types);
      if (answer.updates.length === 0 && q.timeout > 0) {
        await state.waitForUpdate(
          bot,
          () =>
            state.takeUpdates(bot, q.marker, q.limit, types).updates.length > 0 ||
            bot.subscription !== undefined,
          q.timeout * 1000,
          signal,
        );
        answer = state.takeUpdates(bot, q.marker, q.limit, types);
      }
      return answer;
    }),
  );
  api.get(
    "/subscriptions",
    op("getSubscriptions", (bot) => ({
      subscriptions: bot.subscription
        ? [
            {
              url: bot.subscription.url,
              time: bot.subscription.time,
              update_types: bot.subscription.types ?? [],
            },
          ]
        : [],
    })),
  );
  api.post(
    "/subscriptions",
    op("subscribe", (bot, req) => {
      const b = z
        .object({
          url: z.string().regex(/^https?:\/\//, "must start with https://"),
          update_types: z.array(z.string()).optional(),
          secret: z
            .string()
            .regex(/^[a-zA-Z0-9_-]{5,256}$/)
            .optional(),
        })
        .parse(req.body);
      bot.subscription = {
        url: b.url,
        ...(b.secret ? { secret: b.secret } : {}),
        ...(b.update_types?.length ? { types: b.update_types } : {}),
        time: now(),
      };
      bot.lastWebhookError = undefined;
      deliver(bot);
      return { success: true };
    }),
  );
  api.delete(
    "/subscriptions",
    op("unsubscribe", (bot, req) => {
      const { url } = z.object({ url: z.string() }).parse(req.query);
      if (bot.subscription?.url === url) bot.subscription = undefined;
      return { success: true };
    }),
  );
  api.post(
    "/messages",
    op("sendMessage", (bot, req) => {
      const q = z.object({ chat_id: int64.optional(), user_id: int64.optional() }).parse(req.query);
      if (q.chat_id === undefined && q.user_id === undefined)
        throw new MaxApiError(400, "proto.payload", "chat_id or user_id is required");
      return {
        message: state.sendMessage(
          bot,
          {
            ...(q.chat_id !== undefined ? { chatId: q.chat_id } : {}),
            ...(q.user_id !== undefined ? { userId: q.user_id } : {}),
          },
          body(req),
        ),
      };
    }),
  );
  api.put(
    "/messages",
    op("editMessage", (bot, req) => {
      const { message_id } = z.object({ message_id: z.string().min(1) }).parse(req.query);
      state.editMessage(bot, message_id, body(req));
      return { success: true };
    }),
  );
  api.delete(
    "/messages",
    op("deleteMessage", (bot, req) => {
      const { message_id } = z.object({ message_id: z.string().min(1) }).parse(req.query);
      state.deleteMessage(bot, message_id);
      return { success: true };
    }),
  );
  api.post(
    "/answers",
    op("answerOnCallback", (bot, req) => {
      const { callback_id } = z.object({ callback_id: z.string().min(1) }).parse(req.query);
      state.answer(bot, callback_id, (req.body ?? {}) as { message?: NewMessageBody; notification?: string });
      return { success: true };
    }),
  );
  api.post(
    "/uploads",
    op("getUploadUrl", (bot, req) => {
      const { type } = z.object({ type: z.enum(["image", "video", "audio", "file"]) }).parse(req.query);
      const uploadId = randomBytes(12).toString("base64url");
      state.uploads.set(uploadId, { botId: bot.id, type });
      return { url: `${baseUrl}/_upload/${uploadId}` };
    }),
  );
  api.use((_req, res) => void res.status(404).json({ code: "not.found", message: "Method not found" }));
  app.use(api);

  // ---- webhook delivery: one update at a time per bot, in order, retried until a 200 ------------
  function deliver(bot: SimBot): void {
    if (delivering.has(bot.id)) return;
    delivering.add(bot.id);
    void (async () => {
      let pause = webhook.retryBaseMs;
      try {
        while (!lifetime.signal.aborted && bot.subscription && state.bots.get(bot.id) === bot) {
          const next = state.nextForWebhook(bot);
          if (!next) {
            await state.waitForUpdate(
              bot,
              () => state.nextForWebhook(bot) !== undefined || !bot.subscription,
              60_000,
              lifetime.signal,
            );
            continue;
          }
          const sub = bot.subscription;
          let ok = false;
          try {
            const response = await fetch(sub.url, {
              method: "POST",
              headers: {
                "content-type": "application/json",
                ...(sub.secret ? { "x-max-bot-api-secret": sub.secret } : {}),
              },
              body: JSON.stringify(next.update),
              signal: AbortSignal.timeout(webhook.timeoutMs),
            });
            await response.arrayBuffer().catch(() => undefined);
            ok = response.status === 200;
            if (!ok) bot.lastWebhookError = `HTTP ${response.status}`;
          } catch (err) {
            bot.lastWebhookError = err instanceof Error ? err.message : String(err);
          }
          if (ok) {
            state.delivered(bot, next.seq);
            pause = webhook.retryBaseMs;
          } else {
            await sleep(pause, lifetime.signal);
            pause = Math.min(webhook.retryMaxMs, pause * 2);
          }
        }
      } finally {
        delivering.delete(bot.id);
      }
    })();
  }

  return {
    app,
    state,
    async listen(port = 0, host = "127.0.0.1") {
      const server: Server = createServer(app);
      await new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, host, () => resolve());
      });
      const address = server.address() as AddressInfo;
      baseUrl = `http://${host}:${address.port}`;
      logger.info({ url: baseUrl }, "local MAX Bot API server listening");
      return {
        url: baseUrl,
        close: () =>
          new Promise<void>((resolve) => {
            lifetime.abort();
            server.close(() => resolve());
            server.closeAllConnections();
          }),
      };
    },
  };
}

/** A signal that aborts when the response closes or the server stops; detaches itself afterwards. */
function exchangeSignal(res: Response, lifetime: AbortSignal): AbortSignal {
  const controller = new AbortController();
  const abort = () => controller.abort();
  lifetime.addEventListener("abort", abort, { once: true });
  res.once("close", () => {
    lifetime.removeEventListener("abort", abort);
    controller.abort();
  });
  return controller.signal;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
  });
}
