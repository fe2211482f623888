/**
 * The console's effectiveness report on a hand-built half-year: each figure with its numerator and
 * denominator and the previous half-year beside it, states in words (a missing count, a zero
 * denominator — never 0 %), the chart, the drill-down to the signals' pages, the PDF and XLSX read
 * back, and the hospitals' abandonment counts entered through the registers' action.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pdfText } from "../../src/platform/documents/pdf-text.ts";
import { readXlsx } from "../../src/platform/documents/xlsx.ts";
import { msk } from "../helpers/api.ts";
import { ConsoleBrowser, requestSignInLink, visibleText } from "../helpers/console.ts";
import { createHarness, type Harness, type HarnessPerson } from "../helpers/harness.ts";

let h: Harness;
let base: string;
let head: HarnessPerson;
let curator: HarnessPerson;
let h2: string;
let h3: string;
const signalIds = new Map<string, string>();

// The last complete half-year on 23 Nov 2026 is January–June 2026 (Moscow time):
// 1/2026 РД1 passed after  30 min  not confirmed
// 2/2026 РД1 passed after 120 min  case 1/2026: stage 3 closed, changed, problems removed
// 3/2026 РД2 passed after 200 min  case 2/2026: accompaniment since 1 April, going on
// 4/2026 РД2 30 June 23:00 → 23:30: waiting for a curator
// 5/2026 РД1 1 July: the next half-year
// The previous half-year (July–December 2025):
// 90/2025 РД1 passed after 20 min  case 9/2025: accompaniment since 1 Nov 2025, closed 1 Feb 2026: plan done
beforeAll(async () => {
  h = await createHarness({
    logSink: (line) => {
      if (line.includes('"level":50')) console.error(line);
    },
  });
  base = (await h.api()).url;
  const { db } = h.database;
  head = await h.person("head", "Руководова Анна Сергеевна");
  const reporter = (await h.person("reporter", "Неонатолова Ольга Петровна")).staffId;
  curator = await h.person("curator", "Куратова Вера Ильинична");
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
    const row = await db.signal.create({
      data: {
        serviceId: h.serviceId,
        hospitalId,
        reporterId: reporter,
        hospitalYear: year,
        hospitalNumber: n,
        serviceYear: year,
        serviceNumber: number,
        womanFullName: `Вымышленная${n} Анна`,
        womanNameKey: `вымышленная анна`,
        category: "undecided",
        location: "together_in_ward",
        identifiedAt,
        registeredAt: transmittedAt,
        transmittedAt,
        late: passedAfter > 180,
        status,
        curatorId: status === "received" ? null : curator.staffId,
      },
    });
    signalIds.set(`${number}/${year}`, row.id);
    return row;
  };
  const kase = (signalId: string, number: string, data: Record<string, unknown>) =>
    db.case.create({
      data: {
        serviceId: h.serviceId,
        signalId,
        number,
        caseYear: Number(number.split("/")[1]),
        caseNumber: Number(number.split("/")[0]),
        curatorId: curator.staffId,
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

async function signedIn(person: HarnessPerson): Promise<ConsoleBrowser> {
  const browser = new ConsoleBrowser(base);
  expect((await browser.signIn(await requestSignInLink(person))).status).toBe(303);
  return browser;
}

/** The visible text of a figure's row in the figures table. */
function figureRow(html: string, id: string): string {
  const match = new RegExp(`<tr data-figure="${id}">([\\s\\S]*?)</tr>`).exec(html);
  expect(match, id).not.toBeNull();
  return visibleText(match![1]!);
}

