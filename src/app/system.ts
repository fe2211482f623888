/**
 * The composition root: database (external or embedded), migrations, job queue, outbox,
 * the bot adapter (real Telegram, or the project's local Bot API server when no token is
 * set), and the HTTP API. `main.ts` starts it for `npm start`; tests start it too.
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
import { createAdapter, messengerCapabilities } from "../../bots/registry.ts";
import { createApi } from "../platform/http/app.ts";
import type { ChatApp, FeatureDeps } from "../platform/chat/app.ts";
import { MessageRenderer } from "../platform/chat/render.ts";
import { createUpdateHandler } from "../platform/chat/runtime.ts";
import { fileJobs } from "../platform/files.ts";
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
import { createChatApp, createProductTranslator, productAreas } from "./areas.ts";

/** The token the local Bot API server accepts for the offline bot. */
export const LOCAL_BOT_TOKEN = "1000001:local-signal-desk-bot";

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
  botUsername: string;
  db: DbClient;
  translator: Translator;
  dispatcher: OutboxDispatcher;
  jobs: Jobs;
  adapter: BotAdapter;
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

    const areas = productAreas({ signals: config.signals, cases: config.cases });
    const translator = createProductTranslator(
      (locale, key) => logger.warn({ locale, key }, "missing translation"),
      areas,
    );
    if (options.extraTexts) {
      translator.addTexts("ru", options.extraTexts.ru);
      translator.addTexts("en", options.extraTexts.en);
    }
    const app = options.app ?? createChatApp(areas);
    const messages = new MessageRenderer(translator, messengerCapabilities());
    for (const feature of app.flows) assertValidFlow(feature.flow, translator.keyCheck);

    let token = config.botToken;
    let apiRoot = config.telegramApiRoot;
    let localBotApiUrl: string | undefined;
    if (!token) {
      // Offline runs only: the simulator's package is not imported when a real token is set.
      const { createLocalBotApi } = await import("@signal-desk/telegram-bot-api-sim");
      const local = createLocalBotApi({ logger: logger.child({ component: "local-bot-api" }) });
      local.state.registerBot(LOCAL_BOT_TOKEN, {
        firstName: "Signal Desk",
        username: "signal_desk_local_bot",
      });
      const running = await local.listen(config.localBotApiPort, "127.0.0.1");
      stack.push(() => running.close());
      localBotApiUrl = running.url;
      token = LOCAL_BOT_TOKEN;
      apiRoot = running.url;
    }

    // The adapter needs the handler, the handler needs the dispatcher, the dispatcher the
    // adapter's client: tie the knot through these late-bound references.
    const late: { jobs?: Jobs; handler?: UpdateHandler } = {};
    const clients = new Map<MessengerKind, MessengerClient>();
    const dispatcher = new OutboxDispatcher({ db, clients, clock, logger, jobs: () => late.jobs });
    // The adapter is built before the handler exists (the handler needs the bot's username).

    const adapterOptions = {
      token,
      handler: (update: Parameters<UpdateHandler>[0]) => {
        if (!late.handler) throw new Error("update before start-up finished");
        return late.handler(update);
      },
      logger: logger.child({ component: "bot" }),
      ...(apiRoot ? { apiRoot } : {}),
      ...(config.webhookSecret ? { webhookSecret: config.webhookSecret } : {}),
    };
    const adapter = createAdapter("telegram", config.botLibrary, adapterOptions);
    const me = await adapter.init();
    clients.set(adapter.messenger, adapter.client);

    const featureDeps: FeatureDeps = {
      db,
      clock,
      logger,
      translator,
      messages,
      renderers: app.renderers,
      jobs: () => late.jobs,
      localBotApiUrl,
      botUsername: me.username,
      deliver: (chats) => dispatcher.kick(chats),
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
      ...outboxJobs(dispatcher, db, clock),
      ...fileJobs(db, clock),
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
    const api = createApi({
      logger,
      health: {
        database: async () => (await db.$queryRaw<{ ok: number }[]>`SELECT 1 AS ok`).length === 1,
        jobs: () => startedJobs.healthy(),
      },
      ...(config.botMode === "webhook"
        ? { webhook: { path: webhookPath, handler: adapter.webhookCallback() } }
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

    if (config.botMode === "webhook") {
      await adapter.setWebhook(
        `${config.publicUrl!.replace(/\/$/, "")}${webhookPath}`,
        config.webhookSecret!,
      );
    } else {
      await adapter.deleteWebhook();
      await adapter.startPolling();
    }
    // Stopped first: finish the updates in flight before the queue and the pool close.
    stack.push(() => adapter.stop());

    return {
      apiUrl,
      databaseUrl,
      localBotApiUrl,
      botUsername: me.username,
      db,
      translator,
      dispatcher,
      jobs,
      adapter,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
