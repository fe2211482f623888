/**
 * The journals' contents: columns, filters, paging, period boundaries in the service's zone, bad
 * query values, and one signal with its case and timeline.
 */
import { describe, expect, it } from "vitest";
import {
  hospitalJournalResponse,
  serviceJournalResponse,
  signalResponse,
} from "../../../src/signals/http/journals.ts";
import { WOMEN, useSeededApi, type World } from "../../helpers/api.ts";

const NOW = new Date("2025-04-10T09:00:00Z");

const ctx = useSeededApi(NOW);

interface Page {
  items: { id: string; number: string; womanFullName: string }[];
  page: number;
  pageSize: number;
  total: number;
}

async function journal(kind: "hospital" | "service", query: string, who: keyof World["tokens"] = "head") {
  const response = await ctx.api.get(`/api/journals/${kind}${query}`, { token: ctx.world.tokens[who] });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body as Page;
}

const ids = (page: Page) => page.items.map((item) => item.id);
const sorted = (values: string[]) => [...values].sort();

describe("GET /api/journals/hospital", () => {
  it("lists a hospital's rows in its numbering with the journal's columns", async () => {
    const body = await journal("hospital", `?hospitalId=${ctx.world.hospitalA}`);
    expect(hospitalJournalResponse.safeParse(revive(body)).success).toBe(true);
    expect(body).toMatchObject({ page: 1, pageSize: 50, total: 3 });
    expect(body.items.map((i) => i.number)).toEqual(["1/2025", "2/2025", "3/2025"]);
    expect(body.items[1]).toEqual({
      id: ctx.world.signals.s2,
      number: "2/2025",
      hospital: { id: ctx.world.hospitalA, name: "Роддом №1" },
      kind: "newborn",
      womanFullName: WOMEN.s2,
      registeredAddress: "г. Тестовск, ул. Вымышленная, д. 1",
      actualAddress: "г. Тестовск, ул. Придуманная, д. 2",
      ambulanceFrom: "ул. Придуманная, д. 2",
      byAmbulance: null,
      // Times carry the service's offset: what the card and the register show.
      identifiedAt: "2025-03-31T23:30:00+03:00",
      registeredAt: "2025-03-31T23:30:00+03:00",
      transmittedAt: "2025-04-01T00:10:00+03:00",
      late: false,
      reporter: { id: ctx.world.staff.reporterA, fullName: "Иванова Алла Борисовна" },
    });
  });

  it("takes the period on identifiedAt in Moscow time: 00:15 on the first day and 23:30 on the last are in", async () => {
    const body = await journal("hospital", "?from=2025-03-01&to=2025-04-01");
    // s1 is 28 Feb in UTC and s4 is 31 March in UTC: a UTC period would swap them.
    expect(sorted(ids(body))).toEqual(
      sorted([ctx.world.signals.s1, ctx.world.signals.s2, ctx.world.signals.s3]),
    );
    expect(body.total).toBe(3);
  });

  it("takes date-times with and without an offset (an unencoded + included)", async () => {
    const local = await journal("hospital", "?from=2025-03-31T23:30&to=2025-04-01T00:30");
    expect(ids(local)).toEqual([ctx.world.signals.s2]);
    const utc = await journal("hospital", "?from=2025-03-31T20:30:00Z&to=2025-03-31T20:30:00.001Z");
    expect(ids(utc)).toEqual([ctx.world.signals.s2]);
    const offset = await journal("hospital", "?from=2025-04-01T00:30:00%2B03:00");
    expect(ids(offset)).toEqual([ctx.world.signals.s4]);
    const unencoded = await journal("hospital", "?from=2025-04-01T00:30:00+03:00");
    expect(ids(unencoded)).toEqual([ctx.world.signals.s4]);
  });

  it("shows a reporter only their hospital, a curator only their signals", async () => {
    expect(sorted(ids(await journal("hospital", "", "reporterA")))).toEqual(
      sorted([ctx.world.signals.s1, ctx.world.signals.s2, ctx.world.signals.s4]),
    );
    expect(sorted(ids(await journal("hospital", "", "curator1")))).toEqual(
      sorted([ctx.world.signals.s2, ctx.world.signals.s3]),
    );
    expect(ids(await journal("hospital", "", "curator2"))).toEqual([ctx.world.signals.s4]);
    // Another service's head sees only their own service.
    expect(ids(await journal("hospital", "", "otherHead"))).toEqual([ctx.world.signals.other]);
  });
});

