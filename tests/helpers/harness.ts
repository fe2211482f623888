/**
 * An in-process harness for the chat runtime with a controlled clock: the real update
 * handler, the real outbox dispatcher and the real features on a fresh database, but a
 * fake messenger (chats kept in memory) and a fake job queue whose due jobs the test runs
 * by moving the clock. Fast and deterministic; the system tests cover the real adapters.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { pino } from "pino";
import { issueApiToken } from "../../src/access/tokens.ts";
import { createApi } from "../../src/platform/http/app.ts";
import type {
  ClientCall,
  InboundInput,
  InlineButton,
  MenuCommand,
  MessengerClient,
  OutboundResult,
} from "../../src/platform/messenger/contract.ts";
import { MessengerApiError } from "../../src/platform/messenger/contract.ts";
import { formatText } from "../../packages/telegram-bot-api-sim/src/formatting.ts";
import type { ChatApp, FeatureDeps } from "../../src/platform/chat/app.ts";
import { MessageRenderer } from "../../src/platform/chat/render.ts";
import { createUpdateHandler } from "../../src/platform/chat/runtime.ts";
import { messengerCapabilities } from "../../bots/registry.ts";
import type { JobDefinition, JobQueue } from "../../src/platform/jobs/queue.ts";
import { OutboxDispatcher } from "../../src/platform/outbox/dispatcher.ts";
import { OutboxStore } from "../../src/platform/outbox/store.ts";
import { createChatApp, createProductTranslator, productAreas } from "../../src/app/areas.ts";
import { DEFAULT_SIGNAL_SETTINGS, type SignalSettings } from "../../src/signals/settings.ts";
import { DEFAULT_CONSOLE_SETTINGS, type ConsoleSettings } from "../../src/console/settings.ts";
import type { RegisterSettings } from "../../src/registers/settings.ts";
import { DEFAULT_CASE_SETTINGS, type CaseSettings } from "../../src/cases/settings.ts";
import type { StaffRole } from "../../src/generated/prisma/enums.ts";
import { createTestDatabase, type TestDatabase } from "./db.ts";

/** A message as the fake messenger holds it. */
export interface FakeMessage {
  id: number;
  text: string;
  /** Inline buttons: callback data, or a link (`url`, `miniApp`). */
  buttons: InlineButton[][];
  replyKeyboard?: string[][];
  /** The bold parts of an HTML message (its `text` is plain, as Telegram returns it). */
  bold?: string[];
}

/** What a messenger shows of a sent text: HTML read into plain text and its bold parts. */
export function shownText(call: { text: string; format?: "html" }): { text: string; bold?: string[] } {
  if (call.format !== "html") return { text: call.text };
  const { text, entities = [] } = formatText(call.text, "HTML");
  const bold = entities
    .filter((e) => e.type === "bold")
    .map((e) => text.slice(e.offset, e.offset + e.length));
  return bold.length > 0 ? { text, bold } : { text };
}

/** In-memory chats behind a {@link MessengerClient}. */
export class FakeMessenger implements MessengerClient {
  readonly chats = new Map<string, FakeMessage[]>();
  readonly callbackAnswers: { id: string; text?: string; showAlert?: boolean }[] = [];
  /** Contents of the documents sent, by file name. */
  readonly files = new Map<string, Buffer>();
  /** Every sendMessage, in order (the outbox keeps no text once a message is sent). */
  readonly sent: { chatId: string; text: string }[] = [];
  /** Each chat's command menu, as last set. */
  readonly menus = new Map<string, MenuCommand[]>();
  private nextId = 1;

  chat(chatId: string): FakeMessage[] {
    let chat = this.chats.get(chatId);
    if (!chat) this.chats.set(chatId, (chat = []));
    return chat;
  }

