/**
 * A monitoring entry (запись листа мониторинга): how each action of the current plan goes, whether
 * the plan is to be corrected, and the decision — go on, close with a reason of the stage, or (stage
 * 3) move to accompaniment. The curator or a head records it; the next monitoring is due a week (or
 * 3 months) after the one this entry covers.
 */
import { z } from "zod";
import type { Actor } from "../../access/policy.ts";
import { writeAudit } from "../../platform/audit.ts";
import { PLAN_OF_STAGE, stageOf, type CaseStatus } from "../domain/case.ts";
import { MONITORING_DECISIONS } from "../domain/events.ts";
import { DECISIONS_OF_STAGE, actionProgress, effectOf } from "../domain/monitoring.ts";
import { appendCaseEvent } from "../events.ts";
import { currentPlan } from "../queries/case-view.ts";
import { actorId, afterChange, caseFor, changeCase } from "./change.ts";
import { requireAssessmentFor } from "./assessment-required.ts";
import { writeAccompaniment, writeClosure } from "./close-case.ts";
import type { CaseDeps } from "./deps.ts";
import { invalidCaseInput, noPlan, notForStage } from "./refusals.ts";

export const recordMonitoringInput = z.object({
  caseId: z.uuid(),
  /** "All as planned": no action's status changes. */
  onTrack: z.boolean(),
  progress: z.array(actionProgress).max(100),
  planCorrected: z.boolean(),
  decision: z.enum(MONITORING_DECISIONS),
  note: z.string().trim().min(1).max(1500).nullable().optional(),
});
export type RecordMonitoringInput = z.infer<typeof recordMonitoringInput>;

/** The entry recorded and where the case stands after it. */
export interface RecordedMonitoring {
  id: string;
  number: number;
  caseNumber: string;
  status: CaseStatus;
  /** The plan is to be corrected now (the decision was to go on). */
  correctPlan: boolean;
}

/** Records a monitoring entry of the case's current stage. */
export async function recordMonitoring(
  deps: CaseDeps,
  actor: Actor,
  input: RecordMonitoringInput,
): Promise<RecordedMonitoring> {
  const parsed = recordMonitoringInput.parse(input);
  const { tx, now } = deps;
  const c = await caseFor(tx, actor, parsed.caseId, "case.monitor", "monitor");
  const stage = stageOf(c.status)!;
  const plan = currentPlan(c, PLAN_OF_STAGE[stage]);
  if (!plan) throw noPlan();
  if (!(DECISIONS_OF_STAGE[stage] as readonly string[]).includes(parsed.decision))
    throw notForStage("decision");
  const keys = new Set(plan.actions.map((a) => a.actionKey));
  const unknown = parsed.progress.find((p) => !keys.has(p.actionKey));
  if (unknown)
    throw invalidCaseInput(`progress: action ${unknown.actionKey} is not in the current plan`, "progress");
  const progress = parsed.onTrack ? [] : parsed.progress;

  const effect = effectOf(parsed.decision);
  if (effect.type === "close") await requireAssessmentFor(tx, c.id, effect.reason);
  await changeCase(
    tx,
    c,
    effect.type === "close"
      ? { status: "closed", closedAt: now, closeReason: effect.reason }
      : effect.type === "to_accompaniment"
        ? { status: "accompaniment", accompanimentAt: now }
        : {},
  );
  const number = c.monitorings.filter((m) => m.stage === stage).length + 1;
  const by = actorId(actor);
  const entry = await tx.caseMonitoring.create({
    data: {
      caseId: c.id,
      stage,
      number,
      recordedAt: now,
      recordedById: by,
      progress: { onTrack: parsed.onTrack, actions: progress },
      planCorrected: parsed.planCorrected,
      decision: parsed.decision,
      note: parsed.note ?? null,
    },
  });
  for (const p of progress) {
    await tx.casePlanAction.updateMany({
      where: { planId: plan.id, actionKey: p.actionKey },
      data: { status: p.status, statusAt: now },
    });
  }
  await appendCaseEvent(tx, c.id, "monitoring_recorded", by, now, {
    monitoringId: entry.id,
    stage,
    number,
    decision: parsed.decision,
    planCorrected: parsed.planCorrected,
  });
  await writeAudit(tx, {
    actor,
    action: "case.monitoring_recorded",
    subjectType: "case",
    subjectId: c.id,
    serviceId: c.serviceId,
    details: { monitoringId: entry.id, stage, number, decision: parsed.decision },
    at: now,
  });
  await deps.notifier.notify({
    type: "case.monitoring_recorded",
    caseId: c.id,
    monitoringId: entry.id,
    byStaffId: by,
  });
  if (effect.type === "close") await writeClosure(deps, actor, c, effect.reason);
  if (effect.type === "to_accompaniment") await writeAccompaniment(deps, actor, c);
  await afterChange(deps, c.id);
  const status: CaseStatus =
    effect.type === "close" ? "closed" : effect.type === "to_accompaniment" ? "accompaniment" : c.status;
  return {
    id: entry.id,
    number,
    caseNumber: c.number,
    status,
    correctPlan: parsed.planCorrected && effect.type === "continue",
  };
}
