/**
 * The simulator's memory: bots (token, queued updates, webhook subscription, faults), dialogs with
 * their messages, button presses, uploads and files. Plain data plus the rules MAX documents; the
 * HTTP layer (./server.ts) reads requests and answers with what this returns or throws.
 */
import { createHash, randomBytes } from "node:crypto";
import { FaultPlan } from "./faults.ts";
import { parseHtml, type MarkupElement } from "./format-html.ts";
import type {
  SimBotInfo,
  SimButton,
  SimCallbackAnswer,
  SimChatSummary,
  SimChatView,
  SimMessageView,
  SimUserProfile,
} from "./sim-types.ts";

/** An error answer of the bot side: HTTP status and MAX's `{ code, message }`. */
export class MaxApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** MAX's limits the simulator enforces (from the Bot API schema). */
export const LIMITS = { text: 4000, payload: 1024, buttonText: 128, startPayload: 512 };

/** A MAX `User` object. */
export interface MaxUser {
  user_id: number;
  first_name: string;
  last_name?: string;
  name: string;
  username: string | null;
  is_bot: boolean;
  last_activity_time: number;
}

interface StoredMessage {
  index: number;
  mid: string;
  seq: number;
  from: "bot" | "user";
  timestamp: number;
  edited: boolean;
  text: string | null;
  /** Formatting of the text (a bot's `format: "html"`), as MAX returns it. */
  markup?: MarkupElement[];
  /** MAX attachments as stored (inline keyboard, file, contact, sticker). */
  attachments: Record<string, unknown>[];
  forwarded: boolean;
}

interface Dialog {
  botId: number;
  chatId: number;
  user: SimUserProfile;
  messages: StoredMessage[];
  version: number;
  blocked: boolean;
  answers: SimCallbackAnswer[];
  waiters: Set<() => void>;
  /** The highest message index used, so that a cleared history never reuses one. */
  lastIndex?: number;
}

interface QueuedUpdate {
  seq: number;
  update: Record<string, unknown> & { update_type: string };
}

export interface SimBot {
  id: number;
  token: string | undefined;
  name: string;
  username: string;
  queue: QueuedUpdate[];
  nextSeq: number;
  subscription: { url: string; secret?: string; types?: string[]; time: number } | undefined;
  lastWebhookError: string | undefined;
  faults: FaultPlan;
  /** Woken when an update is queued (long polls, webhook delivery). */
  waiters: Set<() => void>;
}

/** The whole simulated MAX. */
export class SimState {
  readonly bots = new Map<number, SimBot>();
  private readonly dialogs = new Map<string, Dialog>();
  private readonly callbacks = new Map<
    string,
    { dialog: Dialog; index: number; answer: SimCallbackAnswer }
  >();
  readonly uploads = new Map<string, { botId: number; type: string }>();
  readonly files = new Map<string, { name: string; contentType: string; content: Buffer }>();
  private midCounter = 0;

  constructor(
    private readonly now: () => number,
    private readonly acceptAnyToken: boolean,
  ) {}

  /** Forgets everything. */
  reset(): void {
    for (const bot of this.bots.values()) wake(bot.waiters);
    for (const dialog of this.dialogs.values()) wake(dialog.waiters);
    this.bots.clear();
    this.dialogs.clear();
    this.callbacks.clear();
    this.uploads.clear();
    this.files.clear();
  }

  // ---- bots -------------------------------------------------------------------------------

  /** Registers a token (and the names `GET /me` reports); its bot id comes from the token. */
  registerBot(token: string, names: { name?: string; username?: string } = {}): SimBot {
    const id = botIdOf(token);
    const bot = this.bots.get(id) ?? this.newBot(id);
    bot.token = token;
    if (names.name) bot.name = names.name;
    if (names.username) bot.username = names.username;
    return bot;
  }

  private newBot(id: number): SimBot {
    const bot: SimBot = {
      id,
      token: undefined,
      name: `Bot ${id}`,
      username: `bot${id}`,
      queue: [],
      nextSeq: 1,
      subscription: undefined,
      lastWebhookError: undefined,
      faults: new FaultPlan(),
      waiters: new Set(),
    };
    this.bots.set(id, bot);
    return bot;
  }

  /** The bot a token belongs to; 401 `verify.token` for an unknown or empty one. */
  botByToken(token: string | undefined): SimBot {
    if (!token) throw new MaxApiError(401, "verify.token", "Empty access_token");
    const known = this.bots.get(botIdOf(token));
    if (known?.token === token) return known;
    if (known?.token === undefined && this.acceptAnyToken) return this.registerBot(token);
    throw new MaxApiError(401, "verify.token", "Invalid access_token");
  }

