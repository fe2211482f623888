/**
 * The access table: who gets what from each journal endpoint, and that refusals leave no audit
 * rows while reads do.
 */
import { describe, expect, it } from "vitest";
import { auditCount, useSeededApi, type World } from "../../helpers/api.ts";

const NOW = new Date("2025-04-10T09:00:00Z");

const ctx = useSeededApi(NOW);

type Caller = keyof World["tokens"] | "none" | "malformed" | "wrongScheme" | "unknown";
type Endpoint = "hospitalJournal" | "serviceJournal" | "s1" | "s3" | "s4" | "other";

/** s1: hospital A, nobody assigned; s3: hospital B, curator1; s4: hospital A, curator2; other: another service. */
const ENDPOINTS: Record<Endpoint, (w: World) => string> = {
  hospitalJournal: () => "/api/journals/hospital",
  serviceJournal: () => "/api/journals/service",
  s1: (w) => `/api/signals/${w.signals.s1}`,
  s3: (w) => `/api/signals/${w.signals.s3}`,
  s4: (w) => `/api/signals/${w.signals.s4}`,
  other: (w) => `/api/signals/${w.signals.other}`,
};

const TABLE: Record<Caller, Record<Endpoint, number>> = {
  //             hospitalJournal       serviceJournal       s1       s3       s4       other
  none: { hospitalJournal: 401, serviceJournal: 401, s1: 401, s3: 401, s4: 401, other: 401 },
  malformed: { hospitalJournal: 401, serviceJournal: 401, s1: 401, s3: 401, s4: 401, other: 401 },
  wrongScheme: { hospitalJournal: 401, serviceJournal: 401, s1: 401, s3: 401, s4: 401, other: 401 },
  unknown: { hospitalJournal: 401, serviceJournal: 401, s1: 401, s3: 401, s4: 401, other: 401 },
  revoked: { hospitalJournal: 401, serviceJournal: 401, s1: 401, s3: 401, s4: 401, other: 401 },
  deactivated: { hospitalJournal: 401, serviceJournal: 401, s1: 401, s3: 401, s4: 401, other: 401 },
  reporterA: { hospitalJournal: 200, serviceJournal: 403, s1: 200, s3: 403, s4: 200, other: 404 },
  reporterB: { hospitalJournal: 200, serviceJournal: 403, s1: 403, s3: 200, s4: 403, other: 404 },
  head: { hospitalJournal: 200, serviceJournal: 200, s1: 200, s3: 200, s4: 200, other: 404 },
  admin: { hospitalJournal: 200, serviceJournal: 200, s1: 200, s3: 200, s4: 200, other: 404 },
  curator1: { hospitalJournal: 200, serviceJournal: 200, s1: 404, s3: 200, s4: 404, other: 404 },
  curator2: { hospitalJournal: 200, serviceJournal: 200, s1: 404, s3: 404, s4: 200, other: 404 },
  psychologist: { hospitalJournal: 403, serviceJournal: 403, s1: 403, s3: 403, s4: 403, other: 403 },
  otherHead: { hospitalJournal: 200, serviceJournal: 200, s1: 404, s3: 404, s4: 404, other: 200 },
};

function authOf(caller: Caller): { token: string } | { header: string } | undefined {
  switch (caller) {
    case "none":
      return undefined;
    case "malformed":
      return { header: "Bearer" };
    case "wrongScheme":
      return { header: `Basic ${ctx.world.tokens.head}` };
    case "unknown":
      return { token: `sdk_${"A".repeat(43)}` };
    default:
      return { token: ctx.world.tokens[caller] };
  }
}

const CODES: Record<number, string> = { 401: "unauthorized", 403: "forbidden", 404: "not_found" };

