/**
 * The whole system in a test: its own database, the local Bot API server, a real adapter
 * (grammY or Telegraf, polling or webhook), the job queue and the API — plus simulated
 * users bound to staff records.
 */
import { createServer } from "node:net";
import { pino } from "pino";
import { loadConfig } from "../../src/platform/config.ts";
import type { ChatApp } from "../../src/platform/chat/app.ts";
import { startSystem, type System } from "../../src/app/system.ts";
import { SimClient, type SimUser } from "@signal-desk/telegram-bot-api-sim";
import { SimClient as MaxSimClient, type SimUser as MaxSimUser } from "@signal-desk/max-bot-api-sim";
import type { StaffRole } from "../../src/generated/prisma/enums.ts";
import type { UpdateHandler } from "../../src/platform/messenger/contract.ts";
import { createTestDatabase, type TestDatabase } from "./db.ts";

/** Which adapter and delivery mode a test runs. */
export interface Variant {
  library: "grammy" | "telegraf";
  mode: "polling" | "webhook";
}

/** Every adapter × mode, for `describe.each`. */
export const VARIANTS: Variant[] = [
  { library: "grammy", mode: "polling" },
  { library: "grammy", mode: "webhook" },
  { library: "telegraf", mode: "polling" },
  { library: "telegraf", mode: "webhook" },
];

/** A free TCP port on loopback (webhook mode must know the API's URL before starting). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A running test system. */
export interface TestSystem {
  system: System;
  database: TestDatabase;
  sim: SimClient;
  botId: number;
  serviceId: string;
  hospitalId: string;
  /** Creates a staff member bound to a new simulated user. */
  person(
    role: StaffRole,
    fullName: string,
    options?: { hospitalId?: string; locale?: "ru" | "en" },
  ): Promise<{ staffId: string; user: SimUser }>;
  /** Waits until every queued message to this chat has been delivered. */
  settled(chatId: number | string): Promise<void>;
  stop(): Promise<void>;
}

let nextUserId = 7_000_000;

