/**
 * The console's pages over HTTP, through the real runtime and the same actions as the bot: the
 * head works a signal from Today (and the curator's chat gets the card), a stale page is told
 * what happened, the signal page and its timeline, the journals with filters, the language,
 * people and places. Personal data is escaped and every read of it audited.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createHarness, type Harness, type HarnessPerson } from "../helpers/harness.ts";
import { ConsoleBrowser, requestSignInLink, visibleText } from "../helpers/console.ts";
import { fillCaseload, reportSignal } from "../helpers/signals.ts";

let h: Harness;
let base: string;

beforeEach(async () => {
  // Errors the console logs are printed: a failing page says why.
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

/** The newest signal reported through the bot (earlier years' rows are caseload fillers). */
async function onlySignalId(): Promise<string> {
  const signal = await h.database.db.signal.findFirstOrThrow({
    where: { serviceYear: { gte: 2026 } },
    orderBy: { serviceNumber: "desc" },
    select: { id: true },
  });
  return signal.id;
}

/** Posts a form of the page last read and follows the redirect back; returns that page. */
async function submit(browser: ConsoleBrowser, path: string, form: Record<string, string>) {
  const response = await browser.post(path, form);
  expect(response.status, visibleText(response.text)).toBe(303);
  return browser.get(response.location!);
}