  async call(call: ClientCall): Promise<OutboundResult> {
    switch (call.method) {
      case "sendMessage": {
        const shown = shownText(call);
        this.sent.push({ chatId: call.chatId, text: shown.text });
        const message: FakeMessage = {
          id: this.nextId++,
          ...shown,
          buttons: call.keyboard?.type === "inline" ? call.keyboard.rows : [],
        };
        if (call.keyboard?.type === "reply")
          message.replyKeyboard = call.keyboard.rows.map((r) => r.map((b) => b.text));
        this.chat(call.chatId).push(message);
        return { messageId: message.id };
      }
      case "editMessageText":
      case "editMessageReplyMarkup": {
        const message = this.chat(call.chatId).find((m) => m.id === call.messageId);
        if (!message) throw new MessengerApiError(call.method, 400, "Bad Request: message to edit not found");
        if (call.method === "editMessageText") {
          const shown = shownText(call);
          message.text = shown.text;
          if (shown.bold) message.bold = shown.bold;
          else delete message.bold;
        }
        message.buttons = call.keyboard?.type === "inline" ? call.keyboard.rows : [];
        return { messageId: message.id };
      }
      case "answerCallbackQuery":
        this.callbackAnswers.push({
          id: call.callbackQueryId,
          ...(call.text ? { text: call.text } : {}),
          ...(call.showAlert ? { showAlert: true } : {}),
        });
        return {};
      case "deleteMessage": {
        const chat = this.chat(call.chatId);
        chat.splice(
          chat.findIndex((m) => m.id === call.messageId),
          1,
        );
        return {};
      }
      case "sendDocument": {
        this.files.set(call.file.name, call.file.content);
        const message: FakeMessage = {
          id: this.nextId++,
          text: `[${call.file.name}] ${call.caption ?? ""}`,
          buttons: [],
        };
        this.chat(call.chatId).push(message);
        return { messageId: message.id };
      }
      case "setMyCommands":
        this.menus.set(call.chatId, call.commands);
        return {};
    }
  }
}

/** A job the fake queue holds. */
export interface QueuedJob {
  name: string;
  payload: object;
  at: Date;
  done: boolean;
}

/** A person in the harness. */
export interface HarnessPerson {
  staffId: string;
  userId: string;
  /** What their chat shows now. */
  messages(): FakeMessage[];
  last(): FakeMessage;
  /** Types text (or a /command). */
  send(text: string): Promise<void>;
  /** Presses the newest button with this label; throws when there is none. */
  press(label: string): Promise<void>;
  /** Sends a non-text message (sticker, photo, a forwarded text...). */
  sendOther(what: "sticker" | "photo" | "forward"): Promise<void>;
  /** Shares a contact. */
  shareContact(phone: string): Promise<void>;
}

/** The harness. */
export interface Harness {
  database: TestDatabase;
  messenger: FakeMessenger;
  /** The product's message renderer (to compare a chat with what a card should read). */
  messages: MessageRenderer;
  jobs: QueuedJob[];
  serviceId: string;
  hospitalId: string;
  now(): Date;
  /**
   * Moves the clock and runs every job that has become due (and those they queue), in time order.
   * Periodic (cron) jobs run after each of those moments and once more at the end: like a cron of
   * a minute, as long as the test stops at the moments it cares about.
   */
  advance(minutes: number): Promise<void>;
  person(
    role: StaffRole,
    fullName: string,
    options?: { hospitalId?: string; locale?: "ru" | "en" },
  ): Promise<HarnessPerson>;
  /** Runs a job's handler directly, as a worker would (e.g. two sweeps at once); then delivers what it queued. */
  runJob(name: string, payload?: object): Promise<void>;
  /**
   * Delivers an update for a user (for tests that build inputs themselves); `chatId` defaults to
   * the user's own private chat.
   */
  deliver(userId: string, input: InboundInput, options?: { chatId?: string }): Promise<void>;
  /**
   * The product's HTTP API and pages (the console) on a free port, on the same database, clock, job queue and outbox;
   * `call` sends a request with a personal token of `staffId` and waits for the deliveries it queued.
   */
  api(): Promise<HarnessApi>;
  stop(): Promise<void>;
}

/** The API of a harness. */
export interface HarnessApi {
  url: string;
  call(
    staffId: string,
    method: "GET" | "POST",
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: unknown }>;
}

let nextUser = 9_100_000;

/** The token the harness's "Telegram bot" signs Mini App launch data with (see signWebAppData). */
export const HARNESS_BOT_TOKEN = "9100000:harness-token";