  bot(id: number): SimBot {
    const bot = this.bots.get(id);
    if (!bot) throw new MaxApiError(404, "not.found", `no bot ${id}`);
    return bot;
  }

  botUser(bot: SimBot): MaxUser & { description: null } {
    return {
      user_id: bot.id,
      first_name: bot.name,
      name: bot.name,
      username: bot.username,
      is_bot: true,
      last_activity_time: this.now(),
      description: null,
    };
  }

  botInfo(bot: SimBot): SimBotInfo {
    return {
      id: bot.id,
      username: bot.username,
      name: bot.name,
      tokenBound: bot.token !== undefined,
      mode: bot.subscription ? "webhook" : bot.queue.length > 0 || bot.nextSeq > 1 ? "polling" : "idle",
      ...(bot.subscription ? { webhookUrl: bot.subscription.url } : {}),
      pendingUpdateCount: bot.queue.length,
      ...(bot.lastWebhookError ? { lastWebhookError: bot.lastWebhookError } : {}),
      chatIds: [...this.dialogs.values()].filter((d) => d.botId === bot.id).map((d) => d.chatId),
      faults: bot.faults.list(),
    };
  }

  // ---- updates ----------------------------------------------------------------------------

  private enqueue(bot: SimBot, update: Record<string, unknown> & { update_type: string }): void {
    bot.queue.push({ seq: bot.nextSeq++, update: { ...update, timestamp: update.timestamp ?? this.now() } });
    wake(bot.waiters);
  }

  /**
   * `GET /updates`: passing `marker` confirms (forgets) every update before it; the answer holds
   * the updates from the marker on (or from the oldest unconfirmed one without a marker) and the
   * marker of the next one.
   */
  takeUpdates(bot: SimBot, marker: number | undefined, limit: number, types: string[] | undefined) {
    if (marker !== undefined) bot.queue = bot.queue.filter((u) => u.seq >= marker);
    const wanted = bot.queue.filter((u) => !types || types.includes(u.update.update_type)).slice(0, limit);
    const last = wanted.at(-1);
    const next = last ? last.seq + 1 : (marker ?? bot.queue[0]?.seq ?? bot.nextSeq);
    return { updates: wanted.map((u) => u.update), marker: next };
  }

  /** The oldest update a webhook has not delivered yet. */
  nextForWebhook(bot: SimBot): QueuedUpdate | undefined {
    const types = bot.subscription?.types;
    bot.queue = bot.queue.filter((u) => !types || types.includes(u.update.update_type));
    return bot.queue[0];
  }

  /** A webhook delivery was answered 200: the update is done. */
  delivered(bot: SimBot, seq: number): void {
    bot.queue = bot.queue.filter((u) => u.seq !== seq);
  }

  // ---- dialogs, user side -----------------------------------------------------------------

  private key(botId: number, userId: number): string {
    return `${botId}:${userId}`;
  }

  /** Creates or updates a user and their dialog with a bot (no update: MAX sends none for that). */
  upsertDialog(botId: number, profile: SimUserProfile): Dialog {
    if (!this.bots.has(botId)) this.newBot(botId);
    const key = this.key(botId, profile.id);
    const existing = this.dialogs.get(key);
    if (existing) {
      existing.user = { ...existing.user, ...profile };
      return existing;
    }
    const dialog: Dialog = {
      botId,
      // A dialog's id is its own, not the user's (as on MAX).
      chatId: 10_000_000_000 + profile.id,
      user: profile,
      messages: [],
      version: 1,
      blocked: false,
      answers: [],
      waiters: new Set(),
    };
    this.dialogs.set(key, dialog);
    return dialog;
  }

  dialog(botId: number, userId: number): Dialog {
    const dialog = this.dialogs.get(this.key(botId, userId));
    if (!dialog) throw new MaxApiError(404, "not.found", `no dialog of user ${userId} with bot ${botId}`);
    return dialog;
  }

  private dialogByChat(botId: number, chatId: number): Dialog | undefined {
    return [...this.dialogs.values()].find((d) => d.botId === botId && d.chatId === chatId);
  }

  private changed(dialog: Dialog): void {
    dialog.version++;
    wake(dialog.waiters);
  }

