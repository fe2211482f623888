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
