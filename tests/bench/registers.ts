/**
 * `npm run bench` (second part) — the journals, the report and the registers at scale. Not a
 * test: figures for the closing note, each also as a ratio to a baseline measured in the same run
 * (one signal read by its primary key), so a slower machine shows in both.
 *
 * 1. BENCH_SYNTHETIC signals (default 1,000,000; fictional names) over ten years, 20 hospitals,
 *    30 curators (tests/bench/registers-data.ts).
 * 2. Journal pages with the usual filters, through the real query functions (one statement per
 *    page plus the audit row): p50/p95 over BENCH_PAGE_RUNS runs each; target p95 < 50 ms,
 *    including deep pages by keyset and the console's search by name. OFFSET deep pages are shown
 *    for comparison only.
 * 3. The half-year report (this half-year and the previous one): target < 2 s.
 * 4. An XLSX register of about 100,000 rows made as the job makes it (streamed, then held as one
 *    file to store): target RSS growth < 100 MB.
 * 5. EXPLAIN ANALYZE of the main plans (BENCH_EXPLAIN=0 to skip).
 *
 * Uses TEST_DATABASE_URL's server when set, otherwise an embedded PostgreSQL in a temp folder
 * (BENCH_REUSE=1 with TEST_DATABASE_URL reuses the database an earlier run seeded).
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { Writable } from "node:stream";
import pg from "pg";
import { createProductTranslator } from "../../src/app/areas.ts";
import { staffActor, type StaffActor } from "../../src/access/policy.ts";
import { createDb, type DbClient } from "../../src/platform/db/client.ts";
import { startEmbeddedPostgres } from "../../src/platform/db/embedded.ts";
import { migrate } from "../../src/platform/db/migrate.ts";
import { documentText } from "../../src/registers/documents/format.ts";
import { writeRegister } from "../../src/registers/documents/journal-register.ts";
import { lastCompleteHalfYear } from "../../src/registers/domain/periods.ts";
import { readEffectiveness } from "../../src/registers/queries/effectiveness.ts";
import {
  explainJournalPage,
  journalQuery,
  readHospitalJournal,
  readServiceJournal,
  type JournalFilters,
} from "../../src/signals/queries/journals.ts";
import { seedSynthetic, type SyntheticWorld } from "./registers-data.ts";

const SIGNALS = Number(process.env.BENCH_SYNTHETIC ?? 1_000_000);
const RUNS = Number(process.env.BENCH_PAGE_RUNS ?? 40);
const END = new Date("2026-11-30T12:00:00Z");
const NOW = new Date("2026-12-01T09:00:00Z");

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

async function timed(runs: number, work: () => Promise<unknown>) {
  await work(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await work();
    times.push(performance.now() - t0);
  }
  return { p50: percentile(times, 50), p95: percentile(times, 95) };
}

async function freshDatabase(adminUrl: string, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await client.query(`CREATE DATABASE "${name}"`);
  await client.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  await migrate(url.toString());
  return url.toString();
}

/** A cursor pointing at the row `offset` rows into the service journal (what a client would hold). */
async function deepCursor(
  db: DbClient,
  world: SyntheticWorld,
  offset: number,
  where = "true",
): Promise<string> {
  const [row] = await db.$queryRawUnsafe<{ y: number; n: number }[]>(
    `SELECT service_year AS y, service_number AS n FROM signals s WHERE service_id = $1::uuid AND ${where}
      ORDER BY service_year, service_number OFFSET ${offset} LIMIT 1`,
    world.serviceId,
  );
  return Buffer.from(`s:${row!.y}:${row!.n}`).toString("base64url");
}

/** The ids of a database seeded by an earlier run. */
async function existingWorld(client: pg.Client): Promise<SyntheticWorld> {
  const ids = async (sql: string) => (await client.query<{ id: string }>(sql)).rows.map((r) => r.id);
  const [serviceId] = await ids("SELECT id FROM services LIMIT 1");
  return {
    serviceId: serviceId!,
    hospitalIds: await ids("SELECT id FROM hospitals ORDER BY (substring(short_name from 3))::int"),
    curatorIds: await ids("SELECT id FROM staff WHERE role = 'curator' ORDER BY created_at, id"),
    reporterIds: await ids(
      "SELECT s.id FROM staff s JOIN hospitals h ON h.id = s.hospital_id WHERE s.role = 'reporter' ORDER BY (substring(h.short_name from 3))::int",
    ),
    headId: (await ids("SELECT id FROM staff WHERE role = 'head' LIMIT 1"))[0]!,
  };
}

