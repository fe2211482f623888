/**
 * The visit outcome: stored on the signal (the signal sheet's first part) and journaled; then
 * either a case is opened (numbered per service per year) or the signal is closed as not
 * confirmed, with the reason.
 */
import { z } from "zod";
import { authorize, type Actor } from "../../access/policy.ts";
import { openCase } from "../../cases/actions/open-case.ts";
import { writeAudit } from "../../platform/audit.ts";
import { can } from "../domain/lifecycle.ts";
import { appendEvent } from "../events.ts";
import { loadSignal, type SignalView } from "../queries/signal-view.ts";
import type { SignalDeps } from "./deps.ts";
import { changedMeanwhile, signalNotFound, wrongState } from "./refusals.ts";

const multi = z.object({ values: z.array(z.string()), texts: z.record(z.string(), z.string()) });

/** The outcome, as the outcome dialogue (or any other channel) gives it; checked again here. */
export const visitOutcome = z.object({
  met: z.enum(["met", "left_hospital", "refused_meeting"]),
  address_visit: z.enum(["met_at_address", "not_found"]).optional(),
  intention: z.enum(["confirmed", "will_take", "relatives_take", "undecided"]).optional(),
  reasons: multi.optional(),
  potential: z.string().max(1000).optional(),
  decision: z.enum(["open_case", "not_confirmed"]),
  close_reason: z.string().max(500).optional(),
});
export type VisitOutcome = z.infer<typeof visitOutcome>;

export const recordOutcomeInput = z.object({ signalId: z.uuid(), outcome: visitOutcome });
export type RecordOutcomeInput = z.infer<typeof recordOutcomeInput>;

/** What the visit ended in. */
export interface RecordOutcomeResult {
  signal: SignalView;
  /** The opened case, when the decision was to open one. */
  case: { id: string; number: string; curatorOpenCases: number } | null;
}

/** Records the outcome of the curator's visit and decides the signal. */
export async function recordOutcome(
  deps: SignalDeps,
  actor: Actor,
  input: RecordOutcomeInput,
): Promise<RecordOutcomeResult> {
  const { signalId, outcome } = recordOutcomeInput.parse(input);
  const { tx, now } = deps;
  const signal = await loadSignal(tx, signalId);
  if (!signal) throw signalNotFound();
  authorize(actor, "signal.record_outcome", signal);
  if (!can(signal.status, "decide")) throw wrongState(signal.status);
  const opening = outcome.decision === "open_case";
  const updated = await tx.signal.updateMany({
    where: { id: signal.id, version: signal.version },
    data: {
      outcome,
      decidedAt: now,
      status: opening ? "case_opened" : "not_confirmed",
      version: { increment: 1 },
    },
  });
  if (updated.count === 0) throw changedMeanwhile();
  const actorId = actor.kind === "staff" ? actor.id : null;
  await appendEvent(tx, signal.id, "outcome", actorId, now, outcome);
  await writeAudit(tx, {
    actor,
    action: "signal.outcome_recorded",
    subjectType: "signal",
    subjectId: signal.id,
    serviceId: signal.serviceId,
    details: { decision: outcome.decision },
    at: now,
  });

  let opened: RecordOutcomeResult["case"] = null;
  if (opening) {
    opened = await openCase(deps, actor, {
      signal,
      curatorId: signal.curatorId!,
      serviceTimeZone: signal.service.timeZone,
    });
    await appendEvent(tx, signal.id, "case_opened", actorId, now, {
      caseId: opened.id,
      caseNumber: opened.number,
    });
  } else {
    await appendEvent(tx, signal.id, "closed", actorId, now, {
      reason: "not_confirmed",
      text: outcome.close_reason ?? null,
    });
  }
  await deps.notifier.notify({
    type: "signal.decided",
    signalId: signal.id,
    curatorId: signal.curatorId!,
    decision: opening ? "case_opened" : "not_confirmed",
    caseNumber: opened?.number ?? null,
  });
  return { signal: (await loadSignal(tx, signal.id))!, case: opened };
}
