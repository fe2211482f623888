/**
 * `npm run bench:console` — not a test: how fast the web console's pages come back, as ratios
 * against `GET /health` (one `SELECT 1` and the job queue's check) measured in the same run.
 *
 * The whole system (offline) on a fresh database with a busy service: 5 curators, 60 signals
 * waiting for a curator, 60 visits due, 300 signals in the journal (one surname and first name: a
 * name search's worst case), 45 open cases all overdue (Today's cases needing attention). A head signs in through the
 * real sign-in route; then each page is requested BENCH_N times in a row (after 20 warm-ups).
 * Printed: p50/p99 per page and the ratio of its p50 to the baseline's.
 *
 * Environment: BENCH_N (default 200). Uses TEST_DATABASE_URL's server when set, otherwise an
 * embedded PostgreSQL in a temporary folder.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import pg from "pg";
import type { Prisma } from "../../src/generated/prisma/client.ts";
import { pino } from "pino";
import { startSystem } from "../../src/app/system.ts";
import { issueSignInLink } from "../../src/console/actions/issue-sign-in-link.ts";
import { csrfToken } from "../../src/console/secrets.ts";
import { DEFAULT_CONSOLE_SETTINGS } from "../../src/console/settings.ts";
import { staffActor } from "../../src/platform/actor.ts";
import { loadConfig } from "../../src/platform/config.ts";
import { startEmbeddedPostgres } from "../../src/platform/db/embedded.ts";
import { migrate } from "../../src/platform/db/migrate.ts";
import { PATRONYMICS } from "./registers-data.ts";

const N = Number(process.env.BENCH_N ?? 200);

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
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

async function timed(url: string, cookie: string, form?: Record<string, string>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < N + 20; i++) {
    const t0 = performance.now();
    const response = await fetch(
      url,
      form
        ? {
            method: "POST",
            headers: {
              cookie,
              origin: new URL(url).origin,
              "content-type": "application/x-www-form-urlencoded",
            },
            body: new URLSearchParams(form).toString(),
          }
        : { headers: { cookie } },
    );
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`${url}: ${response.status}`);
    if (i >= 20) times.push(performance.now() - t0);
  }
  return times;
}

async function main() {
  const folder = await mkdtemp(path.join(tmpdir(), "signal-desk-bench-console-"));
  const embedded = process.env.TEST_DATABASE_URL
    ? null
    : await startEmbeddedPostgres({ dataDir: folder, durable: false });
  const adminUrl = process.env.TEST_DATABASE_URL ?? embedded!.adminUrl;
  const config = loadConfig({
    DATABASE_URL: await freshDatabase(adminUrl, "bench_console"),
    PORT: "0",
    LOCAL_BOT_API_PORT: "0",
    LOG_LEVEL: "silent",
    DEMO_SEED: "false",
  });
  const system = await startSystem({ config, logger: pino({ level: "silent" }) });
  try {
    const { db } = system;
    const service = await db.service.create({ data: { name: "Служба", timeZone: "Europe/Moscow" } });
    const hospital = await db.hospital.create({
      data: { serviceId: service.id, name: "Роддом №1", shortName: "РД1" },
    });
    const staff = (role: "head" | "curator" | "reporter", fullName: string) =>
      db.staff.create({
        data: { serviceId: service.id, role, fullName, hospitalId: role === "reporter" ? hospital.id : null },
      });
    const head = await staff("head", "Орлова Елена Николаевна");
    const reporter = await staff("reporter", "Смирнова Ольга Викторовна");
    const curators = await Promise.all(
      ["Белова Анна", "Зайцева Нина", "Петрова Вера", "Соколова Ирина", "Волкова Зоя"].map((n) =>
        staff("curator", n),
      ),
    );
    const now = new Date();
    const signals: Prisma.SignalCreateManyInput[] = [];
    for (let i = 1; i <= 300; i++) {
      const status = i <= 60 ? "received" : i <= 120 ? "assigned" : "not_confirmed";
      const at = new Date(now.getTime() - (300 - i) * 60_000);
      signals.push({
        serviceId: service.id,
        hospitalId: hospital.id,
        reporterId: reporter.id,
        hospitalYear: 2026,
        hospitalNumber: i,
        serviceYear: 2026,
        serviceNumber: i,
        // One surname and first name for all (a search's worst case); patronymics differ.
        womanFullName:
          i === 200 ? "Бенчмаркова Анна Двести" : `Бенчмаркова Анна ${PATRONYMICS[i % PATRONYMICS.length]}`,
        womanNameKey: "бенчмаркова анна",
        category: "undecided" as const,
        location: "together_in_ward" as const,
        identifiedAt: at,
        registeredAt: at,
        transmittedAt: at,
        status: status,
        ...(status === "received"
          ? {}
          : { urgency: "urgent" as const, curatorId: curators[i % 5]!.id, assignedAt: at }),
      });
    }
    await db.signal.createMany({ data: signals });
    const one = await db.signal.findFirstOrThrow({ where: { serviceNumber: 61 } });

    // 45 open cases (each curator's 9), all overdue: opened 40 days ago, a plan with 3 actions due
    // long ago, the month's limit passed — Today's "needs attention" at its fullest.
    const confirmed = await db.signal.findMany({
      where: { serviceId: service.id, status: "not_confirmed" },
      orderBy: { serviceNumber: "asc" },
      take: 45,
      select: { id: true },
    });
    const day = 86_400_000;
    let firstCase = "";
    for (const [i, s] of confirmed.entries()) {
      const openedAt = new Date(now.getTime() - 40 * day);
      const c = await db.case.create({
        data: {
          serviceId: service.id,
          signalId: s.id,
          number: `${i + 1}/2026`,
          caseYear: 2026,
          caseNumber: i + 1,
          curatorId: curators[i % 5]!.id,
          openedAt,
          planDueAt: new Date(openedAt.getTime() + 3 * day),
          limitAt: new Date(openedAt.getTime() + 30 * day),
          nextDueAt: new Date(now.getTime() + day),
          overdueSince: new Date(openedAt.getTime() + 10 * day),
          events: { create: [{ type: "opened", at: openedAt, data: { signalId: s.id } }] },
          plans: {
            create: [
              {
                kind: "decision_change",
                version: 1,
                createdAt: new Date(openedAt.getTime() + day),
                content: {
                  strengths: "Мать готова помогать",
                  mainGoal: "Ребёнок дома",
                  intermediateGoals: "Пособия",
                },
                actions: {
                  create: [1, 2, 3].map((n) => ({
                    position: n - 1,
                    actionKey: crypto.randomUUID(),
                    what: `Действие ${n}`,
                    responsible: "curator" as const,
                    dueDate: new Date(openedAt.getTime() + (3 + n) * day),
                  })),
                },
              },
            ],
          },
        },
      });
      await db.signal.update({ where: { id: s.id }, data: { status: "case_opened" } });
      if (i === 0) firstCase = c.id;
    }

    // Sign in as the head through the real route.
    const link = await db.$transaction((tx) =>
      issueSignInLink({ tx, now: new Date(), settings: DEFAULT_CONSOLE_SETTINGS }, staffActor(head, "chat")),
    );
    const signIn = await fetch(`${system.apiUrl}/console/sign-in`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: system.apiUrl },
      body: new URLSearchParams({ token: link.secret }).toString(),
      redirect: "manual",
    });
    const cookie = signIn.headers.getSetCookie()[0]!.split(";")[0]!;

    console.log(
      `Signal Desk console benchmark — node ${process.version}, N=${N} sequential requests per page`,
    );
    const baseline = await timed(`${system.apiUrl}/health`, "");
    const base50 = percentile(baseline, 50);
    const row = (name: string, times: number[]) =>
      console.log(
        `${name.padEnd(48)} p50 ${percentile(times, 50).toFixed(2).padStart(7)} ms   p99 ${percentile(times, 99).toFixed(2).padStart(7)} ms   ×${(percentile(times, 50) / base50).toFixed(1)} of /health`,
      );
    row("GET /health (baseline)", baseline);
    row(
      "Today (60 waiting, 60 visits, 5 curators, 45 cases overdue)",
      await timed(`${system.apiUrl}/console`, cookie),
    );
    row(
      "service journal, page of 50 of 300",
      await timed(`${system.apiUrl}/console/journals/service`, cookie),
    );
    row("a signal with its timeline", await timed(`${system.apiUrl}/console/signals/${one.id}`, cookie));
    row(
      "a case with its plan and timeline",
      await timed(`${system.apiUrl}/console/cases/${firstCase}`, cookie),
    );
    row("the cases (45)", await timed(`${system.apiUrl}/console/cases`, cookie));
    const csrf = csrfToken(decodeURIComponent(cookie.split("=")[1]!));
    row(
      "search by name (surname: 300 of 300)",
      await timed(`${system.apiUrl}/console/journals/service`, cookie, { _csrf: csrf, name: "Бенчмаркова" }),
    );
    row(
      "search by name (full name: 1 of 300)",
      await timed(`${system.apiUrl}/console/journals/service`, cookie, {
        _csrf: csrf,
        name: "бенчмаркова анна двести",
      }),
    );
    row(
      "the report (this half-year and the one before)",
      await timed(`${system.apiUrl}/console/report?preset=this_half`, cookie),
    );
    row(
      "a figure's drill-down (300 signals)",
      await timed(`${system.apiUrl}/console/report/figures/passed_within_1h?preset=this_half`, cookie),
    );
  } finally {
    await system.stop();
    await embedded?.stop();
    await rm(folder, { recursive: true, force: true });
  }
}

await main();
