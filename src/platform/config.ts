/**
 * Configuration: read once at start from the environment and validated with zod. A bad
 * value stops the process with a message naming the variable. `.env.example` lists them all.
 */
import { z } from "zod";
import { MESSENGER_KINDS, type MessengerKind } from "./messenger/contract.ts";
import type { HousekeepingSettings } from "./housekeeping.ts";

const bool = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((v) => v === "true" || v === "1" || v === "yes");

const timeZone = z.string().refine((zone) => {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}, "is not an IANA time zone (e.g. Europe/Moscow)");

const schema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(8080),
    HOST: z.string().min(1).default("127.0.0.1"),
    DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
    DATA_DIR: z.string().min(1).default(".data"),
    BOT_TOKEN: z
      .string()
      .regex(/^\d+:[A-Za-z0-9_-]{10,}$/, "does not look like a bot token (digits:secret)")
      .optional(),
    BOT_USERNAME: z
      .string()
      .regex(/^@?[A-Za-z0-9_]{3,64}$/, "must be the bot's username (letters, digits, _)")
      .optional(),
    BOT_LIBRARY: z.enum(["grammy", "telegraf"]).default("grammy"),
    BOT_MODE: z.enum(["polling", "webhook"]).default("polling"),
    TELEGRAM_API_ROOT: z.url().optional(),
    PUBLIC_URL: z.url().optional(),
    WEBHOOK_SECRET: z
      .string()
      .regex(/^[A-Za-z0-9_-]{16,256}$/, "must be 16–256 characters of A-Z a-z 0-9 _ -")
      .optional(),
    LOCAL_BOT_API_PORT: z.coerce.number().int().min(0).max(65535).default(8081),
    MAX_BOT_TOKEN: z
      .string()
      .min(16, "is too short for a MAX bot token")
      .regex(/^\S+$/, "must not contain spaces")
      .optional(),
    MAX_BOT_USERNAME: z
      .string()
      .regex(/^@?[A-Za-z0-9_.-]{2,64}$/, "must be the bot's name in its max.ru link")
      .optional(),
    MAX_BOT_MODE: z.enum(["polling", "webhook"]).default("polling"),
    MAX_WEBHOOK_SECRET: z
      .string()
      .regex(/^[A-Za-z0-9_-]{16,256}$/, "must be 16–256 characters of A-Z a-z 0-9 _ -")
      .optional(),
    MAX_API_ROOT: z.url().optional(),
    LOCAL_MAX_API_PORT: z.coerce.number().int().min(0).max(65535).default(8082),
    MESSENGERS: z
      .string()
      .transform((v) => [
        ...new Set(
          v
            .split(",")
            .map((m) => m.trim())
            .filter(Boolean),
        ),
      ])
      .pipe(z.array(z.enum(MESSENGER_KINDS)).min(1, "names no messenger"))
      .optional(),
    SERVICE_TIME_ZONE: timeZone.default("Europe/Moscow"),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    DEMO_SEED: bool.optional(),
    ASSIGN_REMINDER_MINUTES: z.coerce.number().int().min(1).max(240).default(15),
    ACCEPT_TIMEOUT_MINUTES: z.coerce.number().int().min(1).max(240).default(15),
    DOCUMENT_KEEP_HOURS: z.coerce.number().int().min(1).max(720).default(24),
    PROCESSED_UPDATES_KEEP_DAYS: z.coerce.number().int().min(2).max(365).default(7),
    OUTBOX_KEEP_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
    DIALOGUE_IDLE_DAYS: z.coerce.number().int().min(1).max(365).default(7),
    OUTBOX_LEASE_SECONDS: z.coerce.number().int().min(2).max(600).default(30),
    CASE_PLAN_DAYS: z.coerce.number().int().min(1).max(30).default(3),
    CASE_LIMIT_DAYS: z.coerce.number().int().min(7).max(90).default(30),
    HANDOVER_ACK_DAYS: z.coerce.number().int().min(1).max(60).default(5),
  })
  .superRefine((env, ctx) => {
    if (env.MAX_BOT_MODE === "webhook" && !env.PUBLIC_URL) {
      ctx.addIssue({
        code: "custom",
        path: ["PUBLIC_URL"],
        message: "is required when MAX_BOT_MODE=webhook",
      });
    }
    if (env.MAX_BOT_MODE === "webhook" && !env.MAX_WEBHOOK_SECRET) {
      ctx.addIssue({
        code: "custom",
        path: ["MAX_WEBHOOK_SECRET"],
        message: "is required when MAX_BOT_MODE=webhook",
      });
    }
    if (env.BOT_MODE === "webhook" && !env.PUBLIC_URL) {
      ctx.addIssue({ code: "custom", path: ["PUBLIC_URL"], message: "is required when BOT_MODE=webhook" });
    }
    if (env.BOT_MODE === "webhook" && !env.WEBHOOK_SECRET) {
      ctx.addIssue({
        code: "custom",
        path: ["WEBHOOK_SECRET"],
        message: "is required when BOT_MODE=webhook",
      });
    }
  });

