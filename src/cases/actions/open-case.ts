/**
 * Opening a case (открытие случая) for a confirmed signal: numbered per service per year, the
 * curator who visited becomes its curator. Called by the signal's visit-outcome action in the same
 * transaction; the signal's own event records it in the signal's history, the case's "opened"
 * event starts the case's. Its deadlines (the plan, the one-month limit) are set by the sweep
 * within a minute, from the cases' settings (`next_due_at` is now).
 */
import type { Actor } from "../../platform/actor.ts";
import { writeAudit } from "../../platform/audit.ts";
import type { Db } from "../../platform/db/client.ts";
import { journalYear } from "../../signals/domain/lifecycle.ts";
import { nextNumber } from "../../platform/numbering.ts";
import { caseNumber } from "../domain/case.ts";
import { appendCaseEvent } from "../events.ts";
import { openCaseCount } from "../queries/caseload.ts";

/** The opened case and its curator's open cases including it. */
export interface OpenedCase {
  id: string;
  number: string;
  curatorOpenCases: number;
}

/** Opens the case of `signal` for `curatorId`. */
export async function openCase(
  deps: { tx: Db; now: Date },
  actor: Actor,
  input: { signal: { id: string; serviceId: string }; curatorId: string; serviceTimeZone: string },
): Promise<OpenedCase> {
  const { tx, now } = deps;
  const year = journalYear(now, input.serviceTimeZone);
  const number = await nextNumber(tx, "case", input.signal.serviceId, year);
  const opened = await tx.case.create({
    data: {
      serviceId: input.signal.serviceId,
      signalId: input.signal.id,
      caseYear: year,
      caseNumber: number,
      number: caseNumber(number, year),
      curatorId: input.curatorId,
      openedAt: now,
      nextDueAt: now,
    },
  });
  await appendCaseEvent(tx, opened.id, "opened", actor.kind === "staff" ? actor.id : null, now, {
    signalId: input.signal.id,
  });
  await writeAudit(tx, {
    actor,
    action: "case.opened",
    subjectType: "case",
    subjectId: opened.id,
    serviceId: input.signal.serviceId,
    details: { signalId: input.signal.id },
    at: now,
  });
  return { id: opened.id, number: opened.number, curatorOpenCases: await openCaseCount(tx, input.curatorId) };
}