describe("GET /api/journals/service", () => {
  it("lists the registration journal with assignment, decision and case", async () => {
    const body = await journal("service", "");
    expect(serviceJournalResponse.safeParse(revive(body)).success).toBe(true);
    expect(body.total).toBe(5);
    expect(body.items.map((i) => i.number)).toEqual(["1/2025", "2/2025", "3/2025", "4/2025", "5/2025"]);
    expect(body.items[2]).toEqual({
      id: ctx.world.signals.s3,
      number: "3/2025",
      hospital: { id: ctx.world.hospitalB, name: "Роддом №2" },
      receivedAt: "2025-03-15T14:00:00+03:00",
      identifiedAt: "2025-03-15T10:00:00+03:00",
      kind: "newborn",
      category: "intends_to_abandon",
      location: "together_in_ward",
      womanFullName: WOMEN.s3,
      registeredAddress: "г. Тестовск, ул. Вымышленная, д. 1",
      actualAddress: "г. Тестовск, ул. Придуманная, д. 2",
      ambulanceFrom: "ул. Придуманная, д. 2",
      byAmbulance: null,
      phone: "+7 900 000-00-00",
      reporter: { id: ctx.world.staff.reporterB, fullName: "Петрова Вера Николаевна" },
      urgency: "urgent",
      curator: { id: ctx.world.staff.curator1, fullName: "Фёдорова Евгения Львовна" },
      assignedAt: "2025-03-15T14:10:00+03:00",
      assignedBy: { id: ctx.world.staff.head, fullName: "Сидорова Галина Павловна" },
      arrivedAt: "2025-03-15T15:20:00+03:00",
      decision: "case_opened",
      decidedAt: "2025-03-15T17:00:00+03:00",
      caseNumber: ctx.world.caseNumber,
      case: {
        id: expect.any(String) as unknown,
        number: ctx.world.caseNumber,
        status: "open",
        openedAt: "2025-03-15T17:00:00+03:00",
        accompanimentAt: null,
        closedAt: null,
        closeReason: null,
        handedOverAt: null,
      },
      late: true,
      status: "case_opened",
    });
    expect(body.items[3]).toMatchObject({
      decision: "not_confirmed",
      caseNumber: null,
      status: "not_confirmed",
    });
    expect(body.items[0]).toMatchObject({ decision: null, curator: null, assignedBy: null, urgency: null });
  });

  it("takes the period on transmittedAt (received), not identifiedAt", async () => {
    // s2 was identified on 31 March but received at 00:10 on 1 April, Moscow time.
    const body = await journal("service", "?from=2025-03-01&to=2025-04-01");
    expect(ids(body)).toEqual([ctx.world.signals.s1, ctx.world.signals.s3]);
    const april = await journal("service", "?from=2025-04-01");
    expect(ids(april)).toEqual([ctx.world.signals.s2, ctx.world.signals.s4]);
    const untilMarch = await journal("service", "?to=2025-03-01");
    expect(ids(untilMarch)).toEqual([ctx.world.signals.s5]);
  });

  it("filters by hospital, curator and status, together", async () => {
    expect(ids(await journal("service", `?hospitalId=${ctx.world.hospitalB}`))).toEqual([
      ctx.world.signals.s3,
      ctx.world.signals.s5,
    ]);
    expect(ids(await journal("service", `?curatorId=${ctx.world.staff.curator1}`))).toEqual([
      ctx.world.signals.s2,
      ctx.world.signals.s3,
    ]);
    expect(ids(await journal("service", "?status=received"))).toEqual([
      ctx.world.signals.s1,
      ctx.world.signals.s5,
    ]);
    const all = await journal(
      "service",
      `?hospitalId=${ctx.world.hospitalA}&curatorId=${ctx.world.staff.curator1}&status=assigned`,
    );
    expect(ids(all)).toEqual([ctx.world.signals.s2]);
    const none = await journal("service", `?hospitalId=${ctx.world.hospitalB}&status=assigned`);
    expect(none).toMatchObject({ items: [], total: 0 });
  });

  it("pages: total counts all pages; the last page is short; past the end is empty", async () => {
    const first = await journal("service", "?pageSize=2");
    expect(first).toMatchObject({ page: 1, pageSize: 2, total: 5 });
    expect(ids(first)).toEqual([ctx.world.signals.s1, ctx.world.signals.s2]);
    expect(ids(await journal("service", "?pageSize=2&page=2"))).toEqual([
      ctx.world.signals.s3,
      ctx.world.signals.s4,
    ]);
    const last = await journal("service", "?pageSize=2&page=3");
    expect(last).toMatchObject({ page: 3, total: 5 });
    expect(ids(last)).toEqual([ctx.world.signals.s5]);
    expect(await journal("service", "?pageSize=2&page=4")).toMatchObject({ items: [], page: 4, total: 5 });
    expect((await journal("service", "?pageSize=200")).items).toHaveLength(5);
    const filtered = await journal("service", "?status=received&pageSize=1&page=2");
    expect(filtered).toMatchObject({ total: 2 });
    expect(ids(filtered)).toEqual([ctx.world.signals.s5]);
  });
});

