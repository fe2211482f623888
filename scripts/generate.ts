/**
 * `npm run generate` (also the package's postinstall): generates the Prisma client into
 * `src/generated/prisma`. Silent on success; on failure prints Prisma's output and exits non-zero.
 *
 * Prisma's CLI insists on a schema engine binary and on the config's DATABASE_URL even though
 * generating needs neither, and the native engine cannot be downloaded here: give it any existing
 * file and a placeholder URL (never used to connect). CHECKPOINT_DISABLE stops its update check,
 * which would wait on the network.
 */
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { projectRoot } from "../src/platform/db/paths.ts";

const prismaCli = createRequire(import.meta.url).resolve("prisma/build/index.js");
const result = spawnSync(process.execPath, [prismaCli, "generate"], {
  cwd: projectRoot,
  encoding: "utf8",
  env: {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath,
    DATABASE_URL: process.env.DATABASE_URL || "postgresql://unused@localhost/unused",
    CHECKPOINT_DISABLE: "1",
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
  },
});

if (result.status !== 0) {
  process.stderr.write(`${result.stdout ?? ""}${result.stderr ?? ""}`);
  console.error(`prisma generate failed (${result.error?.message ?? `exit code ${result.status}`})`);
  process.exit(1);
}