/** Starts a system on a fresh database with one service ("Europe/Moscow") and one hospital. */
export async function startTestSystem(
  variant: Variant,
  options: {
    app?: ChatApp;
    clock?: () => Date;
    wrapHandler?: (handler: UpdateHandler) => UpdateHandler;
    env?: Record<string, string>;
    hospitalTimeZone?: string;
    database?: TestDatabase;
    extraTexts?: { ru: Record<string, unknown>; en: Record<string, unknown> };
    /** Receives every log line (JSON, level info and up) instead of discarding them. */
    logSink?: (line: string) => void;
  } = {},
): Promise<TestSystem> {
  const database = options.database ?? (await createTestDatabase());
  const port = await freePort();
  const config = loadConfig({
    DATABASE_URL: database.url,
    PORT: String(port),
    LOCAL_BOT_API_PORT: "0",
    MESSENGERS: "telegram",
    BOT_LIBRARY: variant.library,
    BOT_MODE: variant.mode,
    ...(variant.mode === "webhook"
      ? { PUBLIC_URL: `http://127.0.0.1:${port}`, WEBHOOK_SECRET: "test-secret-0123456789" }
      : {}),
    LOG_LEVEL: "silent",
    ...options.env,
  });
  const system = await startSystem({
    config,
    logger: options.logSink
      ? pino({ level: "info" }, { write: (line: string) => options.logSink!(line) })
      : pino({ level: process.env.TEST_LOG_LEVEL ?? "silent" }),
    jobPollingSeconds: 0.5,
    ...(options.app ? { app: options.app } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.wrapHandler ? { wrapHandler: options.wrapHandler } : {}),
    ...(options.extraTexts ? { extraTexts: options.extraTexts } : {}),
  });
  const sim = new SimClient(system.localBotApiUrl!);
  const botId = Number(system.botUsername ? (await sim.bots())[0]!.id : 0);
  const service = await database.db.service.create({
    data: { name: "Тестовая служба", timeZone: "Europe/Moscow" },
  });
  const hospital = await database.db.hospital.create({
    data: {
      serviceId: service.id,
      name: "Роддом №1 (тест)",
      shortName: "РД1",
      ...(options.hospitalTimeZone ? { timeZone: options.hospitalTimeZone } : {}),
    },
  });
  return {
    system,
    database,
    sim,
    botId,
    serviceId: service.id,
    hospitalId: hospital.id,
    async person(role, fullName, personOptions = {}) {
      const userId = nextUserId++;
      const hospitalId = role === "reporter" ? (personOptions.hospitalId ?? hospital.id) : null;
      const staff = await database.db.staff.create({
        data: {
          serviceId: service.id,
          role,
          hospitalId,
          fullName,
          locale: personOptions.locale ?? "ru",
          identities: {
            create: { messenger: "telegram", externalUserId: String(userId), chatId: String(userId) },
          },
        },
      });
      const [lastName, firstName] = fullName.split(" ");
      const user = await sim.user(botId, {
        id: userId,
        firstName: firstName ?? fullName,
        ...(lastName ? { lastName } : {}),
        languageCode: personOptions.locale ?? "ru",
      });
      return { staffId: staff.id, user };
    },
    async settled(chatId) {
      const deadline = Date.now() + 10_000;
      while (
        (await database.db.outboxMessage.count({ where: { chatId: String(chatId), status: "pending" } })) > 0
      ) {
        if (Date.now() > deadline) throw new Error(`messages to chat ${chatId} are still pending`);
        await system.dispatcher.idle();
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await system.dispatcher.idle();
    },
    async stop() {
      await system.stop();
      if (!options.database) await database.drop();
    },
  };
}

/** MAX's delivery modes, for `describe.each`: the same suites run on MAX as on grammY and Telegraf. */
export const MAX_VARIANTS: { messenger: "max"; library: "max-bot-api"; mode: "polling" | "webhook" }[] = [
  { messenger: "max", library: "max-bot-api", mode: "polling" },
  { messenger: "max", library: "max-bot-api", mode: "webhook" },
];

/** A running test system on MAX only, with its local MAX server and MAX users. */
export interface MaxTestSystem {
  system: System;
  database: TestDatabase;
  sim: MaxSimClient;
  botId: number;
  serviceId: string;
  hospitalId: string;
  /** Creates a staff member bound to a new simulated MAX user (identity: user id and dialog id). */
  person(
    role: StaffRole,
    fullName: string,
    options?: { hospitalId?: string; locale?: "ru" | "en" },
  ): Promise<{ staffId: string; user: MaxSimUser }>;
  /** Waits until every queued message to this dialog has been delivered. */
  settled(chatId: number | string): Promise<void>;
  stop(): Promise<void>;
}

/** Starts a system that runs MAX only (polling or webhook) on a fresh database. */
export async function startMaxTestSystem(
  mode: "polling" | "webhook",
  options: {
    app?: ChatApp;
    clock?: () => Date;
    wrapHandler?: (handler: UpdateHandler) => UpdateHandler;
    env?: Record<string, string>;
    database?: TestDatabase;
    extraTexts?: { ru: Record<string, unknown>; en: Record<string, unknown> };
  } = {},
): Promise<MaxTestSystem> {
  const database = options.database ?? (await createTestDatabase());
  const port = await freePort();
  const config = loadConfig({
    DATABASE_URL: database.url,
    PORT: String(port),
    MESSENGERS: "max",
    LOCAL_MAX_API_PORT: "0",
    MAX_BOT_MODE: mode,
    ...(mode === "webhook"
      ? { PUBLIC_URL: `http://127.0.0.1:${port}`, MAX_WEBHOOK_SECRET: "max-test-secret-0123456789" }
      : {}),
    LOG_LEVEL: "silent",
    ...options.env,
  });
  const system = await startSystem({
    config,
    logger: pino({ level: process.env.TEST_LOG_LEVEL ?? "silent" }),
    jobPollingSeconds: 0.5,
    ...(options.app ? { app: options.app } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.wrapHandler ? { wrapHandler: options.wrapHandler } : {}),
    ...(options.extraTexts ? { extraTexts: options.extraTexts } : {}),
  });
  const sim = new MaxSimClient(system.localMaxApiUrl!);
  const botId = (await sim.bots())[0]!.id;
  const service = await database.db.service.create({
    data: { name: "Тестовая служба", timeZone: "Europe/Moscow" },
  });
  const hospital = await database.db.hospital.create({
    data: { serviceId: service.id, name: "Роддом №1 (тест)", shortName: "РД1" },
  });
  return {
    system,
    database,
    sim,
    botId,
    serviceId: service.id,
    hospitalId: hospital.id,
    async person(role, fullName, personOptions = {}) {
      const userId = nextUserId++;
      const [lastName, firstName] = fullName.split(" ");
      const user = await sim.user(botId, {
        id: userId,
        firstName: firstName ?? fullName,
        ...(lastName ? { lastName } : {}),
        languageCode: personOptions.locale ?? "ru",
      });
      const staff = await database.db.staff.create({
        data: {
          serviceId: service.id,
          role,
          hospitalId: role === "reporter" ? (personOptions.hospitalId ?? hospital.id) : null,
          fullName,
          locale: personOptions.locale ?? "ru",
          identities: {
            create: { messenger: "max", externalUserId: String(userId), chatId: String(user.chatId) },
          },
        },
      });
      return { staffId: staff.id, user };
    },
    async settled(chatId) {
      const deadline = Date.now() + 10_000;
      while (
        (await database.db.outboxMessage.count({
          where: { messenger: "max", chatId: String(chatId), status: "pending" },
        })) > 0
      ) {
        if (Date.now() > deadline) throw new Error(`messages to MAX dialog ${chatId} are still pending`);
        await system.dispatcher.idle();
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await system.dispatcher.idle();
    },
    async stop() {
      await system.stop();
      if (!options.database) await database.drop();
    },
  };
}
