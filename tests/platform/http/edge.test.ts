/**
 * The HTTP edge as an attacker meets it: security headers on every response, body limits (413),
 * bad encodings and malformed escapes (400), absurd dates (400) — never a 500; failed
 * authentications limited per address and logged without the token; the webhook's secret
 * checked before its body is read.
 */
import { createServer, type Server } from "node:http";
import { connect, type AddressInfo } from "node:net";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueApiToken } from "../../../src/access/tokens.ts";
import { createApi } from "../../../src/platform/http/app.ts";
import { journalRoutes } from "../../../src/signals/http/journals.ts";
import { signalActionRoutes } from "../../../src/signals/http/actions.ts";
import { createWebhookHandler, SECRET_HEADER } from "../../../bots/telegram/webhook.ts";
import { createTestDatabase, type TestDatabase } from "../../helpers/db.ts";
import type { FeatureDeps } from "../../../src/platform/chat/app.ts";
import { DEFAULT_SIGNAL_SETTINGS } from "../../../src/signals/settings.ts";

const NOW = new Date("2025-05-01T10:00:00Z");
const SECRET = "edge-secret-0123456789";

let test: TestDatabase;
let server: Server;
let url: string;
let token: string;
let webhookCalls = 0;
const logs: string[] = [];

beforeAll(async () => {
  test = await createTestDatabase();
  const service = await test.db.service.create({ data: { name: "Служба", timeZone: "Europe/Moscow" } });
  const head = await test.db.staff.create({
    data: { serviceId: service.id, role: "head", fullName: "Орлова Е. Н." },
  });
  token = (await issueApiToken(test.db, { staffId: head.id, name: "edge", now: NOW })).token;
  const logger = pino({ level: "info" }, { write: (line: string) => logs.push(line) });
  const deps = {
    db: test.db,
    clock: () => NOW,
    jobs: () => undefined,
    deliver: () => {},
  } as unknown as FeatureDeps;
  const app = createApi({
    logger,
    health: {},
    routers: [
      journalRoutes({ db: test.db, clock: () => NOW }),
      signalActionRoutes(deps, DEFAULT_SIGNAL_SETTINGS),
    ],
    authFailureLimit: { windowMs: 60_000, max: 3 },
    webhook: {
      path: "/telegram/webhook",
      handler: createWebhookHandler({
        secret: SECRET,
        logger,
        isStopping: () => false,
        track: (task) => task,
        processUpdate: async () => void webhookCalls++,
      }),
    },
  });
  server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  await test?.drop();
});

const auth = () => ({ authorization: `Bearer ${token}` });