  maxUser(dialog: Dialog): MaxUser {
    const u = dialog.user;
    return {
      user_id: u.id,
      first_name: u.firstName,
      ...(u.lastName ? { last_name: u.lastName } : {}),
      name: [u.firstName, u.lastName].filter(Boolean).join(" "),
      username: u.username ?? null,
      is_bot: false,
      last_activity_time: this.now(),
    };
  }

  private locale(dialog: Dialog): Record<string, string> {
    return dialog.user.languageCode ? { user_locale: dialog.user.languageCode } : {};
  }

  /** The user pressed Start (or opened a deep link with `payload`): `bot_started`. */
  start(dialog: Dialog, payload: string | undefined): void {
    dialog.blocked = false;
    const bot = this.bot(dialog.botId);
    this.enqueue(bot, {
      update_type: "bot_started",
      chat_id: dialog.chatId,
      user: this.maxUser(dialog),
      ...(payload !== undefined && payload !== "" ? { payload: payload.slice(0, LIMITS.startPayload) } : {}),
      ...this.locale(dialog),
    });
    this.changed(dialog);
  }

  /** The user stopped the bot: `bot_stopped`; the bot's sends fail until they start it again. */
  stop(dialog: Dialog): void {
    dialog.blocked = true;
    this.enqueue(this.bot(dialog.botId), {
      update_type: "bot_stopped",
      chat_id: dialog.chatId,
      user: this.maxUser(dialog),
      ...this.locale(dialog),
    });
    this.changed(dialog);
  }

  /** The user sends a message (text and/or attachments): `message_created`. */
  userMessage(
    dialog: Dialog,
    content: { text?: string; attachments?: Record<string, unknown>[]; forwarded?: boolean },
  ): StoredMessage {
    const message = this.store(
      dialog,
      "user",
      content.text ?? null,
      content.attachments ?? [],
      content.forwarded,
    );
    this.enqueue(this.bot(dialog.botId), {
      update_type: "message_created",
      message: this.messageObject(dialog, message),
      ...this.locale(dialog),
    });
    this.changed(dialog);
    return message;
  }

  /** The user edits their text: `message_edited`. */
  userEdit(dialog: Dialog, index: number, text: string): StoredMessage {
    const message = dialog.messages.find((m) => m.index === index && m.from === "user");
    if (!message) throw new MaxApiError(404, "not.found", `no user message #${index}`);
    message.text = text;
    message.edited = true;
    this.enqueue(this.bot(dialog.botId), {
      update_type: "message_edited",
      message: this.messageObject(dialog, message),
    });
    this.changed(dialog);
    return message;
  }

  /** A contact attachment as a MAX client sends it (vCard plus the sharer). */
  contactAttachment(dialog: Dialog, phone: string, name: string, own: boolean): Record<string, unknown> {
    const vcf = ["BEGIN:VCARD", "VERSION:3.0", `FN:${name}`, `TEL;TYPE=cell:${phone}`, "END:VCARD"].join(
      "\r\n",
    );
    return {
      type: "contact",
      payload: {
        vcf_info: vcf,
        hash: createHash("sha256").update(vcf).digest("hex").slice(0, 32),
        ...(own ? { max_info: this.maxUser(dialog) } : {}),
      },
    };
  }

  /** Presses a button (by label and/or payload, on a message or the newest that has it). */
  press(
    dialog: Dialog,
    by: { text?: string; data?: string; messageId?: number },
  ):
    | { kind: "callback"; callbackQueryId: string; messageId: number; data: string }
    | { kind: "message"; message: StoredMessage } {
    const matches = (b: SimButton) =>
      (by.text === undefined || b.text === by.text) && (by.data === undefined || b.payload === by.data);
    const candidates = [...dialog.messages]
      .reverse()
      .filter((m) => m.from === "bot" && (by.messageId === undefined || m.index === by.messageId));
    for (const message of candidates) {
      const button = buttonsOf(message).flat().find(matches);
      if (!button) continue;
      switch (button.type) {
        case "callback": {
          const callbackId = randomBytes(24).toString("base64url");
          const answer: SimCallbackAnswer = {
            callbackQueryId: callbackId,
            messageId: message.index,
            data: button.payload ?? "",
            timestamp: this.now(),
            answered: false,
          };
          dialog.answers.push(answer);
          this.callbacks.set(callbackId, { dialog, index: message.index, answer });
          this.enqueue(this.bot(dialog.botId), {
            update_type: "message_callback",
            callback: {
              timestamp: answer.timestamp,
              callback_id: callbackId,
              payload: button.payload,
              user: this.maxUser(dialog),
            },
            message: this.messageObject(dialog, message),
            ...this.locale(dialog),
          });
          this.changed(dialog);
          return {
            kind: "callback",
            callbackQueryId: callbackId,
            messageId: message.index,
            data: answer.data,
          };
        }
        case "request_contact": {
          const phone = dialog.user.phoneNumber ?? fakePhone(dialog.user.id);
          const name = [dialog.user.firstName, dialog.user.lastName].filter(Boolean).join(" ");
          return {
            kind: "message",
            message: this.userMessage(dialog, {
              attachments: [this.contactAttachment(dialog, phone, name, true)],
            }),
          };
        }
        case "message":
          return { kind: "message", message: this.userMessage(dialog, { text: button.text }) };
        default:
          throw new MaxApiError(400, "sim.button", `a ${button.type} button does nothing in the simulator`);
      }
    }
    throw new MaxApiError(404, "not.found", `no button ${JSON.stringify(by.text ?? by.data)} on screen`);
  }