describe("Today", () => {
  it("the head sets the urgency and assigns a curator; the curator's chat gets the card", async () => {
    const reporter = await h.person("reporter", "Смирнова Ольга Викторовна");
    const head = await h.person("head", "Орлова Елена Николаевна");
    const curator = await h.person("curator", "Белова Анна Сергеевна");
    await reportSignal(reporter, { name: "Иванова Анна Петровна" });
    await h.advance(25);
    const browser = await signedIn(head);

    const today = await browser.get("/console");
    const text = visibleText(today.text);
    expect(text).toContain("Ждут назначения куратора 1");
    expect(text).toContain("Ждёт: 25 мин");
    expect(text).toContain("Открыто заявляет об отказе");
    expect(text).toContain("Белова А. С. — 0/9");
    // Today shows no woman's name: that is on the (audited) signal page.
    expect(text).not.toContain("Иванова");

    const signalId = await onlySignalId();
    const assignedTooEarly = await submit(browser, `/console/signals/${signalId}/assign`, {
      curatorId: curator.staffId,
      back: "/console",
    });
    expect(visibleText(assignedTooEarly.text)).toContain("Сначала выберите срочность.");

    const urgent = await submit(browser, `/console/signals/${signalId}/urgency`, {
      urgency: "urgent",
      back: "/console",
    });
    expect(visibleText(urgent.text)).toContain("Срочно: выезд в течение 3 часов");

    const assigned = await submit(browser, `/console/signals/${signalId}/assign`, {
      curatorId: curator.staffId,
      overrideReason: "",
      back: "/console",
    });
    expect(visibleText(assigned.text)).toContain("назначен куратор Белова А. С.");
    expect(visibleText(assigned.text)).toContain("Все сигналы распределены.");
    expect(visibleText(assigned.text)).toContain("Визиты 1");

    const card = curator.messages().find((m) => m.text.includes("Вам назначен сигнал"));
    expect(card?.text).toContain("Иванова Анна Петровна");
    expect(card?.buttons.flat().map((b) => b.text)).toContain("✅ Принимаю");

    const audit = await h.database.db.auditEvent.findFirstOrThrow({ where: { action: "signal.assigned" } });
    expect(audit.actorStaffId).toBe(head.staffId);
    expect(audit.details).toMatchObject({ via: "console" });
  });

  it("a stale page is told who assigned meanwhile; reassigning needs a reason for a full curator", async () => {
    const reporter = await h.person("reporter", "Смирнова Ольга Викторовна");
    const head = await h.person("head", "Орлова Елена Николаевна");
    const other = await h.person("head", "Кузнецова Мария Петровна");
    const first = await h.person("curator", "Белова Анна Сергеевна");
    const second = await h.person("curator", "Зайцева Нина Игоревна");
    await fillCaseload(h.database.db, h, reporter.staffId, second.staffId);
    await reportSignal(reporter);
    const signalId = await onlySignalId();
    const mine = await signedIn(head);
    const theirs = await signedIn(other);
    await mine.get("/console");
    await theirs.get("/console");

    await submit(theirs, `/console/signals/${signalId}/urgency`, { urgency: "planned" });
    await submit(theirs, `/console/signals/${signalId}/assign`, { curatorId: first.staffId });

    // The first head's page still offers "assign".
    const stale = await submit(mine, `/console/signals/${signalId}/assign`, { curatorId: second.staffId });
    expect(visibleText(stale.text)).toContain(
      "Куратор уже назначен: Белова А. С. (назначил(а) Кузнецова М. П.)",
    );

    const full = await submit(mine, `/console/signals/${signalId}/reassign`, { curatorId: second.staffId });
    expect(visibleText(full.text)).toContain(
      "Зайцева Н. И. уже ведёт 9 случаев: чтобы назначить, укажите причину.",
    );
    const short = await submit(mine, `/console/signals/${signalId}/reassign`, {
      curatorId: second.staffId,
      overrideReason: "да",
    });
    expect(visibleText(short.text)).toContain("Проверьте поле «Причина, если у куратора уже 9 случаев»");

    const done = await submit(mine, `/console/signals/${signalId}/reassign`, {
      curatorId: second.staffId,
      overrideReason: "Знает семью по прошлому случаю",
    });
    expect(visibleText(done.text)).toContain("передан куратору Зайцева Н. И.");
    expect(second.messages().some((m) => m.text.includes("Вам назначен сигнал"))).toBe(true);
    expect(first.messages().some((m) => m.text.includes("передан другому куратору"))).toBe(true);
  });

  it("a curator's Today lists their own signals; an administrator's is read-only", async () => {
    const reporter = await h.person("reporter", "Смирнова Ольга Викторовна");
    const head = await h.person("head", "Орлова Елена Николаевна");
    const curator = await h.person("curator", "Белова Анна Сергеевна");
    const admin = await h.person("admin", "Орлов Дмитрий Ильич");
    await reportSignal(reporter);
    const signalId = await onlySignalId();
    const headBrowser = await signedIn(head);
    await headBrowser.get("/console");
    await submit(headBrowser, `/console/signals/${signalId}/urgency`, { urgency: "urgent" });
    await submit(headBrowser, `/console/signals/${signalId}/assign`, { curatorId: curator.staffId });

    const mine = visibleText((await (await signedIn(curator)).get("/console")).text);
    expect(mine).toContain("Мои сигналы");
    expect(mine).toMatch(/1\/20\d\d РД1/);
    expect(mine).toContain("назначен куратор");

    const adminBrowser = await signedIn(admin);
    const adminToday = await adminBrowser.get("/console");
    expect(visibleText(adminToday.text)).toContain("Назначает куратора руководитель службы.");
    expect(adminToday.text).not.toContain(`/console/signals/${signalId}/reassign`);
    const forbidden = await submit(adminBrowser, `/console/signals/${signalId}/reassign`, {
      curatorId: curator.staffId,
    });
    expect(visibleText(forbidden.text)).toContain("Это вам недоступно.");
  });
});

