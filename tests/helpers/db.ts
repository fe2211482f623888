/**
 * Throw-away databases for tests, cloned from the migrated template that
 * tests/setup/global-db.ts prepares once per run.
 *
 * @example
 * let test: TestDatabase;
 * beforeEach(async () => { test = await createTestDatabase(); });
 * afterEach(() => test.drop());
 * it("...", async () => { await test.db.service.create({ data: { ... } }); });
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import { createDb, type DbClient } from "../../src/platform/db/client.ts";

/** A database of one's own, dropped with {@link TestDatabase.drop}. */
export interface TestDatabase {
  name: string;
  url: string;
  /** A client on it (small pool), disconnected by `drop()`. */
  db: DbClient;
  /** Disconnects and drops the database, even if other connections are still open. */
  drop(): Promise<void>;
}

/** Options for {@link createTestDatabase}. */
export interface CreateTestDatabaseOptions {
  /** Start empty (no tables, no migration history) instead of fully migrated. */
  empty?: boolean;
}

/** A fresh database: a clone of the migrated template, or an empty one. */
export async function createTestDatabase(options: CreateTestDatabaseOptions = {}): Promise<TestDatabase> {
  const adminUrl = inject("dbAdminUrl");
  const name = `${inject("dbPrefix")}_${randomBytes(5).toString("hex")}`;
  const template = options.empty ? "template0" : inject("dbTemplate");
  await adminQuery(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);

  const url = databaseUrl(adminUrl, name);
  const db = createDb(url, { poolSize: 4 });
  let dropped = false;
  return {
    name,
    url,
    db,
    drop: async () => {
      if (dropped) return;
      dropped = true;
      await db.$disconnect();
      await adminQuery(`DROP DATABASE "${name}" WITH (FORCE)`);
    },
  };
}

/** Runs one statement on the test server's maintenance database. */
export async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: inject("dbAdminUrl") });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** `serverUrl` with its database replaced by `database`. */
export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${encodeURIComponent(database)}`;
  return url.toString();
}