  // ---- bot side -----------------------------------------------------------------------------

  /** `POST /messages?chat_id|user_id`. */
  sendMessage(
    bot: SimBot,
    to: { chatId?: number; userId?: number },
    body: NewMessageBody,
  ): Record<string, unknown> {
    const dialog =
      to.chatId !== undefined
        ? this.dialogByChat(bot.id, to.chatId)
        : [...this.dialogs.values()].find((d) => d.botId === bot.id && d.user.id === to.userId);
    if (!dialog) throw new MaxApiError(404, "chat.not.found", `Chat ${to.chatId ?? to.userId} not found`);
    if (dialog.blocked) throw new MaxApiError(403, "chat.denied", "The user stopped the bot");
    const attachments = this.checkBody(body, false);
    if ((body.text ?? "") === "" && attachments.length === 0) {
      throw new MaxApiError(400, "proto.payload", "message has neither text nor attachments");
    }
    const formatted = formatOf(body);
    const message = this.store(dialog, "bot", formatted.text, attachments);
    if (formatted.markup) message.markup = formatted.markup;
    this.changed(dialog);
    return this.messageObject(dialog, message);
  }

  /** `PUT /messages?message_id`: `text` null keeps it; `attachments` [] removes them, null keeps them. */
  editMessage(bot: SimBot, mid: string, body: NewMessageBody): void {
    const { dialog, message } = this.botMessage(bot, mid);
    const attachments =
      body.attachments === undefined || body.attachments === null ? null : this.checkBody(body, true);
    if (body.text !== undefined && body.text !== null) {
      this.checkBody({ text: body.text }, true);
      const formatted = formatOf(body);
      message.text = formatted.text;
      if (formatted.markup) message.markup = formatted.markup;
      else delete message.markup;
    }
    if (attachments) message.attachments = attachments;
    message.edited = true;
    this.changed(dialog);
  }

  /** Clears a dialog's history (the user's "clear chat"): its messages and press answers go. */
  clearDialog(dialog: Dialog): void {
    dialog.messages = [];
    dialog.answers = [];
    this.changed(dialog);
  }

  /** `DELETE /messages?message_id`. */
  deleteMessage(bot: SimBot, mid: string): void {
    const dialog = [...this.dialogs.values()].find(
      (d) => d.botId === bot.id && d.messages.some((m) => m.mid === mid),
    );
    if (!dialog) throw new MaxApiError(404, "not.found", "Message not found");
    dialog.messages = dialog.messages.filter((m) => m.mid !== mid);
    this.changed(dialog);
  }

  /** `POST /answers?callback_id`: a notification and/or a new body for the pressed message. */
  answer(
    bot: SimBot,
    callbackId: string,
    body: { message?: NewMessageBody | null; notification?: string | null },
  ): void {
    const entry = this.callbacks.get(callbackId);
    if (!entry || entry.dialog.botId !== bot.id)
      throw new MaxApiError(404, "not.found", "Callback not found");
    if (body.message) {
      const message = entry.dialog.messages.find((m) => m.index === entry.index);
      if (message) this.editMessage(bot, message.mid, body.message);
    }
    entry.answer.answered = true;
    if (typeof body.notification === "string") entry.answer.text = body.notification;
    this.changed(entry.dialog);
  }

  private botMessage(bot: SimBot, mid: string): { dialog: Dialog; message: StoredMessage } {
    for (const dialog of this.dialogs.values()) {
      if (dialog.botId !== bot.id) continue;
      const message = dialog.messages.find((m) => m.mid === mid);
      if (message) {
        if (message.from !== "bot")
          throw new MaxApiError(403, "access.denied", "Only the bot's messages can be edited");
        return { dialog, message };
      }
    }
    throw new MaxApiError(404, "not.found", "Message not found");
  }

