/**
 * Starts a child safety and risk assessment on a case, or on a signal the curator is on (a signal
 * that already has a case starts it on the case). One assessment at a time per case or signal:
 * starting again returns the one in progress.
 */
import { z } from "zod";
import { authorize, type Actor } from "../../access/policy.ts";
import { writeAudit } from "../../platform/audit.ts";
import { DomainError } from "../../platform/errors.ts";
import { nextNumber } from "../../platform/numbering.ts";
import { OPEN_CASE_STATUSES } from "../../cases/domain/case.ts";
import { journalYear } from "../../signals/domain/lifecycle.ts";
import { signalNumber } from "../../signals/domain/numbers.ts";
import { CHECKLIST_VERSION } from "../domain/checklist.ts";
import { appendEvent } from "../events.ts";
import { loadAssessment, type AssessmentView } from "../queries/assessment-view.ts";
import { caseSubject, loadCaseForAssessment, loadSignalForAssessment } from "../queries/subjects.ts";
import type { AssessmentDeps } from "./deps.ts";
import { conflict } from "./refusals.ts";
import { actorId } from "./step.ts";

export const startAssessmentInput = z.union([
  z.strictObject({ caseId: z.uuid() }),
  z.strictObject({ signalId: z.uuid() }),
]);
export type StartAssessmentInput = z.infer<typeof startAssessmentInput>;

/** Signal statuses in which its curator is on it (accepted, on the way, arrived). */
const ACTIVE_SIGNAL_STATUSES = ["accepted", "on_the_way", "arrived"];

/** The assessment started (or the one already in progress). */
export interface StartAssessmentResult {
  assessment: AssessmentView;
  created: boolean;
}

function notFound(what: string): DomainError {
  return new DomainError("not_found", "errors.not_found", { message: `no such ${what}` });
}

/** Starts an assessment; returns it (and whether it is new). */
export async function startAssessment(
  deps: AssessmentDeps,
  actor: Actor,
  input: StartAssessmentInput,
): Promise<StartAssessmentResult> {
  const parsed = startAssessmentInput.parse(input);
  const { tx } = deps;
  if ("caseId" in parsed) return startOnCase(deps, actor, parsed.caseId);
  const signal = await loadSignalForAssessment(tx, parsed.signalId);
  if (!signal) throw notFound("signal");
  authorize(actor, "assessment.start", signal);
  if (signal.case) return startOnCase(deps, actor, signal.case.id);
  const number = signalNumber(signal);
  if (signal.category === "pregnant_intends") {
    throw conflict("assessment.no_child_yet", "no_child_yet", "the signal is about a pregnancy", { number });
  }
  if (!ACTIVE_SIGNAL_STATUSES.includes(signal.status)) {
    throw conflict("assessment.signal_not_active", "signal_not_active", "the curator is not on the signal", {
      number,
    });
  }
  // Serialises concurrent starts on this signal until commit (a double press starts one).
  await tx.$queryRaw`SELECT id FROM signals WHERE id = ${signal.id}::uuid FOR UPDATE`;
  const open = await tx.assessment.findFirst({
    where: { signalId: signal.id, status: "in_progress" },
    select: { id: true },
  });
  if (open) return { assessment: (await loadAssessment(tx, open.id))!, created: false };
  return create(deps, actor, {
    serviceId: signal.serviceId,
    timeZone: signal.service.timeZone,
    origin: "signal",
    caseId: null,
    signalId: signal.id,
  });
}

async function startOnCase(
  deps: AssessmentDeps,
  actor: Actor,
  caseId: string,
): Promise<StartAssessmentResult> {
  const { tx } = deps;
  const found = await loadCaseForAssessment(tx, caseId);
  if (!found) throw notFound("case");
  authorize(actor, "assessment.start", await caseSubject(tx, found));
  if (!(OPEN_CASE_STATUSES as readonly string[]).includes(found.status)) {
    throw conflict("assessment.case_not_open", "case_not_open", "the case is closed", {
      number: found.number,
    });
  }
  // Serialises concurrent starts on this case until commit (a double press starts one).
  await tx.$queryRaw`SELECT id FROM cases WHERE id = ${found.id}::uuid FOR UPDATE`;
  const open = await tx.assessment.findFirst({
    where: { status: "in_progress", OR: [{ caseId: found.id }, { signalId: found.signalId }] },
    select: { id: true },
  });
  if (open) return { assessment: (await loadAssessment(tx, open.id))!, created: false };
  return create(deps, actor, {
    serviceId: found.serviceId,
    timeZone: found.service.timeZone,
    origin: "case",
    caseId: found.id,
    signalId: found.signalId,
  });
}

async function create(
  deps: AssessmentDeps,
  actor: Actor,
  on: {
    serviceId: string;
    timeZone: string;
    origin: "case" | "signal";
    caseId: string | null;
    signalId: string;
  },
): Promise<StartAssessmentResult> {
  const { tx, now } = deps;
  if (actor.kind !== "staff") throw new Error("an assessment is conducted by a staff member");
  const year = journalYear(now, on.timeZone);
  const seq = await nextNumber(tx, "assessment", on.serviceId, year);
  const created = await tx.assessment.create({
    data: {
      serviceId: on.serviceId,
      number: `${seq}/${year}`,
      year,
      seq,
      origin: on.origin,
      caseId: on.caseId,
      signalId: on.signalId,
      specialistId: actor.id,
      checklistVersion: CHECKLIST_VERSION,
      startedAt: now,
    },
    select: { id: true },
  });
  await appendEvent(tx, created.id, "started", actorId(actor), now, {
    origin: on.origin,
    caseId: on.caseId,
    signalId: on.signalId,
    checklistVersion: CHECKLIST_VERSION,
  });
  await writeAudit(tx, {
    actor,
    action: "assessment.started",
    subjectType: "assessment",
    subjectId: created.id,
    serviceId: on.serviceId,
    details: { origin: on.origin },
    at: now,
  });
  return { assessment: (await loadAssessment(tx, created.id))!, created: true };
}