describe("keyset pages (cursor)", () => {
  interface CursorPage extends Page {
    nextCursor: string | null;
    timeZone: string;
  }
  const get = async (kind: "hospital" | "service", query: string) =>
    (await journal(kind, query)) as unknown as CursorPage;

  it("walks the service journal page by page without counting, and says when it ends", async () => {
    const first = await get("service", "?pageSize=2");
    expect(first).toMatchObject({ page: 1, total: 5, timeZone: "Europe/Moscow" });
    expect(first.nextCursor).toMatch(/^[A-Za-z0-9_-]+$/);
    const second = await get("service", `?pageSize=2&cursor=${first.nextCursor}`);
    expect(second).toMatchObject({ page: null, total: null });
    expect(ids(second)).toEqual([ctx.world.signals.s3, ctx.world.signals.s4]);
    const third = await get("service", `?pageSize=2&cursor=${second.nextCursor}`);
    expect(ids(third)).toEqual([ctx.world.signals.s5]);
    expect(third.nextCursor).toBeNull();
  });

  it("walks the hospital journal of every hospital in (year, number, hospital) order", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: CursorPage = await get("hospital", `?pageSize=1${cursor ? `&cursor=${cursor}` : ""}`);
      seen.push(...page.items.map((i) => i.number));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(5);
    const all = await get("hospital", "?pageSize=10");
    expect(seen).toEqual(all.items.map((i) => i.number));
  });

  it("refuses a cursor that is not one, or one of the other journal", async () => {
    const first = await get("service", "?pageSize=1");
    for (const [kind, cursor] of [
      ["hospital", first.nextCursor!],
      ["service", "bm90LWEtY3Vyc29y"],
      ["service", "a+b"],
    ] as const) {
      const response = await ctx.api.get(`/api/journals/${kind}?cursor=${encodeURIComponent(cursor)}`, {
        token: ctx.world.tokens.head,
      });
      expect(response.status, `${kind} ${cursor}`).toBe(400);
      expect(response.body).toMatchObject({ error: { code: "bad_request", details: { field: "cursor" } } });
    }
  });
});

