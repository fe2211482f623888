/**
 * Personal data as an area of the product: each service's retention policy, the nightly sweep
 * anonymising what has outlived it, and erasure on request (the admin command line). Other areas
 * remove their own personal data through their `personalData` hook (src/platform/module.ts).
 *
 * It reads and writes the signals' personal columns directly: privacy cuts across areas by nature,
 * and keeping what "personal data of a signal" means in one place is the point.
 */
import type { AreaModule, PersonalDataHook } from "../platform/module.ts";
import { retentionJobs } from "./jobs/retention.ts";

/** The privacy area; `hooks` are the other areas' personal-data hooks. */
export function privacyArea(hooks: () => readonly PersonalDataHook[]): AreaModule {
  return {
    id: "privacy",
    jobs: (deps) => retentionJobs(deps.db, deps.clock, hooks, deps.logger),
  };
}
