/**
 * Applies the SQL migrations in `prisma/migrations` to a PostgreSQL database.
 *
 * Why not `prisma migrate deploy`: Prisma 7's native schema engine cannot be downloaded on our
 * machines, and with a stand-in binary the CLI reports success while applying nothing. This
 * migrator keeps Prisma's folder layout and writes the same `_prisma_migrations` rows, so the
 * Prisma CLI (`prisma migrate status`, `resolve`) still understands a database migrated here.
 *
 * Guarantees:
 * - one migrator at a time per database: a session advisory lock with Prisma's own key, so it
 *   also serialises with the Prisma CLI;
 * - each migration runs as one query inside its own transaction, together with its history row:
 *   it is applied completely or not at all (statements are never split on `;`, so string
 *   literals and function bodies are safe);
 * - it refuses to run when an applied migration's file was edited, or when the history holds a
 *   failed migration nobody resolved.
 */
import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import pg from "pg";
import { silentLogger, type DbLogger } from "./logger.ts";
import { migrationsDir as defaultMigrationsDir } from "./paths.ts";

/** The key Prisma's schema engine locks with (`pg_advisory_lock(72707369)`). */
const PRISMA_MIGRATE_LOCK_KEY = 72707369;

/** The history table exactly as Prisma's schema engine creates it. */
const CREATE_HISTORY_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

/** Options for {@link migrate}. */
export interface MigrateOptions {
  /** Folder of Prisma-layout migrations; defaults to the project's `prisma/migrations`. */
  migrationsDir?: string;
  /** Receives one line per applied migration and warnings; silent by default. */
  logger?: DbLogger;
}

/** A migration folder read from disk. */
export interface MigrationFile {
  /** Folder name, e.g. `20250101120000_init`; migrations apply in its (byte) order. */
  name: string;
  sql: string;
  /** sha256 of `migration.sql`, lowercase hex, as Prisma computes it. */
  checksum: string;
}

/** Why {@link migrate} refused or failed; `migration` names the folder concerned, if any. */
export class MigrationError extends Error {
  override readonly name = "MigrationError";
  readonly migration: string | undefined;

  constructor(message: string, options: { migration?: string; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.migration = options.migration;
  }
}

interface HistoryRow {
  migration_name: string;
  checksum: string;
  started_at: Date;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  logs: string | null;
}

/**
 * Applies every migration that the database has not applied yet, oldest first, and returns the
 * names of those it applied (empty when the database was up to date).
 *
 * Safe to call from several processes at once (e.g. every instance at start-up): the others
 * wait for the lock, then find nothing left to do.
 *
 * @example
 * const applied = await migrate(process.env.DATABASE_URL!, { logger });
 *
 * @throws {MigrationError} when the migrations folder is unreadable, a migration fails (nothing of
 *   it stays applied), an applied migration was edited, or a failed migration is unresolved.
 */
export async function migrate(databaseUrl: string, options: MigrateOptions = {}): Promise<string[]> {
  const logger = options.logger ?? silentLogger;
  // Read the folder before touching the database, so a broken checkout changes nothing.
  const migrations = await readMigrations(options.migrationsDir ?? defaultMigrationsDir);

  const client = new pg.Client({ connectionString: databaseUrl, application_name: "signal-desk migrate" });
  // A lost connection also rejects the query in flight, which is where we report it; without a
  // listener the same error, emitted as an event, would crash the process.
  client.on("error", () => {});
  await client.connect();
  try {
    // A session lock, released by closing the connection below, whatever happens in between.
    const { rows } = await client.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1) AS locked", [
      PRISMA_MIGRATE_LOCK_KEY,
    ]);
    if (!rows[0]?.locked) {
      logger.info("migrate: another migrator holds the lock; waiting for it");
      await client.query("SELECT pg_advisory_lock($1)", [PRISMA_MIGRATE_LOCK_KEY]);
    }

    await client.query(CREATE_HISTORY_TABLE);
    const history = await client.query<HistoryRow>(
      `SELECT migration_name, checksum, started_at, finished_at, rolled_back_at, logs
         FROM "_prisma_migrations" ORDER BY started_at`,
    );
    const pending = planPending(migrations, history.rows, logger);

    const applied: string[] = [];
    for (const migration of pending) {
      const started = performance.now();
      await applyMigration(client, migration);
      applied.push(migration.name);
      logger.info(`migrate: applied ${migration.name} (${Math.round(performance.now() - started)} ms)`);
    }
    return applied;
  } finally {
    await client.end();
  }
}

/**
 * Reads the migration folders of `dir` in apply order. Plain files next to them (the lock file)
 * are not migrations and are skipped.
 *
 * @throws {MigrationError} when the folder is missing, a migration folder has no `migration.sql`,
 *   or `migration_lock.toml` names another database provider.
 */
