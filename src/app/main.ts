/**
 * `npm start`: the whole system in one process. With no DATABASE_URL it runs on an embedded
 * PostgreSQL; with no BOT_TOKEN and no MAX_BOT_TOKEN it runs both bots against the project's
 * local Telegram and MAX servers, so everything works offline.
 */
import { ConfigError, loadConfig } from "../platform/config.ts";
import { createLogger, safeError } from "../platform/logger.ts";
import { installProcessGuards } from "../platform/process-guards.ts";
import { startSystem } from "./system.ts";

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  const logger = createLogger({ level: config.logLevel });
  installProcessGuards(logger);
  const system = await startSystem({ config, logger });

  const lines = [
    "",
    "Signal Desk is running.",
    `  API:       ${system.apiUrl}  (health: ${system.apiUrl}/health)`,
    `  Database:  ${config.databaseUrl ? "external (DATABASE_URL)" : `embedded PostgreSQL in ${config.dataDir}/pg`}`,
  ];
  for (const messenger of system.adapters.keys()) {
    const username = system.botUsernames[messenger];
    if (messenger === "telegram") {
      lines.push(
        system.localBotApiUrl
          ? `  Telegram:  @${username} on the local Bot API server at ${system.localBotApiUrl} (no BOT_TOKEN set)`
          : `  Telegram:  @${username} (${config.botMode})`,
      );
    } else {
      lines.push(
        system.localMaxApiUrl
          ? `  MAX:       @${username} on the local MAX server at ${system.localMaxApiUrl} (no MAX_BOT_TOKEN set)`
          : `  MAX:       @${username} (${config.max.mode})`,
      );
    }
  }
  if (system.localBotApiUrl || system.localMaxApiUrl) {
    lines.push(
      `  Try it:    ${system.apiUrl}/sim — be the neonatologist, the head and two curators at once`,
      `             (or drive it over HTTP: packages/telegram-bot-api-sim/README.md, packages/max-bot-api-sim/README.md)`,
    );
  }
  lines.push("  Stop with Ctrl+C.", "");
  process.stdout.write(lines.join("\n"));

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    system.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: safeError(error) }, "shutdown failed");
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", () => shutdown("SIGINT"));
  process.on("SIGTERM", () => shutdown("SIGTERM"));
}

main().catch((error: unknown) => {
  console.error("Signal Desk failed to start:", error instanceof Error ? error.message : error);
  process.exit(1);
});
