/**
 * The web console in a real browser (Debian's Chromium driven by playwright-core) against the whole
 * system: the local Bot API server, the real grammY adapter, the job queue. The head signs in
 * through the bot's link (by keyboard), sets the urgency and assigns a curator from Today (the
 * curator's chat gets the card), filters a journal, opens the signal's timeline and switches the
 * language; filters a journal and downloads its XLSX, searches by a name, follows the report's
 * drill-down and enters a hospital's abandonments; opens a case's page and timeline from Today and
 * from the journal and downloads its hand-over package; on a phone-sized screen the Mini App signs in
 * with Telegram's launch data. The pages
 * must raise no script error and no Content-Security-Policy violation. Screenshots: /tmp/console-*.png.
 *
 * Needs /usr/bin/chromium (`apt-get install -y chromium`); skipped with that message without it.
 */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SimUser } from "@signal-desk/telegram-bot-api-sim";
import { LOCAL_BOT_TOKEN } from "../../src/app/system.ts";
import { readXlsx } from "../../src/platform/documents/xlsx.ts";
import { storeFile } from "../../src/platform/files.ts";
import { lastCompleteHalfYear, lastDay } from "../../src/registers/domain/periods.ts";
import { nameKey } from "../../src/signals/domain/names.ts";
import { signWebAppData } from "../../src/platform/web-app-data.ts";
import { answer, choose, waitAnyText, waitText } from "../helpers/chat.ts";
import { startTestSystem, type TestSystem } from "../helpers/system.ts";

const CHROMIUM = "/usr/bin/chromium";
const SKIP_REASON = existsSync(CHROMIUM)
  ? undefined
  : `${CHROMIUM} not found — install Chromium (apt-get install -y chromium) to run the console's browser tests`;
const STEP_MS = 10_000;

if (SKIP_REASON) console.warn(`tests/console/browser.test.ts skipped: ${SKIP_REASON}`);

/**
 * Collects what must not happen on a page: script errors and CSP violations. (Screenshots keep
 * the caret: hiding it injects a style our CSP rightly blocks.)
 */
function watch(page: Page): string[] {
  const problems: string[] = [];
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error" || /Content.Security.Policy/i.test(message.text())) {
      problems.push(`console ${message.type()}: ${message.text()}`);
    }
  });
  return problems;
}

