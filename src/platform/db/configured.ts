/**
 * The database the configuration names, migrated and ready: DATABASE_URL, or the embedded
 * server in DATA_DIR/pg (started here, or shared with the process already running it).
 * Used by `npm start`, the admin command line and the demo seeding.
 */
import path from "node:path";
import type { Config } from "../config.ts";
import { startEmbeddedPostgres } from "./embedded.ts";
import type { DbLogger } from "./logger.ts";
import { migrate } from "./migrate.ts";

/** An open, migrated database. */
export interface ConfiguredDatabase {
  url: string;
  /** Migrations applied by this call. */
  applied: string[];
  /** Stops the embedded server if this call started it; nothing for an external database. */
  close(): Promise<void>;
}

/** Opens and migrates the configured database; on a failed migration, stops what it started. */
export async function openConfiguredDatabase(
  config: Pick<Config, "databaseUrl" | "dataDir">,
  options: { logger?: DbLogger } = {},
): Promise<ConfiguredDatabase> {
  if (config.databaseUrl) {
    const applied = await migrate(config.databaseUrl, options);
    return { url: config.databaseUrl, applied, close: async () => {} };
  }
  const embedded = await startEmbeddedPostgres({ dataDir: path.resolve(config.dataDir, "pg"), ...options });
  try {
    const applied = await migrate(embedded.url, options);
    return { url: embedded.url, applied, close: () => embedded.stop() };
  } catch (error) {
    await embedded.stop();
    throw error;
  }
}
