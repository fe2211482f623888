/**
 * Making a plan, or correcting it (a new version; earlier versions stay as they were): stage 3's
 * plan for changing the decision, or accompaniment's long-term rehabilitation plan. Actions keep
 * their identity (`key`) and status across versions, so reminders already sent for an unchanged
 * deadline are not sent again. A long-term plan's copy for the mother is made as a PDF and sent to
 * the curator, who passes it on.
 */
import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { Actor } from "../../access/policy.ts";
import { writeAudit } from "../../platform/audit.ts";
import { localDate } from "../../platform/flow/input.ts";
import { PLAN_OF_STAGE, stageOf } from "../domain/case.ts";
import { MAX_PLAN_ACTIONS, PLAN_CONTENT, planActionInput, ACTION_HORIZON_DAYS } from "../domain/plans.ts";
import { plusDays } from "../domain/schedule.ts";
import { appendCaseEvent } from "../events.ts";
import { PLAN_COPY } from "../jobs/types.ts";
import { currentPlan } from "../queries/case-view.ts";
import { actorId, afterChange, caseFor, changeCase } from "./change.ts";
import type { CaseDeps } from "./deps.ts";
import { invalidCaseInput, notForStage } from "./refusals.ts";

export const makePlanInput = z.object({
  caseId: z.uuid(),
  kind: z.enum(["decision_change", "rehabilitation"]),
  content: z.record(z.string(), z.unknown()),
  actions: z.array(planActionInput).min(1).max(MAX_PLAN_ACTIONS),
  /** The monitoring entry that asked for this correction. */
  monitoringId: z.uuid().nullable().optional(),
});
export type MakePlanInput = z.infer<typeof makePlanInput>;

/** The plan version made. */
export interface MadePlan {
  id: string;
  version: number;
  caseNumber: string;
}

/** Makes (or corrects) the plan of the case's current stage. */
export async function makePlan(deps: CaseDeps, actor: Actor, input: MakePlanInput): Promise<MadePlan> {
  const parsed = makePlanInput.parse(input);
  const { tx, now } = deps;
  const c = await caseFor(tx, actor, parsed.caseId, "case.plan", "make_plan");
  const stage = stageOf(c.status)!;
  if (PLAN_OF_STAGE[stage] !== parsed.kind) throw notForStage("kind");
  const content = PLAN_CONTENT[parsed.kind].safeParse(parsed.content);
  if (!content.success)
    throw invalidCaseInput(`content: ${content.error.issues[0]?.message ?? "invalid"}`, "content");

  const previous = currentPlan(c, parsed.kind);
  const earlier = new Map((previous?.actions ?? []).map((a) => [a.actionKey, a]));
  const today = localDate(now, c.service.timeZone);
  const horizon = plusDays(today, ACTION_HORIZON_DAYS[parsed.kind]);
  const seen = new Set<string>();
  const actions = parsed.actions.map((a, position) => {
    const kept = a.key && !seen.has(a.key) ? earlier.get(a.key) : undefined;
    const key = kept ? a.key! : randomUUID();
    seen.add(key);
    // A kept action may keep a deadline that has passed; a new one may not be set in the past.
    const keptDate = kept?.dueDate.toISOString().slice(0, 10);
    if ((a.dueDate < today && a.dueDate !== keptDate) || a.dueDate > horizon)
      throw invalidCaseInput(`actions.${position}.dueDate: from ${today} to ${horizon}`, "dueDate");
    if (a.responsible === "organisation" && !a.organisation)
      throw invalidCaseInput(`actions.${position}.organisation: name the organisation`, "organisation");
    return {
      position,
      actionKey: key,
      what: a.what,
      responsible: a.responsible,
      organisation: a.responsible === "organisation" ? (a.organisation ?? null) : null,
      dueDate: new Date(`${a.dueDate}T00:00:00Z`),
      status: kept?.status ?? "planned",
      statusAt: kept?.statusAt ?? null,
    };
  });

  await changeCase(tx, c, {});
  const version = (previous?.version ?? 0) + 1;
  const by = actorId(actor);
  const plan = await tx.casePlan.create({
    data: {
      caseId: c.id,
      kind: parsed.kind,
      version,
      content: content.data,
      createdAt: now,
      createdById: by,
      monitoringId: parsed.monitoringId ?? null,
      actions: { create: actions },
    },
  });
  if (version === 1) {
    await appendCaseEvent(tx, c.id, "plan_made", by, now, { planId: plan.id, kind: parsed.kind, version });
  } else {
    await appendCaseEvent(tx, c.id, "plan_corrected", by, now, {
      planId: plan.id,
      kind: parsed.kind,
      version,
      monitoringId: parsed.monitoringId ?? null,
    });
  }
  await writeAudit(tx, {
    actor,
    action: version === 1 ? "case.plan_made" : "case.plan_corrected",
    subjectType: "case",
    subjectId: c.id,
    serviceId: c.serviceId,
    details: { planId: plan.id, kind: parsed.kind, version, actions: actions.length },
    at: now,
  });
  await deps.notifier.notify({
    type: "case.plan_made",
    caseId: c.id,
    planId: plan.id,
    kind: parsed.kind,
    version,
    byStaffId: by,
  });
  if (parsed.kind === "rehabilitation" && by) {
    await appendCaseEvent(tx, c.id, "plan_copy_sent", by, now, { planId: plan.id });
    await deps.jobs.schedule(PLAN_COPY, { planId: plan.id, toStaffId: by });
  }
  await afterChange(deps, c.id);
  return { id: plan.id, version, caseNumber: c.number };
}
