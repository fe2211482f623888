/**
 * The head judges urgency: an urgent visit must happen within 3 hours of the service
 * receiving the signal (the deadline job is queued), a planned one is agreed with the woman.
 */
import type { TurnContext } from "../platform/chat/app.ts";
import { can, visitDeadline, type Urgency } from "./domain/lifecycle.ts";
import { headCard, loadSignal } from "./cards.ts";
import { appendEvent } from "./events.ts";
import { findEarlierFor } from "./find-earlier.ts";
import { VISIT_DEADLINE_JOB } from "./settings.ts";

/** Sets the urgency from the head's card and redraws it. */
export async function setUrgency(turn: TurnContext, signalId: string, urgency: Urgency): Promise<void> {
  const { tx, now, staff } = turn;
  const signal = await loadSignal(tx, signalId);
  if (!signal || signal.serviceId !== staff.serviceId)
    return turn.answerCallback({ key: "engine.stale_button" });
  if (!can(signal.status, "set_urgency")) {
    turn.answerCallback(
      { key: "signal.wrong_state", params: { status: { key: `signal.status.${signal.status}` } } },
      true,
    );
    return turn.replacePressed(headCard(signal, await findEarlierFor(tx, signal, now), now));
  }
  const deadline = visitDeadline(signal.transmittedAt, urgency);
  const updated = await tx.signal.updateMany({
    where: { id: signal.id, version: signal.version },
    data: { urgency, visitDeadline: deadline, version: { increment: 1 } },
  });
  if (updated.count === 0) {
    // Another head changed the signal a moment ago: show them what it is now.
    const current = (await loadSignal(tx, signal.id))!;
    turn.answerCallback({ key: "signal.changed_meanwhile" }, true);
    return turn.replacePressed(headCard(current, await findEarlierFor(tx, current, now), now));
  }
  await appendEvent(tx, signal.id, "urgency_set", staff.id, now, {
    urgency,
    visitDeadline: deadline?.toISOString() ?? null,
  });
  if (deadline)
    await turn.schedule(
      VISIT_DEADLINE_JOB,
      { signalId: signal.id, deadline: deadline.toISOString() },
      deadline,
    );
  const fresh = (await loadSignal(tx, signal.id))!;
  turn.replacePressed(headCard(fresh, await findEarlierFor(tx, fresh, now), now));
}
