/**
 * The demo page's script: ./app/app.ts (type-checked with the rest of the project) together with the
 * SimClient it imports, turned into one plain ES module for the browser with esbuild — the TypeScript
 * compiler tsx itself runs on, so it is installed wherever `npm start` works. Built once, on first request
 * (~50 ms), and kept in memory.
 */
import { fileURLToPath } from "node:url";

const ENTRY = fileURLToPath(new URL("./app/app.ts", import.meta.url));

let built: Promise<string> | undefined;

/** The bundled page script (a failed build is retried on the next call). */
export function buildPageScript(): Promise<string> {
  built ??= bundle().catch((error: unknown) => {
    built = undefined;
    throw error;
  });
  return built;
}

async function bundle(): Promise<string> {
  const esbuild = await import("esbuild");
  const result = await esbuild.build({
    entryPoints: [ENTRY],
    bundle: true,
    format: "esm",
    platform: "browser",
    target: ["es2022"],
    write: false,
    charset: "utf8",
    legalComments: "none",
    logLevel: "silent",
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error("esbuild produced no output for the demo page");
  return output.text;
}