/** Sends raw bytes and returns the status line's code (for requests fetch() refuses to make). */
function raw(request: string, body?: Buffer): Promise<number> {
  const { port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), "127.0.0.1", () => {
      socket.write(request);
      if (body) socket.write(body);
    });
    let data = "";
    socket.setEncoding("latin1").on("data", (chunk: string) => {
      data += chunk;
      const match = /^HTTP\/1\.1 (\d{3})/.exec(data);
      if (match) {
        socket.destroy();
        resolve(Number(match[1]));
      }
    });
    socket.on("error", reject);
    setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer to ${request.split("\r\n")[0]}`));
    }, 3_000);
  });
}

describe("the HTTP edge", () => {
  it("sets security headers on every response", async () => {
    for (const path of ["/health", "/api/journals/service", "/nowhere"]) {
      const response = await fetch(`${url}${path}`, { headers: auth() });
      expect(response.headers.get("content-security-policy"), path).toContain("default-src 'self'");
      expect(response.headers.get("content-security-policy"), path).toContain("frame-ancestors 'none'");
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("strict-transport-security")).toMatch(/max-age=/);
      expect(response.headers.get("referrer-policy")).toBe("no-referrer");
      expect(response.headers.get("x-frame-options")).toBe("SAMEORIGIN");
      expect(response.headers.get("x-powered-by")).toBeNull();
    }
  });

  it("answers 413 for a body over the limit and 400 for bad encodings and escapes, never 500", async () => {
    const signalPath = "/api/signals/00000000-0000-4000-8000-000000000000/urgency";
    const big = await fetch(`${url}${signalPath}`, {
      method: "POST",
      headers: { ...auth(), "content-type": "application/json" },
      body: JSON.stringify({ urgency: "x".repeat(200_000) }),
    });
    expect(big.status).toBe(413);
    expect(await big.json()).toMatchObject({ error: { code: "payload_too_large" } });

    const koi8 = await fetch(`${url}${signalPath}`, {
      method: "POST",
      headers: { ...auth(), "content-type": "application/json; charset=koi8-r" },
      body: "{}",
    });
    expect(koi8.status).toBe(400);
    const gzip = await fetch(`${url}${signalPath}`, {
      method: "POST",
      headers: { ...auth(), "content-type": "application/json", "content-encoding": "br-unknown" },
      body: "{}",
    });
    expect(gzip.status).toBe(400);
    const broken = await fetch(`${url}${signalPath}`, {
      method: "POST",
      headers: { ...auth(), "content-type": "application/json" },
      body: '{"urgency": "urgent"',
    });
    expect(broken.status).toBe(400);

    expect(
      await raw(`GET /api/signals/%E0%A4%A HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\r\n\r\n`),
    ).toBe(400);
    expect(
      await raw(`GET /api/signals/%zz HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\r\n\r\n`),
    ).toBe(400);
  });

  it("answers 400 for dates outside a sane range", async () => {
    for (const query of ["from=0000-01-01", "to=9999-12-31", "from=1000-01-01T00:00", "from=2025-02-30"]) {
      const response = await fetch(`${url}/api/journals/service?${query}`, { headers: auth() });
      expect(response.status, query).toBe(400);
      expect(await response.json()).toMatchObject({ error: { code: "bad_request" } });
    }
    expect((await fetch(`${url}/api/journals/service?from=2025-01-01`, { headers: auth() })).status).toBe(
      200,
    );
    expect(logs.join("\n")).not.toContain('"level":50');
  });

  it("checks the webhook's secret before reading the body; 413 for a huge one with the secret", async () => {
    // Headers announcing a megabyte that never comes: refused at once, nothing read or handled.
    const started = performance.now();
    expect(
      await raw(
        `POST /telegram/webhook HTTP/1.1\r\nHost: x\r\n${SECRET_HEADER}: wrong\r\nContent-Type: application/json\r\nContent-Length: 1000000\r\n\r\n`,
      ),
    ).toBe(401);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(
      await raw(
        `POST /telegram/webhook HTTP/1.1\r\nHost: x\r\n${SECRET_HEADER}: ${SECRET}\r\nContent-Type: application/json\r\nContent-Length: 5000000\r\n\r\n`,
      ),
    ).toBe(413);
    const invalid = await fetch(`${url}/telegram/webhook`, {
      method: "POST",
      headers: { [SECRET_HEADER]: SECRET, "content-type": "application/json" },
      body: Buffer.from([0x7b, 0xff, 0xfe, 0x7d]),
    });
    expect(invalid.status).toBe(400);
    expect(webhookCalls).toBe(0);
  });

  it("limits failed authentications per address and logs them without the token", async () => {
    const forged = `sdk_${"B".repeat(43)}`;
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const response = await fetch(`${url}/api/journals/service`, {
        headers: { authorization: `Bearer ${forged}` },
      });
      statuses.push(response.status);
    }
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
    // Locked out for the window, whatever the token.
    expect((await fetch(`${url}/api/journals/service`, { headers: auth() })).status).toBe(429);
    const lines = logs.filter((l) => l.includes("api authentication failed"));
    expect(lines.length).toBeGreaterThanOrEqual(3);
    expect(JSON.parse(lines[0]!)).toMatchObject({ ip: "127.0.0.1", path: "/api/journals/service" });
    expect(logs.join("\n")).not.toContain(forged.slice(4, 20));
    expect(logs.join("\n")).not.toContain(token.slice(4, 20));
  });
});
