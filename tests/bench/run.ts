/**
 * `npm run bench` — not a test: figures for the closing note, measured side by side in one run.
 *
 * Three bots behind webhooks on loopback, talking to one Bot API stub that timestamps every
 * sendMessage, on one PostgreSQL:
 *   - **bare grammY**: answers "ok" (no state at all);
 *   - **peer**: grammY with `session()` stored in PostgreSQL by `@grammyjs/storage-psql` (what a
 *     developer would pick), doing the same dialogue step: read the state, store the answer, ask
 *     the next question — none of our guarantees (no de-duplication, no cross-process order,
 *     state written after the reply);
 *   - **Signal Desk**: the full stack, one step of the new-signal dialogue per update.
 * Latency is "POST of the update → the bot's sendMessage reaches the stub", the same for all.
 *
 * Scenarios: closed loop at c=1 and c=8 with an instant stub; closed loop at c=64 with a stub
 * answering every call after 50 ms (Telegram from a real network); open loop at a fixed arrival
 * rate (p99 including queueing). Each round warms every variant and runs them in a rotated order;
 * ratios are reported as min / median / max over the rounds.
 *
 * Then: two Signal Desk instances on one database with updates spread over both (each update
 * posted to both, three steps per chat) — throughput against one instance, and "nothing lost,
 * nothing doubled, per-chat order kept" checked on what the stub received. Finally "send" → the
 * head's card through the local Bot API server.
 *
 * Environment: BENCH_N (updates per measurement, default 300), BENCH_ROUNDS (3), BENCH_RATE
 * (open-loop updates/s, 100), BENCH_SIGNALS (30), BENCH_ONLY_FULL=1 (only the full stack, for
 * profiling). Uses TEST_DATABASE_URL's server when set, otherwise an embedded PostgreSQL.
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import express from "express";
import { Bot, session, webhookCallback, type Context, type SessionFlavor } from "grammy";
import { PsqlAdapter } from "@grammyjs/storage-psql";
import pg from "pg";
import { pino } from "pino";
import { loadConfig } from "../../src/platform/config.ts";
import { startEmbeddedPostgres } from "../../src/platform/db/embedded.ts";
import { migrate } from "../../src/platform/db/migrate.ts";
import { SimClient } from "@signal-desk/telegram-bot-api-sim";
import { startSystem, type System } from "../../src/app/system.ts";

const N = Number(process.env.BENCH_N ?? 300);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const RATE = Number(process.env.BENCH_RATE ?? 100);
const SIGNALS = Number(process.env.BENCH_SIGNALS ?? 30);
const ONLY_FULL = process.env.BENCH_ONLY_FULL === "1";
const WARM = 30;
const TOKEN = "4242:bench-token-0123456789";
const SECRET = "bench-secret-0123456789";

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

const median = (values: number[]) => percentile(values, 50);

function listen(server: Server): Promise<number> {
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve((server.address() as { port: number }).port)),
  );
}

async function body(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

/** The Bot API stub: answers every method after `delayMs`; records each chat's sendMessages. */
async function startStub() {
  const sent = new Map<string, { text: string; at: number }[]>();
  const waiters = new Map<string, { count: number; resolve: () => void }[]>();
  let messageId = 1;
  const stub = {
    url: "",
    delayMs: 0,
    calls: 0,
    sent,
    /** Resolves when `chat` has received at least `count` sendMessages; the time of the `count`-th. */
    waitFor(chat: string, count: number): Promise<number> {
      const list = sent.get(chat);
      if (list && list.length >= count) return Promise.resolve(list[count - 1]!.at);
      return new Promise((resolve) => {
        const entry = { count, resolve: () => resolve(sent.get(chat)![count - 1]!.at) };
        waiters.set(chat, [...(waiters.get(chat) ?? []), entry]);
      });
    },
    reset() {
      sent.clear();
      waiters.clear();
    },
  };
  const server = createServer((req, res) => {
    void body(req).then(async (params) => {
      const method = req.url?.split("/").at(-1) ?? "";
      stub.calls++;
      if (stub.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, stub.delayMs));
      let result: unknown = true;
      if (method === "getMe") result = { id: 4242, is_bot: true, first_name: "Bench", username: "bench_bot" };
      if (method === "sendMessage") {
        const chat = String(params.chat_id);
        const list = sent.get(chat) ?? [];
        list.push({ text: String(params.text), at: performance.now() });
        sent.set(chat, list);
        const pending = waiters.get(chat) ?? [];
        waiters.set(
          chat,
          pending.filter((w) => {
            if (list.length < w.count) return true;
            w.resolve();
            return false;
          }),
        );
        result = {
          message_id: messageId++,
          date: 0,
          chat: { id: Number(chat), type: "private" },
          text: params.text,
        };
      }
      if (method === "editMessageReplyMarkup" || method === "editMessageText") {
        result = {
          message_id: Number(params.message_id),
          date: 0,
          chat: { id: Number(params.chat_id), type: "private" },
        };
      }
      if (method === "getUpdates") result = [];
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ ok: true, result }));
    });
  });
  stub.url = `http://127.0.0.1:${await listen(server)}`;
  return {
    ...stub,
    close: () =>
      new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}