  /** Checks a body against MAX's limits; returns its attachments with uploaded files resolved. */
  private checkBody(body: NewMessageBody, edit: boolean): Record<string, unknown>[] {
    if (typeof body.text === "string" && [...body.text].length > LIMITS.text) {
      throw new MaxApiError(400, "proto.payload", `text: size must be between 0 and ${LIMITS.text}`);
    }
    const out: Record<string, unknown>[] = [];
    for (const attachment of body.attachments ?? []) {
      if (attachment.type === "inline_keyboard") {
        const buttons = (attachment.payload as { buttons?: unknown } | undefined)?.buttons;
        if (!Array.isArray(buttons))
          throw new MaxApiError(400, "proto.payload", "inline_keyboard: buttons required");
        for (const button of buttons.flat() as SimButton[]) {
          if (!button.text || [...button.text].length > LIMITS.buttonText)
            throw new MaxApiError(400, "proto.payload", "button text: size must be between 1 and 128");
          if (
            button.type === "callback" &&
            (typeof button.payload !== "string" || button.payload.length > LIMITS.payload)
          )
            throw new MaxApiError(400, "proto.payload", "callback payload: size must be between 0 and 1024");
          if (
            ![
              "callback",
              "link",
              "request_contact",
              "request_geo_location",
              "message",
              "open_app",
              "clipboard",
            ].includes(button.type)
          )
            throw new MaxApiError(400, "proto.payload", `unknown button type ${button.type}`);
        }
        out.push({ type: "inline_keyboard", payload: { buttons } });
      } else if (attachment.type === "file") {
        if (edit) throw new MaxApiError(400, "proto.payload", "the simulator does not edit files");
        const token = (attachment.payload as { token?: unknown } | undefined)?.token;
        const file = typeof token === "string" ? this.files.get(token) : undefined;
        if (!file) throw new MaxApiError(400, "attachment.invalid", "unknown file token");
        out.push({
          type: "file",
          payload: { token, url: `sim://files/${String(token)}` },
          filename: file.name,
          size: file.content.length,
        });
      } else {
        throw new MaxApiError(
          400,
          "proto.payload",
          `the simulator does not take ${String(attachment.type)} attachments`,
        );
      }
    }
    return out;
  }

  private store(
    dialog: Dialog,
    from: "bot" | "user",
    text: string | null,
    attachments: Record<string, unknown>[],
    forwarded = false,
  ): StoredMessage {
    const index = Math.max(dialog.messages.at(-1)?.index ?? 0, dialog.lastIndex ?? 0) + 1;
    dialog.lastIndex = index;
    this.midCounter++;
    const mid = `mid.${dialog.chatId.toString(16).padStart(16, "0")}${this.midCounter.toString(16).padStart(16, "0")}`;
    const message: StoredMessage = {
      index,
      mid,
      seq: index,
      from,
      timestamp: this.now(),
      edited: false,
      text,
      attachments,
      forwarded,
    };
    dialog.messages.push(message);
    return message;
  }

  /** A MAX `Message` object. */
  messageObject(dialog: Dialog, message: StoredMessage): Record<string, unknown> {
    const bot = this.bot(dialog.botId);
    return {
      sender: message.from === "bot" ? this.botUser(bot) : this.maxUser(dialog),
      recipient: {
        chat_id: dialog.chatId,
        chat_type: "dialog",
        user_id: message.from === "bot" ? dialog.user.id : bot.id,
      },
      timestamp: message.timestamp,
      ...(message.forwarded
        ? {
            link: {
              type: "forward",
              sender: { user_id: 1, first_name: "Someone", name: "Someone", is_bot: false },
              message: { mid: "mid.forwarded", seq: 0, text: message.text },
            },
          }
        : {}),
      body: {
        mid: message.mid,
        seq: message.seq,
        text: message.text,
        ...(message.markup ? { markup: message.markup } : {}),
        attachments: message.attachments,
      },
    };
  }

  // ---- views --------------------------------------------------------------------------------

  view(dialog: Dialog): SimChatView {
    return {
      botId: dialog.botId,
      chatId: dialog.chatId,
      user: {
        userId: dialog.user.id,
        firstName: dialog.user.firstName,
        ...(dialog.user.lastName ? { lastName: dialog.user.lastName } : {}),
        ...(dialog.user.username ? { username: dialog.user.username } : {}),
        ...(dialog.user.languageCode ? { languageCode: dialog.user.languageCode } : {}),
      },
      version: dialog.version,
      blocked: dialog.blocked,
      messages: dialog.messages.map((m) => messageView(m)),
      callbackAnswers: dialog.answers.map((a) => ({ ...a })),
    };
  }