describe("the report page", () => {
  it("shows each figure in words with numerator, denominator, pending and the previous half-year", async () => {
    const browser = await signedIn(head);
    const page = await browser.get("/console/report");
    expect(page.status).toBe(200);
    const text = visibleText(page.text);
    expect(text).toContain("Показатели стандарта за период с 01.01.2026 по 30.06.2026 включительно");
    expect(text).toContain("предыдущий период, с 01.07.2025 по 31.12.2025");
    expect(text).toContain(
      "Не внесено число отказов: РД1, РД2, РД3. Без него первый показатель не считается.",
    );

    // The first figure has no denominator yet: said so, never 0 %.
    expect(figureRow(page.text, "signals_per_abandonment")).toBe(
      "1. Сигналы / отказы Отношение числа поступивших из роддомов сигналов о возможных отказах к общему числу отказов в роддомах " +
        "нет данных: не внесено число отказов (РД1, РД2, РД3) 4 — — нет данных: не внесено число отказов (РД1, РД2, РД3)",
    );
    const row = (id: string) => figureRow(page.text, id).replace(/^.*? (?=\S+ %|нет данных)/, "");
    expect(row("passed_within_1h")).toBe("50,0 % (2 из 4) 2 4 — 100,0 % (1 из 1)");
    expect(row("passed_within_3h")).toBe("75,0 % (3 из 4) 3 4 — 100,0 % (1 из 1)");
    // 4/2026 still waits for a curator: her decision is not known yet.
    expect(row("changed_decision")).toBe("50,0 % (2 из 4) 2 4 1 100,0 % (1 из 1)");
    expect(row("changed_no_support")).toBe("50,0 % (1 из 2) 1 2 — 0,0 % (0 из 1)");
    expect(row("accompaniment_success")).toBe("50,0 % (1 из 2) 1 2 1 0,0 % (0 из 1)");
    expect(row("accompaniment_child_threat")).toBe("0,0 % (0 из 2) 0 2 1 0,0 % (0 из 1)");

    // The chart: an SVG drawn here, a bar per period and figure; no bar where there is no value.
    const svg = /<svg[\s\S]*?<\/svg>/.exec(page.text)![0];
    expect(svg).toContain('role="img"');
    expect(svg).toContain("Показатели, %: текущий период и предыдущий");
    expect(svg.match(/<g data-figure=/g)).toHaveLength(9);
    const first = /<g data-figure="signals_per_abandonment">([\s\S]*?)<\/g>/.exec(svg)![1]!;
    expect(first).not.toContain("<rect");
    expect(visibleText(first)).toContain("нет значения: не хватает данных");
    const hour = /<g data-figure="passed_within_1h">([\s\S]*?)<\/g>/.exec(svg)![1]!;
    expect(hour.match(/<rect/g)).toHaveLength(2);
    expect(visibleText(hour)).toContain("50,0 %");
    expect(page.text).not.toMatch(/style=/);

    const reads = await h.database.db.auditEvent.findMany({ where: { action: "report.read" } });
    expect(reads.at(-1)!.details).toMatchObject({
      via: "console",
      period: { from: "2026-01-01", to: "2026-07-01" },
    });
  });

  it("says a figure with nothing to divide by has no value, in another period", async () => {
    const browser = await signedIn(head);
    const page = await browser.get("/console/report?from=2020-01-01&last=2020-06-30");
    const text = visibleText(page.text);
    expect(text).toContain("с 01.01.2020 по 30.06.2020");
    expect(figureRow(page.text, "passed_within_1h")).toContain("нет данных: знаменатель 0 0 0");
    expect(text).not.toContain("0,0 %");
    expect(text).toContain("нет значения: знаменатель 0");

    const backwards = visibleText(
      (await browser.get("/console/report?from=2026-07-01&last=2026-01-01")).text,
    );
    expect(backwards).toContain("Проверьте поле «По (включительно)»");
    expect(backwards).toContain("с 01.01.2026 по 30.06.2026");
    const preset = visibleText((await browser.get("/console/report?preset=this_half")).text);
    expect(preset).toContain("с 01.07.2026 по 23.11.2026");
  });

  it("drills a figure down to its signals and cases, each a link to the signal's page", async () => {
    const browser = await signedIn(head);
    const report = await browser.get("/console/report");
    const link = /href="(\/console\/report\/figures\/changed_decision\?[^"]+)"/.exec(report.text)![1]!;
    const page = await browser.get(link.replace(/&amp;/g, "&"));
    expect(page.status).toBe(200);
    const text = visibleText(page.text);
    expect(text).toContain("В числителе: 2 сигнала или случая");
    expect(text).toContain("В знаменателе: 4 сигнала или случая");
    expect(text).toContain("ещё не завершено: 1");
    const numerator = /<table id="numerator-items">([\s\S]*?)<\/table>/.exec(page.text)![1]!;
    expect(numerator).toContain(`<a href="/console/signals/${signalIds.get("2/2026")}"`);
    expect(visibleText(numerator)).toContain("2/2026 1/2026 РД1");
    expect(visibleText(numerator)).toContain("3/2026 2/2026 РД2");
    const denominator = visibleText(/<table id="denominator-items">([\s\S]*?)<\/table>/.exec(page.text)![1]!);
    expect(denominator).toContain("1/2026 — РД1 нет");
    expect(denominator).toContain("2/2026 1/2026 РД1 да");
    // Per hospital: РД3 had no signals, so nothing to divide by.
    expect(text).toContain("Роддом №3 (тест) 0 0 нет данных: знаменатель 0");

    // Following the link opens the signal (a read of personal data: audited there).
    const signal = await browser.get(`/console/signals/${signalIds.get("3/2026")}`);
    expect(signal.status).toBe(200);
    expect(visibleText(signal.text)).toContain("3/2026");

    expect((await browser.get("/console/report/figures/no_such_figure")).status).toBe(404);
  });

  it("downloads the report as PDF and XLSX, in the page's language", async () => {
    const browser = await signedIn(head);
    const download = async (path: string) => {
      const response = await fetch(`${base}${path}`, {
        headers: { cookie: [...browser.cookies].map(([k, v]) => `${k}=${v}`).join("; ") },
      });
      expect(response.status).toBe(200);
      return { headers: response.headers, content: Buffer.from(await response.arrayBuffer()) };
    };
    const pdf = await download("/console/report/download?from=2026-01-01&last=2026-06-30&format=pdf");
    expect(pdf.headers.get("content-disposition")).toContain(
      `filename*=UTF-8''${encodeURIComponent("Отчёт об эффективности 2026-01-01_2026-06-30.pdf")}`,
    );
    expect(pdf.headers.get("cache-control")).toBe("no-store");
    const pages = (await pdfText(pdf.content)).join("\n");
    expect(pages).toContain("Заключение об эффективности");
    expect(pages).toContain("50,0 % (2 из 4)");

    await browser.get("/console/report");
    const english = await browser.post("/console/language", { locale: "en", back: "/console/report" });
    expect(english.status).toBe(303);
    const xlsx = await download("/console/report/download?from=2026-01-01&last=2026-06-30&format=xlsx");
    const book = await readXlsx(xlsx.content);
    expect(book.sheets[0]!.rows.map((r) => r[0])).toContain(
      "Signals passed on time (within 1 hour), to all signals passed",
    );
    expect(xlsx.headers.get("content-disposition")).toContain(".xlsx");
  });

  it("is for heads and administrators only", async () => {
    const mine = await signedIn(curator);
    const today = await mine.get("/console");
    expect(today.text).not.toContain('href="/console/report"');
    expect((await mine.get("/console/report")).status).toBe(403);
    expect((await mine.get("/console/report/download?format=pdf")).status).toBe(403);
  });
});

