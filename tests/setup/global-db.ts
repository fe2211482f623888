/**
 * Vitest global setup: one PostgreSQL server for the whole run, and a template database with all
 * migrations applied, which each test clones (`CREATE DATABASE ... TEMPLATE`, tens of ms) through
 * `createTestDatabase()` in tests/helpers/db.ts.
 *
 * The server is TEST_DATABASE_URL's when set (its database is only used to create and drop
 * others; the role needs CREATEDB), otherwise an embedded PostgreSQL in a temporary folder, so
 * `npm test` needs nothing installed. Everything this run created is removed in teardown.
 */
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres, type EmbeddedServer } from "../../src/platform/db/embedded.ts";
import { migrate } from "../../src/platform/db/migrate.ts";
import { databaseUrl } from "../helpers/db.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** URL of a maintenance database on the test server, for CREATE/DROP DATABASE. */
    dbAdminUrl: string;
    /** The migrated template database to clone. */
    dbTemplate: string;
    /** Prefix of every database this run creates, so teardown can find them all. */
    dbPrefix: string;
  }
}

/** Starts or connects to the server and builds the template; returns the teardown. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const external = process.env.TEST_DATABASE_URL?.trim();
  let tempDir: string | undefined;
  let server: EmbeddedServer | undefined;
  if (!external) {
    tempDir = await mkdtemp(join(tmpdir(), "signal-desk-test-pg-"));
    // database "postgres": tests make their own databases, an application one would be wasted time.
    server = await startEmbeddedPostgres({ dataDir: tempDir, durable: false, database: "postgres" });
  }
  const adminUrl = external || server!.adminUrl;

  // Unique per run: runs sharing one external server must not see each other's databases.
  const prefix = `sdt_${randomBytes(4).toString("hex")}`;
  const template = `${prefix}_template`;
  await admin(adminUrl, `CREATE DATABASE "${template}" TEMPLATE template0`);
  await migrate(databaseUrl(adminUrl, template));
  // Cloning fails while anyone is connected to the template: make sure nobody can be.
  await admin(adminUrl, `ALTER DATABASE "${template}" WITH ALLOW_CONNECTIONS false`);

  project.provide("dbAdminUrl", adminUrl);
  project.provide("dbTemplate", template);
  project.provide("dbPrefix", prefix);

  return async () => {
    if (server) {
      await server.stop();
      await rm(tempDir!, { recursive: true, force: true });
      return;
    }
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ datname: string }>(
        "SELECT datname FROM pg_database WHERE starts_with(datname, $1)",
        [prefix],
      );
      for (const { datname } of rows) {
        await client.query(`DROP DATABASE ${client.escapeIdentifier(datname)} WITH (FORCE)`);
      }
    } finally {
      await client.end();
    }
  };
}

async function admin(adminUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
