/**
 * The user side answers browsers only from the origins it was given: a page on another site
 * cannot act as a user (no `*` CORS), and cannot even reset the simulator with a simple request.
 */
import { describe, expect, it, onTestFinished } from "vitest";
import { createLocalBotApi } from "../src/index.ts";

async function start(allowedOrigins?: string[]) {
  const running = await createLocalBotApi(allowedOrigins ? { allowedOrigins } : {}).listen(0, "127.0.0.1");
  onTestFinished(() => running.close());
  return running.url;
}

describe("the user side and browser origins", () => {
  it("refuses any Origin by default, before acting; serves requests without one", async () => {
    const url = await start();
    const evil = await fetch(`${url}/_sim/reset`, {
      method: "POST",
      headers: { origin: "https://evil.example", "content-type": "text/plain" },
      body: "x",
    });
    expect(evil.status).toBe(403);
    expect(evil.headers.get("access-control-allow-origin")).toBeNull();
    const preflight = await fetch(`${url}/_sim/bots`, {
      method: "OPTIONS",
      headers: { origin: "https://evil.example", "access-control-request-method": "POST" },
    });
    expect(preflight.status).toBe(403);
    expect((await fetch(`${url}/_sim/bots`)).status).toBe(200);
  });

  it("answers the /sim page's origin, with CORS for exactly that origin", async () => {
    const url = await start(["http://127.0.0.1:8080"]);
    const page = await fetch(`${url}/_sim/bots`, { headers: { origin: "http://127.0.0.1:8080" } });
    expect(page.status).toBe(200);
    expect(page.headers.get("access-control-allow-origin")).toBe("http://127.0.0.1:8080");
    const other = await fetch(`${url}/_sim/bots`, { headers: { origin: "http://127.0.0.1:9999" } });
    expect(other.status).toBe(403);
  });
});