describe("the web console in Chromium", () => {
  let t: TestSystem;
  let browser: Browser | undefined;
  let reporter: SimUser;
  let head: SimUser;
  let curator: SimUser;
  let headUserId: number;

  beforeAll(async () => {
    if (SKIP_REASON) return;
    [t, browser] = await Promise.all([
      startTestSystem({ library: "grammy", mode: "polling" }),
      chromium.launch({
        executablePath: CHROMIUM,
        headless: true,
        // A fresh profile each launch (playwright's temporary user data directory).
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
    reporter = (await t.person("reporter", "Смирнова Ольга Ивановна")).user;
    const headPerson = await t.person("head", "Кузнецова Мария Петровна");
    head = headPerson.user;
    headUserId = head.id;
    curator = (await t.person("curator", "Петрова Анна Сергеевна")).user;

    // A signal arrives through the bot, as a neonatologist would send it.
    await reporter.sendText("/new");
    await answer(reporter, "Фамилия, имя и отчество", "Иванова Анна Петровна");
    await choose(reporter, "Категория сигнала", "Открыто заявляет об отказе");
    await choose(reporter, "Где сейчас женщина", "Вместе с ребёнком в палате");
    await choose(reporter, "Когда выявлен риск", "30 мин назад");
    await answer(reporter, "Дата рождения или возраст", "12.03.1995");
    await answer(reporter, "Адрес регистрации", "г. Москва, ул. Ленина, 1");
    await choose(reporter, "Фактический адрес", "Совпадает с регистрацией");
    await choose(reporter, "Адрес, откуда её привезла скорая", "Неизвестно");
    await answer(reporter, "Телефон женщины", "+7 900 000-00-01");
    await choose(reporter, "Комментарий", "Пропустить");
    await choose(reporter, "Проверьте сигнал", "📤 Отправить в Службу");
    await waitText(reporter, "Номер в журнале Службы");
  });

  afterAll(async () => {
    await browser?.close();
    await t?.stop();
  });

  it("the head signs in with the bot's link, assigns from Today, filters a journal, reads the timeline, switches language", async (ctx) => {
    ctx.skip(SKIP_REASON !== undefined, SKIP_REASON);
    const context: BrowserContext = await browser!.newContext({
      viewport: { width: 1366, height: 900 },
      locale: "ru-RU",
    });
    const page = await context.newPage();
    const problems = watch(page);

    // The link comes from the bot, as a button under its answer to /console.
    await head.sendText("/console");
    const chat = await waitText(head, "Вход в веб-консоль");
    const message = chat.messages.filter((m) => m.from === "bot").at(-1)!;
    const button = message.buttons?.flat().find((b) => "url" in b);
    const link = button && "url" in button ? button.url : undefined;
    expect(link).toMatch(/\/console\/sign-in\?token=/);

    // Signing in with the keyboard only: the skip link first, then the button.
    await page.goto(link!);
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Перейти к содержанию");
    await page.getByRole("button", { name: "Войти" }).focus();
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/console$/, { timeout: STEP_MS });
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Сегодня");
    const waiting = page.locator('[data-signal="1/' + new Date().getFullYear() + '"]').first();
    await expect.poll(() => waiting.textContent()).toContain("Открыто заявляет об отказе");
    await page.screenshot({ path: "/tmp/console-today.png", fullPage: true, caret: "initial" });

    // Urgency, then the curator — the same rules and messages as the bot's buttons.
    await waiting.getByRole("button", { name: "Срочно (до 3 ч)" }).click();
    await expect.poll(() => page.locator(".flash").textContent(), { timeout: STEP_MS }).toContain("Срочно");
    const card = page.locator(".card").first();
    await card.getByRole("combobox").selectOption({ label: "Петрова А. С. — 0/9" });
    await card.getByRole("button", { name: "Назначить" }).click();
    await expect
      .poll(() => page.locator(".flash").textContent(), { timeout: STEP_MS })
      .toContain("назначен куратор Петрова А. С.");
    await expect.poll(() => page.locator("#visits").textContent()).toContain("1");
    const assigned = await waitAnyText(curator, "Вам назначен сигнал");
    expect(assigned.messages.at(-1)?.text).toContain("Иванова Анна Петровна");

    // The service journal, filtered by status.
    await page.getByRole("link", { name: "Журналы", exact: true }).click();
    await page.waitForURL(/\/console\/journals\/service/, { timeout: STEP_MS });
    await page.getByLabel("Статус").selectOption({ label: "назначен куратор" });
    await page.getByRole("button", { name: "Показать" }).click();
    await page.waitForURL(/status=assigned/, { timeout: STEP_MS });
    await expect.poll(() => page.locator("table").textContent()).toContain("Иванова Анна Петровна");
    expect(page.url()).not.toContain("Иванова");
    await page.getByLabel("Статус").selectOption({ label: "не подтвердился" });
    await page.getByRole("button", { name: "Показать" }).click();
    await expect
      .poll(() => page.locator("main").textContent(), { timeout: STEP_MS })
      .toContain("Записей нет.");
    await page.screenshot({ path: "/tmp/console-journal.png", fullPage: true, caret: "initial" });

    // The signal's page and its timeline.
    await page.goto(page.url().replace(/\/console\/.*/, "/console/journals/service"));
    await page.locator("table a").first().click();
    await page.waitForURL(/\/console\/signals\//, { timeout: STEP_MS });
    const timeline = page.locator("ol.timeline li");
    await expect.poll(() => timeline.count()).toBeGreaterThanOrEqual(4);
    expect(await page.locator('ol.timeline li[data-event="assigned"]').textContent()).toContain(
      "Назначен куратор: Петрова А. С.",
    );
    await page.screenshot({ path: "/tmp/console-signal.png", fullPage: true, caret: "initial" });

    // English for this session.
    await page.getByRole("button", { name: "Язык страницы" }).click();
    await expect.poll(() => page.locator("h2#timeline").textContent(), { timeout: STEP_MS }).toBe("History");
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    await page.getByRole("link", { name: "Today", exact: true }).click();
    await expect
      .poll(() => page.getByRole("heading", { level: 1 }).textContent(), { timeout: STEP_MS })
      .toBe("Today");

    // A page that answers with an error (here: not found) is shown, not swallowed by htmx.
    await page.evaluate(() => {
      const link = document.createElement("a");
      link.href = "/console/no-such-page";
      link.id = "missing";
      link.textContent = "missing";
      document.querySelector("main")!.append(link);
      (window as unknown as { htmx: { process(element: Element): void } }).htmx.process(link);
    });
    await page.locator("#missing").click();
    await expect
      .poll(() => page.getByRole("heading", { level: 1 }).textContent(), { timeout: STEP_MS })
      .toBe("That did not work");
    expect(await page.locator("main").textContent()).toContain("There is no such page.");

    // "Failed to load resource: 404" is the browser's own note about that page.
    expect(problems.filter((p) => !p.includes("status of 404"))).toEqual([]);
    await context.close();
  });

  it("the head filters a journal and downloads its XLSX, searches by a name, follows the report's drill-down and enters a total", async (ctx) => {
    ctx.skip(SKIP_REASON !== undefined, SKIP_REASON);
    const { db } = t.database;
    // Signals of the last complete half-year, written as the intake writes them (fictional women).
    const period = lastCompleteHalfYear(new Date(), "Europe/Moscow");
    const year = Number(period.from.slice(0, 4));
    const hospital = await db.hospital.findFirstOrThrow({ where: { serviceId: t.serviceId } });
    const reporterRow = await db.staff.findFirstOrThrow({
      where: { serviceId: t.serviceId, role: "reporter" },
    });
    const women = ["Поискова Вера Ивановна", "Поисковая Вера Ивановна", "Другова Нина Павловна"];
    for (const [i, name] of women.entries()) {
      const identifiedAt = new Date(`${period.from}T07:00:00Z`);
      identifiedAt.setUTCDate(identifiedAt.getUTCDate() + 10 + i);
      const transmittedAt = new Date(identifiedAt.getTime() + (i === 2 ? 240 : 30) * 60_000);
      await db.signal.create({
        data: {
          serviceId: t.serviceId,
          hospitalId: hospital.id,
          reporterId: reporterRow.id,
          hospitalYear: year,
          hospitalNumber: 901 + i,
          serviceYear: year,
          serviceNumber: 901 + i,
          womanFullName: name,
          womanNameKey: nameKey(name),
          category: "undecided",
          location: "together_in_ward",
          identifiedAt,
          registeredAt: identifiedAt,
          transmittedAt,
          late: i === 2,
        },
      });
    }

    const context = await browser!.newContext({ viewport: { width: 1366, height: 900 }, locale: "ru-RU" });
    const page = await context.newPage();
    const problems = watch(page);
    // A table cell's text with the number format's no-break spaces as plain ones.
    const cell = async (selector: string) =>
      (await page.locator(selector).first().textContent())?.replace(/\s/g, " ");
    // A new link (the chat may hold one used already).
    const seen = (await head.waitFor(() => true, "the chat")).messages.length;
    await head.sendText("/console");
    const chat = await head.waitFor(
      (c) => c.messages.slice(seen).some((m) => m.from === "bot" && m.text?.includes("Вход в веб-консоль")),
      "a new sign-in link",
      { timeoutMs: STEP_MS },
    );
    const button = chat.messages
      .filter((m) => m.from === "bot")
      .at(-1)!
      .buttons?.flat()
      .find((b) => "url" in b);
    await page.goto(button && "url" in button ? button.url : "");
    await page.getByRole("button", { name: "Войти" }).click();
    await page.waitForURL(/\/console$/, { timeout: STEP_MS });

    // The service journal of the half-year, filtered, downloaded as XLSX and read back.
    await page.getByRole("link", { name: "Журналы", exact: true }).click();
    await page.waitForURL(/\/console\/journals\/service/, { timeout: STEP_MS });
    await page.getByLabel("С даты").fill(period.from);
    await page.getByLabel("До даты (не включая)").fill(period.to);
    await page.getByRole("button", { name: "Показать" }).click();
    await page.waitForURL(/from=.*to=/, { timeout: STEP_MS });
    await expect.poll(() => page.locator("#journal-summary").textContent()).toBe("3 записи");
    const [file] = await Promise.all([
      page.waitForEvent("download", { timeout: STEP_MS }),
      page.getByRole("link", { name: "Скачать XLSX" }).click(),
    ]);
    expect(file.suggestedFilename()).toBe(
      `Регистрационный журнал Службы ${period.from}_${lastDay(period)}.xlsx`,
    );
    const rows = (await readXlsx(await readFile(await file.path()))).sheets[0]!.rows;
    expect(rows.map((r) => r[4])).toEqual(expect.arrayContaining(women));

    // A search by name, typed carelessly, from the keyboard: the same woman only, not in the address.
    await page.getByLabel("Фамилия, имя, отчество").fill("  поисКОВА   вера ");
    await page.keyboard.press("Enter");
    await expect
      .poll(() => page.locator("#journal-summary").textContent(), { timeout: STEP_MS })
      .toBe("Найдена 1 запись");
    expect(await page.locator("table tbody tr").count()).toBe(1);
    expect(await page.locator("table").textContent()).toContain("Поискова Вера Ивановна");
    expect(decodeURIComponent(page.url()).toLowerCase()).not.toContain("поиск");
    await page.screenshot({ path: "/tmp/console-search.png", fullPage: true, caret: "initial" });

    // The report: the figures, the chart, a figure's drill-down to a signal's page.
    await page.getByRole("link", { name: "Отчёт", exact: true }).click();
    await expect
      .poll(() => page.getByRole("heading", { level: 1 }).textContent(), { timeout: STEP_MS })
      .toBe("Отчёт об эффективности");
    await expect.poll(() => cell('tr[data-figure="passed_within_1h"] td')).toBe("66,7 % (2 из 3)");
    expect(await page.locator("figure.chart svg").getAttribute("role")).toBe("img");
    await page.screenshot({ path: "/tmp/console-report.png", fullPage: true, caret: "initial" });
    await page.getByRole("link", { name: "2а. Переданы за 1 ч" }).click();
    await expect
      .poll(() => page.getByRole("heading", { level: 1 }).textContent(), { timeout: STEP_MS })
      .toBe("2а. Переданы за 1 ч");
    await page.locator("#numerator-items a").first().click();
    await expect
      .poll(() => page.getByRole("heading", { level: 1 }).textContent(), { timeout: STEP_MS })
      .toBe(`Сигнал 901/${year}`);

    // Entering a hospital's abandonments for the half-year: the first figure gets its value.
    await page.getByRole("link", { name: "Отчёт", exact: true }).click();
    await page.getByRole("spinbutton", { name: "Число отказов" }).fill("6");
    await page.getByRole("button", { name: "Записать" }).click();
    await expect
      .poll(() => page.locator(".flash").textContent(), { timeout: STEP_MS })
      .toContain("отказов: 6.");
    await expect.poll(() => cell('tr[data-figure="signals_per_abandonment"] td')).toBe("50,0 % (3 из 6)");
    expect(await page.locator(`tr[data-hospital="${hospital.id}"]`).textContent()).toContain("(в консоли)");

    // On a phone's width nothing but the tables' own scroll areas is wider than the screen.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: "/tmp/console-report-phone.png", caret: "initial" });
    expect(problems).toEqual([]);
    await context.close();
  }, 90_000);

  it("the head opens a case's page and timeline from Today and from the journal, and downloads its hand-over package", async (ctx) => {
    ctx.skip(SKIP_REASON !== undefined, SKIP_REASON);
    const { db } = t.database;
    // A case as the bot leaves it: a signal visited and confirmed, the case opened a month ago,
    // handed over to guardianship with its package, the receipt not confirmed in time.
    const now = new Date();
    const year = now.getUTCFullYear();
    const daysAgo = (n: number) => new Date(now.getTime() - n * 86_400_000);
    const hospital = await db.hospital.findFirstOrThrow({ where: { serviceId: t.serviceId } });
    const reporterRow = await db.staff.findFirstOrThrow({
      where: { serviceId: t.serviceId, role: "reporter" },
    });
    const curatorRow = await db.staff.findFirstOrThrow({
      where: { serviceId: t.serviceId, role: "curator" },
    });
    const name = "Случаева Ольга Петровна";
    const signal = await db.signal.create({
      data: {
        serviceId: t.serviceId,
        hospitalId: hospital.id,
        reporterId: reporterRow.id,
        hospitalYear: year,
        hospitalNumber: 951,
        serviceYear: year,
        serviceNumber: 951,
        womanFullName: name,
        womanNameKey: nameKey(name),
        category: "intends_to_abandon",
        location: "together_in_ward",
        identifiedAt: daysAgo(3),
        registeredAt: daysAgo(3),
        transmittedAt: daysAgo(3),
        curatorId: curatorRow.id,
        status: "case_opened",
      },
    });
    await db.signalEvent.create({
      data: {
        signalId: signal.id,
        type: "registered",
        at: daysAgo(3),
        data: { hospitalNumber: 951, hospitalYear: year },
      },
    });
    const opened = await db.case.create({
      data: {
        serviceId: t.serviceId,
        signalId: signal.id,
        number: `951/${year}`,
        caseYear: year,
        caseNumber: 951,
        curatorId: curatorRow.id,
        status: "handed_over",
        openedAt: daysAgo(2),
        handedOverAt: daysAgo(1),
        overdueSince: daysAgo(0.5),
      },
    });
    await db.caseEvent.create({
      data: {
        caseId: opened.id,
        type: "opened",
        at: daysAgo(2),
        actorStaffId: curatorRow.id,
        data: { signalId: signal.id },
      },
    });
    const fileId = await storeFile(db, {
      serviceId: t.serviceId,
      name: `Пакет документов 951-${year}.pdf`,
      contentType: "application/pdf",
      content: Buffer.from("%PDF-1.4 a package"),
      purpose: "case_handover",
      deleteAfter: null,
    });
    await db.caseHandover.create({
      data: {
        caseId: opened.id,
        recipientKind: "guardianship",
        recipientName: "Опека Центрального района",
        handedOn: new Date(`${daysAgo(1).toISOString().slice(0, 10)}T00:00:00Z`),
        orderNumber: "12-к",
        fileId,
        ackDueAt: daysAgo(0.5),
        createdAt: daysAgo(1),
      },
    });

    const context = await browser!.newContext({ viewport: { width: 1366, height: 900 }, locale: "ru-RU" });
    const page = await context.newPage();
    const problems = watch(page);
    const seen = (await head.waitFor(() => true, "the chat")).messages.length;
    await head.sendText("/console");
    const chat = await head.waitFor(
      (c) => c.messages.slice(seen).some((m) => m.from === "bot" && m.text?.includes("Вход в веб-консоль")),
      "a new sign-in link",
      { timeoutMs: STEP_MS },
    );
    const button = chat.messages
      .filter((m) => m.from === "bot")
      .at(-1)!
      .buttons?.flat()
      .find((b) => "url" in b);
    await page.goto(button && "url" in button ? button.url : "");
    await page.getByRole("button", { name: "Войти" }).click();
    await page.waitForURL(/\/console$/, { timeout: STEP_MS });

    // Today: the hand-over waiting for acknowledgement, linked to its case.
    const waiting = page.locator(`#attention ~ ul [data-case="951/${year}"]`);
    await expect
      .poll(() => waiting.textContent(), { timeout: STEP_MS })
      .toContain("Получение документов не подтверждено");
    await waiting.getByRole("link", { name: `Открыть случай № 951/${year}` }).click();
    await page.waitForURL(new RegExp(`/console/cases/${opened.id}$`), { timeout: STEP_MS });
    await expect
      .poll(() => page.getByRole("heading", { level: 1 }).textContent(), { timeout: STEP_MS })
      .toBe(`Случай № 951/${year}`);
    expect(await page.locator('ol.timeline li[data-event="signal:registered"]').count()).toBe(1);
    expect(await page.locator('ol.timeline li[data-event="case:opened"]').textContent()).toContain(
      "Открыт случай",
    );
    await page.screenshot({ path: "/tmp/console-case.png", fullPage: true, caret: "initial" });

    // Its hand-over package, downloaded.
    const [file] = await Promise.all([
      page.waitForEvent("download", { timeout: STEP_MS }),
      page.getByRole("link", { name: /Пакет документов для передачи/ }).click(),
    ]);
    expect(file.suggestedFilename()).toBe(`Пакет документов 951-${year}.pdf`);
    expect((await readFile(await file.path())).toString()).toBe("%PDF-1.4 a package");

    // From the journal: the case number opens the same page.
    await page.getByRole("link", { name: "Журналы", exact: true }).click();
    await page.waitForURL(/\/console\/journals\/service/, { timeout: STEP_MS });
    await page.getByRole("link", { name: `Открыть случай № 951/${year}` }).click();
    await page.waitForURL(new RegExp(`/console/cases/${opened.id}$`), { timeout: STEP_MS });
    await expect.poll(() => page.locator("h2#timeline").textContent(), { timeout: STEP_MS }).toBe("История");

    // On a phone's width nothing but the tables' own scroll areas is wider than the screen.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(problems).toEqual([]);
    await context.close();
  }, 90_000);

  it("on a phone, the Mini App signs in with Telegram's launch data and shows Today", async (ctx) => {
    ctx.skip(SKIP_REASON !== undefined, SKIP_REASON);
    const context = await browser!.newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      locale: "ru-RU",
    });
    const page = await context.newPage();
    const problems = watch(page);
    const initData = signWebAppData(
      {
        auth_date: String(Math.floor(Date.now() / 1000)),
        query_id: "AAHmini",
        user: JSON.stringify({ id: headUserId, first_name: "Мария", language_code: "ru" }),
      },
      LOCAL_BOT_TOKEN,
    );
    await page.goto(
      `${t.system.apiUrl}/console/mini-app#tgWebAppData=${encodeURIComponent(initData)}&tgWebAppVersion=8.0&tgWebAppPlatform=android`,
    );
    await page.waitForURL(/\/console$/, { timeout: STEP_MS });
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Сегодня");
    // Nothing wider than the phone's 390-pixel screen but the tables' own scroll areas.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: "/tmp/console-phone.png", caret: "initial" });

    // The same launch data again (a reload, a copy): refused, and said so on the page.
    const again = await context.newPage();
    await context.clearCookies();
    await again.goto(`${t.system.apiUrl}/console/mini-app#tgWebAppData=${encodeURIComponent(initData)}`);
    await expect
      .poll(() => again.locator("#mini-app .message").textContent(), { timeout: STEP_MS })
      .toContain("Эта ссылка уже использована");
    expect(problems).toEqual([]);
    await context.close();
  });
});
