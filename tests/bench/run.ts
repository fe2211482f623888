/**
 * `npm run bench` — not a test: figures for the closing note.
 *
 * 1. Webhook throughput and latency: N text updates POSTed on loopback to
 *    (a) a bare grammY bot that answers each, and
 *    (b) the full stack doing one dialogue step per update (dedupe, state read and write in
 *        PostgreSQL, outbox, reply).
 *    Both talk to the same minimal Bot API stub that timestamps each sendMessage, so
 *    "receipt → sendMessage" is measured the same way for both. Printed: updates/s,
 *    p50/p99 latency, and the ratio full/bare.
 * 2. The local setup end to end: a reporter presses "send" → the head's chat shows the card,
 *    p50/p99 over 100 signals, through the local Bot API server and the real adapter.
 *
 * Environment: BENCH_N (default 400), BENCH_CONCURRENCY (default 8), BENCH_SIGNALS (100);
 * BENCH_ONLY_FULL=1 runs only the full-stack part (for profiling).
 * Uses TEST_DATABASE_URL's server when set, otherwise an embedded PostgreSQL in a temp folder.
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import express from "express";
import { Bot, webhookCallback } from "grammy";
import pg from "pg";
import { pino } from "pino";
import { loadConfig } from "../../src/platform/config.ts";
import { startEmbeddedPostgres } from "../../src/platform/db/embedded.ts";
import { migrate } from "../../src/platform/db/migrate.ts";
import { SimClient } from "@signal-desk/telegram-bot-api-sim";
import { startSystem, type System } from "../../src/app/system.ts";

const N = Number(process.env.BENCH_N ?? 400);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const SIGNALS = Number(process.env.BENCH_SIGNALS ?? 100);
const TOKEN = "4242:bench-token-0123456789";
const SECRET = "bench-secret-0123456789";

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

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

/** A Bot API stub: answers every method at once and timestamps sendMessage per chat. */
async function startStub() {
  const sent = new Map<string, number>();
  const waiters = new Map<string, () => void>();
  let messageId = 1;
  const server = createServer((req, res) => {
    void body(req).then((params) => {
      const method = req.url?.split("/").at(-1) ?? "";
      let result: unknown = true;
      if (method === "getMe") result = { id: 4242, is_bot: true, first_name: "Bench", username: "bench_bot" };
      if (method === "sendMessage") {
        const chat = String(params.chat_id);
        sent.set(chat, performance.now());
        waiters.get(chat)?.();
        result = {
          message_id: messageId++,
          date: 0,
          chat: { id: Number(chat), type: "private" },
          text: params.text,
        };
      }
      if (method === "getUpdates") result = [];
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ ok: true, result }));
    });
  });
  const port = await listen(server);
  return {
    url: `http://127.0.0.1:${port}`,
    sent,
    /** Resolves when a sendMessage for `chat` arrives. */
    waitFor: (chat: string) =>
      new Promise<void>((resolve) => (sent.has(chat) ? resolve() : waiters.set(chat, resolve))),
    reset: () => (sent.clear(), waiters.clear()),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function textUpdate(updateId: number, userId: number, text: string) {
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

/** POSTs updates with bounded concurrency; returns per-update latency (ms) until its sendMessage. */
async function feed(
  url: string,
  stub: Awaited<ReturnType<typeof startStub>>,
  updates: { chat: string; body: object }[],
) {
  stub.reset();
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < updates.length) {
      const update = updates[next++]!;
      const t0 = performance.now();
      const replied = stub.waitFor(update.chat);
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": SECRET },
        body: JSON.stringify(update.body),
      });
      if (!response.ok) throw new Error(`webhook answered ${response.status}`);
      await replied;
      latencies.push(stub.sent.get(update.chat)! - t0);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = (performance.now() - started) / 1000;
  return {
    perSecond: updates.length / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
  };
}

async function bareGrammy(stub: Awaited<ReturnType<typeof startStub>>) {
  const bot = new Bot(TOKEN, { client: { apiRoot: stub.url } });
  await bot.init();
  bot.on("message:text", (ctx) => ctx.reply("ok"));
  const app = express();
  app.post("/hook", express.json(), webhookCallback(bot, "express", { secretToken: SECRET }));
  const server = createServer(app);
  const port = await listen(server);
  const updates = Array.from({ length: N }, (_, i) => ({
    chat: String(100_000 + i),
    body: textUpdate(i + 1, 100_000 + i, "Иванова Анна Петровна"),
  }));
  await feed(`http://127.0.0.1:${port}/hook`, stub, updates.slice(0, 50)); // warm-up
  const result = await feed(
    `http://127.0.0.1:${port}/hook`,
    stub,
    updates.map((u, i) => ({ ...u, body: textUpdate(10_000 + i, 100_000 + i, "Иванова Анна Петровна") })),
  );
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return result;
}