  messageView(message: StoredMessage): SimMessageView {
    return messageView(message);
  }

  summaries(): SimChatSummary[] {
    return [...this.dialogs.values()].map((d) => ({
      botId: d.botId,
      chatId: d.chatId,
      user: this.view(d).user,
      version: d.version,
      messageCount: d.messages.length,
    }));
  }

  /** Resolves when the dialog's version passes `after`, or after `ms`, or when `signal` aborts. */
  waitForDialog(dialog: Dialog, after: number, ms: number, signal: AbortSignal): Promise<void> {
    return waitOn(dialog.waiters, () => dialog.version > after, ms, signal);
  }

  /** Resolves when the bot has an update (or after `ms`, or on abort). */
  waitForUpdate(bot: SimBot, ready: () => boolean, ms: number, signal: AbortSignal): Promise<void> {
    return waitOn(bot.waiters, ready, ms, signal);
  }
}

/** The body of `POST /messages`, `PUT /messages`, an answer's `message`. */
export interface NewMessageBody {
  text?: string | null;
  attachments?: ({ type?: unknown; payload?: unknown } & Record<string, unknown>)[] | null;
  format?: string | null;
  notify?: boolean;
}

/** A bot's text as stored: HTML read into plain text and markup; any other text as it is. */
function formatOf(body: NewMessageBody): { text: string | null; markup?: MarkupElement[] } {
  if (body.text === undefined || body.text === null) return { text: null };
  if (body.format !== "html") return { text: body.text };
  const { text, markup } = parseHtml(body.text);
  return markup.length > 0 ? { text, markup } : { text };
}

function buttonsOf(message: StoredMessage): SimButton[][] {
  const keyboard = message.attachments.find((a) => a.type === "inline_keyboard");
  return ((keyboard?.payload as { buttons?: SimButton[][] } | undefined)?.buttons ?? []).map((row) =>
    row.map((b) => ({ ...b })),
  );
}

function messageView(m: StoredMessage): SimMessageView {
  const file = m.attachments.find((a) => a.type === "file") as
    { filename: string; size: number; payload: { token: string } } | undefined;
  const contact = m.attachments.find((a) => a.type === "contact") as
    { payload: { vcf_info: string } } | undefined;
  const sticker = m.attachments.some((a) => a.type === "sticker");
  const buttons = buttonsOf(m);
  const vcf = contact?.payload.vcf_info ?? "";
  return {
    messageId: m.index,
    mid: m.mid,
    from: m.from,
    timestamp: m.timestamp,
    edited: m.edited,
    kind: file ? "document" : contact ? "contact" : sticker ? "sticker" : m.text ? "text" : "other",
    ...(m.text ? { text: m.text } : {}),
    ...(m.markup ? { markup: m.markup.map((e) => ({ ...e })) } : {}),
    ...(buttons.length > 0 ? { buttons } : {}),
    ...(file ? { document: { name: file.filename, size: file.size, token: file.payload.token } } : {}),
    ...(contact
      ? {
          contact: {
            phoneNumber: /TEL[^:]*:(.*)/.exec(vcf)?.[1]?.trim() ?? "",
            name: /FN:(.*)/.exec(vcf)?.[1]?.trim() ?? "",
          },
        }
      : {}),
    forwarded: m.forwarded,
  };
}

/** A bot's id from its token: stable, positive, below 2^40. */
export function botIdOf(token: string): number {
  return createHash("sha256").update(token).digest().readUIntBE(0, 5) % 1_000_000_000_000;
}

/** A fake Russian mobile number for a user id. */
export function fakePhone(userId: number): string {
  return `+7900${String(userId % 10_000_000).padStart(7, "0")}`;
}

function wake(waiters: Set<() => void>): void {
  for (const w of [...waiters]) w();
}

function waitOn(
  waiters: Set<() => void>,
  ready: () => boolean,
  ms: number,
  signal: AbortSignal,
): Promise<void> {
  if (ready() || signal.aborted || ms <= 0) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      waiters.delete(check);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const check = () => {
      if (ready()) done();
    };
    const timer = setTimeout(done, ms);
    waiters.add(check);
    signal.addEventListener("abort", done, { once: true });
  });
}