describe("a signal's page", () => {
  it("shows everything known and the timeline in order, escapes what people typed, and audits the read", async () => {
    const reporter = await h.person("reporter", "Смирнова Ольга Викторовна");
    const head = await h.person("head", "Орлова Елена Николаевна");
    const curator = await h.person("curator", "Белова Анна Сергеевна");
    await reportSignal(reporter, { name: "Иванова Анна Петровна" });
    const signalId = await onlySignalId();
    // Text people typed (here planted in the comment) is shown as text, never as markup.
    await h.database.db.signal.update({
      where: { id: signalId },
      data: { comment: "<script>alert(1)</script><img src=x onerror=alert(2)>" },
    });
    const browser = await signedIn(head);
    await browser.get("/console");
    await submit(browser, `/console/signals/${signalId}/urgency`, { urgency: "urgent" });
    await submit(browser, `/console/signals/${signalId}/assign`, { curatorId: curator.staffId });
    await curator.press("✅ Принимаю");

    const page = await browser.get(`/console/signals/${signalId}`);
    expect(page.status).toBe(200);
    expect(page.text).not.toContain("<script>alert(1)");
    expect(page.text).not.toContain("<img src=x");
    expect(page.text).toContain("&lt;script>alert(1)&lt;/script>&lt;img src=x onerror=alert(2)>");
    const text = visibleText(page.text);
    expect(text).toContain("г. Москва, ул. Ленина, 1");
    expect(text).toContain("+79000000001");
    const timeline = text.slice(text.indexOf("История"));
    const order = [
      "Записан в журнал роддома",
      "Передан в Службу",
      "Срочность: Срочно",
      "Назначен куратор: Белова А. С.",
      "Куратор принял(а) сигнал",
    ].map((entry) => timeline.indexOf(entry));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);

    const reads = await h.database.db.auditEvent.findMany({
      where: { action: "signal.read", subjectId: signalId },
    });
    expect(reads).toHaveLength(1);
    expect(reads[0]!.details).toMatchObject({ via: "console" });
    expect(text).toContain("Иванова Анна Петровна");
    expect(JSON.stringify(reads[0]!.details)).not.toContain("Иванова");
  });

  it("an unknown or malformed id is a page not found", async () => {
    const browser = await signedIn(await h.person("head", "Орлова Елена Николаевна"));
    expect((await browser.get("/console/signals/not-a-uuid")).status).toBe(404);
    const missing = await browser.get("/console/signals/00000000-0000-4000-8000-000000000001");
    expect(missing.status).toBe(404);
    expect(visibleText(missing.text)).toContain("На главную");
  });
});

describe("journals", () => {
  it("filter by status and period like the API, page, and audit each read", async () => {
    const reporter = await h.person("reporter", "Смирнова Ольга Викторовна");
    const head = await h.person("head", "Орлова Елена Николаевна");
    const curator = await h.person("curator", "Белова Анна Сергеевна");
    await reportSignal(reporter, { name: "Первая Анна Петровна" });
    await h.advance(60);
    await reportSignal(reporter, { name: "Вторая Мария Ивановна" });
    const browser = await signedIn(head);
    const second = await h.database.db.signal.findFirstOrThrow({ where: { serviceNumber: 2 } });
    await browser.get("/console");
    await submit(browser, `/console/signals/${second.id}/urgency`, { urgency: "urgent" });
    await submit(browser, `/console/signals/${second.id}/assign`, { curatorId: curator.staffId });

    const all = visibleText((await browser.get("/console/journals/service")).text);
    expect(all).toContain("2 записи");
    expect(all).toContain("Первая Анна Петровна");
    expect(all).toContain("Вторая Мария Ивановна");

    const assigned = visibleText(
      (await browser.get("/console/journals/service?status=assigned&from=&to=")).text,
    );
    expect(assigned).toContain("1 запись");
    expect(assigned).not.toContain("Первая Анна Петровна");
    expect(assigned).toContain("Вторая Мария Ивановна");

    const empty = visibleText(
      (await browser.get("/console/journals/service?from=2020-01-01&to=2020-02-01")).text,
    );
    expect(empty).toContain("Записей нет.");

    const hospital = visibleText((await browser.get("/console/journals/hospital")).text);
    expect(hospital).toContain("Журнал записи сигналов роддомов");
    expect(hospital).toContain("Первая Анна Петровна");

    const bad = await browser.get("/console/journals/service?from=yesterday");
    expect(bad.status).toBe(200);
    expect(visibleText(bad.text)).toContain("Проверьте поле «С даты»");
    const backwards = visibleText(
      (await browser.get("/console/journals/service?from=2026-02-01&to=2026-01-01")).text,
    );
    expect(backwards).toContain("Проверьте поле «До даты (не включая)»");

    const reads = await h.database.db.auditEvent.findMany({
      where: { action: "journal.read" },
      orderBy: { id: "asc" },
    });
    expect(reads.length).toBeGreaterThanOrEqual(5);
    expect(reads[1]!.details).toMatchObject({ via: "console", filters: { status: "assigned" }, count: 1 });
    expect(JSON.stringify(reads.map((r) => r.details))).not.toContain("Вторая");
  });

  it("a curator sees only their own signals in the journal", async () => {
    const reporter = await h.person("reporter", "Смирнова Ольга Викторовна");
    const head = await h.person("head", "Орлова Елена Николаевна");
    const curator = await h.person("curator", "Белова Анна Сергеевна");
    await reportSignal(reporter, { name: "Первая Анна Петровна" });
    await reportSignal(reporter, { name: "Вторая Мария Ивановна" });
    const second = await h.database.db.signal.findFirstOrThrow({ where: { serviceNumber: 2 } });
    const headBrowser = await signedIn(head);
    await headBrowser.get("/console");
    await submit(headBrowser, `/console/signals/${second.id}/urgency`, { urgency: "planned" });
    await submit(headBrowser, `/console/signals/${second.id}/assign`, { curatorId: curator.staffId });

    const journal = visibleText((await (await signedIn(curator)).get("/console/journals/service")).text);
    expect(journal).toContain("Вторая Мария Ивановна");
    expect(journal).not.toContain("Первая Анна Петровна");
  });
});

