/**
 * An unhandled promise rejection is logged (without its message when it comes from the database)
 * and the process goes on; without the guard Node would end it.
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

function run(withGuard: boolean) {
  const script = `
    import { pino } from "pino";
    import { installProcessGuards } from "./src/platform/process-guards.ts";
    const logger = pino({ level: "info" });
    if (${withGuard}) installProcessGuards(logger);
    Promise.reject(Object.assign(new Error("Иванова Анна: duplicate key"), { code: "23505" }));
    Promise.reject(Object.assign(new Error("again"), { code: "23505" }));
    setTimeout(() => console.log("still serving"), 100);
  `;
  return spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
    cwd: ROOT,
    encoding: "utf8",
    timeout: 20_000,
  });
}

describe("process guards", () => {
  it("log an unhandled rejection once per kind, without a database error's message, and keep the process", () => {
    const guarded = run(true);
    expect(guarded.status).toBe(0);
    expect(guarded.stdout).toContain("still serving");
    const lines = guarded.stdout.split("\n").filter((l) => l.includes("unhandled promise rejection"));
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ err: { type: "Error", code: "23505" } });
    expect(guarded.stdout).not.toContain("Иванова");
  });

  it("without them Node ends the process (what the guard prevents)", () => {
    const bare = run(false);
    expect(bare.status).not.toBe(0);
    expect(bare.stdout).not.toContain("still serving");
  });
});
