/**
 * A comparable description of a database's public schema, read from the PostgreSQL catalog:
 * everything Prisma's schema can express (tables, columns with type, nullability, default and
 * identity, indexes, constraints including foreign-key actions, enums, sequences), sorted so that
 * two databases built by different paths compare equal when they are structurally the same.
 * Column order is left out on purpose: ALTER TABLE appends, a fresh CREATE does not.
 */
import pg from "pg";

/** The catalog snapshot; compare two with `toEqual`. */
export interface Catalog {
  tables: string[];
  columns: string[];
  indexes: string[];
  constraints: string[];
  enums: string[];
  sequences: string[];
}

const QUERIES: Record<keyof Catalog, string> = {
  tables: `SELECT c.relname AS item FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm')`,
  columns: `SELECT format('%s.%s %s%s%s%s', c.relname, a.attname, format_type(a.atttypid, a.atttypmod),
                   CASE WHEN a.attnotnull THEN ' not null' ELSE '' END,
                   CASE WHEN d.adbin IS NOT NULL THEN ' default ' || pg_get_expr(d.adbin, d.adrelid) ELSE '' END,
                   CASE a.attidentity WHEN '' THEN '' ELSE ' identity ' || a.attidentity::text END) AS item
              FROM pg_attribute a
              JOIN pg_class c ON c.oid = a.attrelid
              JOIN pg_namespace n ON n.oid = c.relnamespace
              LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
             WHERE n.nspname = 'public' AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped`,
  indexes: `SELECT pg_get_indexdef(i.indexrelid) AS item FROM pg_index i
              JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = 'public'`,
  constraints: `SELECT format('%s.%s %s', c.relname, k.conname, pg_get_constraintdef(k.oid)) AS item
                  FROM pg_constraint k
                  JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE n.nspname = 'public'`,
  enums: `SELECT format('%s (%s)', t.typname, string_agg(e.enumlabel, ', ' ORDER BY e.enumsortorder)) AS item
            FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
           WHERE n.nspname = 'public' GROUP BY t.typname`,
  sequences: `SELECT format('%s %s', c.relname, format_type(s.seqtypid, NULL)) AS item
                FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid
                JOIN pg_namespace n ON n.oid = c.relnamespace
               WHERE n.nspname = 'public'`,
};

/**
 * Reads the catalog of the database at `url`, leaving out Prisma's migration history table
 * (`_prisma_migrations`), which only a migrated database has.
 */
export async function readCatalog(url: string): Promise<Catalog> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const catalog = {} as Catalog;
    for (const [key, sql] of Object.entries(QUERIES) as [keyof Catalog, string][]) {
      const { rows } = await client.query<{ item: string }>(sql);
      catalog[key] = rows
        .map((row) => row.item)
        .filter((item) => !item.includes("_prisma_migrations"))
        .sort();
    }
    return catalog;
  } finally {
    await client.end();
  }
}
