/**
 * The assessments' timers on pg-boss: a step past its norm (reported to the heads and the
 * specialist once), and a safety-plan action's day (a morning reminder to the specialist; overdue
 * at the day's end, to the specialist and the heads). Each handler re-checks the record when it
 * runs and does nothing when the moment has passed (the step done, the deadline moved, the action
 * done or removed, the assessment cancelled), and records what it told as an event so a retried
 * job tells once.
 */
import type { z } from "zod";
import { handleJob, type JobDefinition } from "../../platform/jobs/queue.ts";
import { runActions, type ActionRunnerDeps } from "../../platform/run-actions.ts";
import { appendEvent, hasEvent } from "../events.ts";
import { loadAssessment } from "../queries/assessment-view.ts";
import { HANDOVER_ACK_REMINDER_HOURS } from "../domain/time-norms.ts";
import { HANDOVER_ACK, PLAN_ACTION_DUE, STEP_DUE } from "./types.ts";

/** What the handlers need: the action runner. */
export type AssessmentJobDeps = ActionRunnerDeps<unknown>;

/** Reports an overdue step once, if it is still the one due at that moment. */
export async function checkStepDue(
  deps: AssessmentJobDeps,
  payload: z.infer<typeof STEP_DUE.payload>,
): Promise<void> {
  await runActions(deps, async ({ tx, now, notifier }) => {
    const assessment = await loadAssessment(tx, payload.assessmentId);
    if (!assessment || assessment.status === "cancelled") return;
    if (assessment.dueStep !== payload.step || assessment.dueAt?.toISOString() !== payload.dueAt) return;
    const data = { step: payload.step, dueAt: payload.dueAt };
    if (await hasEvent(tx, assessment.id, "step_overdue", data)) return;
    await appendEvent(tx, assessment.id, "step_overdue", null, now, data);
    await notifier.notify({ type: "assessment.step_overdue", assessmentId: assessment.id, ...data });
  });
}

/** Reminds of a safety-plan action on its day, or reports it overdue when the day has ended. */
export async function checkPlanAction(
  deps: AssessmentJobDeps,
  payload: z.infer<typeof PLAN_ACTION_DUE.payload>,
): Promise<void> {
  await runActions(deps, async ({ tx, now, notifier }) => {
    const action = await tx.safetyPlanAction.findUnique({
      where: { id: payload.actionId },
      select: {
        id: true,
        assessmentId: true,
        dueDate: true,
        doneAt: true,
        removedAt: true,
        assessment: { select: { status: true } },
      },
    });
    if (!action || action.doneAt || action.removedAt || action.assessment.status === "cancelled") return;
    if (action.dueDate.toISOString().slice(0, 10) !== payload.dueDate) return;
    const type = payload.kind === "reminder" ? "plan_action_reminded" : "plan_action_overdue";
    const data = { actionId: action.id, dueDate: payload.dueDate };
    if (await hasEvent(tx, action.assessmentId, type, data)) return;
    await appendEvent(tx, action.assessmentId, type, null, now, data);
    await notifier.notify({
      type: payload.kind === "reminder" ? "assessment.plan_action_due" : "assessment.plan_action_overdue",
      actionId: action.id,
    });
  });
}

/**
 * Reminds the specialist and the heads that the authority's receipt is not confirmed yet, and
 * queues the next reminder; nothing once it is recorded (or the assessment is cancelled).
 */
export async function remindHandoverAck(
  deps: AssessmentJobDeps,
  payload: z.infer<typeof HANDOVER_ACK.payload>,
): Promise<void> {
  await runActions(deps, async ({ tx, now, notifier, jobs }) => {
    const assessment = await loadAssessment(tx, payload.assessmentId);
    if (!assessment || assessment.status === "cancelled") return;
    if (!assessment.handedOverAt || assessment.acknowledgedAt) return;
    const data = { n: payload.n };
    if (await hasEvent(tx, assessment.id, "handover_ack_reminded", data)) return;
    await appendEvent(tx, assessment.id, "handover_ack_reminded", null, now, data);
    await notifier.notify({
      type: "assessment.handover_ack_reminder",
      assessmentId: assessment.id,
      n: payload.n,
    });
    const next = new Date(now.getTime() + HANDOVER_ACK_REMINDER_HOURS * 3_600_000);
    await jobs.schedule(HANDOVER_ACK, { assessmentId: assessment.id, n: payload.n + 1 }, next);
  });
}

/** The job definitions. */
export function assessmentJobs(deps: AssessmentJobDeps): JobDefinition[] {
  return [
    handleJob(STEP_DUE, (p) => checkStepDue(deps, p)),
    handleJob(PLAN_ACTION_DUE, (p) => checkPlanAction(deps, p)),
    handleJob(HANDOVER_ACK, (p) => remindHandoverAck(deps, p)),
  ];
}
