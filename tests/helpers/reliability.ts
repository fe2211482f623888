/**
 * Helpers for the reliability suite (tests/reliability): a real bot process to kill, bounded
 * waits on the database, raw webhook deliveries, and holding a chat's lock from outside.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import pg from "pg";
import type { SimChatView, SimMessageView } from "@signal-desk/telegram-bot-api-sim";

/** The repository's root (where `src/app/main.ts` lives). */
export const REPO_ROOT = fileURLToPath(new URL("../..", import.meta.url));

/**
 * Polls `probe` until it returns something other than undefined/null/false, at most `timeoutMs`.
 * A bounded wait for a database condition (the simulator's own waits cover the chat side).
 */
export async function waitUntil<T>(
  probe: () => Promise<T | undefined | null | false>,
  what: string,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== null && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** A `node --import tsx src/app/main.ts` child process. */
export interface BotProcess {
  readonly child: ChildProcess;
  /** Everything it printed so far (stdout and stderr), for failure messages. */
  output(): string;
  /** Resolves with how it ended. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Sends `signal` and waits for the process to end. */
  stop(
    signal: NodeJS.Signals,
    timeoutMs?: number,
  ): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Starts the real entry point (what `npm start` runs) with exactly `env` (plus PATH/HOME) and
 * resolves once it printed "Signal Desk is running." — i.e. polling (or the webhook) is set up.
 * The node process itself is the child, so a signal reaches it (`npx tsx` would put a wrapper
 * process in between).
 */
export async function spawnBot(env: Record<string, string>, readyTimeoutMs = 30_000): Promise<BotProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "src/app/main.ts"], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once("exit", (code, signal) => resolve({ code, signal }));
  });
  const bot: BotProcess = {
    child,
    output: () => output,
    exited,
    async stop(signal, timeoutMs = 20_000) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`the bot process did not exit ${timeoutMs} ms after ${signal}:\n${output}`)),
          timeoutMs,
        );
      });
      try {
        return await Promise.race([exited, timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
  };
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the bot process was not ready after ${readyTimeoutMs} ms:\n${output}`)),
      readyTimeoutMs,
    );
    const check = () => {
      if (output.includes("Signal Desk is running.")) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on("data", check);
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`the bot process ended during start-up (code ${code}, signal ${signal}):\n${output}`));
    });
  });
  try {
    await ready;
  } catch (error) {
    await bot.stop("SIGKILL").catch(() => undefined);
    throw error;
  }
  return bot;
}

/** A session-level hold on a chat's advisory lock (the one turns and deliveries take). */
export interface ChatLockHold {
  release(): Promise<void>;
}

/** Takes the lock of `chatKey` ("telegram:<chat id>") on its own connection, as src/platform/chat/lock.ts computes it. */
export async function holdChatLock(databaseUrl: string, chatKey: string): Promise<ChatLockHold> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  await client.query("SELECT pg_advisory_lock(hashtextextended($1, 0))", [chatKey]);
  return {
    async release() {
      await client.query("SELECT pg_advisory_unlock(hashtextextended($1, 0))", [chatKey]);
      await client.end();
    },
  };
}

/** How many sessions wait for the advisory lock of `chatKey` (turns or deliveries of that chat). */
export async function chatLockWaiters(databaseUrl: string, chatKey: string): Promise<number> {
  // A bigint advisory key shows in pg_locks as classid (high 32 bits) and objid (low 32 bits).
  return count(
    databaseUrl,
    `SELECT count(*)::int AS n FROM pg_locks
      WHERE locktype = 'advisory' AND NOT granted AND objsubid = 1
        AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
        AND ((classid::bigint << 32) | objid::bigint) = hashtextextended($1, 0)`,
    [chatKey],
  );
}

/** How many sessions of the database wait for a lock while running a statement that contains `fragment`. */
export async function lockWaitersOn(databaseUrl: string, fragment: string): Promise<number> {
  return count(
    databaseUrl,
    `SELECT count(*)::int AS n FROM pg_stat_activity
      WHERE datname = current_database() AND wait_event_type = 'Lock' AND strpos(query, $1) > 0`,
    [fragment],
  );
}

async function count(databaseUrl: string, text: string, values: unknown[]): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>(text, values);
    return rows[0]?.n ?? 0;
  } finally {
    await client.end();
  }
}

/** Runs statements on `databaseUrl` (test-only fixtures such as fault triggers). */
export async function sql(databaseUrl: string, text: string, values: unknown[] = []): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(text, values);
  } finally {
    await client.end();
  }
}

/** Telegram's `from`/`chat` of a private chat with a simulated user. */
export interface TgPerson {
  id: number;
  firstName: string;
  languageCode?: string;
}

/** A Telegram update as JSON. */
export interface TgUpdateJson {
  update_id: number;
  message: Record<string, unknown>;
}

/** A Telegram `message` update with text; a leading "/word" gets its bot_command entity. */
export function textUpdate(
  updateId: number,
  person: TgPerson,
  text: string,
  messageId = updateId % 1_000_000,
): TgUpdateJson {
  const command = /^\/[A-Za-z0-9_]+/.exec(text);
  return {
    update_id: updateId,
    message: {
      message_id: messageId,
      date: Math.floor(Date.now() / 1000),
      chat: { id: person.id, type: "private", first_name: person.firstName },
      from: {
        id: person.id,
        is_bot: false,
        first_name: person.firstName,
        language_code: person.languageCode ?? "ru",
      },
      text,
      ...(command ? { entities: [{ type: "bot_command", offset: 0, length: command[0].length }] } : {}),
    },
  };
}

/** POSTs one update to the system's webhook, as Telegram would; resolves with the HTTP status. */
export async function postWebhook(apiUrl: string, secret: string, update: object): Promise<number> {
  const response = await fetch(`${apiUrl}/telegram/webhook`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": secret },
    body: JSON.stringify(update),
  });
  await response.arrayBuffer();
  return response.status;
}

/** The bot's messages in a chat, oldest first. */
export function botMessages(chat: SimChatView): SimMessageView[] {
  return chat.messages.filter((m) => m.from === "bot");
}

/** How many bot messages start with `prefix`. */
export function countBotMessages(chat: SimChatView, prefix: string): number {
  return botMessages(chat).filter((m) => (m.text ?? "").startsWith(prefix)).length;
}