async function main() {
  const folder = await mkdtemp(path.join(tmpdir(), "signal-desk-bench-registers-"));
  const embedded = process.env.TEST_DATABASE_URL
    ? null
    : await startEmbeddedPostgres({ dataDir: folder, durable: false });
  const adminUrl = process.env.TEST_DATABASE_URL ?? embedded!.adminUrl;
  // BENCH_REUSE=1 keeps the database of a previous run (same migrations) and skips the seeding.
  const reuse = process.env.BENCH_REUSE === "1";
  const url = reuse
    ? adminUrl.replace(/\/[^/]*$/, "/bench_registers")
    : await freshDatabase(adminUrl, "bench_registers");
  const db = createDb(url, { poolSize: 4 });
  try {
    console.log(
      `\nRegisters benchmark — ${SIGNALS.toLocaleString("en")} synthetic signals, 20 hospitals, 30 curators`,
    );
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const t0 = performance.now();
    const world = reuse
      ? await existingWorld(client)
      : await seedSynthetic(client, { signals: SIGNALS, hospitals: 20, curators: 30, end: END, years: 10 });
    await client.end();
    console.log(`${reuse ? "reused" : "seeded"} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    const staff = (id: string, role: "head" | "reporter" | "curator", hospitalId: string | null = null) =>
      staffActor({ id, role, serviceId: world.serviceId, hospitalId }, "api");
    const head = staff(world.headId, "head");
    const reporter = staff(world.reporterIds[3]!, "reporter", world.hospitalIds[3]);
    const curator = staff(world.curatorIds[7]!, "curator");

    // First, in a process that has read little yet: about 100,000 rows, the service journal of one year.
    const translator = createProductTranslator();
    const exportPeriod = { from: "2025-01-01", to: "2026-01-01" };
    const query = await journalQuery(db, head, "service", exportPeriod);
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 25);
    const chunks: Buffer[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        chunks.push(chunk);
        callback();
      },
    });
    const x0 = performance.now();
    const { rows } = await writeRegister(
      db,
      {
        query,
        format: "xlsx",
        text: documentText(translator, "ru", "Europe/Moscow"),
        serviceName: "Служба (синтетическая)",
        hospitalName: null,
        period: exportPeriod,
        generatedAt: NOW,
      },
      sink,
    );
    const file = Buffer.concat(chunks);
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    const grew = (peak - before) / 1024 / 1024;
    console.log(
      `XLSX register of ${rows.toLocaleString("en")} rows: ${((performance.now() - x0) / 1000).toFixed(1)} s, ` +
        `${(file.length / 1024 / 1024).toFixed(1)} MB, RSS +${grew.toFixed(0)} MB at peak ${gc ? "" : "(no --expose-gc)"} ${grew < 100 ? "ok" : "OVER 100 MB"}`,
    );

    const baseline = await timed(RUNS, async () => {
      await db.$queryRaw`SELECT id, woman_full_name FROM signals WHERE service_id = ${world.serviceId}::uuid LIMIT 1`;
    });
    const filters = (f: Partial<JournalFilters>): JournalFilters => ({ page: 1, pageSize: 50, ...f });
    const month = { from: "2019-03-01", to: "2019-04-01" };
    const half = { from: "2026-01-01", to: "2026-07-01" };
    const deep = await deepCursor(db, world, Math.floor(SIGNALS * 0.6));
    const deepInHalf = await deepCursor(
      db,
      world,
      Math.floor(SIGNALS / 40),
      `transmitted_at >= '2025-12-31T21:00:00Z' AND transmitted_at < '2026-06-30T21:00:00Z'`,
    );
    const cases: [string, StaffActor, "service" | "hospital", JournalFilters, boolean][] = [
      ["service journal, month, page 1 (+count)", head, "service", filters(month), true],
      ["service journal, half-year, page 1 (+count)", head, "service", filters(half), true],
      ["service journal, whole, page 1 (+count)", head, "service", filters({}), true],
      [
        "service journal, one hospital (+count)",
        head,
        "service",
        filters({ hospitalId: world.hospitalIds[5] }),
        true,
      ],
      [
        "service journal, one curator (+count)",
        head,
        "service",
        filters({ curatorId: world.curatorIds[2] }),
        true,
      ],
      ["service journal, status=received (+count)", head, "service", filters({ status: "received" }), true],
      [
        "service journal, hospital+month (+count)",
        head,
        "service",
        filters({ ...month, hospitalId: world.hospitalIds[5] }),
        true,
      ],
      ["service journal, deep page (cursor, 60%)", head, "service", filters({ cursor: deep }), false],
      [
        "service journal, half-year, deep (cursor)",
        head,
        "service",
        filters({ ...half, cursor: deepInHalf }),
        false,
      ],
      ["curator's own signals, half-year (+count)", curator, "service", filters(half), true],
      ["hospital journal, reporter, month (+count)", reporter, "hospital", filters(month), true],
      ["hospital journal, all hospitals, half-year", head, "hospital", filters(half), true],
      ["hospital journal, all hospitals, whole", head, "hospital", filters({}), true],
      // The console's search by name (a surname: about 1 row in 97 here; with a first name: 1 in 3,000).
      ["service journal, search: surname (+count)", head, "service", filters({ name: "Иванова" }), true],
      [
        "service journal, search: surname, first name (+count)",
        head,
        "service",
        filters({ name: "иванова анна" }),
        true,
      ],
      [
        "service journal, search: full name (+count)",
        head,
        "service",
        filters({ name: "Иванова Анна Петровна" }),
        true,
      ],
      [
        "service journal, search: surname, half-year (+count)",
        head,
        "service",
        filters({ ...half, name: "Семенова" }),
        true,
      ],
      [
        "hospital journal, reporter, search: surname",
        reporter,
        "hospital",
        filters({ name: "Смирнова" }),
        true,
      ],
    ];
    console.log(
      `\nJournal pages (50 rows), ${RUNS} runs each; baseline (one row by index) p50 ${baseline.p50.toFixed(2)} ms, p95 ${baseline.p95.toFixed(2)} ms`,
    );
    for (const [name, actor, journal, f] of cases) {
      const read = journal === "service" ? readServiceJournal : readHospitalJournal;
      const r = await timed(RUNS, () => read(db, { actor, filters: f, now: NOW }));
      console.log(
        `${name.padEnd(56)} p50 ${r.p50.toFixed(1).padStart(6)} ms  p95 ${r.p95.toFixed(1).padStart(6)} ms  (×${(r.p95 / baseline.p95).toFixed(0)} baseline)  ${r.p95 < 50 ? "ok" : "OVER 50 ms"}`,
      );
    }
    const offsetPage = Math.floor((SIGNALS * 0.6) / 50);
    const legacy = await timed(Math.min(RUNS, 10), () =>
      readServiceJournal(db, { actor: head, filters: filters({ page: offsetPage }), now: NOW }),
    );
    console.log(
      `${`for comparison: OFFSET page ${offsetPage} (+count)`.padEnd(56)} p50 ${legacy.p50.toFixed(1).padStart(6)} ms  p95 ${legacy.p95.toFixed(1).padStart(6)} ms`,
    );

    const period = lastCompleteHalfYear(NOW, "Europe/Moscow");
    const reportTimes: number[] = [];
    let figures = 0;
    for (let i = 0; i < 3; i++) {
      const r0 = performance.now();
      const report = await readEffectiveness(db, {
        actor: head,
        serviceId: world.serviceId,
        period,
        now: NOW,
      });
      reportTimes.push(performance.now() - r0);
      figures = report.current.figures[0]!.total.numerator ?? 0;
    }
    const reportWorst = Math.max(...reportTimes);
    console.log(
      `\nHalf-year report ${period.from}..${period.to} with the previous one (${figures.toLocaleString("en")} signals): ` +
        `${reportTimes.map((t) => t.toFixed(0)).join(" / ")} ms (×${(reportWorst / baseline.p95).toFixed(0)} baseline)  ${reportWorst < 2000 ? "ok" : "OVER 2 s"}`,
    );

    if (process.env.BENCH_EXPLAIN !== "0") {
      console.log("\nPlans (EXPLAIN ANALYZE):");
      const plans: [string, StaffActor, "service" | "hospital", JournalFilters, boolean][] = [
        ["service journal, month, page 1", head, "service", filters(month), true],
        ["service journal, deep page by cursor", head, "service", filters({ cursor: deep }), false],
        [
          "service journal, one hospital",
          head,
          "service",
          filters({ hospitalId: world.hospitalIds[5] }),
          true,
        ],
        ["hospital journal, reporter, month", reporter, "hospital", filters(month), true],
        ["service journal, search: surname", head, "service", filters({ name: "Иванова" }), true],
        [
          "service journal, search: full name",
          head,
          "service",
          filters({ name: "Иванова Анна Петровна" }),
          true,
        ],
      ];
      for (const [name, actor, journal, f, count] of plans) {
        const q = await journalQuery(db, actor, journal, f);
        const plan = await explainJournalPage(
          db,
          q,
          { pageSize: 50, count, ...(f.cursor ? { cursor: f.cursor } : {}) },
          NOW,
        );
        console.log(`\n-- ${name}\n${plan}`);
      }
    }
  } finally {
    await db.$disconnect();
    await embedded?.stop();
    await rm(folder, { recursive: true, force: true });
  }
}

await main();