describe("bad query values", () => {
  it.each([
    ["service", "pageSize=0", "pageSize"],
    ["service", "pageSize=201", "pageSize"],
    ["service", "pageSize=1.5", "pageSize"],
    ["hospital", "page=abc", "page"],
    ["hospital", "page=0", "page"],
    ["hospital", "page=-1", "page"],
    ["service", "from=not-a-date", "from"],
    ["service", "from=2025-02-30", "from"],
    ["hospital", "to=2025-03-01T25:00", "to"],
    ["hospital", "from=2025-03-02&to=2025-03-01", "to"],
    ["hospital", "from=2025-03-01&to=2025-03-01", "to"],
    ["service", "status=bogus", "status"],
    ["service", "hospitalId=12", "hospitalId"],
    ["service", "curatorId=x", "curatorId"],
    ["service", "page=1&page=2", "page"],
    ["service", "hospitalID=1", "hospitalID"],
  ])("%s journal ?%s → 400 naming %s", async (kind, query, field) => {
    const response = await ctx.api.get(`/api/journals/${kind}?${query}`, { token: ctx.world.tokens.head });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: { code: "bad_request", details: { field } } });
    expect((response.body as { error: { message: string } }).error.message).toMatch(
      new RegExp(`^${field}: .+`),
    );
  });

  it("a signal id that is not a UUID → 400 naming id", async () => {
    const response = await ctx.api.get("/api/signals/123", { token: ctx.world.tokens.head });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({
      error: { code: "bad_request", message: "id: must be a UUID", details: { field: "id" } },
    });
  });
});

describe("GET /api/signals/:id", () => {
  it("returns every field, the case and the timeline in id order with actors", async () => {
    const response = await ctx.api.get(`/api/signals/${ctx.world.signals.s3}`, {
      token: ctx.world.tokens.head,
    });
    expect(response.status).toBe(200);
    const body = response.body as Record<string, unknown> & { timeline: Record<string, unknown>[] };
    expect(signalResponse.safeParse(revive(body)).success).toBe(true);
    expect(body).toMatchObject({
      id: ctx.world.signals.s3,
      number: "3/2025",
      hospitalNumber: "1/2025",
      hospital: { id: ctx.world.hospitalB, name: "Роддом №2", shortName: "РД2" },
      reporter: { id: ctx.world.staff.reporterB },
      womanFullName: WOMEN.s3,
      womanBirthDate: "2001-06-15",
      phone: "+7 900 000-00-00",
      category: "intends_to_abandon",
      location: "together_in_ward",
      late: true,
      urgency: "urgent",
      status: "case_opened",
      curator: { id: ctx.world.staff.curator1, fullName: "Фёдорова Евгения Львовна" },
      assignedBy: { id: ctx.world.staff.head },
      acceptedAt: "2025-03-15T14:15:00+03:00",
      departedAt: "2025-03-15T14:30:00+03:00",
      outcome: { met: "met", intention: "confirmed", decision: "open_case" },
      decision: "case_opened",
      case: { number: "1/2025", status: "open", curator: { id: ctx.world.staff.curator1 }, closedAt: null },
    });
    expect(body).not.toHaveProperty("womanNameKey");
    expect(body.timeline.map((e) => e.type)).toEqual([
      "registered",
      "transmitted",
      "urgency_set",
      "assigned",
      "accepted",
      "departed",
      "arrived",
      "outcome",
      "case_opened",
    ]);
    const eventIds = body.timeline.map((e) => BigInt(e.id as string));
    expect(eventIds).toEqual([...eventIds].sort((a, b) => (a < b ? -1 : 1)));
    expect(body.timeline[3]).toMatchObject({
      type: "assigned",
      at: "2025-03-15T14:10:00+03:00",
      actor: { id: ctx.world.staff.head, fullName: "Сидорова Галина Павловна" },
      data: { curatorId: ctx.world.staff.curator1 },
    });
  });

  it("returns a signal without a case or curator", async () => {
    const response = await ctx.api.get(`/api/signals/${ctx.world.signals.s1}`, {
      token: ctx.world.tokens.reporterA,
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      case: null,
      curator: null,
      decision: null,
      outcome: null,
      womanBirthDate: null,
    });
    expect((response.body as { timeline: unknown[] }).timeline).toHaveLength(1);
  });
});

/** JSON dates back to Date, so a response can be checked against its zod schema. */
function revive(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value), (_key, v: unknown) =>
    typeof v === "string" && /^\d{4}-\d{2}-\d{2}T.*(Z|[+-]\d{2}:\d{2})$/.test(v) ? new Date(v) : v,
  ) as unknown;
}
