/**
 * Assigning (or reassigning) a curator. The list shows each active curator's open cases
 * out of 9; a full curator needs an explicit override with a reason. The signal row is
 * updated only if nobody changed it since it was read (its `version`), so when two heads
 * press at once exactly one assignment wins and the other head is told who did it.
 */
import type { ActionButton, ChatMessage, TurnContext, Tx } from "../platform/chat/app.ts";
import { can, isFull, type CuratorLoad } from "./domain/lifecycle.ts";
import { shortId } from "./ids.ts";
import {
  activeHeads,
  curatorCard,
  headCard,
  loadSignal,
  notice,
  shortName,
  signalButton,
  signalNumber,
  SIGNAL_PREFIX,
  type SignalView,
} from "./cards.ts";
import { findEarlierFor } from "./find-earlier.ts";
import { appendEvent } from "./events.ts";
import { ACCEPT_TIMEOUT_JOB, type SignalSettings } from "./settings.ts";

/** Cases a curator carries now (open or in accompaniment). */
export async function curatorLoads(tx: Tx, serviceId: string): Promise<CuratorLoad[]> {
  const curators = await tx.staff.findMany({
    where: { serviceId, role: "curator", active: true },
    orderBy: { fullName: "asc" },
    select: {
      id: true,
      fullName: true,
      _count: { select: { cases: { where: { status: { in: ["open", "accompaniment"] } } } } },
    },
  });
  return curators.map((c) => ({ id: c.id, fullName: c.fullName, openCases: c._count.cases }));
}

/** The list of curators to choose from, edited into the head's card. */
export async function showCuratorList(turn: TurnContext, signalId: string): Promise<void> {
  const { tx, now, staff } = turn;
  const signal = await loadSignal(tx, signalId);
  if (!signal || signal.serviceId !== staff.serviceId)
    return turn.answerCallback({ key: "engine.stale_button" });
  if (signal.status === "received" && !signal.urgency)
    return turn.answerCallback({ key: "signal.urgency_first" }, true);
  if (!can(signal.status, "assign") && !can(signal.status, "reassign")) {
    turn.answerCallback(
      { key: "signal.wrong_state", params: { status: { key: `signal.status.${signal.status}` } } },
      true,
    );
    return turn.replacePressed(headCard(signal, await findEarlierFor(tx, signal, now), now));
  }
  const loads = (await curatorLoads(tx, signal.serviceId)).filter((c) => c.id !== signal.curatorId);
  if (loads.length === 0) return turn.answerCallback({ key: "signal.no_curators" }, true);
  const buttons = loads.map((c): ActionButton[] => [
    {
      text: isFull(c)
        ? { key: "signal.curator_full", params: { name: shortName(c.fullName) } }
        : { key: "signal.curator_option", params: { name: shortName(c.fullName), load: c.openCases } },
      data: `${SIGNAL_PREFIX}c:${shortId(signal.id)}:${shortId(c.id)}`,
    },
  ]);
  buttons.push([signalButton("back", "k", signal.id)]);
  const message: ChatMessage = {
    texts: [{ key: "signal.choose_curator", params: { number: signalNumber(signal) } }],
    buttons,
  };
  turn.replacePressed(message);
}

/** Redraws the head's card (the "back" button of the list). */
export async function showHeadCard(turn: TurnContext, signalId: string): Promise<void> {
  const signal = await loadSignal(turn.tx, signalId);
  if (!signal || signal.serviceId !== turn.staff.serviceId)
    return turn.answerCallback({ key: "engine.stale_button" });
  turn.replacePressed(headCard(signal, await findEarlierFor(turn.tx, signal, turn.now), turn.now));
}

function alreadyAssigned(signal: SignalView): ChatMessage {
  return notice("signal.already_assigned", {
    curator: signal.curator ? shortName(signal.curator.fullName) : "—",
    head: signal.assignedBy ? shortName(signal.assignedBy.fullName) : "—",
  });
}

/**
 * A head chose a curator. A full curator starts the override dialogue instead (unless
 * `overrideReason` is given, which is how that dialogue completes).
 */
export async function assignCurator(
  turn: TurnContext,
  settings: SignalSettings,
  input: { signalId: string; curatorId: string; overrideReason?: string },
): Promise<void> {
  const { tx, now, staff } = turn;
  const signal = await loadSignal(tx, input.signalId);
  if (!signal || signal.serviceId !== staff.serviceId)
    return turn.answerCallback({ key: "engine.stale_button" });
  const action = can(signal.status, "assign") ? "assign" : can(signal.status, "reassign") ? "reassign" : null;
  if (!action || (action === "reassign" && signal.curatorId === input.curatorId)) {
    turn.answerCallback(alreadyAssigned(signal).texts[0], true);
    return turn.reply(alreadyAssigned(signal));
  }
  const load = (await curatorLoads(tx, signal.serviceId)).find((c) => c.id === input.curatorId);
  if (!load) return turn.answerCallback({ key: "engine.stale_button" }, true);
  if (isFull(load) && !input.overrideReason) {
    turn.reply(notice("signal.override_started", { name: shortName(load.fullName) }));
    return turn.startFlow("override_reason", { signalId: signal.id, curatorId: load.id });
  }

  const updated = await tx.signal.updateMany({
    where: { id: signal.id, version: signal.version, status: signal.status },
    data: {
      curatorId: load.id,
      assignedAt: now,
      assignedById: staff.id,
      status: "assigned",
      acceptedAt: null,
      departedAt: null,
      version: { increment: 1 },
    },
  });
  if (updated.count === 0) {
    const winner = (await loadSignal(tx, signal.id))!;
    turn.answerCallback(alreadyAssigned(winner).texts[0], true);
    return turn.reply(alreadyAssigned(winner));
  }
  await appendEvent(tx, signal.id, action === "assign" ? "assigned" : "reassigned", staff.id, now, {
    curatorId: load.id,
    ...(action === "reassign" ? { fromCuratorId: signal.curatorId } : {}),
    ...(input.overrideReason
      ? { override: true, overrideReason: input.overrideReason, openCases: load.openCases }
      : {}),
  });

  const fresh = (await loadSignal(tx, signal.id))!;
  const number = signalNumber(fresh);
  turn.replacePressed(headCard(fresh, await findEarlierFor(tx, fresh, now), now));
  await turn.notify([load.id], curatorCard(fresh));
  await turn.notify(
    [fresh.reporterId],
    notice("signal.reporter_assigned", { number, curator: shortName(load.fullName) }),
  );
  const otherHeads = (await activeHeads(tx, fresh.serviceId)).filter((id) => id !== staff.id);
  await turn.notify(
    otherHeads,
    notice("signal.assigned_notice", {
      number,
      head: shortName(staff.fullName),
      curator: shortName(load.fullName),
    }),
  );
  if (action === "reassign" && signal.curatorId) {
    await turn.notify(
      [signal.curatorId],
      notice("signal.reassigned_notice", { number, curator: shortName(load.fullName) }),
    );
  }
  const acceptBy = new Date(now.getTime() + settings.acceptTimeoutMinutes * 60_000);
  await turn.schedule(ACCEPT_TIMEOUT_JOB, { signalId: signal.id, assignedAt: now.toISOString() }, acceptBy);
}
