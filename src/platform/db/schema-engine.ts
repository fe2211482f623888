/**
 * Prisma's schema engine, compiled to WebAssembly (`@prisma/schema-engine-wasm`), used offline:
 * it turns a change between two Prisma schemas into PostgreSQL DDL without any database.
 *
 * The engine is built to talk to a database through a driver adapter, and probes the server
 * once when it starts. A datamodel-to-datamodel diff needs nothing more, so we hand it an
 * adapter that answers that probe and refuses everything else: if a future engine version
 * starts querying the database for a diff, it fails loudly instead of guessing.
 *
 * Used by `npm run db:new-migration` and by the drift test.
 */
import { readdir, readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import {
  bindMigrationAwareSqlAdapterFactory,
  ColumnTypeEnum,
  type SqlDriverAdapter,
  type SqlQuery,
} from "@prisma/driver-adapter-utils";
import * as glue from "@prisma/schema-engine-wasm/schema_engine_bg";

/** A Prisma schema file: `path` only labels error messages. */
export interface SchemaSource {
  path: string;
  content: string;
}

/** The `.prisma` files of a schema folder, by name; an empty list when the folder is missing. */
export async function readSchemaFolder(dir: string): Promise<SchemaSource[]> {
  const names = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return [] as string[];
    throw error;
  });
  const files = names.filter((name) => name.endsWith(".prisma")).sort();
  return Promise.all(
    files.map(async (name) => ({ path: name, content: await readFile(join(dir, name), "utf8") })),
  );
}

/**
 * The SQL that turns a database built from `from` into one built from `to` (PostgreSQL), or
 * `null` when they describe the same database. Each side is a schema's files; `from: null` means
 * an empty database.
 *
 * @example
 * const sql = await diffSchemas(null, await readSchemaFolder(schemaDir)); // full DDL
 *
 * @throws the engine's error (with Prisma's `P1012` validation report) for an invalid schema.
 */
export async function diffSchemas(from: SchemaSource[] | null, to: SchemaSource[]): Promise<string | null> {
  await loadEngine();
  const engine = await glue.SchemaEngine.new({ datamodels: undefined }, () => {}, offlineAdapterFactory());
  try {
    const result = await engine.diff({
      from: from ? { tag: "schemaDatamodel", files: from } : { tag: "empty" },
      to: { tag: "schemaDatamodel", files: to },
      script: true,
      // Asks the engine to report "non-empty" as exit code 2: the script text alone is never empty.
      exitCode: true,
      filters: { externalTables: [], externalEnums: [] },
    });
    return result.exitCode === 2 ? withoutPublicSchemaCreation(result.stdout ?? "") : null;
  } finally {
    engine.free();
  }
}

/**
 * Removes the engine's `CREATE SCHEMA IF NOT EXISTS "public"` from a first migration: `public`
 * always exists, and Postgres checks the CREATE privilege on the database before "if not exists",
 * so a least-privilege application role (common on hosted Postgres) would fail on it.
 */
function withoutPublicSchemaCreation(sql: string): string {
  return sql.replace(/^-- CreateSchema\nCREATE SCHEMA IF NOT EXISTS "public";\n\n/m, "");
}

/**
 * The part of the WebAssembly JS API used here. Node has it; the project's `lib` (ES2023, no DOM)
 * does not declare it.
 */
declare const WebAssembly: {
  compile(bytes: Uint8Array): Promise<object>;
  instantiate(module: object, imports: Record<string, object>): Promise<{ exports: Record<string, unknown> }>;
};

let loaded: Promise<void> | undefined;

/**
 * Instantiates the wasm module once per process. The package's entry point imports the `.wasm`
 * file as an ES module, which Node 20 cannot do, so we wire its JS glue to the module by hand.
 */
function loadEngine(): Promise<void> {
  loaded ??= (async () => {
    const require = createRequire(import.meta.url);
    const wasmPath = join(
      dirname(require.resolve("@prisma/schema-engine-wasm/schema_engine_bg")),
      "schema_engine_bg.wasm",
    );
    const module = await WebAssembly.compile(await readFile(wasmPath));
    const instance = await WebAssembly.instantiate(module, { "./schema_engine_bg.js": glue });
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
  })();
  return loaded;
}

/** The one query the engine runs when it starts: does the schema exist, which server version. */
const STARTUP_PROBE = "server_version_num";

function offlineAdapterFactory(): object {
  const refuse = async (what: string): Promise<never> => {
    throw new Error(`The offline schema engine has no database; it tried to run: ${what}`);
  };
  const adapter: SqlDriverAdapter = {
    provider: "postgres",
    adapterName: "signal-desk-offline",
    queryRaw: async (query: SqlQuery) => {
      if (!query.sql.includes(STARTUP_PROBE)) return refuse(query.sql);
      // Claim the oldest server we support (PostgreSQL 15), so generated DDL runs on all of them.
      return {
        columnNames: ["exists", "version", "numeric_version"],
        columnTypes: [ColumnTypeEnum.Boolean, ColumnTypeEnum.Text, ColumnTypeEnum.Int32],
        rows: [[true, "PostgreSQL 15.0", 150000]],
      };
    },
    executeRaw: (query: SqlQuery) => refuse(query.sql),
    executeScript: (script: string) => refuse(script),
    startTransaction: () => refuse("BEGIN"),
    dispose: async () => {},
  };
  return bindMigrationAwareSqlAdapterFactory({
    provider: "postgres",
    adapterName: adapter.adapterName,
    connect: async () => adapter,
    connectToShadowDb: async () => adapter,
  });
}
