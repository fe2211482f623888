/**
 * `npm run demo:seed`: creates the demo data (see ./seed.ts) in DATABASE_URL, or in the embedded
 * database that `npm start` uses (shared with a running `npm start`). Migrates first, like the admin CLI.
 */
import { pathToFileURL } from "node:url";
import { loadConfig } from "../platform/config.ts";
import { createDb } from "../platform/db/client.ts";
import { openConfiguredDatabase } from "../platform/db/configured.ts";
import { DEMO_SERVICE_NAME, DEMO_USERS, seedDemo } from "./seed.ts";

async function main(): Promise<void> {
  const config = loadConfig();
  const database = await openConfiguredDatabase(config);
  try {
    const db = createDb(database.url, { poolSize: 2 });
    try {
      const result = await seedDemo(db, { now: new Date() });
      const people = DEMO_USERS.map(
        (u) => `  ${u.role.padEnd(9)} ${u.fullName} (simulated user ${u.userId})`,
      );
      console.log(
        result.created
          ? [`Demo data created: "${DEMO_SERVICE_NAME}" (${result.serviceId}), staff:`, ...people].join("\n")
          : `Demo data already exists (service ${result.serviceId}); nothing changed.`,
      );
      const host = config.host === "0.0.0.0" ? "127.0.0.1" : config.host;
      console.log(`Try it: npm start (without BOT_TOKEN), then open http://${host}:${config.port}/sim`);
    } finally {
      await db.$disconnect();
    }
  } finally {
    await database.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error("demo:seed failed:", error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
