/**
 * The effectiveness report over the API on a hand-built database: abandonment counts entered by a
 * head (with who and when), refused when they overlap, the figures computed from the real tables
 * (expected values counted by hand below), missing counts said, and the PDF and XLSX documents.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pdfText } from "../../../src/platform/documents/pdf-text.ts";
import { readXlsx } from "../../../src/platform/documents/xlsx.ts";
import { createHarness, type Harness } from "../../helpers/harness.ts";

/** Moscow wall-clock time as an instant. */
const msk = (local: string) => new Date(`${local.replace(" ", "T")}:00+03:00`);

let h: Harness;
let head: string;
let reporter: string;
let h2: string;
let h3: string;

interface FigureJson {
  numerator: number | null;
  denominator: number | null;
  ratio: number | null;
  state: string;
  missing: string[];
  pending: number;
}
interface ReportJson {
  period: { from: string; to: string };
  previousPeriod: { from: string; to: string };
  timeZone: string;
  generatedAt: string;
  figures: {
    id: string;
    total: FigureJson;
    byHospital: Record<string, FigureJson>;
    previous: FigureJson;
    drillDown: { numerator: { signal: string; case: string | null }[]; denominator: { signal: string }[] };
  }[];
  abandonments: { hospitalId: string; count: number | null; missing: boolean; entries: unknown[] }[];
}

// Received in the first half of 2026 (Moscow time):
// 1/2026 H1 passed after  30 min  not confirmed
// 2/2026 H1 passed after 120 min  case 1/2026: stage 3 closed, changed, problems removed
// 3/2026 H2 passed after 200 min  case 2/2026: accompaniment since 1 April, going on
// 4/2026 H2 30 June 23:00 → 23:30 (the last day, late evening): waiting for a curator
// 5/2026 H1 1 July 00:10: the next half-year
// Received in the second half of 2025:
// 90/2025 H1  case 9/2025: accompaniment since 1 Nov 2025, closed 1 Feb 2026: plan done
beforeAll(async () => {
  h = await createHarness({ start: new Date("2026-11-23T09:00:00Z") });
  const { db } = h.database;
  head = (await h.person("head", "Руководова Анна Сергеевна")).staffId;
  reporter = (await h.person("reporter", "Неонатолова Ольга Петровна")).staffId;
  const curator = (await h.person("curator", "Куратова Вера Ильинична")).staffId;
  h2 = (
    await db.hospital.create({ data: { serviceId: h.serviceId, name: "Роддом №2 (тест)", shortName: "РД2" } })
  ).id;
  h3 = (
    await db.hospital.create({ data: { serviceId: h.serviceId, name: "Роддом №3 (тест)", shortName: "РД3" } })
  ).id;
  let n = 0;
  const signal = async (
    number: number,
    year: number,
    hospitalId: string,
    identified: string,
    passedAfter: number,
    status: "received" | "not_confirmed" | "case_opened",
  ) => {
    const identifiedAt = msk(identified);
    const transmittedAt = new Date(identifiedAt.getTime() + passedAfter * 60_000);
    n++;
    return db.signal.create({
      data: {
        serviceId: h.serviceId,
        hospitalId,
        reporterId: reporter,
        hospitalYear: year,
        hospitalNumber: n,
        serviceYear: year,
        serviceNumber: number,
        womanFullName: `Вымышленная${n} Анна`,
        womanNameKey: `вымышленная${n} анна`,
        category: "undecided",
        location: "together_in_ward",
        identifiedAt,
        registeredAt: transmittedAt,
        transmittedAt,
        late: passedAfter > 180,
        status,
        curatorId: status === "received" ? null : curator,
      },
    });
  };
  const kase = (signalId: string, number: string, data: Record<string, unknown>) =>
    db.case.create({
      data: {
        serviceId: h.serviceId,
        signalId,
        number,
        caseYear: Number(number.split("/")[1]),
        caseNumber: Number(number.split("/")[0]),
        curatorId: curator,
        openedAt: msk("2026-03-11 10:00"),
        ...data,
      },
    });
  await signal(1, 2026, h.hospitalId, "2026-03-10 10:00", 30, "not_confirmed");
  const s2 = await signal(2, 2026, h.hospitalId, "2026-03-12 10:00", 120, "case_opened");
  await kase(s2.id, "1/2026", {
    status: "closed",
    closedAt: msk("2026-04-05 10:00"),
    closeReason: "changed_resolved",
  });
  const s3 = await signal(3, 2026, h2, "2026-03-20 10:00", 200, "case_opened");
  await kase(s3.id, "2/2026", { status: "accompaniment", accompanimentAt: msk("2026-04-01 10:00") });
  await signal(4, 2026, h2, "2026-06-30 23:00", 30, "received");
  await signal(5, 2026, h.hospitalId, "2026-07-01 00:00", 10, "received");
  const old = await signal(90, 2025, h.hospitalId, "2025-10-10 10:00", 20, "case_opened");
  await kase(old.id, "9/2025", {
    status: "closed",
    openedAt: msk("2025-10-11 10:00"),
    accompanimentAt: msk("2025-11-01 10:00"),
    closedAt: msk("2026-02-01 10:00"),
    closeReason: "plan_done",
  });
});
afterAll(() => h.stop());