describe("entering the hospitals' abandonment counts", () => {
  it("a head enters counts with the registers' action; the first figure then has a value", async () => {
    const browser = await signedIn(head);
    await browser.get("/console/report");
    const enter = async (form: Record<string, string>) => {
      const response = await browser.post("/console/report/totals", {
        back: "/console/report?from=2026-01-01&last=2026-06-30",
        ...form,
      });
      expect(response.status, visibleText(response.text)).toBe(303);
      return browser.get(response.location!);
    };
    const saved = await enter({
      hospitalId: h.hospitalId,
      from: "2026-01-01",
      last: "2026-06-30",
      count: "8",
    });
    expect(visibleText(saved.text)).toContain("Записано: РД1, 01.01.2026 – 30.06.2026 — отказов: 8.");
    const row = await h.database.db.abandonmentTotal.findFirstOrThrow({
      where: { hospitalId: h.hospitalId },
    });
    expect(row).toMatchObject({ count: 8, channel: "console", enteredById: head.staffId });
    const shown = visibleText(/<tr data-hospital="[^"]+">[\s\S]*?<\/tr>/.exec(saved.text)![0]);
    expect(shown).toMatch(
      /^Роддом №1 \(тест\) 8 8 — с 01\.01\.2026 по 30\.06\.2026: Руководова А\. С\., 23\.11\.2026 \d\d:\d\d \(в консоли\)$/,
    );

    const again = await enter({
      hospitalId: h.hospitalId,
      from: "2026-01-01",
      last: "2026-06-30",
      count: "9",
    });
    expect(visibleText(again.text)).toContain("отказов: 9 (было 8)");

    const overlap = await enter({
      hospitalId: h.hospitalId,
      from: "2026-03-01",
      last: "2026-09-30",
      count: "1",
    });
    expect(visibleText(overlap.text)).toContain(
      "У роддома уже внесено число за пересекающийся период (01.01.2026 – 30.06.2026).",
    );
    const forged = await browser.post("/console/report/totals", {
      hospitalId: h3,
      from: "2026-01-01",
      last: "2026-06-30",
      count: "7",
      _csrf: "forged",
    });
    expect(forged.status).toBe(403);
    expect(await h.database.db.abandonmentTotal.count({ where: { hospitalId: h3 } })).toBe(0);
    const negative = await enter({ hospitalId: h2, from: "2026-01-01", last: "2026-06-30", count: "-1" });
    expect(visibleText(negative.text)).toContain("Проверьте поле «Число отказов»");
    const backwards = await enter({ hospitalId: h2, from: "2026-06-30", last: "2026-01-01", count: "1" });
    expect(visibleText(backwards.text)).toContain("Проверьте поле «По (включительно)»");

    // РД2 in two quarters, РД3 none at all: the half-year is covered.
    await enter({ hospitalId: h2, from: "2026-01-01", last: "2026-03-31", count: "2" });
    const partly = await browser.get("/console/report");
    expect(visibleText(partly.text)).toContain("Нет числа за: 01.04.2026 – 30.06.2026");
    await enter({ hospitalId: h2, from: "2026-04-01", last: "2026-06-30", count: "1" });
    const done = await enter({ hospitalId: h3, from: "2026-01-01", last: "2026-06-30", count: "0" });
    expect(visibleText(done.text)).not.toContain("Не внесено число отказов");
    expect(figureRow(done.text, "signals_per_abandonment")).toContain("33,3 % (4 из 12) 4 12");

    const audits = await h.database.db.auditEvent.findMany({ where: { action: "abandonments.entered" } });
    expect(audits).toHaveLength(5);
    expect(audits[1]!.details).toMatchObject({ via: "console", count: 9, previousCount: 8 });
  });

  it("an administrator may enter counts too; a curator may not", async () => {
    const admin = await h.person("admin", "Администраторова Нина Львовна");
    const browser = await signedIn(admin);
    const page = await browser.get("/console/report?from=2025-01-01&last=2025-06-30");
    expect(page.text).toContain('action="/console/report/totals"');

    const mine = await signedIn(curator);
    await mine.get("/console");
    const refused = await mine.post("/console/report/totals", {
      hospitalId: h3,
      from: "2025-01-01",
      last: "2025-06-30",
      count: "1",
    });
    expect(refused.status).toBe(303);
    expect(visibleText((await mine.get(refused.location!)).text)).toContain("Это вам недоступно.");
    expect(
      await h.database.db.abandonmentTotal.count({ where: { periodFrom: new Date("2025-01-01") } }),
    ).toBe(0);
  });
});
