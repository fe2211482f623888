/**
 * Two lanes, both in `npm test`:
 * - unit (`npm run test:unit`): pure tests (`*.unit.test.ts`): engine, domain, policy, rendering,
 *   adapters and the local servers' protocol; no PostgreSQL is started.
 * - integration: everything else, against one PostgreSQL per run (tests/setup/global-db.ts).
 */
import { defineConfig } from "vitest/config";

const UNIT = ["tests/**/*.unit.test.ts", "packages/*/tests/**/*.unit.test.ts"];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    // Vitest's default is one worker fewer than the cores: one worker on a 2-core machine. Most
    // integration files wait on PostgreSQL and timers, so two keep both cores busy: on this 2-core
    // machine `npm test` went from 627 s to 384 s (1,773 tests, embedded PostgreSQL, quiet machine).
    maxWorkers: 2,
    projects: [
      { extends: true, test: { name: "unit", include: UNIT } },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/**/*.test.ts", "packages/*/tests/**/*.test.ts"],
          exclude: UNIT,
          globalSetup: ["tests/setup/global-db.ts"],
        },
      },
    ],
  },
});
