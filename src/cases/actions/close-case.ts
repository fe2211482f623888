/**
 * Ending stage 3 or accompaniment: closing with a reason of the stage (stage 3: (a) she did not
 * change her decision, (b) she changed it and the problems are removed; accompaniment: (a) the plan
 * is done, (b) the family does not keep its commitments, (c) the family acts against the child's
 * interests), or moving from stage 3 to accompaniment. The curator or a head decides; when two
 * decide at once, one wins and the other is told who did.
 */
import { z } from "zod";
import type { Actor } from "../../access/policy.ts";
import { writeAudit } from "../../platform/audit.ts";
import { ALL_CLOSE_REASONS, closesStage, stageOf, type CaseCloseReason } from "../domain/case.ts";
import { appendCaseEvent } from "../events.ts";
import type { CaseView } from "../queries/case-view.ts";
import { actorId, afterChange, caseFor, changeCase } from "./change.ts";
import { requireAssessmentFor } from "./assessment-required.ts";
import type { CaseDeps } from "./deps.ts";
import { caseChangedMeanwhile, notForStage } from "./refusals.ts";

export const closeCaseInput = z.object({
  caseId: z.uuid(),
  reason: z.enum(ALL_CLOSE_REASONS as [CaseCloseReason, ...CaseCloseReason[]]),
  /** The version the person saw (a confirmation button carries it): refused when the case changed since. */
  version: z.number().int().min(0).optional(),
});
export type CloseCaseInput = z.infer<typeof closeCaseInput>;

/** Writes a closure of `c` (already checked) with its event, audit row and notice. */
export async function writeClosure(
  deps: CaseDeps,
  actor: Actor,
  c: CaseView,
  reason: CaseCloseReason,
): Promise<void> {
  const { tx, now } = deps;
  const by = actorId(actor);
  await appendCaseEvent(tx, c.id, "closed", by, now, { reason });
  await writeAudit(tx, {
    actor,
    action: "case.closed",
    subjectType: "case",
    subjectId: c.id,
    serviceId: c.serviceId,
    details: { reason },
    at: now,
  });
  await deps.notifier.notify({ type: "case.closed", caseId: c.id, reason, byStaffId: by });
}

/** Writes a move of `c` (already checked) to accompaniment with its event, audit row and notice. */
export async function writeAccompaniment(deps: CaseDeps, actor: Actor, c: CaseView): Promise<void> {
  const { tx, now } = deps;
  const by = actorId(actor);
  await appendCaseEvent(tx, c.id, "moved_to_accompaniment", by, now, {});
  await writeAudit(tx, {
    actor,
    action: "case.moved_to_accompaniment",
    subjectType: "case",
    subjectId: c.id,
    serviceId: c.serviceId,
    at: now,
  });
  await deps.notifier.notify({ type: "case.accompaniment", caseId: c.id, byStaffId: by });
}

/** Closes a case with a reason of its stage. */
export async function closeCase(
  deps: CaseDeps,
  actor: Actor,
  input: CloseCaseInput,
): Promise<{ number: string }> {
  const { caseId, reason, version } = closeCaseInput.parse(input);
  const c = await caseFor(deps.tx, actor, caseId, "case.close", "close");
  if (!closesStage(reason, stageOf(c.status)!)) throw notForStage("reason");
  if (version !== undefined && version !== c.version) throw caseChangedMeanwhile();
  await requireAssessmentFor(deps.tx, c.id, reason);
  await changeCase(deps.tx, c, { status: "closed", closedAt: deps.now, closeReason: reason });
  await writeClosure(deps, actor, c, reason);
  await afterChange(deps, c.id);
  return { number: c.number };
}

export const moveToAccompanimentInput = z.object({
  caseId: z.uuid(),
  version: z.number().int().min(0).optional(),
});

/** Moves a stage-3 case to accompaniment (she changed her decision, the problems remain). */
export async function moveToAccompaniment(
  deps: CaseDeps,
  actor: Actor,
  input: z.infer<typeof moveToAccompanimentInput>,
): Promise<{ number: string }> {
  const { caseId, version } = moveToAccompanimentInput.parse(input);
  const c = await caseFor(deps.tx, actor, caseId, "case.close", "to_accompaniment");
  if (version !== undefined && version !== c.version) throw caseChangedMeanwhile();
  await changeCase(deps.tx, c, { status: "accompaniment", accompanimentAt: deps.now });
  await writeAccompaniment(deps, actor, c);
  await afterChange(deps, c.id);
  return { number: c.number };
}
