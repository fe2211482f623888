/**
 * What every assessment action shares: load the assessment, ask the access policy, check the
 * stage; then write the change with optimistic concurrency (the row's `version`), its event and
 * audit row, and keep the next deadline (`dueStep`, `dueAt`) and its job in step with the record.
 */
import { authorize, type Actor, type Permission } from "../../access/policy.ts";
import { writeAudit } from "../../platform/audit.ts";
import type { Prisma } from "../../generated/prisma/client.ts";
import type { Json } from "../../platform/flow/types.ts";
import type { AssessmentEventData, AssessmentEventType } from "../domain/events.ts";
import { canDo, type AssessmentStep } from "../domain/rules.ts";
import { nextDue } from "../domain/time-norms.ts";
import { appendEvent } from "../events.ts";
import { STEP_DUE } from "../jobs/types.ts";
import {
  assessmentSubject,
  loadAssessment,
  momentsOf,
  type AssessmentView,
} from "../queries/assessment-view.ts";
import type { AssessmentDeps } from "./deps.ts";
import { assessmentNotFound, cancelled, changedMeanwhile, wrongStage } from "./refusals.ts";

/** The actor's staff id, or null for the system. */
export function actorId(actor: Actor): string | null {
  return actor.kind === "staff" ? actor.id : null;
}

/**
 * The assessment, after the policy allowed `permission` on it and (unless `step` is null) its
 * stage allows `step`.
 */
export async function loadFor(
  deps: Pick<AssessmentDeps, "tx">,
  actor: Actor,
  assessmentId: string,
  permission: Permission,
  step: AssessmentStep | null,
): Promise<AssessmentView> {
  const assessment = await loadAssessment(deps.tx, assessmentId);
  if (!assessment) throw assessmentNotFound();
  authorize(actor, permission, assessmentSubject(assessment));
  if (step === null) return assessment;
  if (assessment.status === "cancelled") throw cancelled();
  if (!canDo(assessment.stage, step)) throw wrongStage(assessment.stage);
  return assessment;
}

/** One change of an assessment: the columns, the event, the audit action. */
export interface Change<T extends AssessmentEventType> {
  data: Prisma.AssessmentUncheckedUpdateManyInput;
  event: T;
  eventData: AssessmentEventData<T>;
  /** Audit details: ids, codes and counts only. */
  audit?: Record<string, Json>;
}

/**
 * Writes a change if nobody changed the assessment since it was read (else `changed_meanwhile`),
 * with its event and audit row; then brings the next deadline up to date. Returns it as it is now.
 */
export async function applyChange<T extends AssessmentEventType>(
  deps: AssessmentDeps,
  actor: Actor,
  assessment: AssessmentView,
  change: Change<T>,
): Promise<AssessmentView> {
  const { tx, now } = deps;
  const updated = await tx.assessment.updateMany({
    where: { id: assessment.id, version: assessment.version },
    data: { ...change.data, version: { increment: 1 } },
  });
  if (updated.count === 0) throw changedMeanwhile();
  await appendEvent(tx, assessment.id, change.event, actorId(actor), now, change.eventData);
  await writeAudit(tx, {
    actor,
    action: `assessment.${change.event}`,
    subjectType: "assessment",
    subjectId: assessment.id,
    serviceId: assessment.serviceId,
    ...(change.audit ? { details: change.audit } : {}),
    at: now,
  });
  return syncDue(deps, (await loadAssessment(tx, assessment.id))!);
}

/**
 * Stores the step due next (none once finished or cancelled) and queues its check; the check
 * does nothing when the stored deadline has changed by the time it runs.
 */
export async function syncDue(deps: AssessmentDeps, assessment: AssessmentView): Promise<AssessmentView> {
  const due = assessment.status === "cancelled" ? null : nextDue(momentsOf(assessment));
  const same =
    (due?.step ?? null) === assessment.dueStep &&
    (due?.at.getTime() ?? null) === (assessment.dueAt?.getTime() ?? null);
  if (same) return assessment;
  await deps.tx.assessment.update({
    where: { id: assessment.id },
    data: { dueStep: due?.step ?? null, dueAt: due?.at ?? null },
  });
  if (due) {
    await deps.jobs.schedule(
      STEP_DUE,
      { assessmentId: assessment.id, step: due.step, dueAt: due.at.toISOString() },
      due.at,
    );
  }
  return (await loadAssessment(deps.tx, assessment.id))!;
}
