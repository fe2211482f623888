/**
 * The user side over HTTP (`/_sim/...`): create users, act as them, read and wait for chats, inject
 * faults, reset. JSON in and out; see ../README.md for the endpoint list.
 */
import express, { type NextFunction, type Request, type Response, Router } from "express";
import { z } from "zod";
import type { SimBot } from "./bot.ts";
import type { SimChat } from "./chat.ts";
import { toBotInfo, toChatSummary, toChatView, toMessageView } from "./chat-view.ts";
import { SimError } from "./errors.ts";
import { faultRuleSchema } from "./faults.ts";
import type { Logger } from "./logger.ts";
import type { SimState } from "./state.ts";
import * as act from "./user-actions.ts";
import { exchangeSignal } from "./waits.ts";

/** Photos may come as base64, hence more than express's default 100 kB. */
const JSON_LIMIT = "20mb";
const MAX_WAIT_SECONDS = 60;

const botIdParam = z.coerce.number().int().positive();
const chatIdParam = z.coerce.number().int().positive();

const registerBotBody = z.object({
  token: z.string(),
  firstName: z.string().min(1).optional(),
  username: z.string().min(1).optional(),
});
const profileBody = z.object({
  firstName: z.string().min(1),
  lastName: z.string().optional(),
  username: z.string().optional(),
  languageCode: z.string().optional(),
  phoneNumber: z.string().optional(),
});
const textBody = z.object({ text: z.string(), replyToMessageId: z.number().int().optional() });
const editBody = z.object({ text: z.string() });
const pressBody = z
  .object({
    text: z.string().optional(),
    data: z.string().optional(),
    messageId: z.number().int().optional(),
  })
  .refine((body) => body.text !== undefined || body.data !== undefined, "give the button's text or data");
const contactBody = z.object({
  phoneNumber: z.string().min(1).optional(),
  firstName: z.string().optional(),
  lastName: z.string().optional(),
  userId: z.number().int().optional(),
});
const stickerBody = z.object({ emoji: z.string().optional() });
const photoBody = z.object({ caption: z.string().optional(), contentBase64: z.base64().optional() });
const forwardBody = z.object({
  messageId: z.number().int().optional(),
  text: z.string().optional(),
  senderName: z.string().optional(),
});
const waitQuery = z.object({
  after: z.coerce.number().int().optional(),
  timeout: z.coerce.number().min(0).max(MAX_WAIT_SECONDS).default(10),
});

/** A user action: parses its body, acts in the chat and returns what to answer with. */
type UserAction = (state: SimState, bot: SimBot, chat: SimChat, body: unknown) => unknown;

/** `POST /_sim/bots/:botId/chats/:chatId/<name>`: what a user can do, by endpoint name. */
const USER_ACTIONS: Record<string, UserAction> = {
  messages: (state, bot, chat, body) => toMessageView(act.sendText(state, bot, chat, textBody.parse(body))),
  press: (state, bot, chat, body) => act.press(state, bot, chat, pressBody.parse(body)),
  contact: (state, bot, chat, body) =>
    toMessageView(act.shareContact(state, bot, chat, contactBody.parse(body))),
  sticker: (state, bot, chat, body) =>
    toMessageView(act.sendSticker(state, bot, chat, stickerBody.parse(body))),
  photo: (state, bot, chat, body) => {
    const { caption, contentBase64 } = photoBody.parse(body);
    const content = contentBase64 === undefined ? undefined : Buffer.from(contentBase64, "base64");
    return toMessageView(act.sendPhoto(state, bot, chat, { caption, content }));
  },
  forward: (state, bot, chat, body) =>
    toMessageView(act.forwardMessage(state, bot, chat, forwardBody.parse(body))),
};

/** Routes of the user side, mounted at `/_sim`. */
export function simRouter(state: SimState, logger: Logger, allowedOrigins: readonly string[] = []): Router {
  const router = Router();
  router.use(originCheck(allowedOrigins), express.json({ limit: JSON_LIMIT }));
  addControlRoutes(router, state);
  addChatRoutes(router, state);
  router.use(errorHandler(logger));
  return router;
}

/** Reset, bots, faults, the chat list and files. */
function addControlRoutes(router: Router, state: SimState): void {
  router.post("/reset", async (_req, res) => {
    await state.reset();
    res.status(204).end();
  });
  router.get("/bots", (_req, res) => {
    res.json(state.listBots().map(toBotInfo));
  });
  router.post("/bots", (req, res) => {
    const { token, ...profile } = registerBotBody.parse(req.body);
    res.status(201).json(toBotInfo(state.registerBot(token, profile)));
  });
  router.get("/bots/:botId", (req, res) => {
    res.json(toBotInfo(knownBot(state, req)));
  });
  router.get("/bots/:botId/faults", (req, res) => {
    res.json(knownBot(state, req).faults.list());
  });
  router.post("/bots/:botId/faults", (req, res) => {
    // Faults may be planned before the bot's first call.
    const bot = state.ensureBot(botIdParam.parse(req.params.botId));
    bot.faults.add(faultRuleSchema.parse(req.body));
    res.status(201).json(bot.faults.list());
  });
  router.delete("/bots/:botId/faults", (req, res) => {
    state.findBot(botIdParam.parse(req.params.botId))?.faults.clear();
    res.status(204).end();
  });
  router.get("/chats", (_req, res) => {
    const chats = state
      .listBots()
      .flatMap((bot) => [...bot.chats.values()].map((c) => toChatSummary(bot, c)));
    res.json(chats);
  });
  router.get("/files/:fileId", (req, res) => {
    const file = state.files.get(req.params.fileId);
    if (!file) throw new SimError(404, "file not found");
    res.type(file.mimeType ?? "application/octet-stream");
    if (file.fileName) res.attachment(file.fileName);
    res.send(file.content);
  });
}