async function call(who: string, method: "GET" | "POST", path: string) {
  return (await h.api()).call(who, method, path);
}

async function put(who: string, body: unknown) {
  const api = await h.api();
  const token = (await import("../../../src/access/tokens.ts")).issueApiToken;
  const { token: secret } = await token(h.database.db, { staffId: who, name: "put", now: h.now() });
  const response = await fetch(`${api.url}/api/reports/abandonments`, {
    method: "PUT",
    headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe("abandonment counts", () => {
  it("a head enters them; the same period again replaces the count and says what it was", async () => {
    const first = await put(head, {
      hospitalId: h.hospitalId,
      from: "2026-01-01",
      to: "2026-07-01",
      count: 3,
    });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      hospital: { id: h.hospitalId, shortName: "РД1" },
      from: "2026-01-01",
      to: "2026-07-01",
      count: 3,
      enteredBy: { id: head, fullName: "Руководова Анна Сергеевна" },
      channel: "api",
      enteredAt: "2026-11-23T12:00:00+03:00",
      previousCount: null,
    });
    const again = await put(head, {
      hospitalId: h.hospitalId,
      from: "2026-01-01",
      to: "2026-07-01",
      count: 4,
    });
    expect(again.body).toMatchObject({ count: 4, previousCount: 3 });
    expect(await h.database.db.abandonmentTotal.count({ where: { hospitalId: h.hospitalId } })).toBe(1);
    // H2 enters by quarter.
    for (const [from, to] of [
      ["2026-01-01", "2026-04-01"],
      ["2026-04-01", "2026-07-01"],
    ]) {
      expect((await put(head, { hospitalId: h2, from, to, count: 1 })).status).toBe(200);
    }
  });

  it("refuses an overlapping period, a reporter, a bad count and another service's hospital", async () => {
    const overlap = await put(head, { hospitalId: h2, from: "2026-02-01", to: "2026-05-01", count: 9 });
    expect(overlap.status).toBe(409);
    expect(overlap.body).toMatchObject({
      error: {
        code: "conflict",
        reason: "overlapping_period",
        details: { existing: { from: "2026-01-01" } },
      },
    });
    expect(
      (await put(reporter, { hospitalId: h.hospitalId, from: "2026-01-01", to: "2026-07-01", count: 1 }))
        .status,
    ).toBe(403);
    const negative = await put(head, { hospitalId: h3, from: "2026-01-01", to: "2026-07-01", count: -1 });
    expect(negative).toMatchObject({ status: 400, body: { error: { details: { field: "count" } } } });
    const backwards = await put(head, { hospitalId: h3, from: "2026-07-01", to: "2026-01-01", count: 1 });
    expect(backwards).toMatchObject({ status: 400, body: { error: { details: { field: "to" } } } });
    const other = await h.database.db.service.create({ data: { name: "Другая", timeZone: "Europe/Moscow" } });
    const foreign = await h.database.db.hospital.create({
      data: { serviceId: other.id, name: "Чужой роддом", shortName: "Ч1" },
    });
    expect(
      (await put(head, { hospitalId: foreign.id, from: "2026-01-01", to: "2026-07-01", count: 1 })).status,
    ).toBe(404);
  });

  it("lists what is entered, by whom and when, and what is missing", async () => {
    const response = await call(head, "GET", "/api/reports/abandonments?from=2026-01-01&to=2026-07-01");
    expect(response.status).toBe(200);
    const body = response.body as {
      hospitals: {
        hospital: { shortName: string };
        count: number | null;
        missing: boolean;
        entries: { enteredBy: { fullName: string } }[];
      }[];
    };
    expect(body.hospitals.map((x) => [x.hospital.shortName, x.count, x.missing])).toEqual([
      ["РД1", 4, false],
      ["РД2", 2, false],
      ["РД3", null, true],
    ]);
    expect(body.hospitals[1]!.entries).toHaveLength(2);
    expect(body.hospitals[0]!.entries[0]!.enteredBy.fullName).toBe("Руководова Анна Сергеевна");
  });
});

describe("GET /api/reports/effectiveness", () => {
  let report: ReportJson;
  const figure = (id: string) => report.figures.find((f) => f.id === id)!;
  const short = (f: FigureJson) =>
    f.state === "ok" ? `${f.numerator}/${f.denominator}${f.pending ? ` +${f.pending}` : ""}` : f.state;

  beforeAll(async () => {
    // The counts of the tests above (entering the same period again only replaces them).
    await put(head, { hospitalId: h.hospitalId, from: "2026-01-01", to: "2026-07-01", count: 4 });
    await put(head, { hospitalId: h2, from: "2026-01-01", to: "2026-04-01", count: 1 });
    await put(head, { hospitalId: h2, from: "2026-04-01", to: "2026-07-01", count: 1 });
    const response = await call(head, "GET", "/api/reports/effectiveness?from=2026-01-01&to=2026-07-01");
    expect(response.status).toBe(200);
    report = response.body as ReportJson;
  });

  it("names the period, the previous half-year and the zone; times carry the offset", () => {
    expect(report.period).toEqual({ from: "2026-01-01", to: "2026-07-01" });
    expect(report.previousPeriod).toEqual({ from: "2025-07-01", to: "2026-01-01" });
    expect(report.timeZone).toBe("Europe/Moscow");
    expect(report.generatedAt).toBe("2026-11-23T12:00:00+03:00");
  });

  it("computes each figure from the tables, per hospital and in total", () => {
    const first = figure("signals_per_abandonment");
    expect(first.total).toMatchObject({
      numerator: 4,
      denominator: null,
      ratio: null,
      state: "missing_input",
      missing: [h3],
    });
    expect(short(first.byHospital[h.hospitalId]!)).toBe("2/4");
    expect(short(first.byHospital[h2]!)).toBe("2/2");
    expect(first.byHospital[h3]).toMatchObject({ numerator: 0, state: "missing_input" });
    // 4/2026 came at 23:30 on the last day: in. 5/2026 at 00:10 on 1 July: out.
    expect(first.drillDown.numerator.map((i) => i.signal)).toEqual(["1/2026", "2/2026", "3/2026", "4/2026"]);
    expect(short(figure("passed_within_1h").total)).toBe("2/4");
    expect(short(figure("passed_within_3h").total)).toBe("3/4");
    expect(short(figure("changed_decision").total)).toBe("2/4 +1");
    expect(figure("changed_decision").drillDown.numerator).toEqual([
      { signal: "2/2026", case: "1/2026", hospitalId: h.hospitalId },
      { signal: "3/2026", case: "2/2026", hospitalId: h2 },
    ]);
    expect(short(figure("changed_no_support").total)).toBe("1/2");
    expect(short(figure("changed_need_support").total)).toBe("1/2");
    expect(short(figure("accompaniment_success").total)).toBe("1/2 +1");
    expect(figure("accompaniment_success").drillDown.numerator.map((i) => i.case)).toEqual(["9/2025"]);
    expect(figure("accompaniment_plan_not_kept").total).toMatchObject({
      numerator: 0,
      denominator: 2,
      ratio: 0,
    });
    expect(figure("accompaniment_child_threat").total).toMatchObject({
      numerator: 0,
      denominator: 2,
      ratio: 0,
    });
  });

  it("shows the previous half-year beside, with its own missing inputs and zero denominators", () => {
    expect(figure("signals_per_abandonment").previous).toMatchObject({
      numerator: 1,
      state: "missing_input",
    });
    expect(short(figure("changed_decision").previous)).toBe("1/1");
    expect(figure("changed_no_support").previous).toMatchObject({ numerator: 0, denominator: 1, ratio: 0 });
    expect(short(figure("accompaniment_success").previous)).toBe("0/1 +1");
  });

  it("lists the missing counts", () => {
    expect(report.abandonments.filter((a) => a.missing).map((a) => a.hospitalId)).toEqual([h3]);
  });

  it("as PDF: the title, the chart's legend, the missing counts and the drill-down", async () => {
    const api = await h.api();
    const { issueApiToken } = await import("../../../src/access/tokens.ts");
    const { token } = await issueApiToken(h.database.db, { staffId: head, name: "pdf", now: h.now() });
    const response = await fetch(
      `${api.url}/api/reports/effectiveness?from=2026-01-01&to=2026-07-01&format=pdf`,
      {
        headers: { authorization: `Bearer ${token}` },
      },
    );
    expect(response.status).toBe(200);
    const text = (await pdfText(Buffer.from(await response.arrayBuffer()))).join("\n").replace(/\s+/g, " ");
    expect(text).toContain("Заключение об эффективности работы Службы профилактики отказов от новорождённых");
    expect(text).toContain("Период: с 01.01.2026 по 30.06.2026 включительно");
    expect(text).toContain("Для сравнения — предыдущий период: с 01.07.2025 по 31.12.2025");
    expect(text).toContain("Текущий период");
    expect(text).toContain("Предыдущий период");
    expect(text).toContain("Не внесено число отказов: РД3");
    expect(text).toContain("нет данных: не внесено число отказов");
    expect(text).toContain("50,0 % (2 из 4)");
    expect(text).toContain("РД1: 4 — с 01.01.2026 по 30.06.2026; внес(ла) Руководова Анна Сергеевна");
    expect(text).toContain("2/2026 (1/2026), 3/2026 (2/2026)");
    expect(text).toContain("Руководитель Службы:");

    const xlsx = await fetch(
      `${api.url}/api/reports/effectiveness?from=2026-01-01&to=2026-07-01&format=xlsx`,
      {
        headers: { authorization: `Bearer ${token}` },
      },
    );
    const book = await readXlsx(Buffer.from(await xlsx.arrayBuffer()));
    expect(book.sheets.map((s) => s.name)).toEqual([
      "Показатели",
      "По учреждениям",
      "1. Сигналы   отказы",
      "2а. Переданы за 1 ч",
      "2б. Переданы за 3 ч",
      "3. Изменили решение",
      "4. Без сопровождения",
      "5. Нужно сопровождение",
      "6. Успешная реабилитация",
      "7. План не выполнен",
      "8. Угроза ребёнку",
    ]);
    const figures = book.sheets[0]!.rows;
    const changed = figures.find((r) =>
      String(r[0]).startsWith("Отношение числа женщин, изменивших решение об отказе"),
    )!;
    expect(changed.slice(1, 5)).toEqual([2, 4, 0.5, "ещё не завершено: 1"]);
    const drill = book.sheets[5]!.rows;
    expect(drill[3]).toEqual(["№ сигнала", "№ случая", "Учреждение", "В числителе"]);
    expect(drill.slice(4)).toEqual([
      ["1/2026", null, "РД1", null],
      ["2/2026", "1/2026", "РД1", "да"],
      ["3/2026", "2/2026", "РД2", "да"],
      ["4/2026", null, "РД2", null],
    ]);
  });

  it("refuses a reporter, half a period and unknown parameters", async () => {
    expect((await call(reporter, "GET", "/api/reports/effectiveness")).status).toBe(403);
    expect((await call(head, "GET", "/api/reports/effectiveness?from=2026-01-01")).body).toMatchObject({
      error: { code: "bad_request", details: { field: "to" } },
    });
    expect((await call(head, "GET", "/api/reports/effectiveness?period=h1")).body).toMatchObject({
      error: { code: "bad_request", details: { field: "period" } },
    });
  });

  it("defaults to the last complete half-year", async () => {
    const response = await call(head, "GET", "/api/reports/effectiveness");
    expect((response.body as ReportJson).period).toEqual({ from: "2026-01-01", to: "2026-07-01" });
  });
});
