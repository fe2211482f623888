/**
 * What the signal cards' buttons do in the chat: parse the press, call the action (with the
 * signal's version the button was drawn for), render the result. The rules (who may, in which
 * state, race safety) are the actions'; a refusal is shown as an alert. The cards themselves are
 * drawn again by the notices of every change (./live.ts), so a press on an old button changes
 * nothing, not even the message it was on.
 */
import { authorize } from "../../access/policy.ts";
import type { TurnContext } from "../../platform/chat/app.ts";
import { onButton, type ButtonDefinition } from "../../platform/chat/buttons.ts";
import { DomainError } from "../../platform/errors.ts";
import { acceptAssignment } from "../actions/accept-assignment.ts";
import { assignCurator } from "../actions/assign-curator.ts";
import type { SignalDeps } from "../actions/deps.ts";
import { recordArrival } from "../actions/record-arrival.ts";
import { recordDeparture } from "../actions/record-departure.ts";
import { reassignCurator } from "../actions/reassign-curator.ts";
import { alreadyAssigned, checkVersion, signalNotFound, wrongState } from "../actions/refusals.ts";
import { setUrgency } from "../actions/set-urgency.ts";
import { can } from "../domain/lifecycle.ts";
import { earlierSignals } from "../queries/earlier.ts";
import { loadSignal, type SignalView } from "../queries/signal-view.ts";
import { curatorLoads } from "../queries/staff.ts";
import type { SignalSettings } from "../settings.ts";
import { curatorOption, headCard, notice, signalButton, urgencyChangeConfirm } from "./cards.ts";
import { declineButton } from "./decline.ts";
import { planVisitButton } from "./plan-visit.ts";
import { cardsOf, renderSignalCard } from "./live.ts";
import {
  ACCEPT,
  ARRIVE,
  ASSIGN,
  ASSIGN_LIST,
  BACK_TO_CARD,
  DEPART,
  OUTCOME,
  REASSIGN,
  REASSIGN_LIST,
  URGENCY,
  URGENCY_CHANGE,
} from "./kinds.ts";

/** The head's card for the signal as it is now. */
async function currentHeadCard(turn: TurnContext, signal: SignalView) {
  const curators = signal.status === "received" ? await curatorLoads(turn.tx, signal.serviceId) : undefined;
  return headCard(signal, await earlierSignals(turn.tx, signal, signal.transmittedAt), curators, {
    byForm: turn.staff.personalDataByForm === true,
  });
}

/**
 * Draws the pressed message as its live card reads now (the head's card, or the heads' alert —
 * not the curator list it may show), or as the head's card when it is no card (sent before cards
 * were remembered).
 */
async function redrawPressed(turn: TurnContext, signal: SignalView): Promise<void> {
  const pressed = turn.update.input.kind === "callback" ? turn.update.input.messageId : undefined;
  const cards = await cardsOf(turn.tx, signal.id);
  const card = cards.find(
    (c) =>
      c.messenger === turn.update.messenger && c.chatId === turn.update.chatId && c.messageId === pressed,
  );
  if (!card) return turn.replacePressed(await currentHeadCard(turn, signal));
  const curators = signal.status === "received" ? await curatorLoads(turn.tx, signal.serviceId) : [];
  const earlier = await earlierSignals(turn.tx, signal, signal.transmittedAt);
  const message = renderSignalCard(signal, earlier, curators, card, cards);
  if (message) turn.replacePressed(message);
}

/** Runs a head's press; a refusal is shown as an alert (the cards already show the present). */
async function headPress(turn: TurnContext, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    turn.showError(error);
  }
}

/** The curator list under the head's card: each with open cases out of 9. */
async function showCuratorList(turn: TurnContext, signalId: string, mode: "assign" | "reassign") {
  const signal = await loadSignal(turn.tx, signalId);
  if (!signal) throw signalNotFound();
  authorize(turn.actor, mode === "assign" ? "signal.assign" : "signal.reassign", signal);
  if (mode === "assign" && signal.status === "received" && !signal.urgency) {
    throw new DomainError("conflict", "signal.urgency_first", { reason: "urgency_first" });
  }
  if (!can(signal.status, mode)) {
    throw mode === "assign" && can(signal.status, "reassign")
      ? alreadyAssigned(signal)
      : wrongState(signal.status);
  }
  const loads = (await curatorLoads(turn.tx, signal.serviceId)).filter((c) => c.id !== signal.curatorId);
  if (loads.length === 0) {
    turn.answerCallback({ key: "signal.no_curators" }, true);
    return;
  }
  const kind = mode === "assign" ? ASSIGN : REASSIGN;
  const buttons = loads.map((c) => curatorOption(kind, signal, c));
  buttons.push([signalButton("back", BACK_TO_CARD.data({ signalId: signal.id }))]);
  // The list sits under the card's details: the head sees what they assign.
  const card = headCard(signal, await earlierSignals(turn.tx, signal, signal.transmittedAt), undefined, {
    byForm: turn.staff.personalDataByForm === true,
  });
  turn.replacePressed({
    texts: [...card.texts, { key: "signal.choose_curator" }],
    buttons,
  });
}

