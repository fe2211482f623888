/**
 * The clients' jobs. The sweep (every minute) reads every bound mother's case: a case that ended
 * ends her channel with a kind message; a plan version she has not got is queued for her (the
 * plan's change reaches her whatever changed it); reminders of her actions are told at their
 * moments, each once (`client_reminders`). The plan job renders her copy and sends it. Each
 * re-checks what it is about and does nothing when it is gone or superseded.
 */
import type { z } from "zod";
import type { SystemActor } from "../../access/policy.ts";
import type { ActionDeps } from "../../platform/actions.ts";
import { writeAudit } from "../../platform/audit.ts";
import { storeFile } from "../../platform/files.ts";
import { pickLocale, type Translator } from "../../platform/i18n/index.ts";
import { handleJob, type JobDefinition } from "../../platform/jobs/queue.ts";
import { runActions, type ActionRunnerDeps } from "../../platform/run-actions.ts";
import { activeCase, clientCase, currentClientPlan } from "../actions/common.ts";
import { firstName } from "../domain/names.ts";
import { stopClientChannel } from "../actions/stop-client-channel.ts";
import { clientPlanPdf } from "../documents/client-plan-pdf.ts";
import { clientReminderItems, dueReminders, meetingReminderItems } from "../domain/reminders.ts";
import { appendClientEvent } from "../events.ts";
import { CLIENT_PLAN, CLIENT_SWEEP } from "./types.ts";

/** What the handlers need. */
export type ClientJobDeps = ActionRunnerDeps<unknown> & { translator: Translator };

const SYSTEM: SystemActor = { kind: "system", channel: "job" };

/** How long her copy is kept in stored files (delivered at once; the plan stays in the database). */
const COPY_KEEP_DAYS = 2;

/** One bound mother's case, in its own transaction with her row locked. */
async function sweepOne(deps: ActionDeps, identityId: string): Promise<void> {
  const { tx, now } = deps;
  const locked = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM client_identities WHERE id = ${identityId}::uuid FOR UPDATE SKIP LOCKED`;
  if (locked.length === 0) return;
  const identity = await tx.clientIdentity.findUniqueOrThrow({ where: { id: identityId } });
  const c = await clientCase(tx, identity.caseId);
  if (!c || !activeCase(c.status)) {
    await stopClientChannel(deps, SYSTEM, { caseId: identity.caseId, how: "case_ended" });
    return;
  }
  const plan = await currentClientPlan(tx, c.id, c.status);
  if (plan && plan.id !== identity.sentPlanId) {
    await tx.clientIdentity.update({ where: { id: identity.id }, data: { sentPlanId: plan.id } });
    await deps.jobs.schedule(CLIENT_PLAN, { caseId: c.id, planId: plan.id });
  }
  const meetings = await tx.clientMeeting.findMany({ where: { caseId: c.id, at: { gt: now } } });
  const items = [
    ...clientReminderItems(plan?.actions ?? [], c.service.timeZone),
    ...meetingReminderItems(meetings),
  ];
  if (items.length === 0) return;
  const told = new Set(
    (await tx.clientReminder.findMany({ where: { caseId: c.id }, select: { key: true } })).map((r) => r.key),
  );
  // Reminders of what was due before she joined are not told.
  const { tell, record } = dueReminders(items, told, now);
  if (record.length === 0) return;
  await tx.clientReminder.createMany({
    data: record.map((i) => ({ caseId: c.id, key: i.key, sentAt: now })),
    skipDuplicates: true,
  });
  const due = tell.filter((i) => i.at >= identity.createdAt);
  if (due.length === 0) return;
  await appendClientEvent(tx, {
    serviceId: c.serviceId,
    caseId: c.id,
    type: "reminder",
    actorStaffId: null,
    at: now,
    data: { keys: due.map((i) => i.key) },
  });
  await deps.notifier.notify({
    type: "client.reminder",
    caseId: c.id,
    refs: due.map((i) => i.ref),
    kinds: due.map((i) => i.kind),
  });
}

/** The sweep: each bound mother's case in its own transaction. */
export async function sweepClients(deps: ClientJobDeps): Promise<void> {
  const identities = await deps.db.clientIdentity.findMany({
    select: { id: true },
    orderBy: { createdAt: "asc" },
  });
  for (const { id } of identities) await runActions(deps, (d) => sweepOne(d, id));
}

/** Renders her copy of a plan version and sends it to her (if it is still the one to send). */
export async function sendClientPlanJob(
  deps: ClientJobDeps,
  payload: z.infer<typeof CLIENT_PLAN.payload>,
): Promise<void> {
  await runActions(deps, async ({ tx, now, notifier }) => {
    const identity = await tx.clientIdentity.findUnique({ where: { caseId: payload.caseId } });
    if (identity?.sentPlanId !== payload.planId) return;
    const c = await clientCase(tx, payload.caseId);
    const plan = await tx.casePlan.findUnique({
      where: { id: payload.planId },
      include: { actions: { orderBy: { position: "asc" } } },
    });
    if (!c || !activeCase(c.status) || !plan || plan.caseId !== c.id) return;
    const curator = await tx.staff.findUniqueOrThrow({
      where: { id: c.curatorId },
      select: { fullName: true },
    });
    const service = await tx.service.findUniqueOrThrow({
      where: { id: c.serviceId },
      select: { name: true },
    });
    const pdf = await clientPlanPdf(
      {
        kind: plan.kind,
        version: plan.version,
        createdAt: plan.createdAt,
        serviceName: service.name,
        curatorFirstName: firstName(curator.fullName),
        content: plan.content as Record<string, unknown>,
        actions: plan.actions,
      },
      deps.translator,
      pickLocale(identity.locale),
      c.service.timeZone,
    );
    const fileId = await storeFile(tx, {
      serviceId: c.serviceId,
      name:
        identity.locale === "en" ? `My plan v${plan.version}.pdf` : `Мой план, версия ${plan.version}.pdf`,
      contentType: "application/pdf",
      content: pdf,
      purpose: "client_plan",
      deleteAfter: new Date(now.getTime() + COPY_KEEP_DAYS * 86_400_000),
    });
    await appendClientEvent(tx, {
      serviceId: c.serviceId,
      caseId: c.id,
      type: "plan_sent",
      actorStaffId: null,
      at: now,
      data: { planId: plan.id, version: plan.version },
    });
    await writeAudit(tx, {
      actor: SYSTEM,
      action: "client.plan_sent",
      subjectType: "case",
      subjectId: c.id,
      serviceId: c.serviceId,
      details: { planId: plan.id },
      at: now,
    });
    await notifier.notify({
      type: "client.plan",
      caseId: c.id,
      fileId,
      version: plan.version,
      kind: plan.kind,
    });
  });
}

/** The job definitions. */
export function clientJobs(deps: ClientJobDeps): JobDefinition[] {
  return [
    handleJob(CLIENT_SWEEP, () => sweepClients(deps), { cron: "* * * * *", retryLimit: 1 }),
    handleJob(CLIENT_PLAN, (p) => sendClientPlanJob(deps, p)),
  ];
}
