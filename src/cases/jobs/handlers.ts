/**
 * The cases' jobs: the sweep of every deadline (every minute), and the documents made out of a
 * person's turn (PDF rendering takes a moment): the mother's copy of the long-term plan and a
 * hand-over's package. Each re-checks what it is about and does nothing when it is gone or done.
 */
import type { z } from "zod";
import { handleJob, type JobDefinition } from "../../platform/jobs/queue.ts";
import { storeFile } from "../../platform/files.ts";
import type { Translator } from "../../platform/i18n/index.ts";
import { runActions } from "../../platform/run-actions.ts";
import { handoverPackagePdf, rehabPlanPdf } from "../documents/case-pdf.ts";
import { loadCase } from "../queries/case-view.ts";
import { sweepCases, type SweepDeps } from "./sweep.ts";
import { CASE_SWEEP, HANDOVER_PACKAGE, PLAN_COPY } from "./types.ts";

/** What the handlers need. */
export type CaseJobDeps = SweepDeps & { translator: Translator };

/** How long a sent copy is kept in stored files (the messenger has it; the plan stays in the database). */
const PLAN_COPY_KEEP_DAYS = 30;

/** Renders the client's copy of a plan version and sends it to the staff member. */
export async function sendPlanCopyJob(
  deps: CaseJobDeps,
  payload: z.infer<typeof PLAN_COPY.payload>,
): Promise<void> {
  await runActions(deps, async ({ tx, now, notifier }) => {
    const plan = await tx.casePlan.findUnique({ where: { id: payload.planId }, select: { caseId: true } });
    if (!plan) return;
    const c = await loadCase(tx, plan.caseId);
    const version = c?.plans.find((p) => p.id === payload.planId);
    if (!c || !version) return;
    const pdf = await rehabPlanPdf(c, version, deps.translator);
    const fileId = await storeFile(tx, {
      serviceId: c.serviceId,
      name: `Реабилитационный план ${c.number.replace("/", "-")} в${version.version}.pdf`,
      contentType: "application/pdf",
      content: pdf,
      purpose: "plan_copy",
      deleteAfter: new Date(now.getTime() + PLAN_COPY_KEEP_DAYS * 86_400_000),
    });
    await notifier.notify({
      type: "case.document",
      caseId: c.id,
      fileId,
      toStaffId: payload.toStaffId,
      purpose: "plan_copy",
    });
  });
}

/** Renders a hand-over's package once, stores it on the hand-over, and sends it to the staff member. */
export async function sendHandoverPackageJob(
  deps: CaseJobDeps,
  payload: z.infer<typeof HANDOVER_PACKAGE.payload>,
): Promise<void> {
  await runActions(deps, async ({ tx, now, notifier }) => {
    // Raw SQL for the row lock: a retried or doubled job waits here, then finds the package made.
    await tx.$queryRaw`SELECT id FROM case_handovers WHERE id = ${payload.handoverId}::uuid FOR UPDATE`;
    const handover = await tx.caseHandover.findUnique({ where: { id: payload.handoverId } });
    if (!handover || handover.fileId) return;
    const c = await loadCase(tx, handover.caseId);
    if (!c) return;
    const events = await tx.caseEvent.findMany({ where: { caseId: c.id }, orderBy: { id: "asc" } });
    const pdf = await handoverPackagePdf(c, handover, events, deps.translator, now);
    const fileId = await storeFile(tx, {
      serviceId: c.serviceId,
      name: `Пакет документов ${c.number.replace("/", "-")}.pdf`,
      contentType: "application/pdf",
      content: pdf,
      purpose: "handover_package",
      // Kept with the case: the package is what was handed over.
      deleteAfter: null,
    });
    await tx.caseHandover.update({ where: { id: handover.id }, data: { fileId } });
    await notifier.notify({
      type: "case.document",
      caseId: c.id,
      fileId,
      toStaffId: payload.toStaffId,
      purpose: "handover_package",
    });
  });
}

/** The job definitions. */
export function caseJobs(deps: CaseJobDeps): JobDefinition[] {
  return [
    handleJob(CASE_SWEEP, (p) => sweepCases(deps, p).then(() => undefined), {
      cron: "* * * * *",
      retryLimit: 1,
    }),
    handleJob(PLAN_COPY, (p) => sendPlanCopyJob(deps, p)),
    handleJob(HANDOVER_PACKAGE, (p) => sendHandoverPackageJob(deps, p)),
  ];
}