export async function readMigrations(dir: string): Promise<MigrationFile[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (cause) {
    throw new MigrationError(`Cannot read the migrations folder ${dir}`, { cause });
  }

  const lock = entries.find((entry) => entry.isFile() && entry.name === "migration_lock.toml");
  if (lock) {
    const text = await readFile(join(dir, lock.name), "utf8");
    const provider = /^\s*provider\s*=\s*"([^"]*)"/m.exec(text)?.[1];
    if (provider !== undefined && provider !== "postgresql") {
      throw new MigrationError(`${join(dir, lock.name)} is for provider "${provider}", not "postgresql"`);
    }
  }

  const names = entries
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith("."))
    .map((entry) => entry.name)
    // Code-unit order, like Prisma: timestamps prefix the names, so this is creation order.
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

  return Promise.all(
    names.map(async (name) => {
      const file = join(dir, name, "migration.sql");
      let bytes: Buffer;
      try {
        bytes = await readFile(file);
      } catch (cause) {
        throw new MigrationError(`Migration ${name} has no readable migration.sql (${file})`, {
          migration: name,
          cause,
        });
      }
      return {
        name,
        sql: bytes.toString("utf8"),
        checksum: createHash("sha256").update(bytes).digest("hex"),
      };
    }),
  );
}

/** Checks the recorded history against the folder and returns what is left to apply. */
function planPending(migrations: MigrationFile[], history: HistoryRow[], logger: DbLogger): MigrationFile[] {
  const failed = history.find((row) => row.finished_at === null && row.rolled_back_at === null);
  if (failed) {
    const logs = failed.logs ? `\n${failed.logs.trim()}\n` : " ";
    throw new MigrationError(
      `Migration ${failed.migration_name} started at ${failed.started_at.toISOString()} and never finished.${logs}` +
        "It may be partly applied (it did not run under this migrator). Repair the database by hand, then mark " +
        `it rolled back: UPDATE "_prisma_migrations" SET rolled_back_at = now() WHERE migration_name = ` +
        `'${failed.migration_name}' AND finished_at IS NULL; (see docs/database.md).`,
      { migration: failed.migration_name },
    );
  }

  const applied = new Map<string, HistoryRow>();
  for (const row of history) {
    if (row.finished_at !== null && row.rolled_back_at === null) applied.set(row.migration_name, row);
  }

  const edited = migrations.filter((m) => {
    const row = applied.get(m.name);
    return row !== undefined && row.checksum !== m.checksum;
  });
  if (edited.length > 0) {
    throw new MigrationError(
      `Applied migrations were modified afterwards: ${edited.map((m) => m.name).join(", ")}. ` +
        "Their SQL no longer matches what the database ran (sha256 checksum differs). Restore the files " +
        "(e.g. git checkout) and put the change in a new migration.",
      { migration: edited[0]?.name },
    );
  }

  const known = new Set(migrations.map((m) => m.name));
  for (const name of applied.keys()) {
    // Happens when older code runs against a newer database (a rollback of the app): not fatal.
    if (!known.has(name)) logger.warn(`migrate: ${name} is applied in the database but not in the folder`);
  }

  return migrations.filter((m) => !applied.has(m.name));
}

/** Runs one migration and its history row in a single transaction. */
async function applyMigration(client: pg.Client, migration: MigrationFile): Promise<void> {
  const id = randomUUID();
  await client.query("BEGIN");
  try {
    await client.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count)
       VALUES ($1, $2, $3, clock_timestamp(), 0)`,
      [id, migration.checksum, migration.name],
    );
    // No parameters: pg uses the simple query protocol, which accepts many statements at once.
    await client.query(migration.sql);
    await client.query(
      `UPDATE "_prisma_migrations" SET finished_at = clock_timestamp(), applied_steps_count = 1 WHERE id = $1`,
      [id],
    );
    await client.query("COMMIT");
  } catch (cause) {
    const reason = describePgError(cause, migration.sql);
    try {
      await client.query("ROLLBACK");
      // Keep a trace for people and `prisma migrate status`: a rolled-back row is history only and
      // does not block the next run, which is right because nothing of the migration remains.
      await client.query(
        `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, logs, started_at, rolled_back_at)
         VALUES ($1, $2, $3, $4, clock_timestamp(), clock_timestamp())`,
        [randomUUID(), migration.checksum, migration.name, reason],
      );
    } catch {
      // The connection is gone: the server rolls the transaction back by itself, and the trace row
      // is a courtesy. The migration's own error below is what the caller needs.
    }
    throw new MigrationError(
      `Migration ${migration.name} failed and was rolled back, nothing of it is applied: ${reason}`,
      { migration: migration.name, cause },
    );
  }
}

/** Postgres' message with its detail, hint and the line of the script it points at. */
function describePgError(error: unknown, sql: string): string {
  if (!(error instanceof Error)) return String(error);
  const { detail, hint, position } = error as pg.DatabaseError;
  const parts = [error.message];
  if (position) parts.push(`at line ${sql.slice(0, Number(position) - 1).split("\n").length}`);
  if (detail) parts.push(`detail: ${detail}`);
  if (hint) parts.push(`hint: ${hint}`);
  return parts.join("; ");
}
