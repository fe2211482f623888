/**
 * The head's actions over the API (POST /api/signals/:id/urgency, /assign, /reassign) are the
 * bot's actions: one scenario runs half through the chat and half through HTTP, and the API
 * refuses exactly what the bot refuses.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createHarness, type Harness, type HarnessApi, type HarnessPerson } from "../../helpers/harness.ts";
import { fillCaseload, reportSignal } from "../../helpers/signals.ts";

type ApiError = {
  error: { code: string; reason?: string; message: string; details?: Record<string, unknown> };
};

describe("the head's actions through the API", () => {
  let h: Harness;
  let api: HarnessApi;
  let reporter: HarnessPerson;
  let head: HarnessPerson;
  let head2: HarnessPerson;
  let curator: HarnessPerson;
  let curator2: HarnessPerson;
  let signalId: string;

  beforeEach(async () => {
    h = await createHarness();
    api = await h.api();
    reporter = await h.person("reporter", "Смирнова Ольга Ивановна");
    head = await h.person("head", "Кузнецова Мария Петровна");
    head2 = await h.person("head", "Орлова Елена Викторовна");
    curator = await h.person("curator", "Петрова Анна Сергеевна");
    curator2 = await h.person("curator", "Соколова Ирина Андреевна");
    await reportSignal(reporter);
    signalId = (await h.database.db.signal.findFirstOrThrow()).id;
  });
  afterEach(async () => h.stop());

  const post = (who: HarnessPerson, action: string, body: unknown, id = signalId) =>
    api.call(who.staffId, "POST", `/api/signals/${id}/${action}`, body);

  it("runs a round trip half in the chat and half over HTTP", async () => {
    // Urgency over HTTP; the head's chat card is the same signal.
    const urgency = await post(head, "urgency", { urgency: "urgent" });
    expect(urgency.status).toBe(200);
    expect(urgency.body).toMatchObject({ number: "1/2026", status: "received", urgency: "urgent" });

    // Assignment over HTTP: the curator gets the card in the chat, the reporter and the other head are told.
    const assigned = await post(head, "assign", { curatorId: curator.staffId });
    expect(assigned.status).toBe(200);
    expect(assigned.body).toMatchObject({
      status: "assigned",
      curator: { id: curator.staffId, fullName: "Петрова Анна Сергеевна" },
      assignedBy: { id: head.staffId },
    });
    expect(curator.last().text).toContain("Вам назначен сигнал 1/2026");
    expect(reporter.last().text).toContain("назначен куратор: Петрова А. С.");
    expect(head2.last().text).toContain("Кузнецова М. П. назначил(а) куратора Петрова А. С.");

    // The curator accepts in the chat.
    await curator.press("✅ Принимаю");
    expect(head.last().text).toContain("принял(а) сигнал 1/2026");

    // Reassignment over HTTP: both curators are told.
    const reassigned = await post(head2, "reassign", { curatorId: curator2.staffId });
    expect(reassigned.status).toBe(200);
    expect(reassigned.body).toMatchObject({ status: "assigned", curator: { id: curator2.staffId } });
    expect(curator2.last().text).toContain("Вам назначен сигнал 1/2026");
    expect(curator.last().text).toContain("передан другому куратору: Соколова И. А.");

    const { db } = h.database;
    const events = await db.signalEvent.findMany({ where: { signalId }, orderBy: { id: "asc" } });
    expect(events.map((e) => [e.type, e.actorStaffId])).toEqual([
      ["registered", reporter.staffId],
      ["transmitted", reporter.staffId],
      ["urgency_set", head.staffId],
      ["assigned", head.staffId],
      ["accepted", curator.staffId],
      ["reassigned", head2.staffId],
    ]);
    const audits = await db.auditEvent.findMany({
      where: {
        subjectId: signalId,
        action: { in: ["signal.urgency_set", "signal.assigned", "signal.reassigned"] },
      },
      orderBy: { id: "asc" },
    });
    expect(audits.map((a) => [a.action, (a.details as { via: string }).via])).toEqual([
      ["signal.urgency_set", "api"],
      ["signal.assigned", "api"],
      ["signal.reassigned", "api"],
    ]);
    for (const audit of audits)
      expect((audit.details as { tokenId?: string }).tokenId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("refuses what the bot refuses, with the same reasons", async () => {
    const refusal = async (who: HarnessPerson, action: string, body: unknown, id = signalId) => {
      const { status, body: b } = await post(who, action, body, id);
      return { status, code: (b as ApiError).error.code, reason: (b as ApiError).error.reason };
    };
    // Nobody assigns before the urgency is set.
    expect(await refusal(head, "assign", { curatorId: curator.staffId })).toEqual({
      status: 409,
      code: "conflict",
      reason: "urgency_first",
    });
    // Only heads.
    expect(await refusal(curator, "urgency", { urgency: "urgent" })).toMatchObject({ status: 403 });
    expect(await refusal(reporter, "assign", { curatorId: curator.staffId })).toMatchObject({ status: 403 });
    // A signal that does not exist, and a curator that does not.
    expect(
      await refusal(head, "urgency", { urgency: "urgent" }, "00000000-0000-4000-8000-000000000000"),
    ).toMatchObject({ status: 404 });
    await post(head, "urgency", { urgency: "urgent" });
    expect(await refusal(head, "assign", { curatorId: head2.staffId })).toMatchObject({ status: 404 });
    // Nothing to reassign yet.
    expect(await refusal(head, "reassign", { curatorId: curator.staffId })).toMatchObject({
      status: 409,
      reason: "wrong_state",
    });
    // Bad bodies name the field.
    const bad = await post(head, "assign", { curatorId: "nope" });
    expect(bad.status).toBe(400);
    expect((bad.body as ApiError).error.details).toMatchObject({ field: "curatorId" });
    expect((await post(head, "urgency", { urgency: "soon" })).status).toBe(400);
    expect((await post(head, "assign", { curatorId: curator.staffId, extra: 1 })).status).toBe(400);

    // Assigned once; a second assignment is refused and says who.
    expect((await post(head, "assign", { curatorId: curator.staffId })).status).toBe(200);
    const again = await post(head2, "assign", { curatorId: curator2.staffId });
    expect(again.status).toBe(409);
    expect((again.body as ApiError).error).toMatchObject({ reason: "already_assigned" });
    expect((again.body as ApiError).error).toMatchObject({
      message: "the signal already has a curator",
      details: { curatorId: curator.staffId, assignedById: head.staffId },
    });
    // Reassigning to the same curator changes nothing.
    expect(await refusal(head, "reassign", { curatorId: curator.staffId })).toMatchObject({
      status: 409,
      reason: "same_curator",
    });
  });

  it("needs a reason to give a full curator a tenth case, as in the bot", async () => {
    await fillCaseload(h.database.db, h, reporter.staffId, curator.staffId);
    await post(head, "urgency", { urgency: "planned" });
    const refused = await post(head, "assign", { curatorId: curator.staffId });
    expect(refused.status).toBe(422);
    expect((refused.body as ApiError).error).toMatchObject({
      code: "unprocessable",
      reason: "override_required",
      details: { field: "overrideReason", openCases: 9 },
    });
    expect((await post(head, "assign", { curatorId: curator.staffId, overrideReason: "ок" })).status).toBe(
      400,
    );
    const done = await post(head, "assign", {
      curatorId: curator.staffId,
      overrideReason: "Единственный куратор, знающий эту семью",
    });
    expect(done.status).toBe(200);
    const assigned = await h.database.db.signalEvent.findFirstOrThrow({
      where: { signalId, type: "assigned" },
    });
    expect(assigned.data).toMatchObject({ override: true, openCases: 9 });
  });

  it("when two heads assign at once (one in the chat, one over HTTP), exactly one wins", async () => {
    await head.press("🔴 Срочно (до 3 часов)");
    const [, overHttp] = await Promise.all([
      head.press("Петрова А. С. — 0/9"),
      post(head2, "assign", { curatorId: curator2.staffId }),
    ]);
    const events = await h.database.db.signalEvent.findMany({
      where: { signalId, type: { in: ["assigned", "reassigned"] } },
    });
    expect(events).toHaveLength(1);
    const signal = await h.database.db.signal.findUniqueOrThrow({ where: { id: signalId } });
    if (overHttp.status === 200) {
      expect(signal.curatorId).toBe(curator2.staffId);
      expect(h.messenger.callbackAnswers.at(-1)?.text).toContain("Куратор уже назначен: Соколова И. А.");
    } else {
      expect(overHttp.status).toBe(409);
      expect(signal.curatorId).toBe(curator.staffId);
    }
  });
});
