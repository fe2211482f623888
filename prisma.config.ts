/**
 * Prisma CLI configuration (`prisma generate`, `prisma studio`, `prisma db pull`).
 *
 * Migrations are not applied with the Prisma CLI here: its native schema engine cannot be
 * downloaded on our machines, and with a stand-in binary `prisma migrate deploy` reports success
 * while applying nothing. `npm run db:migrate` (src/platform/db/migrate.ts) applies them; see docs/database.md.
 */
import { defineConfig, env } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema",
  migrations: { path: "prisma/migrations" },
  datasource: { url: env("DATABASE_URL") },
});