/** The validated configuration. */
export interface Config {
  port: number;
  host: string;
  /** External PostgreSQL; undefined → the embedded one in `dataDir`. */
  databaseUrl: string | undefined;
  dataDir: string;
  /** Real bot token; undefined → the project's local Bot API server. */
  botToken: string | undefined;
  /** The Telegram bot's username for invitation links when the service has not started yet. */
  botUsername: string | undefined;
  botLibrary: "grammy" | "telegraf";
  botMode: "polling" | "webhook";
  telegramApiRoot: string | undefined;
  publicUrl: string | undefined;
  webhookSecret: string | undefined;
  localBotApiPort: number;
  /**
   * The messengers that run. Default: those with a token; with no token at all, every messenger on
   * its local server (the offline demo). A listed messenger without a token runs on its local server.
   */
  messengers: MessengerKind[];
  /** MAX: token (undefined → the local MAX server), delivery mode, webhook secret, API root. */
  max: {
    token: string | undefined;
    /** The MAX bot's name in its max.ru link, for invitation links before the service starts. */
    username: string | undefined;
    mode: "polling" | "webhook";
    webhookSecret: string | undefined;
    apiRoot: string | undefined;
  };
  localMaxApiPort: number;
  serviceTimeZone: string;
  logLevel: string;
  /** Create demo data on first start; default: only with the embedded database. */
  demoSeed: boolean;
  /** Minutes between "nobody assigned yet" reminders, and for accepting an assignment. */
  signals: { assignReminderMinutes: number; acceptTimeoutMinutes: number };
  /** Hours a document sent to a chat stays on the server after delivery. */
  registers: { keepHours: number; progressMinRows: number };
  /** How long the platform keeps processed update ids, delivered messages and idle dialogues. */
  housekeeping: HousekeepingSettings;
  /** How long a delivery's claim on a chat's messages lasts (a crashed process's chats wait that long). */
  outboxLeaseMs: number;
  /** Days for the decision-change plan, the one-month limit of stage 3, and acknowledging a hand-over. */
  cases: { planDays: number; limitDays: number; handoverAckDays: number };
}

/** Thrown for invalid configuration; the message names every bad variable. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

/** Parses the environment; throws {@link ConfigError}. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.DATA_DIR,
    botToken: e.BOT_TOKEN,
    botUsername: e.BOT_USERNAME?.replace(/^@/, ""),
    botLibrary: e.BOT_LIBRARY,
    botMode: e.BOT_MODE,
    telegramApiRoot: e.TELEGRAM_API_ROOT,
    publicUrl: e.PUBLIC_URL,
    webhookSecret: e.WEBHOOK_SECRET,
    localBotApiPort: e.LOCAL_BOT_API_PORT,
    messengers: e.MESSENGERS ?? defaultMessengers(e.BOT_TOKEN, e.MAX_BOT_TOKEN),
    max: {
      token: e.MAX_BOT_TOKEN,
      username: e.MAX_BOT_USERNAME?.replace(/^@/, ""),
      mode: e.MAX_BOT_MODE,
      webhookSecret: e.MAX_WEBHOOK_SECRET,
      apiRoot: e.MAX_API_ROOT,
    },
    localMaxApiPort: e.LOCAL_MAX_API_PORT,
    serviceTimeZone: e.SERVICE_TIME_ZONE,
    logLevel: e.LOG_LEVEL,
    demoSeed: e.DEMO_SEED ?? e.DATABASE_URL === undefined,
    signals: {
      assignReminderMinutes: e.ASSIGN_REMINDER_MINUTES,
      acceptTimeoutMinutes: e.ACCEPT_TIMEOUT_MINUTES,
    },
    registers: { keepHours: e.DOCUMENT_KEEP_HOURS, progressMinRows: 5000 },
    outboxLeaseMs: e.OUTBOX_LEASE_SECONDS * 1000,
    housekeeping: {
      processedUpdateDays: e.PROCESSED_UPDATES_KEEP_DAYS,
      outboxDays: e.OUTBOX_KEEP_DAYS,
      idleDialogueDays: e.DIALOGUE_IDLE_DAYS,
    },
    cases: {
      planDays: e.CASE_PLAN_DAYS,
      limitDays: e.CASE_LIMIT_DAYS,
      handoverAckDays: e.HANDOVER_ACK_DAYS,
    },
  };
}

/** Those with a token; with none, all of them (offline, each on its local server). */
function defaultMessengers(telegramToken: string | undefined, maxToken: string | undefined): MessengerKind[] {
  const configured: MessengerKind[] = [
    ...(telegramToken ? (["telegram"] as const) : []),
    ...(maxToken ? (["max"] as const) : []),
  ];
  return configured.length > 0 ? configured : [...MESSENGER_KINDS];
}
