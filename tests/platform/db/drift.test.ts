/**
 * The migrations folder and prisma/schema/ must describe the same database. When this fails,
 * the schema changed without a migration (run `npm run db:new-migration -- <name>`) or a
 * migration was edited by hand into something the schema does not say.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { schemaDir, schemaSnapshotDir } from "../../../src/platform/db/paths.ts";
import { diffSchemas, readSchemaFolder, type SchemaSource } from "../../../src/platform/db/schema-engine.ts";
import { createTestDatabase, type TestDatabase } from "../../helpers/db.ts";
import { readCatalog } from "./catalog.ts";

let schema: SchemaSource[];
let migrated: TestDatabase;
const created: TestDatabase[] = [];
beforeAll(async () => {
  schema = await readSchemaFolder(schemaDir);
  migrated = await createTestDatabase(); // the template, built by applying every migration
});
afterAll(async () => {
  await Promise.all([migrated, ...created].map((database) => database.drop()));
});

/** A database built straight from a Prisma schema, with the SQL the schema engine generates. */
async function databaseFromSchema(files: SchemaSource[]): Promise<TestDatabase> {
  const database = await createTestDatabase({ empty: true });
  created.push(database);
  const sql = await diffSchemas(null, files);
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    await client.query(sql ?? "");
  } finally {
    await client.end();
  }
  return database;
}

describe("schema drift", () => {
  it("a database migrated from prisma/migrations equals one built from prisma/schema", async () => {
    const expected = await readCatalog((await databaseFromSchema(schema)).url);
    expect(expected.tables.length).toBeGreaterThan(10);
    expect(await readCatalog(migrated.url)).toEqual(expected);
  });

  it("detects a field added to a model without a migration", async () => {
    const changed = schema.map((file) => ({
      ...file,
      content: file.content.replace(/^model Service \{\n/m, '$&  driftProbe String? @map("drift_probe")\n'),
    }));
    expect(changed).not.toEqual(schema);
    const drifted = await readCatalog((await databaseFromSchema(changed)).url);
    expect(await readCatalog(migrated.url)).not.toEqual(drifted);
    expect(drifted.columns).toContain("services.drift_probe text");
  });

  it("the snapshot db:new-migration diffs from is the schema as of the last migration", async () => {
    const snapshot = await readSchemaFolder(schemaSnapshotDir);
    expect(snapshot.map((f) => f.path)).toEqual(schema.map((f) => f.path));
    expect(await diffSchemas(snapshot, schema)).toBeNull();
  });
});
