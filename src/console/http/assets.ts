/**
 * The console's static files, served by our own route (never a CDN): htmx 2 from node_modules,
 * our stylesheet and script from ../assets. Read once at start; cached by browsers for an hour and
 * revalidated by ETag.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { Router } from "express";

interface Asset {
  body: Buffer;
  type: string;
  etag: string;
}

function asset(path: string, type: string): Asset {
  const body = readFileSync(path);
  return { body, type, etag: `"${createHash("sha256").update(body).digest("base64url").slice(0, 16)}"` };
}

const require = createRequire(import.meta.url);
const own = (name: string) => fileURLToPath(new URL(`../assets/${name}`, import.meta.url));

let cached: Map<string, Asset> | undefined;

/** The files by name (loaded on first use). */
function assets(): Map<string, Asset> {
  cached ??= new Map([
    ["htmx.min.js", asset(require.resolve("htmx.org/dist/htmx.min.js"), "text/javascript; charset=utf-8")],
    ["console.js", asset(own("console.js"), "text/javascript; charset=utf-8")],
    ["console.css", asset(own("console.css"), "text/css; charset=utf-8")],
  ]);
  return cached;
}

/** `GET /assets/:name` (mounted under /console). */
export function assetRoutes(): Router {
  const router = Router();
  router.get("/assets/:name", (req, res, next) => {
    const file = assets().get(req.params.name);
    if (!file) return next();
    res.setHeader("Cache-Control", "public, max-age=3600");
    res.setHeader("ETag", file.etag);
    if (req.headers["if-none-match"] === file.etag) return void res.status(304).end();
    res.type(file.type).send(file.body);
  });
  return router;
}
