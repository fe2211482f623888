/**
 * The secure form in a real browser against the whole system, offline: the demo service asks
 * personal data by form; on /sim the reporter types /new, presses the form's button, the form opens
 * in a new tab with launch data signed for the simulated user, is filled in and sent, and the chat
 * goes on without any of it. Leaves a screenshot in /tmp/form.png.
 *
 * Needs Debian's Chromium at /usr/bin/chromium; skipped without it.
 */
import { existsSync } from "node:fs";
import { pino } from "pino";
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/platform/config.ts";
import { startSystem, type System } from "../../src/app/system.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/db.ts";

const CHROMIUM = "/usr/bin/chromium";
const SKIP_REASON = existsSync(CHROMIUM) ? undefined : `${CHROMIUM} not found`;
const STEP_MS = 10_000;

describe("the secure form from /sim in Chromium", () => {
  let database: TestDatabase | undefined;
  let system: System | undefined;
  let browser: Browser | undefined;

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
      chromium.launch({ executablePath: CHROMIUM, headless: true, args: ["--no-sandbox", "--disable-gpu"] }),
    ]);
    await database.db.service.updateMany({ where: { isDemo: true }, data: { personalDataByForm: true } });
  });

  afterAll(async () => {
    await browser?.close();
    await system?.stop();
    await database?.drop();
  });

  it("fills the woman's details in the form; the chat never shows them", async (ctx) => {
    ctx.skip(SKIP_REASON !== undefined, SKIP_REASON);
    const context = await browser!.newContext({ viewport: { width: 1600, height: 900 }, locale: "ru-RU" });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto(`${system!.apiUrl}/sim`);
    const reporter = page.locator('[data-user="reporter"]');
    const input = reporter.locator("textarea");
    await expect.poll(() => input.count(), { timeout: STEP_MS }).toBe(1);
    await input.fill("/new");
    await input.press("Enter");
    await lastBotMessage(reporter, "в защищённой форме");

    // Without launch data the page shows nothing.
    const bare = await context.newPage();
    await bare.goto(`${system!.apiUrl}/forms/dialogue?m=telegram`);
    await expect.poll(() => bare.locator("#form-root").getAttribute("data-state")).toBe("empty");
    expect(await bare.locator("input").count()).toBe(0);
    await bare.close();

    // The name first: its own form (the urgent questions follow it in the chat).
    const named = await openForm(context, reporter);
    // The launch data left the address bar.
    expect(named.url()).not.toContain("tgWebAppData");
    await named.locator('[name="full_name"]').fill("Иванова Анна Петровна");
    await named.getByRole("button", { name: "Отправить" }).click();
    await expect
      .poll(() => named.locator("#form-root").textContent(), { timeout: STEP_MS })
      .toContain("получили");
    await named.close();
    for (const answer of ["Открыто заявляет об отказе", "Вместе с ребёнком в палате", "30 мин назад"]) {
      const button = reporter.locator(".message.bot").last().getByRole("button", { name: answer });
      await expect.poll(() => button.count(), { timeout: STEP_MS }).toBe(1);
      await button.click();
    }
    await lastBotMessage(reporter, "в защищённой форме");

    // Then her details and the comment.
    const form = await openForm(context, reporter);
    await form.locator('[name="birth"]').fill("12.03.1995");
    await form.locator('[name="registered_address"]').fill("г. Москва, ул. Ленина, 1");
    await form.locator('[data-field="actual_address"]').getByLabel("Совпадает с регистрацией").check();
    await form.locator('[data-field="ambulance_from"]').getByLabel("Неизвестно").check();
    await form.locator('[name="phone"]').fill("12");
    await form.getByRole("button", { name: "Отправить" }).click();
    // The flow's own rule, in the form.
    await expect
      .poll(() => form.locator('[data-field="phone"] .error').textContent(), { timeout: STEP_MS })
      .toContain("номер");
    await form.locator('[name="phone"]').fill("+7 900 000-00-01");
    await form.getByRole("button", { name: "Отправить" }).click();
    await expect
      .poll(() => form.locator("#form-root").textContent(), { timeout: STEP_MS })
      .toContain("получили");
    await form.screenshot({ path: "/tmp/form.png" });

    await expect
      .poll(() => reporter.locator(".message.bot").last().textContent(), { timeout: STEP_MS })
      .toContain("заполнено в форме");
    const chat = (await reporter.locator(".messages").textContent()) ?? "";
    for (const secret of ["Иванова", "12.03.1995", "Ленина", "900 000"]) expect(chat).not.toContain(secret);
    expect(errors).toEqual([]);
    await context.close();
  });
});

/** Presses the newest form button of the chat and waits for the form's tab to be ready. */
async function openForm(context: BrowserContext, column: Locator): Promise<Page> {
  const opening = context.waitForEvent("page");
  await column.locator(".message.bot").last().getByRole("button", { name: "📝 Заполнить форму" }).click();
  const form = await opening;
  await expect
    .poll(() => form.locator("#form-root").getAttribute("data-state"), { timeout: STEP_MS })
    .toBe("ready");
  return form;
}

async function lastBotMessage(column: Locator, text: string): Promise<void> {
  await expect
    .poll(() => column.locator(".message.bot").last().textContent(), { timeout: STEP_MS })
    .toContain(text);
}
