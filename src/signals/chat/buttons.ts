/**
 * What the signal cards' buttons do in the chat: parse the press, call the action, render the
 * result. The rules (who may, in which state, race safety) are the actions'; a refusal is shown as
 * an alert and the card is redrawn as the signal is now, so an old card never misleads.
 */
import { authorize } from "../../access/policy.ts";
import type { ActionButton, TurnContext } from "../../platform/chat/app.ts";
import { onButton, type ButtonDefinition } from "../../platform/chat/buttons.ts";
import { DomainError } from "../../platform/errors.ts";
import { acceptAssignment } from "../actions/accept-assignment.ts";
import { assignCurator } from "../actions/assign-curator.ts";
import type { SignalDeps } from "../actions/deps.ts";
import { recordArrival } from "../actions/record-arrival.ts";
import { recordDeparture } from "../actions/record-departure.ts";
import { reassignCurator } from "../actions/reassign-curator.ts";
import { alreadyAssigned, signalNotFound, wrongState } from "../actions/refusals.ts";
import { setUrgency } from "../actions/set-urgency.ts";
import { can, isFull } from "../domain/lifecycle.ts";
import { earlierSignals } from "../queries/earlier.ts";
import { loadSignal, type SignalView } from "../queries/signal-view.ts";
import { curatorLoads } from "../queries/staff.ts";
import type { SignalSettings } from "../settings.ts";
import { curatorCard, headCard, notice, shortName, signalButton, signalNumber } from "./cards.ts";
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
} from "./kinds.ts";

/** The head's card for the signal as it is now. */
async function currentHeadCard(turn: TurnContext, signal: SignalView) {
  return headCard(signal, await earlierSignals(turn.tx, signal, turn.now), turn.now);
}

/**
 * Runs a head's press; on a refusal shows it and redraws the pressed card as the signal is now
 * (another head may have acted a moment ago).
 */
async function headPress(turn: TurnContext, signalId: string, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    turn.showError(error);
    if (error.code !== "conflict") return;
    const current = await loadSignal(turn.tx, signalId);
    if (current) turn.replacePressed(await currentHeadCard(turn, current));
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
  const buttons = loads.map((c): ActionButton[] => [
    {
      text: isFull(c)
        ? { key: "signal.curator_full", params: { name: shortName(c.fullName) } }
        : { key: "signal.curator_option", params: { name: shortName(c.fullName), load: c.openCases } },
      data: kind.data({ signalId: signal.id, curatorId: c.id }),
    },
  ]);
  buttons.push([signalButton("back", BACK_TO_CARD.data({ signalId: signal.id }))]);
  turn.replacePressed({
    texts: [{ key: "signal.choose_curator", params: { number: signalNumber(signal) } }],
    buttons,
  });
}

/** Assigns or reassigns; a full curator starts the override dialogue instead. */
async function chooseCurator(
  turn: TurnContext,
  settings: SignalSettings,
  mode: "assign" | "reassign",
  values: { signalId: string; curatorId: string },
): Promise<void> {
  const deps: SignalDeps = turn.actionDeps({ signals: settings });
  try {
    const { signal } =
      mode === "assign"
        ? await assignCurator(deps, turn.actor, values)
        : await reassignCurator(deps, turn.actor, values);
    turn.replacePressed(await currentHeadCard(turn, signal));
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

/** Runs a curator's visit step and redraws their card; the next step's button is on it. */
async function visitStep(
  turn: TurnContext,
  settings: SignalSettings,
  signalId: string,
  step: "accept" | "depart" | "arrive",
): Promise<void> {
  const deps: SignalDeps = turn.actionDeps({ signals: settings });
  const action = { accept: acceptAssignment, depart: recordDeparture, arrive: recordArrival }[step];
  try {
    const { signal } = await action(deps, turn.actor, { signalId });
    turn.replacePressed(curatorCard(signal));
    const at = { datetime: turn.now.toISOString() };
    if (step === "accept") turn.reply(notice("signal.accepted", { number: signalNumber(signal) }));
    else if (step === "depart") turn.reply(notice("signal.departed", { at }));
    // A threat to a child: the assessment follows the contact, not a visit outcome.
    else
      turn.reply(notice(signal.kind === "child_threat" ? "signal.arrived_threat" : "signal.arrived", { at }));
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    turn.showError(error);
    if (error.reason !== "wrong_state") return;
    const current = await loadSignal(turn.tx, signalId);
    if (current) turn.replacePressed(curatorCard(current));
  }
}

/** Every button of the signal cards. */
export function signalButtons(settings: SignalSettings): ButtonDefinition[] {
  const definitions = [
    onButton(URGENCY, (turn, { signalId, urgency }) =>
      headPress(turn, signalId, async () => {
        const { signal } = await setUrgency(turn.actionDeps({ signals: settings }), turn.actor, {
          signalId,
          urgency: urgency === "u" ? "urgent" : "planned",
        });
        turn.replacePressed(await currentHeadCard(turn, signal));
      }),
    ),
    onButton(ASSIGN_LIST, (turn, { signalId }) =>
      headPress(turn, signalId, () => showCuratorList(turn, signalId, "assign")),
    ),
    onButton(REASSIGN_LIST, (turn, { signalId }) =>
      headPress(turn, signalId, () => showCuratorList(turn, signalId, "reassign")),
    ),
    onButton(BACK_TO_CARD, async (turn, { signalId }) => {
      const signal = await loadSignal(turn.tx, signalId);
      if (!signal) throw signalNotFound();
      authorize(turn.actor, "signal.read", signal);
      turn.replacePressed(await currentHeadCard(turn, signal));
    }),
    onButton(ASSIGN, (turn, values) =>
      headPress(turn, values.signalId, () => chooseCurator(turn, settings, "assign", values)),
    ),
    onButton(REASSIGN, (turn, values) =>
      headPress(turn, values.signalId, () => chooseCurator(turn, settings, "reassign", values)),
    ),
    onButton(ACCEPT, (turn, { signalId }) => visitStep(turn, settings, signalId, "accept")),
    onButton(DEPART, (turn, { signalId }) => visitStep(turn, settings, signalId, "depart")),
    onButton(ARRIVE, (turn, { signalId }) => visitStep(turn, settings, signalId, "arrive")),
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