type Stub = Awaited<ReturnType<typeof startStub>>;

let nextUpdateId = 1;

function textUpdate(userId: number, text: string) {
  const updateId = nextUpdateId++;
  return {
    update_id: updateId,
    message: {
      message_id: updateId,
      date: Math.floor(Date.now() / 1000),
      chat: { id: userId, type: "private", first_name: "Bench" },
      from: { id: userId, is_bot: false, first_name: "Bench", language_code: "ru" },
      text,
      ...(text.startsWith("/")
        ? { entities: [{ type: "bot_command", offset: 0, length: text.split(" ")[0]!.length }] }
        : {}),
    },
  };
}

async function post(url: string, update: object): Promise<void> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": SECRET },
    body: JSON.stringify(update),
  });
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`webhook answered ${response.status}`);
}

/** One update to send: the chat, its body, the URLs to post it to, and the sendMessage count it waits for. */
interface Job {
  chat: string;
  body: object;
  urls: string[];
  expect: number;
}

interface Result {
  perSecond: number;
  p50: number;
  p99: number;
}

/** Closed loop: `concurrency` workers, each posting the next update once the previous was answered. */
async function closedLoop(stub: Stub, jobs: Job[], concurrency: number): Promise<Result> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < jobs.length) {
      const job = jobs[next++]!;
      const t0 = performance.now();
      const replied = stub.waitFor(job.chat, job.expect);
      await Promise.all(job.urls.map((url) => post(url, job.body)));
      latencies.push((await replied) - t0);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  return { perSecond: jobs.length / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

/** Open loop: update i is posted at start + i/rate whatever happened before; latency from that moment. */
async function openLoop(stub: Stub, jobs: Job[], rate: number): Promise<Result> {
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    jobs.map(async (job, i) => {
      const due = started + (i * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const replied = stub.waitFor(job.chat, job.expect);
      await Promise.all(job.urls.map((url) => post(url, job.body)));
      latencies.push((await replied) - due);
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { perSecond: jobs.length / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

/** A bot under test: its webhook URL and how to prepare `count` fresh chats at the dialogue's first question. */
interface Variant {
  name: string;
  url: string;
  /** Makes fresh chats whose next text update is one dialogue step; returns their ids. */
  prepare(count: number): Promise<number[]>;
}

let nextChat = 1_000_000;

/** Opens the dialogue in fresh chats (not measured), 32 at a time with an instant stub. */
async function openChats(stub: Stub, urls: string[], count: number): Promise<number[]> {
  const chats = Array.from({ length: count }, () => nextChat++);
  const delay = stub.delayMs;
  stub.delayMs = 0;
  await closedLoop(
    stub,
    chats.map((id) => ({ chat: String(id), body: textUpdate(id, "/new"), urls: [urls[0]!], expect: 1 })),
    32,
  );
  stub.delayMs = delay;
  return chats;
}

async function bareGrammy(stub: Stub): Promise<{ variant: Variant; close: () => Promise<void> }> {
  const bot = new Bot(TOKEN, { client: { apiRoot: stub.url } });
  await bot.init();
  bot.on("message:text", (ctx) => ctx.reply("ok"));
  const app = express();
  app.post("/hook", express.json(), webhookCallback(bot, "express", { secretToken: SECRET }));
  const server = createServer(app);
  const url = `http://127.0.0.1:${await listen(server)}/hook`;
  return {
    // Its chats get one message first too, so every variant's step is the chat's second sendMessage.
    variant: { name: "bare grammY", url, prepare: (count: number) => openChats(stub, [url], count) },
    close: () =>
      new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

type PeerContext = Context & SessionFlavor<{ step: string; answers: Record<string, string> }>;

async function peerGrammy(stub: Stub, databaseUrl: string) {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  const storage = await PsqlAdapter.create({
    tableName: "grammy_sessions",
    client: pool as unknown as pg.Client, // it runs queries on a Pool as well
  });
  const bot = new Bot<PeerContext>(TOKEN, { client: { apiRoot: stub.url } });
  await bot.init();
  bot.use(session({ initial: () => ({ step: "", answers: {} }), storage }));
  bot.command("new", async (ctx) => {
    ctx.session = { step: "full_name", answers: {} };
    await ctx.reply("Новый сигнал. Фамилия, имя и отчество женщины?");
  });
  bot.on("message:text", async (ctx) => {
    const state = ctx.session;
    state.answers[state.step] = ctx.message.text;
    state.step = state.step === "full_name" ? "birth" : "registered_address";
    await ctx.reply(state.step === "birth" ? "Дата рождения или возраст?" : "Адрес регистрации?");
  });
  const app = express();
  app.post("/hook", express.json(), webhookCallback(bot, "express", { secretToken: SECRET }));
  const server = createServer(app);
  const url = `http://127.0.0.1:${await listen(server)}/hook`;
  return {
    variant: {
      name: "peer (grammY + session in PostgreSQL)",
      url,
      prepare: (count: number) => openChats(stub, [url], count),
    },
    close: async () => {
      await new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve())));
      await pool.end();
    },
  };
}

/** Creates reporters for chats `first`…`first+count-1` in one service (bulk inserts). */
async function seedReporters(databaseUrl: string, first: number, count: number): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string; hospital: string }>(
      `SELECT s.id, h.id AS hospital FROM services s JOIN hospitals h ON h.service_id = s.id WHERE s.name = 'Бенчмарк' LIMIT 1`,
    );
    let service = rows[0];
    if (!service) {
      const created = await client.query<{ id: string }>(
        `INSERT INTO services (id, name, time_zone) VALUES (gen_random_uuid(), 'Бенчмарк', 'Europe/Moscow') RETURNING id`,
      );
      const hospital = await client.query<{ id: string }>(
        `INSERT INTO hospitals (id, service_id, name, short_name) VALUES (gen_random_uuid(), $1, 'Роддом (бенчмарк)', 'Б1') RETURNING id`,
        [created.rows[0]!.id],
      );
      service = { id: created.rows[0]!.id, hospital: hospital.rows[0]!.id };
      await client.query(
        `WITH s AS (INSERT INTO staff (id, service_id, role, full_name) VALUES (gen_random_uuid(), $1, 'head', 'Руководитель Бенчмарк') RETURNING id)
         INSERT INTO messenger_identities (id, staff_id, messenger, external_user_id, chat_id) SELECT gen_random_uuid(), s.id, 'telegram', '99', '99' FROM s`,
        [service.id],
      );
    }
    await client.query(
      `WITH ids AS (SELECT g AS user_id, gen_random_uuid() AS staff_id FROM generate_series($3::bigint, $3::bigint + $4 - 1) g),
            s AS (INSERT INTO staff (id, service_id, role, hospital_id, full_name)
                  SELECT staff_id, $1, 'reporter', $2, 'Репортёр ' || user_id FROM ids RETURNING id)
       INSERT INTO messenger_identities (id, staff_id, messenger, external_user_id, chat_id)
       SELECT gen_random_uuid(), staff_id, 'telegram', user_id::text, user_id::text FROM ids`,
      [service.id, service.hospital, first, count],
    );
  } finally {
    await client.end();
  }
}

async function startFull(stub: Stub, databaseUrl: string): Promise<System> {
  const port = 18_000 + Math.floor(Math.random() * 2000);
  const config = loadConfig({
    DATABASE_URL: databaseUrl,
    PORT: String(port),
    BOT_TOKEN: TOKEN,
    TELEGRAM_API_ROOT: stub.url,
    BOT_MODE: "webhook",
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    WEBHOOK_SECRET: SECRET,
    LOG_LEVEL: "silent",
  });
  return startSystem({ config, logger: pino({ level: "silent" }) });
}

function fullVariant(stub: Stub, databaseUrl: string, urls: string[], name = "Signal Desk"): Variant {
  return {
    name,
    url: urls[0]!,
    prepare: async (count) => {
      await seedReporters(databaseUrl, nextChat, count);
      return openChats(stub, urls, count);
    },
  };
}

/** One step per prepared chat; `urls` spreads them (or posts each to all of them). */
function steps(chats: number[], urlsOf: (i: number) => string[]): Job[] {
  return chats.map((id, i) => ({
    chat: String(id),
    body: textUpdate(id, "Иванова Анна Петровна"),
    urls: urlsOf(i),
    expect: 2,
  }));
}

interface Scenario {
  name: string;
  delayMs: number;
  run: (stub: Stub, jobs: Job[]) => Promise<Result>;
}

const SCENARIOS: Scenario[] = [
  { name: "c=1", delayMs: 0, run: (stub, jobs) => closedLoop(stub, jobs, 1) },
  { name: "c=8", delayMs: 0, run: (stub, jobs) => closedLoop(stub, jobs, 8) },
  { name: "c=64, Bot API 50 ms", delayMs: 50, run: (stub, jobs) => closedLoop(stub, jobs, 64) },
  { name: `open loop ${RATE}/s`, delayMs: 0, run: (stub, jobs) => openLoop(stub, jobs, RATE) },
];

async function measure(stub: Stub, variant: Variant, scenario: Scenario): Promise<Result> {
  const chats = await variant.prepare(N + WARM);
  stub.delayMs = scenario.delayMs;
  await scenario.run(
    stub,
    steps(chats.slice(N), () => [variant.url]),
  ); // warm-up
  const result = await scenario.run(
    stub,
    steps(chats.slice(0, N), () => [variant.url]),
  );
  stub.delayMs = 0;
  return result;
}

function fmt(r: Result): string {
  return `${r.perSecond.toFixed(0).padStart(6)} upd/s  p50 ${r.p50.toFixed(1).padStart(6)} ms  p99 ${r.p99.toFixed(1).padStart(6)} ms`;
}

function spread(values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  return `${sorted[0]!.toFixed(2)} / ${median(sorted).toFixed(2)} / ${sorted.at(-1)!.toFixed(2)}`;
}

/** Two instances against one: throughput at c=64 with the 50 ms Bot API, and the exactly-once check. */
async function twoInstances(stub: Stub, databaseUrl: string, one: System) {
  const two = await startFull(stub, databaseUrl);
  try {
    const urls = [`${one.apiUrl}/telegram/webhook`, `${two.apiUrl}/telegram/webhook`];
    const single = fullVariant(stub, databaseUrl, [urls[0]!]);
    const results: { one: Result; two: Result }[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const a = await single.prepare(N);
      stub.delayMs = 50;
      const oneResult = await closedLoop(
        stub,
        steps(a, () => [urls[0]!]),
        64,
      );
      stub.delayMs = 0;
      const b = await single.prepare(N);
      stub.delayMs = 50;
      const twoResult = await closedLoop(
        stub,
        steps(b, (i) => [urls[i % 2]!]),
        64,
      );
      stub.delayMs = 0;
      results.push({ one: oneResult, two: twoResult });
    }

    // Exactly once and in order: three steps per chat, each update posted to both instances at once.
    const chats = await single.prepare(200);
    // Three turns with three different replies (the dialogue asks the category by buttons after
    // the name, so the next two are commands that go through the same turn machinery).
    const answers = ["Иванова Анна Петровна", "/help", "/cancel"];
    const questions = ["Категория сигнала", "Что я умею", "Диалог отменён"];
    stub.delayMs = 5;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: 32 }, async (_, w) => {
        for (let i = w; i < chats.length; i += 32) {
          const id = chats[i]!;
          for (let step = 0; step < 3; step++) {
            const update = textUpdate(id, answers[step]!);
            const replied = stub.waitFor(String(id), step + 2);
            await Promise.all(urls.map((url) => post(url, update)));
            await replied;
          }
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    stub.delayMs = 0;
    await new Promise((resolve) => setTimeout(resolve, 500));
    let lost = 0;
    let doubled = 0;
    let disordered = 0;
    for (const id of chats) {
      const texts = (stub.sent.get(String(id)) ?? []).slice(1).map((m) => m.text);
      for (const q of questions) {
        const n = texts.filter((t) => t.includes(q)).length;
        if (n === 0) lost++;
        if (n > 1) doubled++;
      }
      const order = questions.map((q) => texts.findIndex((t) => t.includes(q)));
      if (order.some((at, i) => i > 0 && at < order[i - 1]!)) disordered++;
    }
    return {
      results,
      check: { chats: chats.length, updates: chats.length * 3 * 2, seconds, lost, doubled, disordered },
    };
  } finally {
    await two.stop();
  }
}

async function sendToHeadCard(databaseUrl: string) {
  const config = loadConfig({
    DATABASE_URL: databaseUrl,
    PORT: "0",
    LOCAL_BOT_API_PORT: "0",
    LOG_LEVEL: "silent",
  });
  const system = await startSystem({ config, logger: pino({ level: "silent" }) });
  try {
    const sim = new SimClient(system.localBotApiUrl!);
    const botId = (await sim.bots())[0]!.id;
    await seedReporters(databaseUrl, 300_000, 1);
    const reporter = await sim.user(botId, { id: 300_000, firstName: "Репортёр" });
    const head = await sim.user(botId, { id: 99, firstName: "Руководитель" });
    const latencies: number[] = [];
    const waitPrompt = async (prompt: string) =>
      reporter.waitFor(
        (c) => (c.messages.filter((m) => m.from === "bot").at(-1)?.text ?? "").includes(prompt),
        prompt,
      );
    const pressOn = async (prompt: string, label: string) => {
      const chat = await waitPrompt(prompt);
      await reporter.press(label, {
        messageId: chat.messages.filter((m) => m.from === "bot").at(-1)!.messageId,
      });
    };
    for (let i = 0; i < SIGNALS; i++) {
      await reporter.sendText("/new");
      await waitPrompt("Фамилия");
      await reporter.sendText(`Бенчмаркова ${"Анна Мария Ольга Вера Ирина".split(" ")[i % 5]}`);
      for (const [prompt, label] of [
        ["Категория сигнала", "Не приняла решения"],
        ["Где сейчас", "Вместе с ребёнком в палате"],
        ["Когда выявлен", "Только что"],
      ] as const) {
        await pressOn(prompt, label);
      }
      await waitPrompt("Дата рождения");
      await reporter.sendText("30");
      for (const [prompt, label] of [
        ["Адрес регистрации", "Неизвестно"],
        ["Фактический адрес", "Неизвестно"],
        ["Адрес, откуда её привезла скорая", "Неизвестно"],
        ["Телефон женщины", "Неизвестно"],
        ["Комментарий", "Пропустить"],
      ] as const) {
        await pressOn(prompt, label);
      }
      const headBefore = (await head.chat()).messages.length;
      const chat = await waitPrompt("Проверьте сигнал");
      const t0 = performance.now();
      await reporter.press("📤 Отправить в Службу", {
        messageId: chat.messages.filter((m) => m.from === "bot").at(-1)!.messageId,
      });
      await head.waitFor((c) => c.messages.length > headBefore, "the head's card");
      latencies.push(performance.now() - t0);
    }
    return { p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
  } finally {
    await system.stop();
  }
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

async function main() {
  const folder = await mkdtemp(path.join(tmpdir(), "signal-desk-bench-"));
  const embedded = process.env.TEST_DATABASE_URL
    ? null
    : await startEmbeddedPostgres({ dataDir: folder, durable: false });
  const adminUrl = process.env.TEST_DATABASE_URL ?? embedded!.adminUrl;
  const stub = await startStub();
  const closers: (() => Promise<void>)[] = [];
  try {
    console.log(`Signal Desk benchmark — node ${process.version}, N=${N} per measurement, ${ROUNDS} rounds`);
    const databaseUrl = await freshDatabase(adminUrl, "bench_full");
    const full = await startFull(stub, databaseUrl);
    closers.push(() => full.stop());
    const variants: Variant[] = [fullVariant(stub, databaseUrl, [`${full.apiUrl}/telegram/webhook`])];
    if (!ONLY_FULL) {
      const bare = await bareGrammy(stub);
      const peer = await peerGrammy(stub, await freshDatabase(adminUrl, "bench_peer"));
      closers.push(bare.close, peer.close);
      variants.push(peer.variant, bare.variant);
    }

    // results[scenario][variant] = one Result per round
    const results = SCENARIOS.map(() => variants.map(() => [] as Result[]));
    for (let round = 0; round < ROUNDS; round++) {
      for (const [s, scenario] of SCENARIOS.entries()) {
        // Rotate the order every round: no variant always runs first (cold) or last (warm caches).
        for (let k = 0; k < variants.length; k++) {
          const v = (k + round + s) % variants.length;
          results[s]![v]!.push(await measure(stub, variants[v]!, scenario));
        }
      }
      process.stdout.write(`round ${round + 1}/${ROUNDS} done\n`);
    }

    for (const [s, scenario] of SCENARIOS.entries()) {
      console.log(`\n${scenario.name}   (median of ${ROUNDS} rounds)`);
      for (const [v, variant] of variants.entries()) {
        const rs = results[s]![v]!;
        console.log(
          `  ${variant.name.padEnd(40)} ${fmt({
            perSecond: median(rs.map((r) => r.perSecond)),
            p50: median(rs.map((r) => r.p50)),
            p99: median(rs.map((r) => r.p99)),
          })}`,
        );
      }
      if (variants.length === 3) {
        const ratio = (other: number) =>
          spread(results[s]![0]!.map((r, i) => r.perSecond / results[s]![other]![i]!.perSecond));
        console.log(`  throughput Signal Desk / peer   min / median / max: ${ratio(1)}`);
        console.log(`  throughput Signal Desk / bare   min / median / max: ${ratio(2)}`);
      }
    }

    const { results: scale, check } = await twoInstances(stub, databaseUrl, full);
    console.log(`\ntwo instances on one database, c=64, Bot API 50 ms (median of ${ROUNDS} rounds)`);
    console.log(
      `  one instance   ${fmt({ perSecond: median(scale.map((r) => r.one.perSecond)), p50: median(scale.map((r) => r.one.p50)), p99: median(scale.map((r) => r.one.p99)) })}`,
    );
    console.log(
      `  two instances  ${fmt({ perSecond: median(scale.map((r) => r.two.perSecond)), p50: median(scale.map((r) => r.two.p50)), p99: median(scale.map((r) => r.two.p99)) })}`,
    );
    console.log(
      `  two / one      min / median / max: ${spread(scale.map((r) => r.two.perSecond / r.one.perSecond))}`,
    );
    console.log(
      `  exactly once: ${check.chats} chats × 3 steps, each update posted to both instances (${check.updates} requests, ${check.seconds.toFixed(1)} s): lost ${check.lost}, doubled ${check.doubled}, out of order ${check.disordered}`,
    );

    if (!ONLY_FULL && SIGNALS > 0) {
      const card = await sendToHeadCard(await freshDatabase(adminUrl, "bench_card"));
      console.log(
        `\n"send" → head's card, local Bot API server, ${SIGNALS} signals: p50 ${card.p50.toFixed(1)} ms, p99 ${card.p99.toFixed(1)} ms`,
      );
    }
  } finally {
    for (const close of closers.reverse()) await close().catch(() => undefined);
    await stub.close();
    await embedded?.stop();
    await rm(folder, { recursive: true, force: true });
  }
}

await main();
