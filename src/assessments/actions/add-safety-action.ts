/**
 * One action of the safety plan: what is done, by which day, who is responsible and how it is
 * monitored. Its day is reminded in the morning and, if not marked done, reported as overdue when
 * the day ends (to the specialist and the heads).
 */
import { z } from "zod";
import type { Actor } from "../../access/policy.ts";
import { localDate } from "../../platform/flow/input.ts";
import { MAX_DAYS_AHEAD, overdueAt, reminderAt, resolveDeadline } from "../domain/deadline.ts";
import { PLAN_ACTION_DUE } from "../jobs/types.ts";
import type { AssessmentView } from "../queries/assessment-view.ts";
import type { AssessmentDeps } from "./deps.ts";
import { conflict, unprocessable } from "./refusals.ts";
import { applyChange, loadFor } from "./step.ts";

export const addSafetyActionInput = z.object({
  assessmentId: z.uuid(),
  action: z.string().trim().min(5).max(500),
  /** A day ("YYYY-MM-DD"), or as typed in the dialogue ("+1", "25.11"): resolved in the service's zone. */
  due: z.string().trim().min(1).max(20),
  responsible: z.string().trim().min(1).max(200),
  monitoring: z.string().trim().min(5).max(500),
});
export type AddSafetyActionInput = z.infer<typeof addSafetyActionInput>;

/** Adds the action; returns it and the assessment as it is now. */
export async function addSafetyAction(
  deps: AssessmentDeps,
  actor: Actor,
  input: AddSafetyActionInput,
): Promise<{ assessment: AssessmentView; actionId: string; position: number }> {
  const parsed = addSafetyActionInput.parse(input);
  const { tx, now } = deps;
  const assessment = await loadFor(deps, actor, parsed.assessmentId, "assessment.conduct", "safety_plan");
  if (!assessment.planKind)
    throw conflict("assessment.plan_kind_first", "plan_kind_first", "choose the plan's form first");
  const zone = assessment.service.timeZone;
  const due = resolveDeadline(parsed.due, localDate(now, zone));
  if (!due.ok) {
    const key = {
      invalid: "assessment.due_invalid",
      past: "assessment.due_past",
      too_far: "assessment.due_too_far",
    };
    throw unprocessable(
      key[due.reason],
      `due_${due.reason}`,
      `the deadline is ${due.reason.replace("_", " ")}`,
      {
        days: MAX_DAYS_AHEAD,
      },
    );
  }
  const last = await tx.safetyPlanAction.aggregate({
    where: { assessmentId: assessment.id },
    _max: { position: true },
  });
  const position = (last._max.position ?? 0) + 1;
  const created = await tx.safetyPlanAction.create({
    data: {
      assessmentId: assessment.id,
      position,
      actionText: parsed.action,
      dueDate: new Date(`${due.date}T00:00:00Z`),
      responsible: parsed.responsible,
      monitoring: parsed.monitoring,
      createdAt: now,
    },
    select: { id: true },
  });
  const updated = await applyChange(deps, actor, assessment, {
    data: {},
    event: "plan_action_added",
    eventData: { actionId: created.id, position, dueDate: due.date },
    audit: { actionId: created.id },
  });
  const remindAt = reminderAt(due.date, zone);
  if (remindAt > now) {
    await deps.jobs.schedule(
      PLAN_ACTION_DUE,
      { actionId: created.id, kind: "reminder", dueDate: due.date },
      remindAt,
    );
  }
  await deps.jobs.schedule(
    PLAN_ACTION_DUE,
    { actionId: created.id, kind: "overdue", dueDate: due.date },
    overdueAt(due.date, zone),
  );
  return { assessment: updated, actionId: created.id, position };
}
