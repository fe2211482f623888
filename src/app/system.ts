/**
 * The composition root: database (external or embedded), migrations, job queue, outbox,
 * one bot adapter per configured messenger (Telegram and MAX; each on its real API with a token,
 * else on the project's local server), and the HTTP API. `main.ts` starts it for `npm start`; tests start it too.
 */
import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "pino";
import type {
  BotAdapter,
  MessengerClient,
  MessengerKind,
  UpdateHandler,
} from "../platform/messenger/contract.ts";
import { createAdapter, messengerCapabilities, type AdapterFactoryOptions } from "../../bots/registry.ts";
import { dbMessageIds } from "../platform/messenger/message-ids.ts";
import { LOCAL_BOT_USERNAME } from "../platform/messenger/links.ts";
import { createApi } from "../platform/http/app.ts";
import type { ChatApp, FeatureDeps } from "../platform/chat/app.ts";
import { MessageRenderer } from "../platform/chat/render.ts";
import { createUpdateHandler } from "../platform/chat/runtime.ts";
import { fileJobs } from "../platform/files.ts";
import { housekeepingJobs } from "../platform/housekeeping.ts";
import type { Config } from "../platform/config.ts";
import { createDb, type DbClient } from "../platform/db/client.ts";
import { openConfiguredDatabase } from "../platform/db/configured.ts";
import { seedDemo } from "../demo/seed.ts";
import { NONCE_LENGTH } from "../platform/flow/buttons.ts";
import { assertValidFlow } from "../platform/flow/validate.ts";
import type { Translator } from "../platform/i18n/index.ts";
import { startJobs, type JobDefinition, type Jobs } from "../platform/jobs/queue.ts";
import { safeError } from "../platform/logger.ts";
import { OUTBOX_SWEEP_JOB, OutboxDispatcher, outboxJobs } from "../platform/outbox/dispatcher.ts";
import { OutboxStore } from "../platform/outbox/store.ts";
import { createChatApp, createProductTranslator, productAreas } from "./areas.ts";
import { DEFAULT_CONSOLE_SETTINGS } from "../console/settings.ts";

/** The token the local Bot API server accepts for the offline bot. */
export const LOCAL_BOT_TOKEN = "1000001:local-signal-desk-bot";
/** The token the local MAX server accepts for the offline MAX bot. */
export const LOCAL_MAX_BOT_TOKEN = "local-signal-desk-max-bot-token";

/** Overrides for tests. */
export interface SystemOptions {
  config: Config;
  logger: Logger;
  clock?: () => Date;
  app?: ChatApp;
  /** Wraps the update handler (tests inject failures). */
  wrapHandler?: (handler: UpdateHandler) => UpdateHandler;
  /** pg-boss polling interval (tests use short ones). */
  jobPollingSeconds?: number;
  /** Texts of extra flows (tests' fixture flows). */
  extraTexts?: { ru: Record<string, unknown>; en: Record<string, unknown> };
}

/** A running system. */
export interface System {
  /** Base URL of the HTTP API. */
  apiUrl: string;
  databaseUrl: string;
  /** Base URL of the local Bot API server, when one was started. */
  localBotApiUrl: string | undefined;
  /** Base URL of the local MAX server, when one was started. */
  localMaxApiUrl: string | undefined;
  /** The first running messenger's bot (Telegram's when it runs). */
  botUsername: string;
  /** Every running messenger's bot username. */
  botUsernames: Partial<Record<MessengerKind, string>>;
  db: DbClient;
  translator: Translator;
  dispatcher: OutboxDispatcher;
  jobs: Jobs;
  /** The first running messenger's adapter (Telegram's when it runs). */
  adapter: BotAdapter;
  /** Every running messenger's adapter. */
  adapters: Map<MessengerKind, BotAdapter>;
  stop(): Promise<void>;
}

function newNonce(): string {
  return randomBytes(NONCE_LENGTH).toString("base64url").slice(0, NONCE_LENGTH);
}

function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve(server.address() as AddressInfo));
  });
}

