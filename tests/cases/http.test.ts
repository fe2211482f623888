/**
 * The cases API over real HTTP: who gets which cases (a curator their own, heads and admins every
 * case, a psychologist the attached ones, reporters nothing), what a case's detail holds, the
 * list's filters, bad requests, and the audit rows reads leave.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, type Harness, type HarnessApi, type HarnessPerson } from "../helpers/harness.ts";
import { casePeople, makeDecisionPlan, openCaseThroughBot, type CasePeople } from "../helpers/cases.ts";

describe("GET /api/cases and /api/cases/:id", () => {
  let h: Harness;
  let p: CasePeople;
  let api: HarnessApi;
  let curator2: HarnessPerson;
  let psychologist: HarnessPerson;
  let admin: HarnessPerson;
  let case1: string;
  let case2: string;

  beforeAll(async () => {
    h = await createHarness();
    p = await casePeople(h);
    curator2 = await h.person("curator", "Зайцева Ольга Игоревна");
    psychologist = await h.person("psychologist", "Сидорова Елена Викторовна");
    admin = await h.person("admin", "Админова Ирина Павловна");
    case1 = await openCaseThroughBot(h, p);
    await p.curator.send("/case 1/2026");
    await makeDecisionPlan(p.curator);
    await p.head.send("/case 1/2026");
    await p.head.press("🧑‍⚕️ Психолог");
    await p.head.press("Психолог: Сидорова Е. В.");
    case2 = await openCaseThroughBot(h, p, "Смирнова Дарья Олеговна", curator2, "Зайцева");
    api = await h.api();
  });
  afterAll(async () => h.stop());

  const numbers = (body: unknown) => (body as { items: { number: string }[] }).items.map((i) => i.number);

  it("lists by the policy: heads and admins all, a curator their own, a psychologist the attached, a reporter nothing", async () => {
    const list = async (person: HarnessPerson) => api.call(person.staffId, "GET", "/api/cases");
    expect(numbers((await list(p.head)).body)).toEqual(["1/2026", "2/2026"]);
    expect(numbers((await list(admin)).body)).toEqual(["1/2026", "2/2026"]);
    expect(numbers((await list(p.curator)).body)).toEqual(["1/2026"]);
    expect(numbers((await list(curator2)).body)).toEqual(["2/2026"]);
    expect(numbers((await list(psychologist)).body)).toEqual(["1/2026"]);
    const reporter = await list(p.reporter);
    expect(reporter.status).toBe(403);
    expect(reporter.body).toMatchObject({ error: { code: "forbidden" } });
  });

  it("gives one case by the policy; another curator's case is not revealed", async () => {
    const get = (person: HarnessPerson, id = case1) => api.call(person.staffId, "GET", `/api/cases/${id}`);
    for (const person of [p.head, admin, p.curator, psychologist])
      expect((await get(person)).status).toBe(200);
    expect((await get(curator2)).status).toBe(404);
    expect((await get(p.reporter)).status).toBe(403);
    expect((await get(curator2, case2)).status).toBe(200);
    expect((await get(p.head, "0b8e2d4c-1111-4222-8333-444455556666")).status).toBe(404);
    const bad = await api.call(p.head.staffId, "GET", "/api/cases/not-a-uuid");
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: { code: "bad_request", details: { field: "id" } } });
  });

  it("holds the sheet, plan versions with actions, monitoring, deadlines and the timeline", async () => {
    const { status, body } = await api.call(p.curator.staffId, "GET", `/api/cases/${case1}`);
    expect(status).toBe(200);
    const detail = body as Record<string, unknown>;
    expect(detail).toMatchObject({
      number: "1/2026",
      signal: { number: "1/2026" },
      womanFullName: "Иванова Анна Петровна",
      womanBirthDate: "1995-03-12",
      status: "open",
      stage: "decision_change",
      curator: { fullName: "Петрова Анна Сергеевна" },
      psychologist: { fullName: "Сидорова Елена Викторовна" },
      sheet: null,
      monitorings: [],
      handovers: [],
    });
    const plans = detail.plans as {
      version: number;
      kind: string;
      actions: { what: string; dueDate: string }[];
    }[];
    expect(plans).toHaveLength(1);
    expect(plans[0]).toMatchObject({ kind: "decision_change", version: 1 });
    expect(plans[0]!.actions.map((a) => [a.what, a.dueDate])).toEqual([
      ["Встреча с матерью женщины", "2026-11-26"],
      ["Оформить пособие на ребёнка", "2026-12-07"],
    ]);
    const timeline = detail.timeline as { type: string; actor: { fullName: string } | null }[];
    expect(timeline.map((e) => e.type)).toEqual(["opened", "plan_made", "psychologist_attached"]);
    expect(timeline[2]!.actor?.fullName).toBe("Кузнецова Мария Петровна");
    const deadlines = detail.deadlines as { kind: string; overdue: boolean }[];
    expect(deadlines.map((d) => d.kind)).toEqual(["action", "monitoring", "action", "limit"]);
    // Only the listed fields leave: no internal columns.
    expect(Object.keys(detail)).not.toContain("serviceId");
  });

  it("filters by status, curator, period and overdue; refuses filters outside the caller's reach and unknown ones", async () => {
    const q = async (person: HarnessPerson, query: string) =>
      api.call(person.staffId, "GET", `/api/cases?${query}`);
    expect(numbers((await q(p.head, `curatorId=${curator2.staffId}`)).body)).toEqual(["2/2026"]);
    expect(numbers((await q(p.head, "status=closed")).body)).toEqual([]);
    expect(numbers((await q(p.head, "from=2026-11-23&to=2026-11-24")).body)).toEqual(["1/2026", "2/2026"]);
    expect(numbers((await q(p.head, "from=2026-11-24")).body)).toEqual([]);
    expect(numbers((await q(p.head, "overdue=true")).body)).toEqual([]);
    const other = await q(p.curator, `curatorId=${curator2.staffId}`);
    expect(other.status).toBe(403);
    expect(other.body).toMatchObject({ error: { details: { field: "curatorId" } } });
    for (const [query, field] of [
      ["status=lost", "status"],
      ["overdue=yes", "overdue"],
      ["from=yesterday", "from"],
      ["pageSize=500", "pageSize"],
      ["curator=x", "curator"],
    ] as const) {
      const bad = await q(p.head, query);
      expect(bad.status, query).toBe(400);
      expect(bad.body).toMatchObject({ error: { code: "bad_request", details: { field } } });
    }
    // Four days on, case 1's first action is overdue (and case 2's plan).
    await h.advance(4 * 24 * 60);
    expect(numbers((await q(p.head, "overdue=true")).body)).toEqual(["1/2026", "2/2026"]);
    expect(numbers((await q(p.head, "overdue=true&curatorId=" + p.curator.staffId)).body)).toEqual([
      "1/2026",
    ]);
  });

  it("every read leaves an audit row naming the token", async () => {
    const before = await h.database.db.auditEvent.count({ where: { action: "case.read" } });
    await api.call(p.head.staffId, "GET", `/api/cases/${case2}`);
    const row = await h.database.db.auditEvent.findFirstOrThrow({
      where: { action: "case.read", subjectId: case2 },
      orderBy: { id: "desc" },
    });
    expect(row.actorStaffId).toBe(p.head.staffId);
    expect(row.details).toMatchObject({ via: "api" });
    expect(row.details).toHaveProperty("tokenId");
    expect(await h.database.db.auditEvent.count({ where: { action: "case.read" } })).toBe(before + 1);
    const list = await h.database.db.auditEvent.findFirstOrThrow({ where: { action: "case.list_read" } });
    expect(list.details).toHaveProperty("caseIds");
  });
});
