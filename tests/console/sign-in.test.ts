/**
 * Signing in to the console over HTTP, through the real runtime: `/console` in the bot, the link,
 * the session cookie, Telegram's Mini App launch data — and everything that must be refused:
 * used and expired links, idle and old sessions, forged forms, other people's pages.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { signWebAppData } from "../../src/platform/web-app-data.ts";
import { createHarness, type Harness, type HarnessPerson } from "../helpers/harness.ts";
import { ConsoleBrowser, requestSignInLink, visibleText } from "../helpers/console.ts";

const BOT_TOKEN = "1000001:test-console-bot-token";

let h: Harness;
let base: string;

beforeEach(async () => {
  h = await createHarness({ console: { telegramBotToken: () => BOT_TOKEN } });
  base = (await h.api()).url;
});
afterEach(() => h.stop());

async function signedIn(person: HarnessPerson): Promise<ConsoleBrowser> {
  const browser = new ConsoleBrowser(base);
  const response = await browser.signIn(await requestSignInLink(person));
  expect(response.status).toBe(303);
  await browser.get("/console/account");
  return browser;
}

function auditActions(): Promise<{ action: string; details: unknown }[]> {
  return h.database.db.auditEvent.findMany({
    where: { action: { startsWith: "console." } },
    orderBy: { id: "asc" },
    select: { action: true, details: true },
  });
}

describe("signing in with the bot's link", () => {
  it("the head gets a one-time link, opens a session with a safe cookie and sees Today", async () => {
    const head = await h.person("head", "Орлова Елена Николаевна");
    const link = await requestSignInLink(head);
    expect(link).toMatch(new RegExp(`^${base}/console/sign-in\\?token=[A-Za-z0-9_-]{43}$`));
    expect(head.last().text).toContain("действует 10 мин");
    // Served over plain HTTP: no Mini App button (Telegram opens Mini Apps from HTTPS pages only).
    expect(
      head
        .last()
        .buttons.flat()
        .filter((b) => b.miniApp),
    ).toEqual([]);

    const browser = new ConsoleBrowser(base);
    const confirm = await browser.get(link);
    expect(confirm.status).toBe(200);
    // Opening the link (or a link preview fetching it) does not use it up: a button does.
    expect(confirm.text).toContain('action="/console/sign-in"');
    expect(await h.database.db.consoleSignInLink.count({ where: { usedAt: { not: null } } })).toBe(0);

    const response = await browser.signIn(link);
    expect(response.status).toBe(303);
    expect(response.location).toBe("/console");
    const cookie = response.headers.getSetCookie().join("\n");
    expect(cookie).toMatch(/^sd_console=[A-Za-z0-9_-]{43};/);
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Lax");
    expect(cookie).not.toContain("Secure");

    const today = await browser.get("/console");
    expect(today.status).toBe(200);
    expect(visibleText(today.text)).toContain("Ждут назначения куратора");
    expect(today.headers.get("cache-control")).toBe("no-store");

    // Only hashes are stored.
    const stored = JSON.stringify(await h.database.db.consoleSession.findMany());
    expect(stored).not.toContain(browser.cookies.get("sd_console"));
    expect(JSON.stringify(await h.database.db.consoleSignInLink.findMany())).not.toContain(
      new URL(link).searchParams.get("token"),
    );

    expect((await auditActions()).map((a) => a.action)).toEqual(["console.link_issued", "console.signed_in"]);
  });

  it("a link works once: a second press, and a press in another browser, are refused and audited", async () => {
    const head = await h.person("head", "Орлова Елена Николаевна");
    const link = await requestSignInLink(head);
    expect((await new ConsoleBrowser(base).signIn(link)).status).toBe(303);

    const again = await new ConsoleBrowser(base).signIn(link);
    expect(again.status).toBe(410);
    expect(visibleText(again.text)).toContain("Эта ссылка уже использована");
    const post = await new ConsoleBrowser(base).request("POST", "/console/sign-in", {
      form: { token: new URL(link).searchParams.get("token")! },
    });
    expect(post.status).toBe(410);
    expect(post.headers.getSetCookie()).toEqual([]);
    const refused = (await auditActions()).filter((a) => a.action === "console.sign_in_refused");
    expect(refused.map((a) => a.details)).toEqual([
      expect.objectContaining({ method: "link", reason: "used", staffId: head.staffId }),
    ]);
  });

  it("two presses of one link at the same moment open exactly one session", async () => {
    const head = await h.person("head", "Орлова Елена Николаевна");
    const token = new URL(await requestSignInLink(head)).searchParams.get("token")!;
    const presses = await Promise.all(
      [1, 2, 3].map(() => new ConsoleBrowser(base).request("POST", "/console/sign-in", { form: { token } })),
    );
    expect(presses.map((p) => p.status).sort()).toEqual([303, 410, 410]);
    expect(await h.database.db.consoleSession.count()).toBe(1);
  });

  it("a link expires after 10 minutes, and asking again cancels the older one", async () => {
    const head = await h.person("head", "Орлова Елена Николаевна");
    const first = await requestSignInLink(head);
    await h.advance(11);
    const late = await new ConsoleBrowser(base).get(first);
    expect(late.status).toBe(410);
    expect(visibleText(late.text)).toContain("Срок ссылки истёк");
    expect((await new ConsoleBrowser(base).signIn(first)).status).toBe(410);

    const second = await requestSignInLink(head);
    const third = await requestSignInLink(head);
    expect((await new ConsoleBrowser(base).signIn(second)).status).toBe(410);
    expect((await new ConsoleBrowser(base).signIn(third)).status).toBe(303);
  });

  it("an unknown or malformed token says so, with no hint of whose it could be", async () => {
    for (const token of ["nope", "x".repeat(43), "<script>"]) {
      const page = await new ConsoleBrowser(base).get(`/console/sign-in?token=${encodeURIComponent(token)}`);
      expect(page.status).toBe(404);
      expect(visibleText(page.text)).toContain("Ссылка для входа не найдена");
      expect(page.text).not.toContain("<script>");
    }
  });

  it("the bot gives no link to a hospital's reporter, and a deactivated head's link does not open", async () => {
    const reporter = await h.person("reporter", "Смирнова Ольга Викторовна");
    await reporter.send("/console");
    expect(
      reporter
        .last()
        .buttons.flat()
        .some((b) => b.url),
    ).toBe(false);
    expect(await h.database.db.consoleSignInLink.count()).toBe(0);

    const head = await h.person("head", "Орлова Елена Николаевна");
    const link = await requestSignInLink(head);
    await h.database.db.staff.update({ where: { id: head.staffId }, data: { active: false } });
    const refused = await new ConsoleBrowser(base).signIn(link);
    expect(refused.status).toBe(403);
    expect(visibleText(refused.text)).toContain("Веб-консоль открыта руководителям");
  });

  it("without PUBLIC_URL the bot says the console's address is not configured", async () => {
    const offline = await createHarness({ console: { publicUrl: () => undefined } });
    try {
      const head = await offline.person("head", "Орлова Елена Николаевна");
      await head.send("/console");
      expect(head.last().text).toContain("PUBLIC_URL");
      expect(await offline.database.db.consoleSignInLink.count()).toBe(0);
    } finally {
      await offline.stop();
    }
  });
});

describe("sessions", () => {
  it("end after an hour without requests; activity keeps them going until their 12-hour end", async () => {
    const head = await h.person("head", "Орлова Елена Николаевна");
    const browser = await signedIn(head);
    for (let minutes = 55; minutes <= 715; minutes += 55) {
      await h.advance(55);
      expect((await browser.get("/console")).status, `after ${minutes} min`).toBe(200);
    }
    // 770 minutes: past the absolute end of 12 hours even though it was used every 55 minutes.
    await h.advance(55);
    const ended = await browser.get("/console");
    expect(ended.status).toBe(401);
    expect(visibleText(ended.text)).toContain("Сеанс завершён");
    expect(ended.headers.getSetCookie().join()).toMatch(/sd_console=;/);

    const idle = await signedIn(head);
    await h.advance(61);
    expect((await idle.get("/console")).status).toBe(401);
  });

  it("sign-out ends the session for good and is audited; the old cookie opens nothing", async () => {
    const head = await h.person("head", "Орлова Елена Николаевна");
    const browser = await signedIn(head);
    const cookie = browser.cookies.get("sd_console")!;
    const out = await browser.post("/console/sign-out");
    expect(out.status).toBe(303);
    expect(out.location).toBe("/console/signed-out");
    expect(browser.cookies.has("sd_console")).toBe(false);

    const replay = new ConsoleBrowser(base);
    replay.cookies.set("sd_console", cookie);
    expect((await replay.get("/console")).status).toBe(401);
    expect((await auditActions()).map((a) => a.action)).toContain("console.signed_out");
  });

  it("a person ends a session they left open elsewhere; deactivation ends all of them at once", async () => {
    const head = await h.person("head", "Орлова Елена Николаевна");
    const office = await signedIn(head);
    const phone = await signedIn(head);
    const sessions = await h.database.db.consoleSession.findMany({ orderBy: { createdAt: "asc" } });
    expect(sessions).toHaveLength(2);

    await office.get("/console/account");
    const ended = await office.post(`/console/account/sessions/${sessions[1]!.id}/end`);
    expect(ended.location).toBe("/console/account");
    expect((await phone.get("/console")).status).toBe(401);
    expect((await office.get("/console")).status).toBe(200);

    await h.database.db.staff.update({ where: { id: head.staffId }, data: { active: false } });
    expect((await office.get("/console")).status).toBe(401);
  });

  it("a cookie over HTTPS (behind a local proxy) is __Host- and Secure, with HSTS", async () => {
    const head = await h.person("head", "Орлова Елена Николаевна");
    const link = await requestSignInLink(head);
    const browser = new ConsoleBrowser(base);
    const https = { "x-forwarded-proto": "https" };
    expect((await browser.get(link, https)).headers.get("strict-transport-security")).toContain("max-age=");
    const response = await browser.request("POST", "/console/sign-in", {
      form: { token: new URL(link).searchParams.get("token")! },
      headers: https,
    });
    const cookie = response.headers.getSetCookie().join("\n");
    expect(cookie).toMatch(/^__Host-sd_console=[A-Za-z0-9_-]{43};/);
    expect(cookie).toContain("Secure");
    expect(cookie).toContain("Path=/");
    expect((await browser.get("/console", https)).status).toBe(200);
  });
});

describe("forged and foreign requests", () => {
  it("a form without the session's CSRF token, with another session's, or from another site changes nothing", async () => {
    const head = await h.person("head", "Орлова Елена Николаевна");
    const other = await h.person("head", "Кузнецова Мария Петровна");
    const browser = await signedIn(head);
    const otherBrowser = await signedIn(other);
    const before = await h.database.db.consoleSession.findMany({ select: { locale: true } });

    const missing = await browser.request("POST", "/console/language", { form: { locale: "en" } });
    expect(missing.status).toBe(403);
    expect(visibleText(missing.text)).toContain("Форма устарела");
    const foreign = await browser.post("/console/language", { locale: "en", _csrf: otherBrowser.csrf! });
    expect(foreign.status).toBe(403);
    const crossSite = await browser.post(
      "/console/language",
      { locale: "en" },
      { origin: "https://evil.example" },
    );
    expect(crossSite.status).toBe(403);
    const fetchSite = await browser.post(
      "/console/language",
      { locale: "en" },
      { "sec-fetch-site": "cross-site" },
    );
    expect(fetchSite.status).toBe(403);

    expect(await h.database.db.consoleSession.findMany({ select: { locale: true } })).toEqual(before);
    // With its own token the same form works.
    expect((await browser.post("/console/language", { locale: "en" })).status).toBe(303);
  });

  it("a curator cannot reach a head's or an administrator's pages, nor another curator's signal", async () => {
    const curator = await h.person("curator", "Белова Анна Сергеевна");
    const browser = await signedIn(curator);
    const today = await browser.get("/console");
    expect(visibleText(today.text)).toContain("Мои сигналы");
    expect(today.text).not.toContain("/console/people");

    for (const path of ["/console/people/staff", "/console/people/tokens", "/console/people/hospitals"]) {
      const page = await browser.get(path);
      expect(page.status, path).toBe(403);
      expect(visibleText(page.text)).toContain("Это вам недоступно");
    }
    const invite = await browser.post("/console/people/invitations", {
      fullName: "Кто-то",
      role: "admin",
      validDays: "7",
    });
    expect(invite.status).toBe(303);
    expect(await h.database.db.invitation.count()).toBe(0);
    const signalId = "00000000-0000-4000-8000-000000000001";
    expect((await browser.get(`/console/signals/${signalId}`)).status).toBe(404);
  });

  it("pages carry a strict Content-Security-Policy and refuse framing", async () => {
    const page = await new ConsoleBrowser(base).get("/console");
    const csp = page.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("unsafe");
    expect(csp).not.toContain("upgrade-insecure-requests");
    expect(page.headers.get("referrer-policy")).toBe("same-origin");
    expect(page.headers.get("x-content-type-options")).toBe("nosniff");
    expect(page.status).toBe(401);
    expect(visibleText(page.text)).toContain("отправьте боту команду /console");
  });
});

describe("signing in from Telegram's Mini App", () => {
  const launch = (userId: string, authDate: Date, extra: Record<string, string> = {}) =>
    signWebAppData(
      {
        auth_date: String(Math.floor(authDate.getTime() / 1000)),
        query_id: "AAF",
        user: JSON.stringify({ id: Number(userId), first_name: "Елена", language_code: "ru" }),
        ...extra,
      },
      BOT_TOKEN,
    );

  it("opens a session for the person bound to that Telegram account; the same launch never twice", async () => {
    const head = await h.person("head", "Орлова Елена Николаевна");
    const initData = launch(head.userId, h.now());
    const browser = new ConsoleBrowser(base);
    expect((await browser.get("/console/mini-app")).status).toBe(200);
    const opened = await browser.request("POST", "/console/mini-app", { json: { initData } });
    expect(opened.status).toBe(200);
    expect(JSON.parse(opened.text)).toEqual({ next: "/console" });
    expect((await browser.get("/console")).status).toBe(200);
    expect(await h.database.db.consoleSession.findFirstOrThrow()).toMatchObject({
      staffId: head.staffId,
      via: "mini_app",
    });

    const replay = await new ConsoleBrowser(base).request("POST", "/console/mini-app", {
      json: { initData },
    });
    expect(replay.status).toBe(410);
    expect(JSON.parse(replay.text)).toMatchObject({ reason: "used" });
  });

  it("refuses forged, old and unknown launches with a message in the reader's language", async () => {
    const head = await h.person("head", "Орлова Елена Николаевна");
    const post = (initData: unknown, language = "ru") =>
      new ConsoleBrowser(base).request("POST", "/console/mini-app", {
        json: { initData },
        headers: { "accept-language": language },
      });
    const forged = launch(head.userId, h.now()).replace("query_id=AAF", "query_id=AAG");
    expect((await post(forged)).status).toBe(404);
    const old = await post(launch(head.userId, new Date(h.now().getTime() - 16 * 60_000)));
    expect(old.status).toBe(410);
    expect(JSON.parse(old.text)).toMatchObject({ reason: "expired" });
    const stranger = await post(launch("123456789", h.now()), "en");
    expect(stranger.status).toBe(403);
    expect((JSON.parse(stranger.text) as { message: string }).message).toContain(
      "not connected to the service",
    );
    expect((await post(42)).status).toBe(404);
    expect(await h.database.db.consoleSession.count()).toBe(0);
  });
});
