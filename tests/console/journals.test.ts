/**
 * The console's journals, part two: keyset paging with a way back to the first page, the search by
 * the woman's name (normalised as the earlier-signals check normalises names; posted, audited
 * without the name), and the registers downloaded with the page's filters (read back).
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { pdfText } from "../../src/platform/documents/pdf-text.ts";
import { readXlsx } from "../../src/platform/documents/xlsx.ts";
import { MAX_PDF_ROWS } from "../../src/registers/documents/journal-register.ts";
import { nameKey } from "../../src/signals/domain/names.ts";
import { createHarness, type Harness, type HarnessPerson } from "../helpers/harness.ts";
import { ConsoleBrowser, requestSignInLink, visibleText } from "../helpers/console.ts";
import { reportSignal } from "../helpers/signals.ts";

let h: Harness;
let base: string;

beforeEach(async () => {
  h = await createHarness({
    logSink: (line) => {
      if (line.includes('"level":50')) console.error(line);
    },
  });
  base = (await h.api()).url;
});
afterEach(() => h.stop());

async function signedIn(person: HarnessPerson): Promise<ConsoleBrowser> {
  const browser = new ConsoleBrowser(base);
  expect((await browser.signIn(await requestSignInLink(person))).status).toBe(303);
  return browser;
}

/**
 * Signals of this year written straight into the journal (as the intake writes them: the name key
 * from the same function), received one minute apart from 1 November 2026, 10:00 Moscow time.
 */
async function insertSignals(reporterId: string, names: string[], firstNumber = 1): Promise<void> {
  const start = new Date("2026-11-01T07:00:00Z").getTime();
  await h.database.db.signal.createMany({
    data: names.map((name, i) => {
      const at = new Date(start + (firstNumber + i) * 60_000);
      return {
        serviceId: h.serviceId,
        hospitalId: h.hospitalId,
        reporterId,
        hospitalYear: 2026,
        hospitalNumber: firstNumber + i,
        serviceYear: 2026,
        serviceNumber: firstNumber + i,
        womanFullName: name,
        womanNameKey: nameKey(name),
        category: "undecided" as const,
        location: "together_in_ward" as const,
        identifiedAt: at,
        registeredAt: at,
        transmittedAt: at,
      };
    }),
  });
}

/** A file the console serves, as the signed-in browser downloads it. */
async function download(browser: ConsoleBrowser, path: string) {
  const response = await fetch(`${base}${path}`, {
    headers: { cookie: [...browser.cookies].map(([k, v]) => `${k}=${v}`).join("; ") },
  });
  expect(response.status).toBe(200);
  return { headers: response.headers, content: Buffer.from(await response.arrayBuffer()) };
}

/** The journal numbers in a page's table, in order. */
function numbers(html: string): string[] {
  return [...html.matchAll(/<a href="\/console\/signals\/[0-9a-f-]{36}">(\d+\/\d{4})<\/a>/g)].map(
    (m) => m[1]!,
  );
}

