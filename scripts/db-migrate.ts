/**
 * `npm run db:migrate`: applies pending migrations from `prisma/migrations` to the database at
 * DATABASE_URL, or, when it is unset, to the embedded server in `.data/pg` (started for the run
 * and stopped after, unless another process of ours is already running it).
 */
import { startEmbeddedPostgres } from "../src/platform/db/embedded.ts";
import { migrate } from "../src/platform/db/migrate.ts";

async function main(): Promise<void> {
  const configured = process.env.DATABASE_URL?.trim();
  const embedded = configured ? undefined : await startEmbeddedPostgres({ logger: console });
  try {
    const applied = await migrate(configured || embedded!.url, { logger: console });
    console.log(applied.length ? `${applied.length} migration(s) applied` : "database is up to date");
  } finally {
    await embedded?.stop();
  }
}

try {
  await main();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