/** Starts the harness at `start` (default 2026-11-23 09:00 UTC). */
export async function createHarness(
  options: {
    start?: Date;
    settings?: SignalSettings;
    /** Settings of the registers (documents), when a test needs other than the defaults. */
    registers?: RegisterSettings;
    /** Settings of the cases (deadlines), when a test needs other than the defaults. */
    caseSettings?: CaseSettings;
    serviceTimeZone?: string;
    hospitalTimeZone?: string;
    app?: ChatApp;
    /** Receives every log line (JSON) instead of discarding them. */
    logSink?: (line: string) => void;
    /** Console settings; its pages are reached at the harness API's address unless `publicUrl` says otherwise. */
    console?: Partial<ConsoleSettings>;
  } = {},
): Promise<Harness> {
  const database = await createTestDatabase();
  const { db } = database;
  let now = options.start ?? new Date("2026-11-23T09:00:00Z");
  const clock = () => now;
  const sink = options.logSink;
  const logger = sink
    ? pino({ level: "trace" }, { write: (line: string) => sink(line) })
    : pino({ level: "silent" });
  const web: { url?: string } = {};
  const areas = productAreas({
    signals: options.settings ?? DEFAULT_SIGNAL_SETTINGS,
    cases: options.caseSettings ?? DEFAULT_CASE_SETTINGS,
    ...(options.registers ? { registers: options.registers } : {}),
    console: { ...DEFAULT_CONSOLE_SETTINGS, publicUrl: () => web.url, ...options.console },
  });
  const translator = createProductTranslator((locale, key) => {
    throw new Error(`missing text ${key} in ${locale}`);
  }, areas);
  const messages = new MessageRenderer(translator, messengerCapabilities(), () => web.url, clock);
  const messenger = new FakeMessenger();
  const jobs: QueuedJob[] = [];
  const queue: JobQueue = {
    send: async (name, payload, at) => {
      jobs.push({ name, payload, at: at ?? now, done: false });
    },
  };
  const store = new OutboxStore(database.url, { poolSize: 2 });
  const dispatcher = new OutboxDispatcher({
    db,
    store,
    clients: new Map([["telegram", messenger]]),
    clock,
    logger,
    jobs: () => queue,
  });
  const app = options.app ?? createChatApp(areas);
  const features: FeatureDeps = {
    db,
    clock,
    logger,
    translator,
    messages,
    renderers: app.renderers,
    jobs: () => queue,
    localBotApiUrl: undefined,
    botUsername: "test_bot",
    deliver: (chats) => dispatcher.kick(chats),
    // The secure form is reached at the harness API's address (once `api()` started it).
    formsUrl: () => web.url,
    webAppTokens: { telegram: HARNESS_BOT_TOKEN },
    flows: app.flows.map((f) => f.flow),
  };
  const definitions = new Map<string, JobDefinition>((app.jobs?.(features) ?? []).map((j) => [j.name, j]));
  const cronJobs = [...definitions.values()].filter((j) => j.cron !== undefined);
  let nonce = 0;
  const handler = createUpdateHandler({
    db,
    clock,
    translator,
    messages,
    logger,
    newNonce: () => `t${String(++nonce).padStart(5, "0")}`,
    app,
    defaultTimeZone: "Europe/Moscow",
    onQueued: (chats) => dispatcher.kick(chats),
    features,
  });
  features.handleUpdate = async (update) => {
    await handler(update);
    await dispatcher.idle();
  };

  const service = await db.service.create({
    data: { name: "Тестовая служба", timeZone: options.serviceTimeZone ?? "Europe/Moscow" },
  });
  const hospital = await db.hospital.create({
    data: {
      serviceId: service.id,
      name: "Роддом №1 (тест)",
      shortName: "РД1",
      ...(options.hospitalTimeZone ? { timeZone: options.hospitalTimeZone } : {}),
    },
  });
  let updateId = 1;
  let api: HarnessApi | undefined;
  const closers: (() => Promise<void>)[] = [];
  const chatApp = app;
  let callbackId = 1;

  const deliver = async (userId: string, input: InboundInput, deliverOptions: { chatId?: string } = {}) => {
    await handler({
      messenger: "telegram",
      botId: "1",
      updateId: updateId++,
      chatId: deliverOptions.chatId ?? userId,
      userId,
      languageCode: "ru",
      input,
    });
    await dispatcher.idle();
  };

  const runDueJobs = async () => {
    for (;;) {
      const due = jobs
        .filter((j) => !j.done && j.at <= now)
        .sort((a, b) => a.at.getTime() - b.at.getTime())[0];
      if (!due) return;
      due.done = true;
      const definition = definitions.get(due.name);
      if (definition) await definition.handle(definition.payload.parse(due.payload));
      else if (due.name === "outbox-deliver")
        await dispatcher.deliver((due.payload as { chatKey: string }).chatKey);
      await dispatcher.idle();
    }
  };

  const runCron = async () => {
    for (const job of cronJobs) {
      await job.handle(job.payload.parse({}));
      await dispatcher.idle();
    }
    await runDueJobs();
  };

  return {
    database,
    messenger,
    messages,
    jobs,
    serviceId: service.id,
    hospitalId: hospital.id,
    now: clock,
    async advance(minutes) {
      const target = now.getTime() + minutes * 60_000;
      // Step through due jobs in time order so each runs at its own moment.
      for (;;) {
        const next = jobs
          .filter((j) => !j.done && j.at.getTime() <= target)
          .sort((a, b) => a.at.getTime() - b.at.getTime())[0];
        if (!next) break;
        now = new Date(Math.max(now.getTime(), next.at.getTime()));
        await runDueJobs();
        await runCron();
      }
      now = new Date(target);
      await runDueJobs();
      await runCron();
    },
    async person(role, fullName, personOptions = {}) {
      const userId = String(nextUser++);
      const staff = await db.staff.create({
        data: {
          serviceId: service.id,
          role,
          hospitalId: role === "reporter" ? (personOptions.hospitalId ?? hospital.id) : null,
          fullName,
          locale: personOptions.locale ?? "ru",
          identities: { create: { messenger: "telegram", externalUserId: userId, chatId: userId } },
        },
      });
      const messages = () => messenger.chat(userId);
      return {
        staffId: staff.id,
        userId,
        messages,
        last: () => {
          const last = messages().at(-1);
          if (!last) throw new Error(`chat of ${fullName} is empty`);
          return last;
        },
        send: (text) => {
          const command = /^\/(\w+)(?:@\w+)?(?:\s+(.*))?$/s.exec(text);
          return deliver(
            userId,
            command
              ? { kind: "command", command: command[1]!, args: command[2] ?? "", messageId: 0 }
              : { kind: "text", text, messageId: 0 },
          );
        },
        press: async (label) => {
          for (const message of [...messages()].reverse()) {
            const button = message.buttons.flat().find((b) => b.text === label);
            if (button?.url !== undefined) throw new Error(`"${label}" is a link to ${button.url}: open it`);
            if (button)
              return deliver(userId, {
                kind: "callback",
                data: button.data,
                callbackQueryId: `cb${callbackId++}`,
                messageId: message.id,
              });
          }
          throw new Error(
            `no button "${label}" in the chat of ${fullName}:\n${messages()
              .map((m) => `  #${m.id} ${m.text} ${JSON.stringify(m.buttons.flat().map((b) => b.text))}`)
              .join("\n")}`,
          );
        },
        sendOther: (what) => deliver(userId, { kind: "unsupported", what, messageId: 0 }),
        shareContact: (phone) =>
          deliver(userId, { kind: "contact", phone, contactUserId: userId, messageId: 0 }),
      };
    },
    deliver,
    async runJob(name, payload = {}) {
      const definition = definitions.get(name);
      if (!definition) throw new Error(`no job "${name}"`);
      await definition.handle(definition.payload.parse(payload));
      await dispatcher.idle();
    },
    async api() {
      if (!api) {
        const app = createApi({
          logger,
          health: {},
          translator,
          routers: chatApp.routers?.(features) ?? [],
          pages: (await chatApp.pages?.(features)) ?? [],
        });
        const server = createServer(app);
        await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
        const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
        web.url = url;
        const tokens = new Map<string, string>();
        closers.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
        api = {
          url,
          async call(staffId, method, path, body) {
            let token = tokens.get(staffId);
            if (!token) {
              token = (await issueApiToken(db, { staffId, name: "test", now })).token;
              tokens.set(staffId, token);
            }
            const response = await fetch(`${url}${path}`, {
              method,
              headers: {
                authorization: `Bearer ${token}`,
                ...(body === undefined ? {} : { "content-type": "application/json" }),
              },
              ...(body === undefined ? {} : { body: JSON.stringify(body) }),
            });
            const text = await response.text();
            await dispatcher.idle();
            return { status: response.status, body: text ? (JSON.parse(text) as unknown) : null };
          },
        };
      }
      return api;
    },
    async stop() {
      for (const close of closers.splice(0)) await close();
      await dispatcher.idle();
      await store.close();
      await database.drop();
    },
  };
}
