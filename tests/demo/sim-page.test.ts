/**
 * The /sim page in a real browser against the whole system (demo data seeded on start, the local Bot API
 * server, grammY, the job queue): the reporter types /new, answers, presses a button, and the bot's next
 * question appears. Leaves a screenshot in /tmp/sim.png.
 *
 * Needs Debian's Chromium at /usr/bin/chromium (`apt-get install -y chromium`); skipped without it.
 */
import { existsSync } from "node:fs";
import { pino } from "pino";
import { chromium, type Browser, type Locator, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/platform/config.ts";
import { startSystem, type System } from "../../src/app/system.ts";
import { demoUser } from "../../src/demo/users.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/db.ts";

const CHROMIUM = "/usr/bin/chromium";
const SKIP_REASON = existsSync(CHROMIUM)
  ? undefined
  : `${CHROMIUM} not found — install Chromium (apt-get install -y chromium) to run the demo page's browser test`;
const SCREENSHOT = "/tmp/sim.png";
const STEP_MS = 8_000;

if (SKIP_REASON) console.warn(`tests/demo/sim-page.test.ts skipped: ${SKIP_REASON}`);

describe("the /sim demo page in Chromium", () => {
  let database: TestDatabase | undefined;
  let system: System | undefined;
  let browser: Browser | undefined;
  let page: Page;

  beforeAll(async () => {
    if (SKIP_REASON) return;
    database = await createTestDatabase();
    const config = loadConfig({
      DATABASE_URL: database.url,
      PORT: "0",
      LOCAL_BOT_API_PORT: "0",
      DEMO_SEED: "true",
      LOG_LEVEL: "silent",
    });
    [system, browser] = await Promise.all([
      startSystem({ config, logger: pino({ level: "silent" }), jobPollingSeconds: 0.5 }),
      chromium.launch({
        executablePath: CHROMIUM,
        headless: true,
        args: [
          "--no-sandbox",
          "--disable-gpu",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--no-first-run",
        ],
      }),
    ]);
    page = await browser.newPage({ viewport: { width: 1600, height: 900 }, locale: "ru-RU" });
  });

  afterAll(async () => {
    await browser?.close();
    await system?.stop();
    await database?.drop();
  });

  it("plays the reporter's first questions like a Telegram chat", async (ctx) => {
    ctx.skip(SKIP_REASON !== undefined, SKIP_REASON);
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));

    await page.goto(`${system!.apiUrl}/sim`);
    const reporter = page.locator('[data-user="reporter"]');
    await expect.poll(() => page.locator(".column").count(), { timeout: STEP_MS }).toBe(5);
    await expect
      .poll(() => page.locator(".owner-name").allTextContents())
      .toEqual([
        "Смирнова Ольга Викторовна",
        "Орлова Елена Николаевна",
        "Орлова Елена Николаевна", // the head again, in MAX
        "Белова Анна Сергеевна",
        "Зайцев Игорь Андреевич",
      ]);
    expect(await page.locator(".hint").textContent()).toContain("Нажмите /new в чате неонатолога");

    const input = reporter.locator("textarea");
    await input.fill("/new");
    await input.press("Enter");
    await lastBotMessage(reporter, "Фамилия, имя и отчество");
    // The bot set the reporter's command menu (their role's commands): the page shows it.
    const menuButton = reporter.locator(".menu-button");
    await expect.poll(() => menuButton.isVisible(), { timeout: STEP_MS }).toBe(true);
    await menuButton.click();
    const commands = await reporter.locator(".command-menu .command-name").allTextContents();
    expect(commands).toContain("/new");
    expect(commands).not.toContain("/case");
    await menuButton.click();

    // User text is shown as typed, never as markup.
    await input.fill("Иванова Анна Петровна <img src=x onerror=alert(1)>");
    await input.press("Enter");
    await expect
      .poll(() => reporter.locator(".message.user").last().textContent(), { timeout: STEP_MS })
      .toContain("<img src=x onerror=alert(1)>");
    expect(await page.locator(".messages img").count()).toBe(0);

    // The urgent short path: after the name, the category, where she is and when, the signal is
    // sent at once (/new → sent in 6 interactions); the remaining questions complete it.
    const pressIn = (column: Locator, label: string) =>
      column.locator(".message.bot").last().getByRole("button", { name: label }).click();
    let interactions = 2; // /new and the name
    await lastBotMessage(reporter, "Категория сигнала");
    await pressIn(reporter, "Открыто заявляет об отказе");
    await lastBotMessage(reporter, "Где сейчас женщина");
    await pressIn(reporter, "Вместе с ребёнком в палате");
    await lastBotMessage(reporter, "Когда выявлен риск");
    await pressIn(reporter, "Только что");
    await lastBotMessage(reporter, "Дата рождения или возраст");
    await pressIn(reporter, "⚡ Отправить сейчас, остальное — потом");
    interactions += 4;
    expect(interactions).toBeLessThanOrEqual(6);
    const head = page.locator('[data-user="head"]');
    await expect
      .poll(() => head.locator(".message.bot").allTextContents(), { timeout: STEP_MS })
      .toEqual(expect.arrayContaining([expect.stringContaining("🆕 Новый сигнал")]));
    // The card's labels are bold (Telegram's bold entities), the values plain text.
    const card = head.locator(".message.bot", { hasText: "🆕 Новый сигнал" }).last();
    expect(await card.locator(".text b").allTextContents()).toEqual(
      expect.arrayContaining(["Роддом:", "Категория:", "Где сейчас:"]),
    );
    expect(await card.locator(".text").textContent()).toContain("Роддом: ");
    await lastBotMessage(reporter, "Дата рождения или возраст");
    await pressIn(reporter, "Неизвестно");
    await lastBotMessage(reporter, "Адрес регистрации");
    // The pressed answer is recorded under the question it answered.
    expect(
      await reporter.locator(".message.bot", { hasText: "Дата рождения" }).last().textContent(),
    ).toContain("Неизвестно");

    // The head's MAX dialog is a chat like the others, played through the local MAX server.
    const headMax = page.locator('[data-user="head-max"]');
    expect(await headMax.locator(".owner-role").textContent()).toContain("MAX");
    await headMax.locator("textarea").fill("/help");
    await headMax.locator("textarea").press("Enter");
    await lastBotMessage(headMax, "Что я умею");
    expect(await headMax.locator(".message.bot").last().textContent()).toContain("/link");

    await page.screenshot({ path: SCREENSHOT });
    expect(errors).toEqual([]);
  });
});