describe("searching a journal by the woman's name", () => {
  const WOMEN = [
    "Иванова Анна Петровна", // 1
    "ИВАНОВА  Анна   Сергеевна", // 2: another patronymic
    "Иванова Анна", // 3: no patronymic recorded
    "Иванова Мария Петровна", // 4: another first name
    "Ивановская Анна Петровна", // 5: another surname that starts the same
    "Семёнова Ольга Ивановна", // 6: ё
    "Петрова-Водкина Анна Ильинична", // 7: a double surname
  ];

  it("finds the same woman however the name is typed, and only her", async () => {
    const reporter = await h.person("reporter", "Смирнова Ольга Викторовна");
    const head = await h.person("head", "Орлова Елена Николаевна");
    await insertSignals(reporter.staffId, WOMEN);
    const browser = await signedIn(head);
    await browser.get("/console/journals/service");

    const search = async (name: string, extra: Record<string, string> = {}) => {
      const page = await browser.post("/console/journals/service", { name, ...extra });
      expect(page.status, visibleText(page.text)).toBe(200);
      return page;
    };
    const full = await search("  иванова анна   ПЕТРОВНА ");
    expect(numbers(full.text)).toEqual(["1/2026", "3/2026"]);
    expect(visibleText(full.text)).toContain("Найдено 2 записи");
    // The name searched for stays in the form (the page is the form's answer, not an address).
    expect(full.text).toContain('value="иванова анна   ПЕТРОВНА"');

    expect(numbers((await search("Иванова Анна")).text)).toEqual(["1/2026", "2/2026", "3/2026"]);
    expect(numbers((await search("иванова")).text)).toEqual(["1/2026", "2/2026", "3/2026", "4/2026"]);
    expect(numbers((await search("Семенова Ольга")).text)).toEqual(["6/2026"]);
    expect(numbers((await search("семёнова")).text)).toEqual(["6/2026"]);
    expect(numbers((await search("Петрова Водкина")).text)).toEqual(["7/2026"]);
    expect(numbers((await search("петрова-водкина анна")).text)).toEqual(["7/2026"]);
    const none = await search("Кузнецова");
    expect(numbers(none.text)).toEqual([]);
    expect(visibleText(none.text)).toContain("По этому ФИО записей нет");

    // Within the page's filters: the same search, this time for a status none of them has.
    const filtered = await search("иванова", { status: "assigned" });
    expect(numbers(filtered.text)).toEqual([]);

    // A name without letters is refused in words; the journal is shown as it was.
    const bad = await search("12345");
    expect(visibleText(bad.text)).toContain("Проверьте поле «Фамилия, имя, отчество»");
    expect(numbers(bad.text)).toHaveLength(7);

    // An empty search goes back to the journal itself (by its address: no name in it).
    const cleared = await browser.post("/console/journals/service", { name: "  ", status: "received" });
    expect(cleared.status).toBe(303);
    expect(cleared.location).toBe("/console/journals/service?status=received");

    // A search posted without the page's token (another site's form) is refused.
    const forged = await browser.post("/console/journals/service", { name: "Иванова", _csrf: "forged" });
    expect(forged.status).toBe(403);
    expect(forged.text).not.toContain("Иванова Анна");

    // A name in the address is ignored: searching is done by the form only.
    const inAddress = await browser.get(`/console/journals/service?name=${encodeURIComponent("Семёнова")}`);
    expect(numbers(inAddress.text)).toHaveLength(7);

    // The hospital journal searches the same way.
    const hospital = await browser.post("/console/journals/hospital", { name: "ИВАНОВА АННА" });
    expect(numbers(hospital.text)).toEqual(["1/2026", "2/2026", "3/2026"]);
  });

  it("audits every search with what it returned, never the name", async () => {
    const reporter = await h.person("reporter", "Смирнова Ольга Викторовна");
    const head = await h.person("head", "Орлова Елена Николаевна");
    await insertSignals(reporter.staffId, WOMEN);
    const browser = await signedIn(head);
    await browser.get("/console/journals/service");
    const before = await h.database.db.auditEvent.count({ where: { action: "journal.read" } });

    await browser.post("/console/journals/service", { name: "Иванова Анна Петровна" });
    await browser.post("/console/journals/hospital", { name: "Семёнова" });

    const reads = await h.database.db.auditEvent.findMany({
      where: { action: "journal.read" },
      orderBy: { id: "asc" },
      skip: before,
    });
    expect(reads).toHaveLength(2);
    const ids = await h.database.db.signal.findMany({
      where: { serviceNumber: { in: [1, 3, 6] } },
      orderBy: { serviceNumber: "asc" },
      select: { id: true },
    });
    expect(reads[0]!.actorStaffId).toBe(head.staffId);
    expect(reads[0]!.details).toMatchObject({
      via: "console",
      journal: "service",
      count: 2,
      search: { words: 3, length: "иванова анна петровна".length },
      signalIds: [ids[0]!.id, ids[1]!.id],
    });
    expect(reads[1]!.details).toMatchObject({
      journal: "hospital",
      search: { words: 1, length: 8 },
      signalIds: [ids[2]!.id],
    });
    const recorded = JSON.stringify(reads.map((r) => r.details)).toLowerCase();
    for (const part of ["иванова", "анна", "петровна", "семёнова", "семенова"]) {
      expect(recorded).not.toContain(part);
    }
  });

  it("pages a search by posted forms, with the name kept out of every link", async () => {
    const reporter = await h.person("reporter", "Смирнова Ольга Викторовна");
    const head = await h.person("head", "Орлова Елена Николаевна");
    await insertSignals(
      reporter.staffId,
      Array.from({ length: 53 }, (_, i) =>
        i % 2 === 0 ? "Иванова Анна Петровна" : `Другая${"а".repeat(i)} Вера`,
      ),
    );
    const browser = await signedIn(head);
    await browser.get("/console/journals/service");
    const first = await browser.post("/console/journals/service", { name: "Иванова Анна" });
    expect(visibleText(first.text)).toContain("Найдено 27 записей");
    expect(numbers(first.text)).toHaveLength(27);
    expect(first.text).not.toContain('name="cursor"');

    // 51 signals of one name: two pages.
    await insertSignals(
      reporter.staffId,
      Array.from({ length: 24 }, () => "Иванова Анна Петровна"),
      54,
    );
    const one = await browser.post("/console/journals/service", { name: "Иванова Анна" });
    expect(visibleText(one.text)).toContain("Найдена 51 запись · Страница 1 из 2");
    expect(numbers(one.text)).toHaveLength(50);
    const cursor = /name="cursor" value="([^"]+)"/.exec(one.text)?.[1];
    expect(cursor).toBeDefined();
    const hrefs = [...one.text.matchAll(/href="([^"]+)"/g)].map((m) => decodeURIComponent(m[1]!));
    expect(hrefs.join(" ").toLowerCase()).not.toContain("иванова");

    const two = await browser.post("/console/journals/service", {
      name: "Иванова Анна",
      cursor: cursor!,
      n: "2",
    });
    expect(numbers(two.text)).toEqual(["77/2026"]);
    expect(visibleText(two.text)).toContain("Страница 2");
    expect(visibleText(two.text)).toContain("← В начало");
  });
});

