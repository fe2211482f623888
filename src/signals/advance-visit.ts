/**
 * The curator's buttons: accept the assignment, "on my way", "arrived" — each timestamped,
 * journaled, and told to the heads (arrival also to the reporter). "Visit outcome" starts
 * the outcome dialogue once the curator has arrived.
 */
import type { TurnContext } from "../platform/chat/app.ts";
import { can, statusAfter } from "./domain/lifecycle.ts";
import {
  activeHeads,
  curatorCard,
  isCuratorOf,
  loadSignal,
  notice,
  shortName,
  signalNumber,
} from "./cards.ts";
import { appendEvent } from "./events.ts";

/** The steps a curator reports. */
export type VisitStep = "accept" | "depart" | "arrive";

const EVENT = { accept: "accepted", depart: "departed", arrive: "arrived" } as const;
const FIELD = { accept: "acceptedAt", depart: "departedAt", arrive: "arrivedAt" } as const;

/** Records one step of the visit. */
export async function advanceVisit(turn: TurnContext, signalId: string, step: VisitStep): Promise<void> {
  const { tx, now, staff } = turn;
  const signal = await loadSignal(tx, signalId);
  if (!signal || signal.serviceId !== staff.serviceId)
    return turn.answerCallback({ key: "engine.stale_button" });
  if (!isCuratorOf(staff, signal)) return turn.answerCallback({ key: "signal.not_yours" }, true);
  if (!can(signal.status, step)) {
    turn.answerCallback(
      { key: "signal.wrong_state", params: { status: { key: `signal.status.${signal.status}` } } },
      true,
    );
    return turn.replacePressed(curatorCard(signal));
  }
  const updated = await tx.signal.updateMany({
    where: { id: signal.id, version: signal.version, curatorId: staff.id },
    data: { status: statusAfter(step), [FIELD[step]]: now, version: { increment: 1 } },
  });
  if (updated.count === 0) return turn.answerCallback({ key: "signal.changed_meanwhile" }, true);
  await appendEvent(tx, signal.id, EVENT[step], staff.id, now);

  const fresh = (await loadSignal(tx, signal.id))!;
  const number = signalNumber(fresh);
  const curator = shortName(staff.fullName);
  turn.replacePressed(curatorCard(fresh));
  const at = { datetime: now.toISOString() };
  if (step === "accept") {
    turn.reply(notice("signal.accepted", { number }));
    await turn.notify(
      await activeHeads(tx, fresh.serviceId),
      notice("signal.heads_accepted", { number, curator }),
    );
  } else if (step === "depart") {
    turn.reply(notice("signal.departed", { at }));
  } else {
    turn.reply(notice("signal.arrived", { at }));
    await turn.notify(
      await activeHeads(tx, fresh.serviceId),
      notice("signal.heads_arrived", { number, curator, at }),
    );
    await turn.notify([fresh.reporterId], notice("signal.reporter_arrived", { number, curator }));
  }
}

/** Starts the visit-outcome dialogue for a signal the curator has arrived at. */
export async function startOutcome(turn: TurnContext, signalId: string): Promise<void> {
  const signal = await loadSignal(turn.tx, signalId);
  if (!signal || signal.serviceId !== turn.staff.serviceId)
    return turn.answerCallback({ key: "engine.stale_button" });
  if (!isCuratorOf(turn.staff, signal)) return turn.answerCallback({ key: "signal.not_yours" }, true);
  if (!can(signal.status, "decide")) {
    return turn.answerCallback(
      { key: "signal.wrong_state", params: { status: { key: `signal.status.${signal.status}` } } },
      true,
    );
  }
  await turn.startFlow("visit_outcome", { signalId: signal.id });
}
