/**
 * The regulation's deadlines as data and jobs (an overdue step reported to the heads once; a
 * safety-plan action reminded on its day and reported when the day passes undone), and the API
 * by the one access policy.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { issueApiToken } from "../../src/access/tokens.ts";
import { createHarness, type Harness } from "../helpers/harness.ts";
import {
  answerAction,
  answerPlanning,
  answerRatings,
  answerSafety,
  arrivedSignal,
  team,
  type Team,
} from "../helpers/assessments.ts";

describe("assessment timers and API", () => {
  let h: Harness;
  let t: Team;
  beforeEach(async () => {
    h = await createHarness();
    t = await team(h);
  });
  afterEach(async () => h.stop());

  const texts = (person: { messages(): { text: string }[] }) => person.messages().map((m) => m.text);

  it("reports an overdue step once to the heads and the specialist; a step done in time is not reported", async () => {
    const { curator, head, head2 } = t;
    await arrivedSignal(t);
    await curator.send("/assess");
    await curator.press("🛡 Сигнал 1/2026");
    await answerPlanning(curator, { urgency: "immediate" }); // 12:00 Moscow: contact due by 13:00
    await h.advance(61);
    const overdue =
      "⏰ Оценка № 1/2026 (Сигнал 1/2026): просрочен этап «контакт при срочности» — срок был 23.11.2026 13:00. Специалист: Петрова А. С.";
    for (const person of [head, head2]) expect(texts(person).filter((x) => x === overdue)).toHaveLength(1);
    expect(curator.last().text).toBe(
      "⏰ Оценка № 1/2026: просрочен этап «контакт при срочности» — срок был 23.11.2026 13:00.",
    );
    expect(
      curator
        .last()
        .buttons.flat()
        .map((b) => b.text),
    ).toEqual(["▶ Оценка № 1/2026 — контакт с семьёй"]);
    await h.advance(120);
    for (const person of [head, head2]) expect(texts(person).filter((x) => x === overdue)).toHaveLength(1);

    // Contact at 15:01; the safety assessment is done well within 2 h 20 min: never reported.
    await curator.press("▶ Оценка № 1/2026 — контакт с семьёй");
    await curator.press("🤝 Контакт с семьёй установлен");
    await curator.press("🛡 Оценка безопасности");
    await answerSafety(curator, []);
    await h.advance(100 + 1); // the risk assessment: 1 h 30 min + 10 min after the safety assessment
    const headTexts = texts(head).join("\n");
    expect(headTexts).not.toContain("«контакт и оценка безопасности»");
    expect(headTexts).toContain(
      "просрочен этап «сбор информации и оценка риска» — срок был 23.11.2026 16:41",
    );
    const events = await h.database.db.assessmentEvent.findMany({
      where: { type: "step_overdue" },
      orderBy: { id: "asc" },
    });
    expect(events.map((e) => (e.data as { step: string }).step)).toEqual(["contact", "risk"]);
  });

  it("reminds of a safety-plan action on its day, reports one not done when the day ends", async () => {
    const { curator, head } = t;
    await arrivedSignal(t);
    await curator.send("/assess");
    await curator.press("🛡 Сигнал 1/2026");
    await answerPlanning(curator, { urgency: "planned" });
    await curator.press("🤝 Контакт с семьёй установлен");
    await curator.press("🛡 Оценка безопасности");
    await answerSafety(curator, [3]);
    await curator.press("План мероприятий в семье");
    await answerAction(curator, {
      text: "Дядя не приходит в дом",
      due: "Завтра",
      responsible: "Мать",
      monitoring: "Звонок соседке",
    });
    await curator.press("➕ Добавить мероприятие");
    await answerAction(curator, {
      text: "Замок на входной двери",
      due: "Сегодня",
      responsible: "Бабушка",
      monitoring: "Визит специалиста",
    });
    await curator.press("✅ План готов");

    // Today (23.11) ends at 24:00 Moscow: action 2 not done.
    await h.advance(12 * 60 + 1);
    expect(texts(curator)).toContain(
      "⏰ Мероприятие 2 плана безопасности (оценка № 1/2026) не выполнено в срок (23.11.2026).",
    );
    expect(texts(head)).toContain(
      "⏰ Оценка № 1/2026 (Сигнал 1/2026): мероприятие 2 плана безопасности не выполнено в срок (23.11.2026). Специалист: Петрова А. С.",
    );
    // Tomorrow 09:00 Moscow: the reminder of action 1, with its "done" button.
    await h.advance(9 * 60);
    expect(curator.last().text).toBe(
      "📋 Сегодня срок мероприятия 1 плана безопасности (оценка № 1/2026): Дядя не приходит в дом. Отвечает: Мать. Отметьте выполнение.",
    );
    await curator.press("✅ Выполнено");
    expect(curator.last().text).toBe("Мероприятие 1 отмечено выполненным.");
    await h.advance(15 * 60);
    expect(texts(curator).join("\n")).not.toContain("⏰ Мероприятие 1 плана");
    const events = await h.database.db.assessmentEvent.findMany({
      where: { type: { startsWith: "plan_action_" } },
      orderBy: { id: "asc" },
    });
    expect(events.map((e) => e.type)).toEqual([
      "plan_action_added",
      "plan_action_added",
      "plan_action_overdue",
      "plan_action_reminded",
      "plan_action_done",
    ]);
  });

  it("GET /api/assessments/:id by the one policy, audited; the form as a PDF", async () => {
    const { curator, curator2, head, reporter } = t;
    const psychologist = await h.person("psychologist", "Белова Вера Игоревна");
    const admin = await h.person("admin", "Админова Ирина Петровна");
    await arrivedSignal(t);
    await curator.send("/assess");
    await curator.press("🛡 Сигнал 1/2026");
    await answerPlanning(curator);
    await curator.press("🤝 Контакт с семьёй установлен");
    await curator.press("🛡 Оценка безопасности");
    await answerSafety(curator, []);
    await curator.press("⚖ Оценка риска");
    await answerRatings(curator, "lllllllllllllh");
    const { db } = h.database;
    const { id } = await db.assessment.findFirstOrThrow();
    const api = await h.api();

    // Nothing is pre-selected or computed: the overall level is absent until the specialist states it.
    const before = await api.call(head.staffId, "GET", `/api/assessments/${id}`);
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({ stage: "overall", overall: null, conclusion: null });

    await curator.press("Низкий");
    await curator.send("Единственный высокий фактор — восприимчивость к кризисам; поддержка семьи сильная.");
    const read = await api.call(head.staffId, "GET", `/api/assessments/${id}`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({
      number: "1/2026",
      status: "in_progress",
      stage: "conclusion",
      origin: "signal",
      signal: { number: "1/2026" },
      specialist: { id: curator.staffId, fullName: "Петрова Анна Сергеевна" },
      planning: {
        urgency: "immediate",
        child: { fullName: "Иванов Пётр Алексеевич", ageVulnerability: "extreme" },
      },
      safety: { planRequired: false },
      safetyPlan: null,
      overall: { level: "low", factorsAbove: ["10"] },
      conclusion: null,
    });
    const body = read.body as {
      ratings: unknown[];
      timeline: { type: string }[];
      timeNorms: { step: string }[];
    };
    expect(body.ratings).toHaveLength(14);
    expect(body.timeline.map((e) => e.type)).toEqual([
      "started",
      "planned",
      "contact_made",
      "safety_recorded",
      "rated",
      "overall_set",
    ]);
    expect(body.timeNorms.map((n) => n.step)).toEqual(["planning", "contact", "safety", "risk"]);
    const audit = await db.auditEvent.findFirstOrThrow({
      where: { action: "assessment.read", actorStaffId: head.staffId },
    });
    expect(audit.details).toMatchObject({ via: "api" });
    expect((audit.details as { tokenId?: string }).tokenId).toMatch(/^[0-9a-f-]{36}$/);

    expect((await api.call(curator.staffId, "GET", `/api/assessments/${id}`)).status).toBe(200);
    expect((await api.call(admin.staffId, "GET", `/api/assessments/${id}`)).status).toBe(200);
    expect((await api.call(curator2.staffId, "GET", `/api/assessments/${id}`)).status).toBe(404);
    expect((await api.call(psychologist.staffId, "GET", `/api/assessments/${id}`)).status).toBe(404);
    expect((await api.call(reporter.staffId, "GET", `/api/assessments/${id}`)).status).toBe(403);
    const bad = await api.call(head.staffId, "GET", "/api/assessments/not-a-uuid");
    expect(bad).toMatchObject({ status: 400, body: { error: { code: "bad_request" } } });
    expect(
      (await api.call(head.staffId, "GET", "/api/assessments/7b1a5c9e-0000-4000-8000-000000000000")).status,
    ).toBe(404);
    const anonymous = await fetch(`${api.url}/api/assessments/${id}`);
    expect(anonymous.status).toBe(401);

    const { token } = await issueApiToken(db, { staffId: head.staffId, name: "pdf", now: h.now() });
    const pdf = await fetch(`${api.url}/api/assessments/${id}/form.pdf`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(pdf.headers.get("cache-control")).toBe("no-store");
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe("%PDF-");
    expect(await db.auditEvent.count({ where: { action: "assessment.form_read" } })).toBe(1);
  });
});