describe("paging a journal by keyset", () => {
  it("goes on by cursor from the first page (which counts) and comes back to the first", async () => {
    const reporter = await h.person("reporter", "Смирнова Ольга Викторовна");
    const head = await h.person("head", "Орлова Елена Николаевна");
    await insertSignals(
      reporter.staffId,
      Array.from({ length: 120 }, (_, i) => `Тестова Вера ${"а".repeat((i % 5) + 1)}`),
    );
    const browser = await signedIn(head);
    const first = await browser.get("/console/journals/service?status=received");
    expect(visibleText(first.text)).toContain("120 записей · Страница 1 из 3");
    expect(numbers(first.text)[0]).toBe("1/2026");
    expect(numbers(first.text)).toHaveLength(50);
    const next = /href="(\/console\/journals\/service\?[^"]*cursor=[^"]+)"/.exec(first.text)?.[1];
    expect(next).toBeDefined();
    const nextPath = next!.replace(/&amp;/g, "&");
    expect(nextPath).toContain("status=received");
    expect(nextPath).toContain("n=2");

    const second = await browser.get(nextPath);
    expect(numbers(second.text)[0]).toBe("51/2026");
    expect(visibleText(second.text)).toContain("Страница 2");
    const third = await browser.get(
      /href="(\/console\/journals\/service\?[^"]*cursor=[^"]+)"/
        .exec(second.text)![1]!
        .replace(/&amp;/g, "&"),
    );
    expect(numbers(third.text)).toHaveLength(20);
    expect(numbers(third.text).at(-1)).toBe("120/2026");
    expect(third.text).not.toContain("Дальше →");
    // Back to the first page, with the same filters.
    expect(third.text).toContain('<a href="/console/journals/service?status=received">← В начало</a>');

    // A cursor of the other journal, or a made-up one, is refused in words: the first page instead.
    const wrong = await browser.get("/console/journals/hospital?cursor=czoyMDI2OjUw&n=2");
    expect(visibleText(wrong.text)).toContain("Проверьте поле «Страницы журнала»");
    expect(numbers(wrong.text)[0]).toBe("1/2026");

    const reads = await h.database.db.auditEvent.findMany({
      where: { action: "journal.read" },
      orderBy: { id: "asc" },
    });
    expect(reads[1]!.details).toMatchObject({ filters: { status: "received" }, count: 50 });
    expect((reads[1]!.details as { filters: { cursor?: string } }).filters.cursor).toBeDefined();
  });
});

