/**
 * The user side over HTTP (`/_sim/...`): create users, act as them, read and wait for chats, inject
 * faults, reset. JSON in and out; see docs/local-bot-api.md for the endpoint list.
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

/** Routes of the user side, mounted at `/_sim`. */
export function simRouter(state: SimState, logger: Logger): Router {
  const router = Router();
  router.use(allowCrossOrigin, express.json({ limit: JSON_LIMIT }));

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
    const bot = state.ensureBot(botIdParam.parse(req.params.botId));
    bot.faults.add(faultRuleSchema.parse(req.body));
    res.status(201).json(bot.faults.list());
  });
  router.delete("/bots/:botId/faults", (req, res) => {
    state.findBot(botIdParam.parse(req.params.botId))?.faults.clear();
    res.status(204).end();
  });
  router.get("/chats", (_req, res) => {
    res.json(
      state.listBots().flatMap((bot) => [...bot.chats.values()].map((chat) => toChatSummary(bot, chat))),
    );
  });
  router.put("/bots/:botId/chats/:chatId", (req, res) => {
    const bot = state.ensureBot(botIdParam.parse(req.params.botId));
    const chat = act.ensureChat(bot, {
      id: chatIdParam.parse(req.params.chatId),
      ...profileBody.parse(req.body),
    });
    res.json(toChatView(bot, chat));
  });
  router.get("/bots/:botId/chats/:chatId", (req, res) => {
    const { bot, chat } = knownChat(state, req);
    res.json(toChatView(bot, chat));
  });
  router.get("/bots/:botId/chats/:chatId/wait", async (req, res) => {
    const { bot, chat } = knownChat(state, req);
    const query = waitQuery.parse(req.query);
    await waitForChange(
      chat,
      query.after ?? chat.version,
      query.timeout * 1000,
      exchangeSignal(res, state.signal),
    );
    res.json(toChatView(bot, chat));
  });
  router.post("/bots/:botId/chats/:chatId/messages", (req, res) => {
    const { bot, chat } = knownChat(state, req);
    res.status(201).json(toMessageView(act.sendText(state, bot, chat, textBody.parse(req.body))));
  });
  router.patch("/bots/:botId/chats/:chatId/messages/:messageId", (req, res) => {
    const { bot, chat } = knownChat(state, req);
    const input = {
      messageId: z.coerce.number().int().parse(req.params.messageId),
      ...editBody.parse(req.body),
    };
    res.json(toMessageView(act.editText(state, bot, chat, input)));
  });
  router.post("/bots/:botId/chats/:chatId/press", (req, res) => {
    const { bot, chat } = knownChat(state, req);
    res.status(201).json(act.press(state, bot, chat, pressBody.parse(req.body)));
  });
  router.post("/bots/:botId/chats/:chatId/contact", (req, res) => {
    const { bot, chat } = knownChat(state, req);
    res
      .status(201)
      .json(toMessageView(act.shareContact(state, bot, chat, contactBody.parse(req.body ?? {}))));
  });
  router.post("/bots/:botId/chats/:chatId/sticker", (req, res) => {
    const { bot, chat } = knownChat(state, req);
    res.status(201).json(toMessageView(act.sendSticker(state, bot, chat, stickerBody.parse(req.body ?? {}))));
  });
  router.post("/bots/:botId/chats/:chatId/photo", (req, res) => {
    const { bot, chat } = knownChat(state, req);
    const body = photoBody.parse(req.body ?? {});
    const content = body.contentBase64 === undefined ? undefined : Buffer.from(body.contentBase64, "base64");
    res.status(201).json(toMessageView(act.sendPhoto(state, bot, chat, { caption: body.caption, content })));
  });
  router.post("/bots/:botId/chats/:chatId/forward", (req, res) => {
    const { bot, chat } = knownChat(state, req);
    res.status(201).json(toMessageView(act.forwardMessage(state, bot, chat, forwardBody.parse(req.body))));
  });
  for (const [path, blocked] of [
    ["block", true],
    ["unblock", false],
  ] as const) {
    router.post(`/bots/:botId/chats/:chatId/${path}`, (req, res) => {
      const { bot, chat } = knownChat(state, req);
      act.setBlocked(state, bot, chat, blocked);
      res.json(toChatView(bot, chat));
    });
  }
  router.get("/files/:fileId", (req, res) => {
    const file = state.files.get(req.params.fileId);
    if (!file) throw new SimError(404, "file not found");
    res.type(file.mimeType ?? "application/octet-stream");
    if (file.fileName) res.attachment(file.fileName);
    res.send(file.content);
  });

  router.use(errorHandler(logger));
  return router;
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

/** The demo page may be served from another origin (the product's own web server). */
function allowCrossOrigin(req: Request, res: Response, next: NextFunction): void {
  res.setHeader("access-control-allow-origin", "*");
  res.setHeader("access-control-allow-methods", "GET, POST, PUT, PATCH, DELETE, OPTIONS");
  res.setHeader("access-control-allow-headers", "content-type");
  if (req.method === "OPTIONS") res.status(204).end();
  else next();
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
