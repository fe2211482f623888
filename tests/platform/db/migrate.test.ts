import { createHash } from "node:crypto";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { migrate, MigrationError, readMigrations } from "../../../src/platform/db/migrate.ts";
import { migrationsDir } from "../../../src/platform/db/paths.ts";
import { createTestDatabase, type TestDatabase } from "../../helpers/db.ts";

let test: TestDatabase;
let dir: string;
beforeEach(async () => {
  test = await createTestDatabase({ empty: true });
  dir = await mkdtemp(join(tmpdir(), "signal-desk-migrations-"));
});
afterEach(async () => {
  await test.drop();
  await rm(dir, { recursive: true, force: true });
});

/** Writes `{ folder: sql }` as Prisma-layout migration folders into the temp dir. */
async function writeMigrations(migrations: Record<string, string>): Promise<void> {
  for (const [name, sql] of Object.entries(migrations)) {
    await mkdir(join(dir, name), { recursive: true });
    await writeFile(join(dir, name, "migration.sql"), sql);
  }
}

async function query<T extends pg.QueryResultRow>(sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: test.url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

async function tableExists(name: string): Promise<boolean> {
  const [row] = await query<{ exists: boolean }>(
    `SELECT to_regclass('public.${name}') IS NOT NULL AS exists`,
  );
  return row?.exists ?? false;
}

interface HistoryRow {
  id: string;
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  logs: string | null;
  applied_steps_count: number;
}

const history = () => query<HistoryRow>(`SELECT * FROM "_prisma_migrations" ORDER BY started_at`);

describe("migrate", () => {
  it("applies the project's migrations once, recording them as Prisma does", async () => {
    const folder = await readMigrations(migrationsDir);
    expect(folder.length).toBeGreaterThan(0);

    expect(await migrate(test.url)).toEqual(folder.map((m) => m.name));
    expect(await migrate(test.url)).toEqual([]);

    const rows = await history();
    expect(rows.map((r) => r.migration_name)).toEqual(folder.map((m) => m.name));
    for (const [i, row] of rows.entries()) {
      const sql = await readFile(join(migrationsDir, row.migration_name, "migration.sql"));
      expect(row.checksum).toBe(createHash("sha256").update(sql).digest("hex"));
      expect(row.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(row).toMatchObject({ logs: null, rolled_back_at: null, applied_steps_count: 1 });
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(folder[i]?.checksum).toBe(row.checksum);
    }
  });

  it("lets one of two concurrent migrators apply and the other wait", async () => {
    await writeMigrations({
      "20250101000000_slow": "CREATE TABLE slow (id int); SELECT pg_sleep(0.3);",
      "20250101000001_next": "ALTER TABLE slow ADD COLUMN note text;",
    });
    const waits: string[] = [];
    const logger = { info: (message: string) => waits.push(message), warn: () => {} };

    const [a, b] = await Promise.all([
      migrate(test.url, { migrationsDir: dir, logger }),
      migrate(test.url, { migrationsDir: dir, logger }),
    ]);

    expect([a, b].map((applied) => applied.length).sort()).toEqual([0, 2]);
    expect(waits.filter((m) => m.includes("waiting"))).toHaveLength(1);
    expect((await history()).map((r) => r.migration_name)).toEqual([
      "20250101000000_slow",
      "20250101000001_next",
    ]);
  });

  it("applies folders in name order and ignores plain files beside them", async () => {
    await writeMigrations({
      "20250102000000_second": "ALTER TABLE first ADD COLUMN b int;",
      "20250101000000_first": "CREATE TABLE first (a int);",
    });
    await writeFile(join(dir, "migration_lock.toml"), 'provider = "postgresql"\n');
    await writeFile(join(dir, "schema.snapshot.prisma"), "// not a migration\n");

    expect(await migrate(test.url, { migrationsDir: dir })).toEqual([
      "20250101000000_first",
      "20250102000000_second",
    ]);
  });

  it("sends each migration as one query: semicolons in literals and function bodies survive", async () => {
    await writeMigrations({
      "20250101000000_tricky": `
        CREATE TABLE notes (body text);
        INSERT INTO notes VALUES ('a;b'), ($$c;'d'$$);
        CREATE FUNCTION shout(t text) RETURNS text LANGUAGE plpgsql AS $fn$
        BEGIN
          RETURN upper(t) || '!';
        END;
        $fn$;
      `,
    });
    await migrate(test.url, { migrationsDir: dir });
    expect(await query("SELECT body, shout(body) AS loud FROM notes ORDER BY body")).toEqual([
      { body: "a;b", loud: "A;B!" },
      { body: "c;'d'", loud: "C;'D'!" },
    ]);
  });

  it("rolls a failing migration back completely and lets a fixed one run later", async () => {
    await writeMigrations({
      "20250101000000_ok": "CREATE TABLE kept (id int);",
      "20250102000000_bad":
        "CREATE TABLE half (id int);\nINSERT INTO half VALUES (1);\nSELECT * FROM missing;",
    });

    const failure = await migrate(test.url, { migrationsDir: dir }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(MigrationError);
    expect(failure).toMatchObject({ migration: "20250102000000_bad" });
    expect((failure as Error).message).toMatch(/relation "missing" does not exist; at line 3/);

    expect(await tableExists("kept")).toBe(true);
    expect(await tableExists("half")).toBe(false);
    const rows = await history();
    expect(rows.map((r) => [r.migration_name, r.finished_at !== null, r.rolled_back_at !== null])).toEqual([
      ["20250101000000_ok", true, false],
      ["20250102000000_bad", false, true],
    ]);
    expect(rows[1]?.logs).toMatch(/relation "missing" does not exist/);

    await writeMigrations({ "20250102000000_bad": "CREATE TABLE half (id int);" });
    expect(await migrate(test.url, { migrationsDir: dir })).toEqual(["20250102000000_bad"]);
  });

  it("refuses to run when an applied migration was edited", async () => {
    await writeMigrations({ "20250101000000_a": "CREATE TABLE a (id int);" });
    await migrate(test.url, { migrationsDir: dir });
    await writeMigrations({
      "20250101000000_a": "CREATE TABLE a (id bigint);",
      "20250102000000_b": "CREATE TABLE b (id int);",
    });

    await expect(migrate(test.url, { migrationsDir: dir })).rejects.toThrow(
      /Applied migrations were modified afterwards: 20250101000000_a/,
    );
    expect(await tableExists("b")).toBe(false);
  });

  it("refuses to run while a failed migration is unresolved, and runs once it is marked rolled back", async () => {
    await writeMigrations({ "20250101000000_a": "CREATE TABLE a (id int);" });
    await migrate(test.url, { migrationsDir: dir });
    // What `prisma migrate deploy` leaves when a migration fails half-way.
    await query(`INSERT INTO "_prisma_migrations" (id, checksum, migration_name, logs, applied_steps_count)
                 VALUES (gen_random_uuid()::text, 'x', '20250102000000_b', 'boom', 0)`);
    await writeMigrations({ "20250102000000_b": "CREATE TABLE b (id int);" });

    await expect(migrate(test.url, { migrationsDir: dir })).rejects.toThrow(
      /Migration 20250102000000_b started at .* and never finished\.\nboom\n/,
    );
    expect(await tableExists("b")).toBe(false);

    await query(
      `UPDATE "_prisma_migrations" SET rolled_back_at = now() WHERE migration_name = '20250102000000_b'`,
    );
    expect(await migrate(test.url, { migrationsDir: dir })).toEqual(["20250102000000_b"]);
  });

  it("warns about applied migrations missing from the folder and carries on", async () => {
    await writeMigrations({ "20250101000000_a": "CREATE TABLE a (id int);" });
    await migrate(test.url, { migrationsDir: dir });
    await rm(join(dir, "20250101000000_a"), { recursive: true });
    await writeMigrations({ "20250102000000_b": "CREATE TABLE b (id int);" });
    const warnings: string[] = [];

    const applied = await migrate(test.url, {
      migrationsDir: dir,
      logger: { info: () => {}, warn: (message) => warnings.push(message) },
    });

    expect(applied).toEqual(["20250102000000_b"]);
    expect(warnings).toEqual(["migrate: 20250101000000_a is applied in the database but not in the folder"]);
  });

  it("checks the folder before touching the database", async () => {
    await mkdir(join(dir, "20250101000000_empty"));
    await expect(migrate(test.url, { migrationsDir: dir })).rejects.toThrow(
      /Migration 20250101000000_empty has no readable migration.sql/,
    );
    await expect(migrate(test.url, { migrationsDir: join(dir, "nope") })).rejects.toThrow(
      /Cannot read the migrations folder/,
    );
    expect(await tableExists("_prisma_migrations")).toBe(false);
  });
});
