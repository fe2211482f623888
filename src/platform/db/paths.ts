/**
 * Where the database files live in the checkout, resolved from this file so that scripts and
 * tests work from any current directory.
 */
import { fileURLToPath } from "node:url";

/** The repository root. */
export const projectRoot = fileURLToPath(new URL("../../../", import.meta.url));

/** The Prisma schema, the source of truth for the data model: one `.prisma` file per area. */
export const schemaDir = fileURLToPath(new URL("../../../prisma/schema", import.meta.url));

/** Prisma-layout migration folders: `<timestamp>_<name>/migration.sql`. */
export const migrationsDir = fileURLToPath(new URL("../../../prisma/migrations", import.meta.url));

/**
 * A copy of the schema folder as of the newest migration; `db:new-migration` diffs it against
 * the current schema, so writing a migration needs no database.
 */
export const schemaSnapshotDir = fileURLToPath(new URL("../../../prisma/schema-snapshot", import.meta.url));