describe("the reader's language", () => {
  it("switches to English for this session and back; times stay in the reader's zone", async () => {
    const head = await h.person("head", "Орлова Елена Николаевна");
    const browser = await signedIn(head);
    await browser.get("/console");
    const english = await submit(browser, "/console/language", { locale: "en", back: "/console" });
    const text = visibleText(english.text);
    expect(text).toContain("Waiting for a curator");
    expect(text).toContain("Times: Europe/Moscow");
    expect(text).toContain("As of 23 Nov 2026, 12:");
    expect(english.text).toContain('<html lang="en"');
    const russian = await submit(browser, "/console/language", { locale: "ru", back: "/console" });
    expect(visibleText(russian.text)).toContain("Данные на 23.11.2026 12:");
    // The bot keeps the person's own language.
    expect((await h.database.db.staff.findUniqueOrThrow({ where: { id: head.staffId } })).locale).toBe("ru");
  });
});

describe("people and places", () => {
  it("an administrator adds a hospital, invites a person with a QR code, and that person joins", async () => {
    const admin = await h.person("admin", "Орлов Дмитрий Ильич");
    const browser = await signedIn(admin);
    await browser.get("/console/people/hospitals");
    const added = await submit(browser, "/console/people/hospitals", {
      name: "Городской роддом №2",
      shortName: "РД2",
      timeZone: "",
      address: "г. Тестов, ул. Садовая, 5",
    });
    expect(visibleText(added.text)).toContain("Роддом «Городской роддом №2» добавлен.");
    // The address goes to the curator's card; the list shows it under the name.
    expect(visibleText(added.text)).toContain("г. Тестов, ул. Садовая, 5");
    const twice = await submit(browser, "/console/people/hospitals", { name: "роддом №9", shortName: "рд2" });
    expect(visibleText(twice.text)).toContain("Роддом с таким названием или кратким названием уже есть.");
    const badZone = await submit(browser, "/console/people/hospitals", {
      name: "Роддом №3",
      shortName: "РД3",
      timeZone: "Mars/Olympus",
    });
    expect(visibleText(badZone.text)).toContain("Проверьте поле «Часовой пояс»");

    await browser.get("/console/people/invitations");
    const noHospital = await submit(browser, "/console/people/invitations", {
      fullName: "Петрова Вера Николаевна",
      role: "reporter",
      hospitalId: "",
      validDays: "7",
    });
    expect(visibleText(noHospital.text)).toContain("Для ответственного специалиста роддома выберите роддом.");

    const invited = await browser.post("/console/people/invitations", {
      fullName: "Зайцева Нина Игоревна",
      role: "curator",
      hospitalId: "",
      validDays: "3",
    });
    expect(invited.location).toMatch(/^\/console\/people\/invitations\?show=[0-9a-f-]{36}#invitation-/);
    const page = await browser.get(invited.location!.split("#")[0]!);
    expect(visibleText(page.text)).toContain("Приглашение для Зайцева Нина Игоревна создано.");
    const invitation = await h.database.db.invitation.findFirstOrThrow({
      where: { fullName: "Зайцева Нина Игоревна" },
    });
    expect(invitation.createdById).toBe(admin.staffId);
    expect(page.text).toContain(`https://t.me/test_bot?start=${invitation.code}`);
    expect(page.text).toMatch(/<svg[^>]*viewBox/);
    expect(page.text).toContain("<details open");

    // The person scans it and presses start: the bot knows them as a curator.
    await h.deliver("9999001", { kind: "command", command: "start", args: invitation.code, messageId: 0 });
    expect(h.messenger.chat("9999001").at(-1)?.text).toContain("Зайцева Нина Игоревна");
    const used = visibleText((await browser.get("/console/people/invitations")).text);
    expect(used).toContain("использовано");
    expect((await browser.get("/console/people/invitations")).text).not.toContain(invitation.code);
  });

  it("an administrator switches a person's access off (the bot refuses them) and gives it back", async () => {
    const admin = await h.person("admin", "Орлов Дмитрий Ильич");
    const curator = await h.person("curator", "Белова Анна Сергеевна");
    const browser = await signedIn(admin);
    await browser.get("/console/people/staff");
    const off = await submit(browser, `/console/people/staff/${curator.staffId}/access`, { active: "false" });
    expect(visibleText(off.text)).toContain("Белова А. С.: доступ отключён.");
    await curator.send("/my");
    expect(curator.last().text).toMatch(/отключ/i);

    const self = await submit(browser, `/console/people/staff/${admin.staffId}/access`, { active: "false" });
    expect(visibleText(self.text)).toContain("Нельзя отключить самого себя");

    const on = await submit(browser, `/console/people/staff/${curator.staffId}/access`, { active: "true" });
    expect(visibleText(on.text)).toContain("Белова А. С.: доступ возвращён.");
    const actions = await h.database.db.auditEvent.findMany({
      where: { action: { in: ["staff.deactivated", "staff.activated"] } },
      orderBy: { id: "asc" },
    });
    expect(actions.map((a) => [a.action, a.actorStaffId])).toEqual([
      ["staff.deactivated", admin.staffId],
      ["staff.activated", admin.staffId],
    ]);
  });

  it("an administrator issues an API token, shown once, that works; then revokes it", async () => {
    const admin = await h.person("admin", "Орлов Дмитрий Ильич");
    const head = await h.person("head", "Орлова Елена Николаевна");
    const browser = await signedIn(admin);
    await browser.get("/console/people/tokens");
    const issued = await browser.post("/console/people/tokens", {
      staffId: head.staffId,
      name: "выгрузка журнала",
    });
    expect(issued.status).toBe(200);
    const token = /value="(sdk_[A-Za-z0-9_-]{43})"/.exec(issued.text)?.[1];
    expect(token).toBeDefined();
    expect(issued.headers.get("cache-control")).toBe("no-store");

    const api = await fetch(`${base}/api/journals/service`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(api.status).toBe(200);
    // Not shown again, and not kept for the next page.
    const list = await browser.get("/console/people/tokens");
    expect(list.text).not.toContain(token);
    expect(JSON.stringify(await h.database.db.consoleSession.findMany())).not.toContain(token);

    const row = await h.database.db.apiToken.findFirstOrThrow({ where: { staffId: head.staffId } });
    const revoked = await submit(browser, `/console/people/tokens/${row.id}/revoke`, {});
    expect(visibleText(revoked.text)).toContain("Токен отозван");
    const refused = await fetch(`${base}/api/journals/service`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(refused.status).toBe(401);
  });
});