describe("access table", () => {
  const cases = Object.entries(TABLE).flatMap(([caller, row]) =>
    Object.entries(row).map(([endpoint, status]) => ({
      caller: caller as Caller,
      endpoint: endpoint as Endpoint,
      status,
    })),
  );

  it.each(cases)("$caller → $endpoint: $status", async ({ caller, endpoint, status }) => {
    const response = await ctx.api.get(ENDPOINTS[endpoint](ctx.world), authOf(caller));
    expect(response.status).toBe(status);
    if (status !== 200) {
      expect(response.body).toMatchObject({ error: { code: CODES[status] } });
    }
    if (status === 401)
      expect(response.headers.get("www-authenticate")).toMatch(/^Bearer realm="signal-desk"/);
    if (status === 200) expect(response.headers.get("cache-control")).toBe("no-store");
  });

  it("refuses a reporter's hospitalId filter for another hospital, allows their own", async () => {
    const own = await ctx.api.get(
      `/api/journals/hospital?hospitalId=${ctx.world.hospitalA}`,
      authOf("reporterA"),
    );
    expect(own.status).toBe(200);
    const other = await ctx.api.get(
      `/api/journals/hospital?hospitalId=${ctx.world.hospitalB}`,
      authOf("reporterA"),
    );
    expect(other.status).toBe(403);
    expect(other.body).toMatchObject({ error: { code: "forbidden", details: { field: "hospitalId" } } });
  });

  it("refuses a curator's curatorId filter for another curator, allows their own", async () => {
    const own = await ctx.api.get(
      `/api/journals/service?curatorId=${ctx.world.staff.curator1}`,
      authOf("curator1"),
    );
    expect(own.status).toBe(200);
    const other = await ctx.api.get(
      `/api/journals/service?curatorId=${ctx.world.staff.curator2}`,
      authOf("curator1"),
    );
    expect(other.status).toBe(403);
    expect(other.body).toMatchObject({ error: { code: "forbidden", details: { field: "curatorId" } } });
  });

  it("shows a reporter the status and curator of a signal, never what the visit found", async () => {
    const path = `/api/signals/${ctx.world.signals.s3}`;
    const reporter = (await ctx.api.get(path, authOf("reporterB"))).body as Record<string, unknown>;
    expect(reporter).toMatchObject({ status: "case_opened", curator: { id: ctx.world.staff.curator1 } });
    expect(reporter).toMatchObject({ outcome: null, decision: null, decidedAt: null, case: null });
    const types = (reporter.timeline as { type: string }[]).map((e) => e.type);
    expect(types).toContain("assigned");
    expect(types).not.toContain("outcome");
    expect(types).not.toContain("case_opened");

    const head = (await ctx.api.get(path, authOf("head"))).body as Record<string, unknown>;
    expect(head).toMatchObject({ outcome: { intention: "confirmed" }, decision: "case_opened" });
    expect(head.case).not.toBeNull();
    expect((head.timeline as { type: string }[]).map((e) => e.type)).toContain("outcome");
  });

  it("answers 404 for an unknown signal", async () => {
    const response = await ctx.api.get("/api/signals/00000000-0000-4000-8000-000000000000", authOf("head"));
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ error: { code: "not_found" } });
  });

  it("does not guard other features' routes under /api", async () => {
    const response = await ctx.api.get("/api/something-else");
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ error: { code: "not_found", message: "no such route" } });
  });
});

describe("audit of reads", () => {
  it("writes signal.read with the actor for a signal read", async () => {
    const before = await auditCount(ctx.test.db, "signal.read");
    expect((await ctx.api.get(ENDPOINTS.s3(ctx.world), authOf("curator1"))).status).toBe(200);
    expect(await auditCount(ctx.test.db, "signal.read")).toBe(before + 1);
    const row = await ctx.test.db.auditEvent.findFirstOrThrow({
      where: { action: "signal.read" },
      orderBy: { id: "desc" },
    });
    expect(row).toMatchObject({
      serviceId: ctx.world.serviceId,
      actorStaffId: ctx.world.staff.curator1,
      subjectType: "signal",
      subjectId: ctx.world.signals.s3,
      at: NOW,
    });
  });

  it("writes journal.read with journal, count, filters, the rows returned and the token, and no personal data", async () => {
    const query = `?hospitalId=${ctx.world.hospitalA}&status=received&from=2025-03-01&pageSize=10`;
    const response = await ctx.api.get(`/api/journals/hospital${query}`, authOf("head"));
    expect(response.status).toBe(200);
    const row = await ctx.test.db.auditEvent.findFirstOrThrow({
      where: { action: "journal.read" },
      orderBy: { id: "desc" },
    });
    expect(row).toMatchObject({
      actorStaffId: ctx.world.staff.head,
      subjectType: "journal",
      subjectId: "hospital",
    });
    const body = response.body as { items: { id: string }[] };
    const token = await ctx.test.db.apiToken.findFirstOrThrow({
      where: { staffId: ctx.world.staff.head, revokedAt: null },
    });
    expect(row.details).toEqual({
      journal: "hospital",
      count: 1,
      filters: {
        hospitalId: ctx.world.hospitalA,
        status: "received",
        from: "2025-03-01",
        page: 1,
        pageSize: 10,
      },
      signalIds: body.items.map((item) => item.id),
      via: "api",
      tokenId: token.id,
    });
  });

  it("writes nothing for 401, 403, 404 and 400", async () => {
    const before = await auditCount(ctx.test.db);
    const refused = [
      await ctx.api.get(ENDPOINTS.s1(ctx.world), authOf("revoked")),
      await ctx.api.get(ENDPOINTS.serviceJournal(ctx.world), authOf("reporterA")),
      await ctx.api.get(ENDPOINTS.s3(ctx.world), authOf("reporterA")),
      await ctx.api.get(ENDPOINTS.s1(ctx.world), authOf("curator1")),
      await ctx.api.get(ENDPOINTS.other(ctx.world), authOf("head")),
      await ctx.api.get(`/api/journals/hospital?hospitalId=${ctx.world.hospitalB}`, authOf("reporterA")),
      await ctx.api.get(ENDPOINTS.hospitalJournal(ctx.world), authOf("psychologist")),
      await ctx.api.get("/api/journals/service?pageSize=0", authOf("head")),
    ];
    expect(refused.map((r) => r.status)).toEqual([401, 403, 403, 404, 404, 403, 403, 400]);
    expect(await auditCount(ctx.test.db)).toBe(before);
  });
});