/** One chat: create it, read it, wait for it, and act in it as its user. */
function addChatRoutes(router: Router, state: SimState): void {
  const path = "/bots/:botId/chats/:chatId";
  router.put(path, (req, res) => {
    // A chat may be set up before the bot's first call.
    const bot = state.ensureBot(botIdParam.parse(req.params.botId));
    const chat = act.ensureChat(bot, {
      id: chatIdParam.parse(req.params.chatId),
      ...profileBody.parse(req.body),
    });
    res.json(toChatView(bot, chat));
  });
  router.get(path, (req, res) => {
    const { bot, chat } = knownChat(state, req);
    res.json(toChatView(bot, chat));
  });
  router.get(`${path}/wait`, async (req, res) => {
    const { bot, chat } = knownChat(state, req);
    const query = waitQuery.parse(req.query);
    const signal = exchangeSignal(res, state.signal);
    await waitForChange(chat, query.after ?? chat.version, query.timeout * 1000, signal);
    res.json(toChatView(bot, chat));
  });
  router.patch(`${path}/messages/:messageId`, (req, res) => {
    const { bot, chat } = knownChat(state, req);
    const messageId = z.coerce.number().int().parse(req.params.messageId);
    res.json(toMessageView(act.editText(state, bot, chat, { messageId, ...editBody.parse(req.body) })));
  });
  for (const [name, run] of Object.entries(USER_ACTIONS)) {
    router.post(`${path}/${name}`, (req, res) => {
      const { bot, chat } = knownChat(state, req);
      res.status(201).json(run(state, bot, chat, req.body ?? {}));
    });
  }
  router.post(`${path}/clear`, (req, res) => {
    const { bot, chat } = knownChat(state, req);
    chat.clearHistory();
    res.json(toChatView(bot, chat));
  });
  for (const [name, blocked] of [
    ["block", true],
    ["unblock", false],
  ] as const) {
    router.post(`${path}/${name}`, (req, res) => {
      const { bot, chat } = knownChat(state, req);
      act.setBlocked(state, bot, chat, blocked);
      res.json(toChatView(bot, chat));
    });
  }
}

function knownBot(state: SimState, req: Request): SimBot {
  const bot = state.findBot(botIdParam.parse(req.params.botId));
  if (!bot) throw new SimError(404, "bot not found");
  return bot;
}

function knownChat(state: SimState, req: Request): { bot: SimBot; chat: SimChat } {
  const bot = knownBot(state, req);
  const chat = bot.chats.get(chatIdParam.parse(req.params.chatId));
  if (!chat) throw new SimError(404, "chat not found: create it with PUT /_sim/bots/:botId/chats/:chatId");
  return { bot, chat };
}

/** Waits until the chat's version passes `after`, `timeoutMs` elapse or `signal` aborts. */
async function waitForChange(
  chat: SimChat,
  after: number,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const remaining = deadline - performance.now();
    if (chat.version > after || remaining <= 0 || signal.aborted) return;
    await chat.changed.wait(remaining, signal);
  }
}

/**
 * The user side acts as any user of any chat, so a web page must not reach it: a browser request
 * (it carries an `Origin`) is served only from the origins given (the /sim page's, when it talks to
 * this server directly), with CORS for exactly that origin; any other origin gets 403 before
 * anything is read. Requests without an `Origin` (the /sim page's server-side proxy, the tests'
 * SimClient, curl) are served as before.
 */
function originCheck(allowedOrigins: readonly string[]) {
  const allowed = new Set(allowedOrigins.map((o) => o.replace(/\/$/, "")));
  return (req: Request, res: Response, next: NextFunction): void => {
    const origin = req.headers.origin;
    if (origin === undefined) {
      next();
      return;
    }
    if (!allowed.has(origin)) {
      res.status(403).json({ error: "this origin may not use the simulator's user side" });
      return;
    }
    res.setHeader("access-control-allow-origin", origin);
    res.setHeader("vary", "origin");
    res.setHeader("access-control-allow-methods", "GET, POST, PUT, PATCH, DELETE, OPTIONS");
    res.setHeader("access-control-allow-headers", "content-type");
    if (req.method === "OPTIONS") res.status(204).end();
    else next();
  };
}

function errorHandler(logger: Logger) {
  return (error: unknown, _req: Request, res: Response, _next: NextFunction): void => {
    if (error instanceof SimError) {
      res.status(error.status).json({ error: error.message });
    } else if (error instanceof z.ZodError) {
      res.status(400).json({ error: z.prettifyError(error) });
    } else if (isBodyParserError(error)) {
      res.status(error.status).json({ error: error.message });
    } else {
      logger.error({ error: String(error) }, "user-side request failed");
      res.status(500).json({ error: "internal error" });
    }
  };
}

function isBodyParserError(error: unknown): error is { status: number; message: string } {
  return typeof error === "object" && error !== null && "status" in error && typeof error.status === "number";
}
