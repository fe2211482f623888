/**
 * The console's case and assessment pages over HTTP, with cases made through the bot: Today lists
 * overdue monitoring and plan actions and links to the case; the case page shows the sheet, the
 * plans, the deadlines and the history (the signal's events, then the case's), audited; a curator
 * sees their own cases only; the documents (the long-term plan, the hand-over package, the
 * assessment form) download through the one policy; a head marks an assessment reviewed through
 * the bot's own action.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { storeFile } from "../../src/platform/files.ts";
import {
  casePeople,
  concludedAssessment,
  days,
  fillSheet,
  makeDecisionPlan,
  openCaseThroughBot,
} from "../helpers/cases.ts";
import { ConsoleBrowser, requestSignInLink, visibleText } from "../helpers/console.ts";
import { createHarness, type Harness, type HarnessPerson } from "../helpers/harness.ts";

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

async function download(browser: ConsoleBrowser, path: string) {
  const response = await fetch(`${base}${path}`, {
    headers: {
      cookie: [...browser.cookies].map(([k, v]) => `${k}=${v}`).join("; "),
      "accept-language": "ru",
    },
  });
  return {
    status: response.status,
    headers: response.headers,
    content: Buffer.from(await response.arrayBuffer()),
  };
}

describe("a case in the console", () => {
  it("Today lists what is overdue and links to the case page, which shows everything and its history", async () => {
    const p = await casePeople(h);
    const caseId = await openCaseThroughBot(h, p);
    await fillSheet(p.curator);
    await makeDecisionPlan(p.curator);
    // Nine days: the weekly monitoring (day 7, a day's grace) and the 3-day action are overdue.
    await days(h, 9);

    const head = await signedIn(p.head);
    const today = await head.get("/console");
    expect(today.status).toBe(200);
    const todayText = visibleText(today.text);
    expect(todayText).toContain("Просрочено и ждёт внимания");
    expect(todayText).toContain("Еженедельный мониторинг просрочен");
    expect(todayText).toContain("Действие плана просрочено");
    expect(todayText).not.toContain("Иванова"); // no woman's name on Today
    expect(today.text).toContain(`href="/console/cases/${caseId}"`);

    const page = await head.get(`/console/cases/${caseId}`);
    expect(page.status).toBe(200);
    const text = visibleText(page.text);
    expect(text).toContain("Случай № 1/2026");
    expect(text).toContain("Иванова Анна Петровна");
    expect(text).toContain("Петрова Анна Сергеевна");
    // The sheet, the plan with its actions, the deadlines.
    expect(text).toContain("Съёмное");
    expect(text).toContain("Боится не справиться одна");
    expect(text).toContain("план по изменению решения, версия 1");
    expect(text).toContain("Мама забирает ребёнка домой");
    expect(text).toContain("Встреча с матерью женщины");
    expect(text).toContain("Соцзащита Центрального района");
    expect(page.text).toMatch(/<td>1<\/td><td>Встреча с матерью женщины/);
    expect(page.text).toMatch(/data-deadline="monitoring"[^>]*>[^<]*Мониторинг/);
    // The history: the signal's events first, then the case's.
    const events = [...page.text.matchAll(/data-event="([a-z_:]+)"/g)].map((m) => m[1]);
    expect(events.slice(0, 2)).toEqual(["signal:registered", "signal:transmitted"]);
    expect(events).toContain("signal:assigned");
    expect(events.indexOf("case:opened")).toBeGreaterThan(events.indexOf("signal:arrived"));
    expect(events).toContain("case:sheet_filled");
    expect(events).toContain("case:plan_made");
    expect(text).toContain("Назначен куратор: Петрова А. С.");
    expect(text).toContain("Составлен план по изменению решения, версия 1");
    // The read is audited; no personal data in the address.
    const audit = await h.database.db.auditEvent.findFirstOrThrow({
      where: { action: "case.read", actorStaffId: p.head.staffId },
    });
    expect(audit.subjectId).toBe(caseId);

    // Reached from the signal page and the journal too.
    const signal = await h.database.db.case.findUniqueOrThrow({
      where: { id: caseId },
      select: { signalId: true },
    });
    expect((await head.get(`/console/signals/${signal.signalId}`)).text).toContain(
      `href="/console/cases/${caseId}"`,
    );
    expect((await head.get("/console/journals/service")).text).toContain(`href="/console/cases/${caseId}"`);

    // In English too.
    await head.post("/console/language", { locale: "en", back: `/console/cases/${caseId}` });
    const english = visibleText((await head.get(`/console/cases/${caseId}`)).text);
    expect(english).toContain("Case 1/2026");
    expect(english).toContain("Plan actions");
    expect(english).toContain("Case opened");
  });

  it("Today lists hand-overs waiting, limits near, overdue safety-plan actions; a curator only their own", async () => {
    const p = await casePeople(h);
    const other = await h.person("curator", "Соколова Ирина Павловна");
    const own = await openCaseThroughBot(h, p);
    const theirs = await openCaseThroughBot(h, p, "Сидорова Мария Ивановна", other, "Соколова");
    const { db } = h.database;
    const now = h.now();
    const hours = (n: number) => new Date(now.getTime() + n * 3_600_000);
    // The curator's case: its month ends in two days; a safety-plan action was due yesterday.
    await db.case.update({ where: { id: own }, data: { limitAt: hours(48) } });
    const assessmentId = await concludedAssessment(h, own, p.curator.staffId);
    await db.safetyPlanAction.create({
      data: {
        assessmentId,
        position: 1,
        actionText: "Бабушка забирает ребёнка на ночь",
        dueDate: new Date(hours(-24).toISOString().slice(0, 10) + "T00:00:00Z"),
        responsible: "Бабушка",
        monitoring: "Звонок куратора",
        createdAt: hours(-48),
      },
    });
    // The other curator's case: handed over, its receipt not confirmed and already late.
    await db.caseHandover.create({
      data: {
        caseId: theirs,
        recipientKind: "guardianship",
        recipientName: "Опека Центрального района",
        handedOn: new Date("2026-11-20T00:00:00Z"),
        orderNumber: "7-к",
        ackDueAt: hours(-2),
        createdAt: hours(-72),
      },
    });

    const head = await signedIn(p.head);
    const today = await head.get("/console");
    const text = visibleText(today.text);
    expect(text).toContain("Срок этапа истекает 25.11.2026 12:00");
    expect(text).toContain("Получение документов не подтверждено (срок был 23.11.2026 10:00)");
    expect(text).toContain("Оценка № 1/2026, мероприятие 1: срок был 22.11.2026");
    expect(text).not.toContain("Бабушка");
    expect(today.text).toContain(`href="/console/cases/${own}"`);
    expect(today.text).toContain(`href="/console/cases/${theirs}"`);

    const curator = await signedIn(p.curator);
    const mine = visibleText((await curator.get("/console")).text);
    expect(mine).toContain("Срок этапа истекает");
    expect(mine).toContain("Оценка № 1/2026, мероприятие 1");
    expect(mine).not.toContain("Получение документов");
  });

  it("a curator signs in, sees only their own cases, and another curator's case is not found", async () => {
    const p = await casePeople(h);
    const other = await h.person("curator", "Соколова Ирина Павловна");
    const own = await openCaseThroughBot(h, p);
    const theirs = await openCaseThroughBot(h, p, "Сидорова Мария Ивановна", other, "Соколова");

    const curator = await signedIn(p.curator);
    const list = await curator.get("/console/cases");
    expect(list.status).toBe(200);
    expect(list.text).toContain(`href="/console/cases/${own}"`);
    expect(list.text).not.toContain(theirs);
    const today = await curator.get("/console");
    expect(today.text).toContain(`href="/console/cases/${own}"`);

    expect((await curator.get(`/console/cases/${own}`)).status).toBe(200);
    const refused = await curator.get(`/console/cases/${theirs}`);
    expect(refused.status).toBe(404);
    expect(visibleText(refused.text)).not.toContain("Сидорова");
    expect((await curator.get("/console/cases/not-an-id")).status).toBe(404);
    expect(
      await h.database.db.auditEvent.count({
        where: { action: "case.read", actorStaffId: p.curator.staffId },
      }),
    ).toBe(1);

    // The head sees both.
    const head = await signedIn(p.head);
    const all = await head.get("/console/cases");
    expect(all.text).toContain(own);
    expect(all.text).toContain(theirs);
  });
});

describe("a case's documents and assessments", () => {
  it("the plan, the hand-over package and the assessment form download to those who may read the case", async () => {
    const p = await casePeople(h);
    const other = await h.person("curator", "Соколова Ирина Павловна");
    const caseId = await openCaseThroughBot(h, p);
    const { db } = h.database;
    const plan = await db.casePlan.create({
      data: {
        caseId,
        kind: "rehabilitation",
        version: 1,
        content: { problem: "Нет жилья", goals: "Ребёнок дома", tasks: "Найти жильё" },
        createdAt: h.now(),
        createdById: p.curator.staffId,
        actions: {
          create: [
            {
              position: 1,
              actionKey: "00000000-0000-4000-8000-000000000001",
              what: "Подать заявление на пособие",
              responsible: "woman",
              dueDate: new Date("2026-12-20T00:00:00Z"),
            },
          ],
        },
      },
    });
    const fileId = await storeFile(db, {
      serviceId: h.serviceId,
      name: "Пакет документов 1-2026.pdf",
      contentType: "application/pdf",
      content: Buffer.from("%PDF-1.4 a package"),
      purpose: "case_handover",
      deleteAfter: null,
    });
    await db.caseHandover.create({
      data: {
        caseId,
        recipientKind: "guardianship",
        recipientName: "Опека Центрального района",
        handedOn: new Date("2026-11-23T00:00:00Z"),
        orderNumber: "12-к",
        fileId,
        ackDueAt: new Date("2026-11-28T09:00:00Z"),
        createdAt: h.now(),
      },
    });
    const assessmentId = await concludedAssessment(h, caseId, p.curator.staffId);

    const head = await signedIn(p.head);
    const page = await head.get(`/console/cases/${caseId}`);
    const text = visibleText(page.text);
    expect(text).toContain("Реабилитационный план, версия 1");
    expect(text).toContain("Пакет документов для передачи от 23.11.2026 — Опека Центрального района (PDF)");
    expect(text).toContain("Форма оценки № 1/2026 (PDF)");
    expect(text).toContain("ждём подтверждения до");
    expect(page.text).toContain(`href="/console/assessments/${assessmentId}"`);

    const planPdf = await download(head, `/console/cases/${caseId}/plans/${plan.id}`);
    expect(planPdf.status).toBe(200);
    expect(planPdf.headers.get("content-type")).toBe("application/pdf");
    expect(planPdf.content.subarray(0, 4).toString()).toBe("%PDF");
    const pkg = await download(head, `/console/files/${fileId}`);
    expect(pkg.status).toBe(200);
    expect(pkg.content.toString()).toBe("%PDF-1.4 a package");
    const form = await download(head, `/console/assessments/${assessmentId}/form`);
    expect(form.status).toBe(200);
    expect(form.content.subarray(0, 4).toString()).toBe("%PDF");

    // The case's curator too; another curator learns nothing.
    const own = await signedIn(p.curator);
    expect((await download(own, `/console/files/${fileId}`)).status).toBe(200);
    const stranger = await signedIn(other);
    expect((await download(stranger, `/console/files/${fileId}`)).status).toBe(404);
    expect((await download(stranger, `/console/cases/${caseId}/plans/${plan.id}`)).status).toBe(404);
    expect((await download(stranger, `/console/assessments/${assessmentId}/form`)).status).toBe(404);

    const actions = (await db.auditEvent.findMany({ where: { actorStaffId: p.head.staffId } })).map(
      (a) => a.action,
    );
    expect(actions).toEqual(
      expect.arrayContaining([
        "case.read",
        "case.plan_downloaded",
        "file.downloaded",
        "assessment.form_read",
      ]),
    );
    const downloaded = await db.auditEvent.findFirstOrThrow({
      where: { action: "file.downloaded", actorStaffId: p.head.staffId },
    });
    expect(downloaded.details).toMatchObject({ purpose: "case_handover" });
  });

  it("the assessment page shows the ratings and the head marks it reviewed through the bot's action", async () => {
    const p = await casePeople(h);
    const caseId = await openCaseThroughBot(h, p);
    const assessmentId = await concludedAssessment(h, caseId, p.curator.staffId);
    await h.database.db.assessment.update({
      where: { id: assessmentId },
      data: { ratings: { "1": "high", "2": "moderate" }, overallReasoning: "Младенец, мать одна" },
    });

    const curator = await signedIn(p.curator);
    const own = await curator.get(`/console/assessments/${assessmentId}`);
    expect(own.status).toBe(200);
    expect(own.text).not.toContain("/review");

    const head = await signedIn(p.head);
    const page = await head.get(`/console/assessments/${assessmentId}`);
    const text = visibleText(page.text);
    expect(text).toContain("Оценка безопасности и риска № 1/2026");
    expect(text).toContain("Младенец, мать одна");
    expect(text).toContain("Случай необходимо открыть");
    expect(page.text).toMatch(/data-factor="1"[\s\S]*?aria-label="Высокий"/);
    expect(text).toContain("Супервизия");

    const back = await head.post(`/console/assessments/${assessmentId}/review`, {
      comment: "Хорошо обоснованный уровень",
      back: `/console/assessments/${assessmentId}`,
    });
    expect(back.status).toBe(303);
    const after = visibleText((await head.get(back.location!)).text);
    expect(after).toContain("Супервизия оценки № 1/2026 отмечена.");
    expect(after).toContain("Хорошо обоснованный уровень");
    const row = await h.database.db.assessment.findUniqueOrThrow({ where: { id: assessmentId } });
    expect(row.reviewedById).toBe(p.head.staffId);

    // Twice: told who did it. A curator may not.
    await head.post(`/console/assessments/${assessmentId}/review`, { comment: "Ещё раз" });
    expect(visibleText((await head.get(`/console/assessments/${assessmentId}`)).text)).toContain(
      "Супервизия уже отмечена",
    );
    await curator.get(`/console/assessments/${assessmentId}`);
    const refused = await curator.post(`/console/assessments/${assessmentId}/review`, {
      comment: "Моё мнение",
    });
    expect(refused.status).toBe(303);
    expect(
      (await h.database.db.assessment.findUniqueOrThrow({ where: { id: assessmentId } })).reviewComment,
    ).toBe("Хорошо обоснованный уровень");

    // In English too.
    await head.post("/console/language", { locale: "en", back: `/console/assessments/${assessmentId}` });
    const english = visibleText((await head.get(`/console/assessments/${assessmentId}`)).text);
    expect(english).toContain("Risk factor ratings");
    expect(english).toContain("Reviewed");
    expect(english).toContain("Supervision review marked");
  });
});
