/**
 * The visit outcome: stored on the signal (the signal sheet's first part) and journaled; then
 * either a case is opened (numbered per service per year; the curator's open cases +1) or
 * the signal is closed as not confirmed, with the reason.
 */
import { z } from "zod";
import type { TurnContext } from "../platform/chat/app.ts";
import { can, journalYear } from "./domain/lifecycle.ts";
import type { Json } from "../platform/flow/types.ts";
import { activeHeads, isCuratorOf, loadSignal, notice, shortName, signalNumber } from "./cards.ts";
import { appendEvent } from "./events.ts";
import { nextNumber } from "./numbering.ts";

const multi = z.object({ values: z.array(z.string()), texts: z.record(z.string(), z.string()) });

/** The outcome dialogue's answers, checked again before anything is stored. */
export const outcomeAnswers = z.object({
  met: z.enum(["met", "left_hospital", "refused_meeting"]),
  address_visit: z.enum(["met_at_address", "not_found"]).optional(),
  intention: z.enum(["confirmed", "will_take", "relatives_take", "undecided"]).optional(),
  reasons: multi.optional(),
  potential: z.string().max(1000).optional(),
  decision: z.enum(["open_case", "not_confirmed"]),
  close_reason: z.string().max(500).optional(),
});

/** Completion of the visit-outcome dialogue. */
export async function recordOutcome(
  turn: TurnContext,
  answers: Record<string, Json>,
  params: Record<string, Json>,
): Promise<void> {
  const outcome = outcomeAnswers.parse(answers);
  const { signalId } = z.object({ signalId: z.uuid() }).parse(params);
  const { tx, now, staff } = turn;
  const signal = await loadSignal(tx, signalId);
  if (!signal || !isCuratorOf(staff, signal)) return turn.reply({ texts: [{ key: "signal.not_yours" }] });
  if (!can(signal.status, "decide")) {
    return turn.reply({
      texts: [{ key: "signal.wrong_state", params: { status: { key: `signal.status.${signal.status}` } } }],
    });
  }
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
  if (updated.count === 0) return turn.reply({ texts: [{ key: "signal.changed_meanwhile" }] });
  await appendEvent(tx, signal.id, "outcome", staff.id, now, outcome);

  const number = signalNumber(signal);
  const curator = shortName(staff.fullName);
  const heads = await activeHeads(tx, signal.serviceId);
  if (!opening) {
    await appendEvent(tx, signal.id, "closed", staff.id, now, {
      reason: "not_confirmed",
      text: outcome.close_reason ?? null,
    });
    turn.reply(notice("signal.closed_not_confirmed", { number }));
    return turn.notify(heads, notice("signal.heads_not_confirmed", { number, curator }));
  }
  const caseYear = journalYear(now, signal.service.timeZone);
  const caseNumber = await nextNumber(tx, "case", signal.serviceId, caseYear);
  const opened = await tx.case.create({
    data: {
      serviceId: signal.serviceId,
      signalId: signal.id,
      caseYear,
      caseNumber,
      number: `${caseNumber}/${caseYear}`,
      curatorId: staff.id,
      openedAt: now,
    },
  });
  await appendEvent(tx, signal.id, "case_opened", staff.id, now, {
    caseId: opened.id,
    caseNumber: opened.number,
  });
  const count = await tx.case.count({
    where: { curatorId: staff.id, status: { in: ["open", "accompaniment"] } },
  });
  turn.reply(notice("signal.case_opened", { case: opened.number, number, count }));
  await turn.notify(heads, notice("signal.heads_case_opened", { number, case: opened.number, curator }));
}
