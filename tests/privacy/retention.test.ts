/**
 * Each service's retention policy, the nightly sweep and erasure on request: after the period (or
 * on her request) nothing in the database identifies the woman, while the journals keep their
 * numbered rows with dates, hospital, category and decisions. Audit rows name the job or "cli".
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { personalDataHooks, productAreas } from "../../src/app/areas.ts";
import { runAdmin, UsageError } from "../../src/cli/admin.ts";
import type { DbClient } from "../../src/platform/db/client.ts";
import { runRetentionSweep } from "../../src/privacy/jobs/retention.ts";
import { createHarness, type Harness, type HarnessPerson } from "../helpers/harness.ts";
import { reportSignal } from "../helpers/signals.ts";

const NAME = "Иванова Анна Петровна";
const DAY = 86_400_000;
const hooks = personalDataHooks(productAreas());

/** Every row of every table of the application, as text. */
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
  return text;
}

describe("retention and erasure", () => {
  let h: Harness;
  let reporter: HarnessPerson;
  let head: HarnessPerson;
  let curator: HarnessPerson;

  beforeEach(async () => {
    h = await createHarness();
    reporter = await h.person("reporter", "Смирнова Ольга Ивановна");
    head = await h.person("head", "Орлова Елена Николаевна");
    curator = await h.person("curator", "Петрова Анна Сергеевна");
  });
  afterEach(async () => h.stop());

  /** A signal closed as not confirmed, with free texts everywhere. */
  async function notConfirmedSignal() {
    await reportSignal(reporter, { name: NAME });
    await head.press("🔴 Срочно (до 3 часов)");
    await head.press("Петрова А. С. — 0/9");
    await curator.press("✅ Принимаю");
    await curator.press("📍 Прибыл(а)");
    await curator.press("📝 Итог визита");
    await curator.press("Встретился(ась) с женщиной");
    await curator.press("Нет, заберёт ребёнка");
    await curator.send("Анна Петровна говорит, что муж поддержит");
    await curator.press("Закрыть: сигнал не подтвердился");
    await curator.send("Иванова забирает ребёнка домой");
    await curator.press("💾 Сохранить");
    return h.database.db.signal.findFirstOrThrow();
  }

  it("anonymises a not-confirmed signal after the period: her data goes, the journal row stays", async () => {
    const before = await notConfirmedSignal();
    const db = h.database.db;
    expect(await everything(db)).toContain("Иванова");

    expect(await runRetentionSweep(db, hooks, new Date(h.now().getTime() + 364 * DAY))).toBe(0);
    expect(await runRetentionSweep(db, hooks, new Date(h.now().getTime() + 366 * DAY))).toBe(1);
    const after = await db.signal.findFirstOrThrow({ include: { events: { orderBy: { id: "asc" } } } });
    expect(after).toMatchObject({
      womanFullName: "",
      womanNameKey: "",
      womanBirthDate: null,
      womanAge: null,
      registeredAddress: null,
      actualAddress: null,
      ambulanceFrom: null,
      phone: null,
      comment: null,
      // What the journals and the statistics need stays.
      hospitalNumber: before.hospitalNumber,
      serviceNumber: before.serviceNumber,
      hospitalId: before.hospitalId,
      category: before.category,
      location: before.location,
      status: "not_confirmed",
      urgency: "urgent",
      identifiedAt: before.identifiedAt,
      transmittedAt: before.transmittedAt,
      decidedAt: before.decidedAt,
      curatorId: curator.staffId,
    });
    expect(after.outcome).toEqual({ met: "met", intention: "will_take", decision: "not_confirmed" });
    expect(after.events.find((e) => e.type === "closed")?.data).toEqual({
      reason: "not_confirmed",
      text: null,
    });
    const text = await everything(db);
    for (const piece of ["Иванова", "Анна Петровна", "Ленина", "+79000000001", "1995-03-12", "муж поддержит"])
      expect(text, piece).not.toContain(piece);
    expect(await db.auditEvent.findMany({ where: { action: "signal.anonymised" } })).toMatchObject([
      { subjectId: before.id, actorStaffId: null, details: { reason: "retention", via: "job" } },
    ]);
    // Done once: the next night finds nothing.
    expect(await runRetentionSweep(db, hooks, new Date(h.now().getTime() + 400 * DAY))).toBe(0);
    // The head's API view still shows the row, numbered, without her.
    const api = await h.api();
    const detail = await api.call(head.staffId, "GET", `/api/signals/${before.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({ number: "1/2026", womanFullName: "", status: "not_confirmed" });
  });

  it("follows the service's own policy, set with retention:set (audited as cli)", async () => {
    await notConfirmedSignal();
    const db = h.database.db;
    expect(await runAdmin(db, ["retention"])).toContain("365 days after the decision");
    await expect(runAdmin(db, ["retention:set", "--not-confirmed-days", "7"])).rejects.toThrow(
      "--not-confirmed-days must be a whole number from 30 to 3650.",
    );
    expect(await runAdmin(db, ["retention:set", "--not-confirmed-days", "30"])).toBe(
      "Retention set: not confirmed 30 days, closed cases 1095 days.",
    );
    expect(await runAdmin(db, ["retention"])).toContain("30 days after the decision");
    expect(await runRetentionSweep(db, hooks, new Date(h.now().getTime() + 29 * DAY))).toBe(0);
    expect(await runRetentionSweep(db, hooks, new Date(h.now().getTime() + 31 * DAY))).toBe(1);
    expect(await db.auditEvent.findFirst({ where: { action: "retention.set" } })).toMatchObject({
      actorStaffId: null,
      details: { via: "cli", notConfirmedDays: 30, closedCaseDays: 1095 },
    });
  });

  it("anonymises a closed case's signal after the closed-case period, not an open one", async () => {
    await reportSignal(reporter, { name: NAME });
    const db = h.database.db;
    const signal = await db.signal.findFirstOrThrow();
    await db.signal.update({
      where: { id: signal.id },
      data: { status: "case_opened", curatorId: curator.staffId },
    });
    const opened = await db.case.create({
      data: {
        serviceId: h.serviceId,
        signalId: signal.id,
        number: "1/2026",
        caseYear: 2026,
        caseNumber: 1,
        curatorId: curator.staffId,
        openedAt: h.now(),
      },
    });
    const later = (days: number) => new Date(h.now().getTime() + days * DAY);
    expect(await runRetentionSweep(db, hooks, later(5000))).toBe(0);
    await db.case.update({
      where: { id: opened.id },
      data: { status: "closed", closedAt: later(30), closeReason: "plan_done" },
    });
    expect(await runRetentionSweep(db, hooks, later(30 + 1094))).toBe(0);
    expect(await runRetentionSweep(db, hooks, later(30 + 1096))).toBe(1);
    expect((await db.signal.findFirstOrThrow()).womanFullName).toBe("");
    expect(await db.case.findFirstOrThrow()).toMatchObject({
      number: "1/2026",
      status: "closed",
      closeReason: "plan_done",
    });
  });

  it("erases one woman's data on request from the command line: found, refused while open, then erased and audited", async () => {
    const db = h.database.db;
    // A demo service next to the real one: the command line must be told which.
    await db.service.create({ data: { name: "Демо", timeZone: "Europe/Moscow", isDemo: true } });
    await reportSignal(reporter, { name: NAME });
    const signal = await db.signal.findFirstOrThrow();

    const noService = runAdmin(db, ["person:find", "--name", NAME]);
    await expect(noService).rejects.toBeInstanceOf(UsageError);
    await expect(noService).rejects.toThrow("There are several services");
    const found = await runAdmin(db, ["person:find", "--service", h.serviceId, "--name", "иванова анна"]);
    expect(found).toContain(signal.id);
    expect(found).toContain("№ 1/2026");
    expect(await runAdmin(db, ["person:find", "--service", h.serviceId, "--name", "Петрова Вера"])).toBe(
      "No signals of that name in the service.",
    );

    const refused = runAdmin(db, ["person:erase", "--service", h.serviceId, "--signal", "1/2026"]);
    await expect(refused).rejects.toThrow("work is still in progress on 1/2026");
    expect((await db.signal.findFirstOrThrow()).womanFullName).toBe(NAME);

    expect(
      await runAdmin(db, ["person:erase", "--service", h.serviceId, "--signal", "1/2026", "--force"]),
    ).toContain("Anonymised 1 signal(s)");
    expect(await everything(db)).not.toContain("Иванова");
    const erased = await db.auditEvent.findFirstOrThrow({ where: { action: "person.erased" } });
    expect(erased).toMatchObject({ actorStaffId: null, serviceId: h.serviceId });
    expect(erased.details).toMatchObject({ via: "cli", signalIds: [signal.id], forced: true });
    expect(await db.auditEvent.findFirst({ where: { action: "signal.anonymised" } })).toMatchObject({
      details: { reason: "request", via: "cli" },
    });
    expect(await db.auditEvent.count({ where: { action: "person.searched" } })).toBe(2);
    // Erasing again changes nothing.
    expect(await runAdmin(db, ["person:erase", "--service", h.serviceId, "--signal", signal.id])).toContain(
      "Anonymised 0 signal(s) (1 already were)",
    );
  });

  it("never acts on the demo service by default", async () => {
    const db = h.database.db;
    await expect(runAdmin(db, ["hospitals"])).resolves.toContain("РД1");
    await db.service.update({ where: { id: h.serviceId }, data: { isDemo: true } });
    await expect(runAdmin(db, ["hospitals"])).rejects.toThrow("The only service is the demo one");
    await expect(runAdmin(db, ["hospitals", "--service", "Тестовая служба"])).resolves.toContain("РД1");
    await expect(runAdmin(db, ["hospitals", "--service", "Нет такой"])).rejects.toThrow(
      'No service "Нет такой"',
    );
  });
});