describe("downloading a journal's register", () => {
  it("the head downloads the filtered journal as XLSX and PDF, in the language of the page", async () => {
    const reporter = await h.person("reporter", "Смирнова Ольга Викторовна");
    const head = await h.person("head", "Орлова Елена Николаевна");
    await reportSignal(reporter, { name: "Первая Анна Петровна" });
    await h.advance(60);
    await reportSignal(reporter, { name: "Вторая Мария Ивановна" });
    const browser = await signedIn(head);

    const undated = visibleText((await browser.get("/console/journals/service")).text);
    expect(undated).toContain("Чтобы скачать журнал, задайте в отборе обе даты периода.");

    const page = await browser.get("/console/journals/hospital?from=2026-11-01&to=2026-12-01");
    const link = /href="(\/console\/journals\/hospital\/export\?format=xlsx[^"]*)"/.exec(page.text)?.[1];
    expect(link).toBeDefined();
    const xlsx = await download(browser, link!.replace(/&amp;/g, "&"));
    expect(xlsx.headers.get("content-disposition")).toContain(
      `filename*=UTF-8''${encodeURIComponent("Журнал записи сигналов (все роддома) 2026-11-01_2026-11-30.xlsx")}`,
    );
    expect(xlsx.headers.get("cache-control")).toBe("no-store");
    const [sheet] = (await readXlsx(xlsx.content)).sheets;
    const rows = sheet!.rows;
    expect(rows[0]![0]).toBe("Журнал записи сигналов о случаях риска отказа от новорождённого");
    expect(rows[2]![0]).toBe("Период: с 01.11.2026 по 30.11.2026 включительно");
    const women = rows.map((r) => r[2]);
    expect(women).toContain("Первая Анна Петровна");
    expect(women).toContain("Вторая Мария Ивановна");

    // The same, in English and as a PDF, for one status only.
    await browser.post("/console/language", { locale: "en", back: "/console" });
    const pdf = await download(
      browser,
      "/console/journals/service/export?format=pdf&from=2026-11-01&to=2026-12-01&status=received",
    );
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    const text = (await pdfText(pdf.content)).join("\n");
    expect(text).toContain("Registration journal");
    expect(text).toContain("Первая Анна Петровна");

    const audits = await h.database.db.auditEvent.findMany({
      where: { action: "register.exported" },
      orderBy: { id: "asc" },
    });
    expect(audits.map((a) => a.details)).toEqual([
      expect.objectContaining({ via: "console", journal: "hospital", format: "xlsx" }),
      expect.objectContaining({ via: "console", journal: "service", format: "pdf" }),
    ]);
  });

  it("says why a download cannot be made, on the journal's page", async () => {
    const reporter = await h.person("reporter", "Смирнова Ольга Викторовна");
    const head = await h.person("head", "Орлова Елена Николаевна");
    const curator = await h.person("curator", "Белова Анна Сергеевна");
    await insertSignals(
      reporter.staffId,
      Array.from({ length: MAX_PDF_ROWS + 1 }, (_, i) => `Тестова Вера ${"а".repeat((i % 5) + 1)}`),
    );
    const browser = await signedIn(head);
    const tooLong = await browser.get(
      "/console/journals/service/export?format=pdf&from=2026-11-01&to=2026-12-01",
    );
    expect(tooLong.status).toBe(303);
    expect(tooLong.location).toBe("/console/journals/service?from=2026-11-01&to=2026-12-01");
    const back = visibleText((await browser.get(tooLong.location!)).text);
    expect(back).toContain(
      `В PDF помещается не больше ${MAX_PDF_ROWS} строк, а за этот период их ${MAX_PDF_ROWS + 1}.`,
    );

    const undated = await browser.get("/console/journals/service/export?format=xlsx&from=2026-11-01");
    expect(visibleText((await browser.get(undated.location!)).text)).toContain(
      "Проверьте поле «До даты (не включая)»",
    );

    // A curator reads their own journal rows but downloads no registers.
    const mine = await signedIn(curator);
    const journal = await mine.get("/console/journals/service?from=2026-11-01&to=2026-12-01");
    expect(journal.text).not.toContain("/export?");
    const refused = await mine.get(
      "/console/journals/service/export?format=xlsx&from=2026-11-01&to=2026-12-01",
    );
    expect(refused.status).toBe(303);
    expect(visibleText((await mine.get(refused.location!)).text)).toContain(
      "Выгружать этот журнал вам нельзя.",
    );
    expect(await h.database.db.auditEvent.count({ where: { action: "register.exported" } })).toBe(0);
  });
});
