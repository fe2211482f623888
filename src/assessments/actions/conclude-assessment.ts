/**
 * The conclusion (Appendix 3, "Варианты рекомендаций"): one of the four; (2) with the services
 * recommended. Conclusions 3 and 4 mean a case is opened:
 *
 * - started from a case: the conclusion is recorded in that case;
 * - started from a signal that meanwhile got a case: recorded in that case;
 * - started from a signal without a case: the signal is decided as the visit outcome decides it
 *   (its `outcome` and `case_opened` events, status "case_opened") and the case is opened by the
 *   cases' own action (src/cases/actions/open-case.ts). The signal must be at "arrived".
 *
 * The assessment is then completed; the hand-over to the guardianship authority is next.
 *
 * Conclusions 1 and 2 leave a signal as it is: on a newborn signal the visit outcome decides it.
 * Extension point: once signals of their own kind "a threat to a child's life or health" exist,
 * conclusion 1 on such a signal should close it as not confirmed and 2 register its result here.
 */
import { z } from "zod";
import type { Actor } from "../../access/policy.ts";
import { openCase, type OpenedCase } from "../../cases/actions/open-case.ts";
import { writeAudit } from "../../platform/audit.ts";
import { can as canSignal } from "../../signals/domain/lifecycle.ts";
import { signalNumber } from "../../signals/domain/numbers.ts";
import { appendEvent as appendSignalEvent } from "../../signals/events.ts";
import { loadSignal } from "../../signals/queries/signal-view.ts";
import type { Conclusion } from "../domain/checklist.ts";
import { conclusionOpensCase } from "../domain/rules.ts";
import type { AssessmentView } from "../queries/assessment-view.ts";
import type { AssessmentDeps } from "./deps.ts";
import { changedMeanwhile, conflict, unprocessable } from "./refusals.ts";
import { actorId, applyChange, loadFor } from "./step.ts";

export const concludeAssessmentInput = z.object({
  assessmentId: z.uuid(),
  conclusion: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]),
  services: z.string().trim().min(5).max(1000).nullable(),
});
export type ConcludeAssessmentInput = z.infer<typeof concludeAssessmentInput>;

/** The concluded assessment, and the case it opened (when it opened one). */
export interface ConcludeResult {
  assessment: AssessmentView;
  opened: OpenedCase | null;
}

/** Records the conclusion (opening a case for 3 and 4 when there is none). */
export async function concludeAssessment(
  deps: AssessmentDeps,
  actor: Actor,
  input: ConcludeAssessmentInput,
): Promise<ConcludeResult> {
  const parsed = concludeAssessmentInput.parse(input);
  const conclusion: Conclusion = parsed.conclusion;
  const assessment = await loadFor(deps, actor, parsed.assessmentId, "assessment.conduct", "conclude");
  if (conclusion === 2 && !parsed.services) {
    throw unprocessable(
      "assessment.services_required",
      "services_required",
      "conclusion 2 names the services",
    );
  }
  let caseId = assessment.caseId;
  let opened: OpenedCase | null = null;
  if (conclusionOpensCase(conclusion) && !caseId) {
    const decided = await caseOfSignal(deps, actor, assessment, conclusion);
    caseId = decided.caseId;
    opened = decided.opened;
  }
  const concluded = await applyChange(deps, actor, assessment, {
    data: {
      conclusion,
      recommendedServices: conclusion === 2 ? parsed.services : null,
      caseId,
      caseOpened: opened !== null,
      concludedAt: deps.now,
      status: "completed",
      stage: "handover",
    },
    event: "concluded",
    eventData: { conclusion, caseId, caseOpened: opened !== null },
    audit: { conclusion },
  });
  await deps.notifier.notify({ type: "assessment.concluded", assessmentId: concluded.id });
  return { assessment: concluded, opened };
}

/** The case of the assessment's signal: the one it has, or one opened now by deciding the signal. */
async function caseOfSignal(
  deps: AssessmentDeps,
  actor: Actor,
  assessment: AssessmentView,
  conclusion: Conclusion,
): Promise<{ caseId: string; opened: OpenedCase | null }> {
  const { tx, now } = deps;
  const signal = await loadSignal(tx, assessment.signalId!);
  if (!signal) throw new Error("an assessment's signal is gone");
  if (signal.case) return { caseId: signal.case.id, opened: null };
  const number = signalNumber(signal);
  if (signal.status === "not_confirmed") {
    throw conflict("assessment.signal_closed", "signal_closed", "the signal is closed as not confirmed", {
      number,
    });
  }
  if (!canSignal(signal.status, "decide")) {
    throw conflict(
      "assessment.signal_not_arrived",
      "signal_not_arrived",
      "the curator's arrival is not recorded",
      {
        number,
      },
    );
  }
  const outcome = { decision: "open_case", source: "assessment", assessmentId: assessment.id, conclusion };
  const updated = await tx.signal.updateMany({
    where: { id: signal.id, version: signal.version },
    data: { outcome, decidedAt: now, status: "case_opened", version: { increment: 1 } },
  });
  if (updated.count === 0) throw changedMeanwhile();
  const by = actorId(actor);
  await appendSignalEvent(tx, signal.id, "outcome", by, now, outcome);
  await writeAudit(tx, {
    actor,
    action: "signal.outcome_recorded",
    subjectType: "signal",
    subjectId: signal.id,
    serviceId: signal.serviceId,
    details: { decision: "open_case", assessmentId: assessment.id },
    at: now,
  });
  const opened = await openCase(deps, actor, {
    signal,
    curatorId: signal.curatorId!,
    serviceTimeZone: signal.service.timeZone,
  });
  await appendSignalEvent(tx, signal.id, "case_opened", by, now, {
    caseId: opened.id,
    caseNumber: opened.number,
  });
  await deps.notifier.notify({
    type: "signal.decided",
    signalId: signal.id,
    curatorId: signal.curatorId!,
    decision: "case_opened",
    caseNumber: opened.number,
  });
  return { caseId: opened.id, opened };
}
