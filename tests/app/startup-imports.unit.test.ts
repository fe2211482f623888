/**
 * Production start-up does not import the local test servers or the demo page: they are reached
 * only through dynamic imports taken when no bot token is configured. Checked on the real import
 * graph of `src/app/main.ts`, as esbuild resolves it.
 */
import { build, type Metafile } from "esbuild";
import { describe, expect, it } from "vitest";

const ENTRY = "src/app/main.ts";
const LOCAL_ONLY = [
  "@signal-desk/telegram-bot-api-sim",
  "@signal-desk/max-bot-api-sim",
  "@signal-desk/sim-page",
];

async function importGraph(): Promise<Metafile> {
  const result = await build({
    entryPoints: [ENTRY],
    bundle: true,
    platform: "node",
    format: "esm",
    packages: "external",
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  return result.metafile;
}

/** Every file and package reached from the entry through static imports only. */
function staticallyReached(meta: Metafile): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>([ENTRY]);
  const packages = new Set<string>();
  const queue = [ENTRY];
  while (queue.length > 0) {
    const file = queue.pop()!;
    for (const imported of meta.inputs[file]?.imports ?? []) {
      if (imported.kind !== "import-statement" && imported.kind !== "require-call") continue;
      if (imported.external) packages.add(imported.path);
      else if (!files.has(imported.path)) {
        files.add(imported.path);
        queue.push(imported.path);
      }
    }
  }
  return { files, packages };
}

describe("production start-up", () => {
  it("does not import the local Telegram and MAX servers or the demo page unless asked to", async () => {
    const meta = await importGraph();
    const { files, packages } = staticallyReached(meta);
    expect(files.size).toBeGreaterThan(50);
    for (const name of LOCAL_ONLY) expect(packages.has(name), name).toBe(false);
    expect([...files].filter((f) => f.startsWith("packages/"))).toEqual([]);

    // …while both are there as dynamic imports (so this test would see them if they became static).
    const dynamic = Object.values(meta.inputs)
      .flatMap((input) => input.imports)
      .filter((i) => i.kind === "dynamic-import")
      .map((i) => i.path);
    for (const name of LOCAL_ONLY) expect(dynamic).toContain(name);
  });
});