describe.sequential("the /sim demo page in Chromium: taps and new messages", () => {
  let database: TestDatabase | undefined;
  let system: System | undefined;
  let browser: Browser | undefined;
  let page: Page;

  beforeAll(async () => {
    if (SKIP_REASON) return;
    database = await createTestDatabase();
    [system, browser] = await startWithBrowser(database);
    page = await browser.newPage({ viewport: { width: 1600, height: 900 }, locale: "ru-RU" });
  });

  afterAll(async () => {
    await browser?.close();
    await system?.stop();
    await database?.drop();
  });

  it("a quick double tap answers once and never shows an internal error", async (ctx) => {
    ctx.skip(SKIP_REASON !== undefined, SKIP_REASON);
    await page.goto(`${system!.apiUrl}/sim`);
    const reporter = page.locator('[data-user="reporter"]');
    await expect.poll(() => page.locator(".column").count(), { timeout: STEP_MS }).toBe(5);
    const input = reporter.locator("textarea");
    for (const text of ["/new", "Иванова Анна Петровна"]) {
      await input.fill(text);
      await input.press("Enter");
      await expect.poll(() => reporter.locator(".message.user").last().textContent()).toContain(text);
    }
    const category = reporter
      .locator(".message.bot")
      .last()
      .getByRole("button", { name: "Открыто заявляет об отказе" });
    await category.dblclick();
    await lastBotMessage(reporter, "Где сейчас женщина");
    await page.waitForTimeout(1_000);
    const toasts = await reporter.locator(".toast.visible").allTextContents();
    expect(toasts.join(" ")).not.toMatch(/no button|Не получилось/);
    // One answer went through: the question after it is asked once.
    expect(await reporter.locator(".message.bot", { hasText: "Где сейчас женщина" }).count()).toBe(1);
  });

  it("marks a chat that got a new message until the person looks at it", async (ctx) => {
    ctx.skip(SKIP_REASON !== undefined, SKIP_REASON);
    const curator = page.locator('[data-user="curator1"]');
    const badge = curator.locator(".unread-badge");
    expect(await badge.isVisible()).toBe(false);
    // The curator's phone gets a message while the person at the page looks at another chat.
    const api = `${system!.apiUrl}/sim/api/_sim`;
    const bots = (await (await fetch(`${api}/bots`)).json()) as { id: number; username: string }[];
    const bot = bots.find((b) => b.username === system!.botUsername)!;
    const sent = await fetch(`${api}/bots/${bot.id}/chats/${demoUser("curator1").userId}/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ text: "/help" }),
    });
    expect(sent.status).toBe(201);
    await lastBotMessage(curator, "Что я умею");
    await expect.poll(() => badge.textContent(), { timeout: STEP_MS }).toBe("1");
    expect(await curator.evaluate((node) => node.classList.contains("has-unread"))).toBe(true);
    await curator.locator(".owner").click();
    await expect.poll(() => badge.isVisible()).toBe(false);
  });

  it("restarts the demo: fresh data, empty chats, and the reporter starts again from /new", async (ctx) => {
    ctx.skip(SKIP_REASON !== undefined, SKIP_REASON);
    const db = database!.db;
    const before = await db.service.findFirstOrThrow({ where: { isDemo: true } });
    const reporter = page.locator('[data-user="reporter"]');
    expect(await reporter.locator(".message").count()).toBeGreaterThan(0);
    page.once("dialog", (dialog) => void dialog.accept());
    await page.locator("#reset-demo").click();
    await expect
      .poll(() => page.locator(".notice.info").textContent(), { timeout: STEP_MS })
      .toContain("Демо начато заново");
    for (const key of ["reporter", "head", "head-max", "curator1", "curator2"])
      await expect
        .poll(() => page.locator(`[data-user="${key}"] .message`).count(), { timeout: STEP_MS })
        .toBe(0);
    const after = await db.service.findFirstOrThrow({ where: { isDemo: true } });
    expect(after.id).not.toBe(before.id);
    expect(await db.signal.count({ where: { serviceId: after.id } })).toBe(0);
    const archived = await db.service.findUniqueOrThrow({ where: { id: before.id } });
    expect(archived.name).toContain("архив");
    // The same simulated reporter now is the new demo's reporter, with no dialogue left open.
    const input = reporter.locator("textarea");
    await input.fill("/new");
    await input.press("Enter");
    await lastBotMessage(reporter, "Фамилия, имя и отчество");
    const reporterStaff = await db.staff.findFirstOrThrow({
      where: { identities: { some: { externalUserId: String(demoUser("reporter").userId) } } },
    });
    expect(reporterStaff.serviceId).toBe(after.id);
    // Another site cannot reset the demo: the page's own header is required.
    expect((await fetch(`${system!.apiUrl}/sim/reset`, { method: "POST" })).status).toBe(403);
  });
});

async function startWithBrowser(database: TestDatabase): Promise<[System, Browser]> {
  const config = loadConfig({
    DATABASE_URL: database.url,
    PORT: "0",
    LOCAL_BOT_API_PORT: "0",
    LOCAL_MAX_API_PORT: "0",
    DEMO_SEED: "true",
    LOG_LEVEL: "silent",
  });
  return Promise.all([
    startSystem({ config, logger: pino({ level: "silent" }), jobPollingSeconds: 0.5 }),
    chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
    }),
  ]);
}

/** Waits until the newest bot message in a column contains `text`. */
async function lastBotMessage(column: Locator, text: string): Promise<void> {
  await expect
    .poll(() => column.locator(".message.bot").last().textContent(), { timeout: STEP_MS })
    .toContain(text);
}