/** Starts everything; on failure, stops what was started and rethrows. */
export async function startSystem(options: SystemOptions): Promise<System> {
  const { config, logger } = options;
  const clock = options.clock ?? (() => new Date());
  const stack: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of stack.reverse()) {
      try {
        await stop();
      } catch (error) {
        logger.error({ err: safeError(error) }, "error while stopping");
      }
    }
  };

  try {
    const database = await openConfiguredDatabase(config, { logger });
    stack.push(() => database.close());
    const databaseUrl = database.url;
    if (database.applied.length > 0) logger.info({ applied: database.applied }, "migrations applied");

    const db = createDb(databaseUrl, { logger });
    stack.push(() => db.$disconnect());
    if (config.demoSeed && (await seedDemo(db, { now: clock() })).created)
      logger.info("demo data created (see /sim)");

    // What the console learns once the system runs: where its pages are reached (PUBLIC_URL, or
    // this server's own address in an offline run) and the bot token Mini App data is signed with.
    const web: { url?: string; botToken?: string } = {};
    const areas = productAreas({
      signals: config.signals,
      registers: config.registers,
      cases: config.cases,
      console: {
        ...DEFAULT_CONSOLE_SETTINGS,
        publicUrl: () => config.publicUrl ?? (localBotApiUrl ? web.url : undefined),
        telegramBotToken: () => web.botToken,
      },
    });
    const translator = createProductTranslator(
      (locale, key) => logger.warn({ locale, key }, "missing translation"),
      areas,
    );
    if (options.extraTexts) {
      translator.addTexts("ru", options.extraTexts.ru);
      translator.addTexts("en", options.extraTexts.en);
    }
    const app = options.app ?? createChatApp(areas);
    // Only the messengers that run: a person also bound to one that does not is reached elsewhere.
    const messages = new MessageRenderer(
      translator,
      new Map([...messengerCapabilities()].filter(([kind]) => config.messengers.includes(kind))),
      // Our own pages (the secure form's "/forms/…" links) at the public address, or this server's
      // own address in an offline run.
      () => config.publicUrl ?? (localBotApiUrl || localMaxApiUrl ? web.url : undefined),
      clock,
    );
    for (const feature of app.flows) assertValidFlow(feature.flow, translator.keyCheck);

    // The adapters need the handler, the handler needs the dispatcher, the dispatcher the
    // adapters' clients: tie the knot through these late-bound references.
    const late: { jobs?: Jobs; handler?: UpdateHandler } = {};
    const clients = new Map<MessengerKind, MessengerClient>();
    const store = new OutboxStore(databaseUrl);
    stack.push(() => store.close());
    const dispatcher = new OutboxDispatcher({
      db,
      store,
      leaseMs: config.outboxLeaseMs,
      clients,
      clock,
      logger,
      jobs: () => late.jobs,
    });
    const handler = (update: Parameters<UpdateHandler>[0]) => {
      if (!late.handler) throw new Error("update before start-up finished");
      return late.handler(update);
    };

    // Each configured messenger: its real API with a token, else the project's local server.
    // The local servers' packages are imported only then (never with real tokens).
    const adapters = new Map<MessengerKind, BotAdapter>();
    const botUsernames: Partial<Record<MessengerKind, string>> = {};
    let localBotApiUrl: string | undefined;
    let localMaxApiUrl: string | undefined;
    for (const messenger of config.messengers) {
      const options: AdapterFactoryOptions = {
        token: "",
        handler,
        logger: logger.child({ component: "bot", messenger }),
      };
      let library: string;
      if (messenger === "telegram") {
        library = config.botLibrary;
        options.token = config.botToken ?? LOCAL_BOT_TOKEN;
        if (config.telegramApiRoot) options.apiRoot = config.telegramApiRoot;
        if (config.webhookSecret) options.webhookSecret = config.webhookSecret;
        if (!config.botToken) {
          const { createLocalBotApi } = await import("@signal-desk/telegram-bot-api-sim");
          const local = createLocalBotApi({ logger: logger.child({ component: "local-bot-api" }) });
          local.state.registerBot(LOCAL_BOT_TOKEN, {
            firstName: "Signal Desk",
            username: LOCAL_BOT_USERNAME,
          });
          const running = await local.listen(config.localBotApiPort, "127.0.0.1");
          stack.push(() => running.close());
          localBotApiUrl = options.apiRoot = running.url;
        }
      } else {
        library = "max-bot-api";
        options.token = config.max.token ?? LOCAL_MAX_BOT_TOKEN;
        options.messageIds = dbMessageIds(db, "max");
        if (config.max.apiRoot) options.apiRoot = config.max.apiRoot;
        if (config.max.webhookSecret) options.webhookSecret = config.max.webhookSecret;
        if (!config.max.token) {
          const { createLocalMaxApi } = await import("@signal-desk/max-bot-api-sim");
          const local = createLocalMaxApi({ logger: logger.child({ component: "local-max-api" }) });
          local.state.registerBot(LOCAL_MAX_BOT_TOKEN, {
            name: "Signal Desk",
            username: LOCAL_BOT_USERNAME,
          });
          const running = await local.listen(config.localMaxApiPort, "127.0.0.1");
          stack.push(() => running.close());
          localMaxApiUrl = options.apiRoot = running.url;
        }
      }
      const adapter = createAdapter(messenger, library, options);
      const me = await adapter.init();
      adapters.set(messenger, adapter);
      clients.set(messenger, adapter.client);
      botUsernames[messenger] = me.username;
      // Invitation links name the bot (the admin command line reads this).
      await db.messengerBot.upsert({
        where: { messenger },
        create: { messenger, botId: me.botId, username: me.username },
        update: { botId: me.botId, username: me.username },
      });
    }
    const [firstMessenger, firstAdapter] = [...adapters.entries()][0]!;
    const botUsername = botUsernames[firstMessenger]!;
    // Mini App launch data is signed with the Telegram bot's token.
    if (adapters.has("telegram")) web.botToken = config.botToken ?? LOCAL_BOT_TOKEN;

    const featureDeps: FeatureDeps = {
      db,
      clock,
      logger,
      translator,
      messages,
      renderers: app.renderers,
      jobs: () => late.jobs,
      localBotApiUrl,
      localMaxApiUrl,
      botUsername,
      botUsernames,
      deliver: (chats) => dispatcher.kick(chats),
      // The secure form (src/forms/): where it is reached, the tokens its launch data is signed
      // with, the flows it asks for, and the runtime its answers go to.
      formsUrl: () => config.publicUrl ?? (localBotApiUrl || localMaxApiUrl ? web.url : undefined),
      webAppTokens: {
        ...(adapters.has("telegram") ? { telegram: config.botToken ?? LOCAL_BOT_TOKEN } : {}),
        ...(adapters.has("max") ? { max: config.max.token ?? LOCAL_MAX_BOT_TOKEN } : {}),
      },
      flows: app.flows.map((f) => f.flow),
      handleUpdate: handler,
    };
    const chatHandler = createUpdateHandler({
      db,
      clock,
      translator,
      messages,
      logger,
      newNonce,
      app,
      defaultTimeZone: config.serviceTimeZone,
      onQueued: (chats) => dispatcher.kick(chats),
      features: featureDeps,
    });
    late.handler = options.wrapHandler ? options.wrapHandler(chatHandler) : chatHandler;
    const jobList: JobDefinition[] = [
      ...outboxJobs(dispatcher, store, clock),
      ...fileJobs(db, clock),
      ...housekeepingJobs(db, clock, config.housekeeping, logger),
      ...(app.jobs?.(featureDeps) ?? []),
    ];
    const jobs = await startJobs({
      databaseUrl,
      logger,
      jobs: jobList,
      ...(options.jobPollingSeconds ? { pollingIntervalSeconds: options.jobPollingSeconds } : {}),
    });
    late.jobs = jobs;
    // Messages committed but not sent when a previous process stopped: deliver them now.
    await jobs.send(OUTBOX_SWEEP_JOB, {});
    const startedJobs = jobs;
    stack.push(async () => {
      await dispatcher.idle();
      await startedJobs.stop();
    });

    const webhookPath = "/telegram/webhook";
    const maxWebhookPath = "/max/webhook";
    const telegram = adapters.get("telegram");
    const max = adapters.get("max");
    const api = createApi({
      logger,
      health: {
        database: async () => (await db.$queryRaw<{ ok: number }[]>`SELECT 1 AS ok`).length === 1,
        jobs: () => startedJobs.healthy(),
      },
      ...(telegram && config.botMode === "webhook"
        ? { webhook: { path: webhookPath, handler: telegram.webhookCallback() } }
        : {}),
      ...(max && config.max.mode === "webhook"
        ? { webhooks: [{ path: maxWebhookPath, handler: max.webhookCallback() }] }
        : {}),
      translator,
      routers: app.routers?.(featureDeps) ?? [],
      pages: (await app.pages?.(featureDeps)) ?? [],
    });
    const httpServer = createServer(api);
    const address = await listen(httpServer, config.port, config.host);
    stack.push(
      () =>
        new Promise<void>((resolve) => {
          httpServer.close(() => resolve());
          httpServer.closeAllConnections();
        }),
    );
    const apiUrl = `http://${config.host === "0.0.0.0" ? "127.0.0.1" : config.host}:${address.port}`;
    web.url = apiUrl;

    const publicUrl = config.publicUrl?.replace(/\/$/, "");
    for (const [messenger, adapter] of adapters) {
      const webhook =
        messenger === "telegram"
          ? config.botMode === "webhook" && { path: webhookPath, secret: config.webhookSecret! }
          : config.max.mode === "webhook" && { path: maxWebhookPath, secret: config.max.webhookSecret! };
      if (webhook) {
        await adapter.setWebhook(`${publicUrl!}${webhook.path}`, webhook.secret);
      } else {
        await adapter.deleteWebhook();
        await adapter.startPolling();
      }
      // Stopped first: finish the updates in flight before the queue and the pool close.
      stack.push(() => adapter.stop());
    }

    return {
      apiUrl,
      databaseUrl,
      localBotApiUrl,
      localMaxApiUrl,
      botUsername,
      botUsernames,
      db,
      translator,
      dispatcher,
      jobs,
      adapter: firstAdapter,
      adapters,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
