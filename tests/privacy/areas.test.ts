/**
 * Anonymising a signal reaches the personal data other areas keep about the same woman: the case's
 * sheet, plans, actions, monitoring notes, an extension's reason and the hand-over package; the
 * assessment's child, parents, address, free texts, safety plan and its form. After it, no row of any
 * table holds the texts, while the structure the journals and figures need stays.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { personalDataHooks, productAreas } from "../../src/app/areas.ts";
import type { DbClient } from "../../src/platform/db/client.ts";
import { storeFile } from "../../src/platform/files.ts";
import { anonymiseSignals } from "../../src/privacy/actions/anonymise-signals.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/db.ts";

/** A fictional surname that appears nowhere but in this woman's data. */
const SECRET = "Секретова";
const NOW = new Date("2027-06-01T09:00:00Z");

async function everything(db: DbClient): Promise<string> {
  const tables = await db.$queryRaw<{ name: string }[]>`
    SELECT table_name AS name FROM information_schema.tables
     WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations'`;
  let text = "";
  for (const { name } of tables) {
    const rows = await db.$queryRawUnsafe<{ t: string | null }[]>(
      `SELECT json_agg(x)::text AS t FROM "${name.replace(/"/g, "")}" x`,
    );
    text += rows[0]?.t ?? "";
  }
  // Stored files hold bytes: their text is searched too (a PDF keeps short strings readable only
  // when uncompressed, so the content is checked as UTF-8 here and by id below).
  return text;
}