/** Assigns or reassigns; a full curator starts the override dialogue instead. */
async function chooseCurator(
  turn: TurnContext,
  settings: SignalSettings,
  mode: "assign" | "reassign",
  { v, ...values }: { signalId: string; curatorId: string; v: number },
): Promise<void> {
  const deps: SignalDeps = turn.actionDeps({ signals: settings });
  try {
    const input = { ...values, expectedVersion: v };
    const { signal } =
      mode === "assign"
        ? await assignCurator(deps, turn.actor, input)
        : await reassignCurator(deps, turn.actor, input);
    await redrawPressed(turn, signal);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    if (error.reason === "override_required") {
      turn.reply(notice("signal.override_started", error.params ?? {}));
      return turn.startFlow("override_reason", { ...values, mode });
    }
    if (error.reason === "already_assigned") {
      // Said twice: the alert may be missed, the message stays in the chat.
      turn.showError(error);
      return turn.reply({ texts: [error.text] });
    }
    throw error;
  }
}

/**
 * Runs a curator's visit step. Their card is drawn again and the step's note, with the next
 * step's button, comes as the newest message (the notice of the step does both).
 */
async function visitStep(
  turn: TurnContext,
  settings: SignalSettings,
  { signalId, v }: { signalId: string; v: number },
  step: "accept" | "depart" | "arrive",
): Promise<void> {
  const deps: SignalDeps = turn.actionDeps({ signals: settings });
  const action = { accept: acceptAssignment, depart: recordDeparture, arrive: recordArrival }[step];
  try {
    await action(deps, turn.actor, { signalId, expectedVersion: v });
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    turn.showError(error);
  }
}

/** Every button of the signal cards. */
export function signalButtons(settings: SignalSettings): ButtonDefinition[] {
  const definitions = [
    onButton(URGENCY, (turn, { signalId, urgency, v }) =>
      headPress(turn, async () => {
        const { signal } = await setUrgency(turn.actionDeps({ signals: settings }), turn.actor, {
          signalId,
          urgency: urgency === "u" ? "urgent" : "planned",
          expectedVersion: v,
        });
        await redrawPressed(turn, signal);
      }),
    ),
    onButton(URGENCY_CHANGE, (turn, { signalId, v }) =>
      headPress(turn, async () => {
        const signal = await loadSignal(turn.tx, signalId);
        if (!signal) throw signalNotFound();
        authorize(turn.actor, "signal.set_urgency", signal);
        checkVersion(signal, v);
        if (!signal.urgency || !can(signal.status, "set_urgency")) throw wrongState(signal.status);
        turn.replacePressed(
          urgencyChangeConfirm(signal, await earlierSignals(turn.tx, signal, signal.transmittedAt)),
        );
      }),
    ),
    onButton(ASSIGN_LIST, (turn, { signalId }) =>
      headPress(turn, () => showCuratorList(turn, signalId, "assign")),
    ),
    onButton(REASSIGN_LIST, (turn, { signalId }) =>
      headPress(turn, () => showCuratorList(turn, signalId, "reassign")),
    ),
    onButton(BACK_TO_CARD, async (turn, { signalId }) => {
      const signal = await loadSignal(turn.tx, signalId);
      if (!signal) throw signalNotFound();
      authorize(turn.actor, "signal.read", signal);
      await redrawPressed(turn, signal);
    }),
    onButton(ASSIGN, (turn, values) =>
      headPress(turn, () => chooseCurator(turn, settings, "assign", values)),
    ),
    onButton(REASSIGN, (turn, values) =>
      headPress(turn, () => chooseCurator(turn, settings, "reassign", values)),
    ),
    onButton(ACCEPT, (turn, values) => visitStep(turn, settings, values, "accept")),
    declineButton(),
    planVisitButton(),
    onButton(DEPART, (turn, values) => visitStep(turn, settings, values, "depart")),
    onButton(ARRIVE, (turn, values) => visitStep(turn, settings, values, "arrive")),
    onButton(OUTCOME, async (turn, { signalId }) => {
      const signal = await loadSignal(turn.tx, signalId);
      if (!signal) throw signalNotFound();
      authorize(turn.actor, "signal.record_outcome", signal);
      if (!can(signal.status, "decide")) throw wrongState(signal.status);
      await turn.startFlow("visit_outcome", { signalId: signal.id });
    }),
  ];
  return definitions;
}