async function seedReporters(system: System, count: number, firstUserId: number) {
  const { db } = system;
  const service = await db.service.create({ data: { name: "Бенчмарк", timeZone: "Europe/Moscow" } });
  const hospital = await db.hospital.create({
    data: { serviceId: service.id, name: "Роддом (бенчмарк)", shortName: "Б1" },
  });
  await db.staff.create({
    data: {
      serviceId: service.id,
      role: "head",
      fullName: "Руководитель Бенчмарк",
      identities: { create: { messenger: "telegram", externalUserId: "99", chatId: "99" } },
    },
  });
  for (let i = 0; i < count; i++) {
    const id = String(firstUserId + i);
    await db.staff.create({
      data: {
        serviceId: service.id,
        role: "reporter",
        hospitalId: hospital.id,
        fullName: `Репортёр ${i}`,
        identities: { create: { messenger: "telegram", externalUserId: id, chatId: id } },
      },
    });
  }
}

async function fullStack(stub: Awaited<ReturnType<typeof startStub>>, databaseUrl: string) {
  const port = 18_000 + Math.floor(Math.random() * 1000);
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
  const system = await startSystem({ config, logger: pino({ level: "silent" }) });
  try {
    await seedReporters(system, N + 50, 200_000);
    const url = `${system.apiUrl}/telegram/webhook`;
    const open = Array.from({ length: N + 50 }, (_, i) => ({
      chat: String(200_000 + i),
      body: textUpdate(i + 1, 200_000 + i, "/new"),
    }));
    await feed(url, stub, open); // every reporter opens the dialogue (and warms up)
    const step = open.map((u, i) => ({
      chat: u.chat,
      body: textUpdate(100_000 + i, 200_000 + i, "Иванова Анна Петровна"),
    }));
    await feed(url, stub, step.slice(N)); // warm-up on the extra 50
    return await feed(url, stub, step.slice(0, N));
  } finally {
    await system.stop();
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
    await seedReporters(system, 1, 300_000);
    const reporter = await sim.user(botId, { id: 300_000, firstName: "Репортёр" });
    const head = await sim.user(botId, { id: 99, firstName: "Руководитель" });
    const latencies: number[] = [];
    const lastText = async (user: typeof head) =>
      (await user.chat()).messages.filter((m) => m.from === "bot").at(-1)?.text ?? "";
    const waitPrompt = async (prompt: string) =>
      reporter.waitFor(
        (c) => (c.messages.filter((m) => m.from === "bot").at(-1)?.text ?? "").includes(prompt),
        prompt,
      );
    const pressOn = async (prompt: string, label: string) => {
      const chat = await waitPrompt(prompt);
      const message = chat.messages.filter((m) => m.from === "bot").at(-1)!;
      await reporter.press(label, { messageId: message.messageId });
    };
    for (let i = 0; i < SIGNALS; i++) {
      await reporter.sendText("/new");
      await waitPrompt("Фамилия");
      await reporter.sendText(`Бенчмаркова ${"Анна Мария Ольга Вера Ирина".split(" ")[i % 5]}`);
      await waitPrompt("Дата рождения");
      await reporter.sendText("30");
      for (const [prompt, label] of [
        ["Адрес регистрации", "Неизвестно"],
        ["Фактический адрес", "Неизвестно"],
        ["Откуда её доставила", "Неизвестно"],
        ["Телефон женщины", "Неизвестно"],
        ["Категория сигнала", "Не приняла решения"],
        ["Где сейчас", "Вместе с ребёнком в палате"],
        ["Когда выявлен", "Только что"],
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
      if (!(await lastText(head)).includes("Новый сигнал")) throw new Error("the head did not get the card");
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
  try {
    console.log(`Signal Desk benchmark — node ${process.version}, N=${N}, concurrency=${CONCURRENCY}`);
    const onlyFull = process.env.BENCH_ONLY_FULL === "1";
    const bare = onlyFull ? { perSecond: NaN, p50: NaN, p99: NaN } : await bareGrammy(stub);
    const full = await fullStack(stub, await freshDatabase(adminUrl, "bench_full"));
    const row = (name: string, r: { perSecond: number; p50: number; p99: number }) =>
      `${name.padEnd(28)} ${r.perSecond.toFixed(0).padStart(7)} updates/s   p50 ${r.p50.toFixed(2).padStart(7)} ms   p99 ${r.p99.toFixed(2).padStart(7)} ms`;
    console.log(row("bare grammY (webhook)", bare));
    console.log(row("full stack, 1 step/update", full));
    console.log(
      `ratio full/bare throughput: ${(full.perSecond / bare.perSecond).toFixed(2)} (target ≥ 0.5); full-stack p99 target < 15 ms`,
    );
    if (onlyFull) return;
    const card = await sendToHeadCard(await freshDatabase(adminUrl, "bench_card"));
    console.log(
      `"send" → head's card, local setup, ${SIGNALS} signals: p50 ${card.p50.toFixed(1)} ms, p99 ${card.p99.toFixed(1)} ms`,
    );
  } finally {
    await stub.close();
    await embedded?.stop();
    await rm(folder, { recursive: true, force: true });
  }
}

await main();