describe("anonymising reaches cases and assessments", () => {
  let test: TestDatabase;
  beforeEach(async () => {
    test = await createTestDatabase();
  });
  afterEach(() => test.drop());

  it("removes the texts of the case and the assessment, keeps their structure", async () => {
    const { db } = test;
    const service = await db.service.create({ data: { name: "Служба (тест)", timeZone: "Europe/Moscow" } });
    const hospital = await db.hospital.create({
      data: { serviceId: service.id, name: "Роддом (тест)", shortName: "РД" },
    });
    const staff = (role: "reporter" | "curator" | "head", fullName: string) =>
      db.staff.create({
        data: {
          serviceId: service.id,
          role,
          fullName,
          ...(role === "reporter" ? { hospitalId: hospital.id } : {}),
        },
      });
    const reporter = await staff("reporter", "Смирнова Ольга Ивановна");
    const curator = await staff("curator", "Петрова Анна Сергеевна");
    const head = await staff("head", "Орлова Елена Николаевна");
    const signal = await db.signal.create({
      data: {
        serviceId: service.id,
        hospitalId: hospital.id,
        reporterId: reporter.id,
        hospitalYear: 2026,
        hospitalNumber: 1,
        serviceYear: 2026,
        serviceNumber: 1,
        womanFullName: `${SECRET} Мария Ивановна`,
        womanNameKey: "секретова мария ивановна",
        category: "intends_to_abandon",
        location: "together_in_ward",
        identifiedAt: NOW,
        registeredAt: NOW,
        transmittedAt: NOW,
        status: "case_opened",
        curatorId: curator.id,
      },
    });
    const kase = await db.case.create({
      data: {
        serviceId: service.id,
        signalId: signal.id,
        caseYear: 2026,
        caseNumber: 1,
        number: "1/2026",
        curatorId: curator.id,
        openedAt: NOW,
        status: "closed",
        closedAt: NOW,
        closeReason: "plan_not_kept",
        accompanimentAt: NOW,
      },
    });
    await db.caseSheet.create({
      data: {
        caseId: kase.id,
        answers: { close_people: `мать ${SECRET}ой` },
        updatedAt: NOW,
        complete: true,
      },
    });
    const plan = await db.casePlan.create({
      data: {
        caseId: kase.id,
        kind: "rehabilitation",
        version: 1,
        content: { problem: `долги ${SECRET}ых` },
        createdAt: NOW,
      },
    });
    await db.casePlanAction.create({
      data: {
        planId: plan.id,
        position: 1,
        actionKey: "00000000-0000-4000-8000-00000000000a",
        what: `встреча с ${SECRET}ым`,
        responsible: "organisation",
        organisation: `фонд имени ${SECRET}ой`,
        dueDate: NOW,
      },
    });
    await db.caseMonitoring.create({
      data: {
        caseId: kase.id,
        stage: "accompaniment",
        number: 1,
        recordedAt: NOW,
        progress: [],
        planCorrected: false,
        decision: "close_plan_not_kept",
        note: `${SECRET} не пришла`,
      },
    });
    await db.caseEvent.create({
      data: {
        caseId: kase.id,
        type: "extended",
        at: NOW,
        data: { from: NOW.toISOString(), to: NOW.toISOString(), days: 7, reason: `${SECRET} колеблется` },
      },
    });
    const packageId = await storeFile(db, {
      serviceId: service.id,
      name: "Пакет.pdf",
      contentType: "application/pdf",
      content: Buffer.from(`пакет документов ${SECRET}`),
      purpose: "handover_package",
      deleteAfter: null,
    });
    await db.caseHandover.create({
      data: {
        caseId: kase.id,
        recipientKind: "guardianship",
        recipientName: "Отдел опеки (тест)",
        handedOn: NOW,
        orderNumber: "17-п",
        fileId: packageId,
        createdById: head.id,
        ackDueAt: NOW,
        createdAt: NOW,
      },
    });
    const formId = await storeFile(db, {
      serviceId: service.id,
      name: "Форма.pdf",
      contentType: "application/pdf",
      content: Buffer.from(`форма ${SECRET}`),
      purpose: "assessment_form",
      deleteAfter: null,
    });
    const assessment = await db.assessment.create({
      data: {
        serviceId: service.id,
        number: "1/2026",
        year: 2026,
        seq: 1,
        origin: "case",
        caseId: kase.id,
        specialistId: curator.id,
        checklistVersion: 1,
        childFullName: `${SECRET} Иван`,
        childBirthDate: NOW,
        parentsText: `${SECRET} Мария`,
        homeAddress: `ул. ${SECRET}а, 1`,
        factsText: `${SECRET} оставляет ребёнка одного`,
        familyHistory: `${SECRET}ы известны опеке`,
        overallReasoning: `у ${SECRET}ой есть поддержка`,
        ratings: { age: "high" },
        overallLevel: "moderate",
        conclusion: 3,
        startedAt: NOW,
        handoverFileId: formId,
      },
    });
    await db.safetyPlanAction.create({
      data: {
        assessmentId: assessment.id,
        position: 1,
        actionText: `${SECRET} не оставляет ребёнка`,
        dueDate: NOW,
        responsible: `бабушка ${SECRET}а`,
        monitoring: `звонок ${SECRET}ой`,
        createdAt: NOW,
      },
    });
    expect(await everything(db)).toContain(SECRET);

    const done = await db.$transaction((tx) =>
      anonymiseSignals(
        { tx, now: NOW, hooks: personalDataHooks(productAreas()) },
        { kind: "system", channel: "job" },
        { signalIds: [signal.id], reason: "retention" },
      ),
    );
    expect(done).toEqual([signal.id]);
    expect(await everything(db)).not.toContain(SECRET);

    // What the journals and the figures need is still there.
    expect(await db.case.findUniqueOrThrow({ where: { id: kase.id } })).toMatchObject({
      number: "1/2026",
      status: "closed",
      closeReason: "plan_not_kept",
    });
    expect(await db.casePlanAction.count({ where: { planId: plan.id } })).toBe(1);
    expect(await db.caseMonitoring.findFirstOrThrow({ where: { caseId: kase.id } })).toMatchObject({
      decision: "close_plan_not_kept",
      note: null,
    });
    expect(await db.caseHandover.findFirstOrThrow({ where: { caseId: kase.id } })).toMatchObject({
      orderNumber: "17-п",
      fileId: null,
    });
    expect(await db.assessment.findUniqueOrThrow({ where: { id: assessment.id } })).toMatchObject({
      overallLevel: "moderate",
      conclusion: 3,
      childFullName: null,
      handoverFileId: formId,
    });
    expect(await db.storedFile.count({ where: { id: { in: [packageId, formId] } } })).toBe(0);
  });
});
