/**
 * The signal dialogues and what completing each does: the reporter's new signal, the curator's
 * visit outcome, and the head's reason for overriding a full curator. Each completion calls one
 * action and renders its result; the rules are the actions'.
 */
import { z } from "zod";
import { newSignalFlow } from "../../../flows/new-signal.ts";
import { threatSignalFlow } from "../../../flows/threat-signal.ts";
import { overrideReasonFlow } from "../../../flows/override-reason.ts";
import { visitOutcomeFlow } from "../../../flows/visit-outcome.ts";
import { caseOpenedButtons } from "../../cases/chat/cards.ts";
import type { FlowFeature } from "../../platform/chat/app.ts";
import type { Text } from "../../platform/flow/types.ts";
import { assignCurator } from "../actions/assign-curator.ts";
import { reassignCurator } from "../actions/reassign-curator.ts";
import { recordOutcome, visitOutcome } from "../actions/record-outcome.ts";
import { buttonKind, onButton } from "../../platform/chat/buttons.ts";
import { completeSignal } from "../actions/complete-signal.ts";
import { signalDetails, submitSignal, submitSignalInput } from "../actions/submit-signal.ts";
import type { SignalView } from "../queries/signal-view.ts";
import { submitThreatSignal, submitThreatSignalInput } from "../actions/submit-threat-signal.ts";
import { hospitalNumber, signalNumber } from "../domain/numbers.ts";
import type { SignalSettings } from "../settings.ts";
import { notice, shortName } from "./cards.ts";
import { declineFlow } from "./decline.ts";
import { visitTimeFlowFeature } from "./plan-visit.ts";

const newSignalParams = z.object({
  startedAt: z.iso.datetime({ offset: true }),
  /** Set once the signal was sent by the urgent short path: the remaining answers complete it. */
  signalId: z.uuid().optional(),
});

/** The answers that complete a signal sent early (every question after the urgent ones). */
const DETAIL_STEPS = new Set(Object.keys(signalDetails.shape));

/** "➕ New signal" under the reporter's confirmation: starts the intake again. */
export const NEW_SIGNAL = buttonKind({ id: "sg:new", fields: {} });
export const newSignalButton = onButton(NEW_SIGNAL, (turn) =>
  turn.startFlow("new_signal", { startedAt: turn.now.toISOString() }),
);
const newSignalRow = [[{ text: { key: "signal.new_signal_button" }, data: NEW_SIGNAL.data({}) }]];

/** What the reporter is told once a signal is sent: its numbers and times. */
function sentTexts(signal: SignalView, late: boolean, lead: string): Text[] {
  const texts: Text[] = [
    { key: lead },
    { key: "signal.numbers", params: { hospital: hospitalNumber(signal), service: signalNumber(signal) } },
    {
      key: "signal.times",
      params: {
        identified: { datetime: signal.identifiedAt.toISOString() },
        transmitted: { datetime: signal.transmittedAt.toISOString() },
      },
    },
  ];
  if (late) texts.push({ key: "signal.late_note" });
  return texts;
}
const outcomeParams = z.object({ signalId: z.uuid() });
const overrideParams = z.object({
  signalId: z.uuid(),
  curatorId: z.uuid(),
  mode: z.enum(["assign", "reassign"]).default("assign"),
});

/** What the reporter reads once a threat signal is sent: its numbers and times. */
/** The signal area's dialogues. */
export function signalFlows(settings: SignalSettings): FlowFeature[] {
  return [
    declineFlow(settings),
    visitTimeFlowFeature(settings),
    {
      flow: newSignalFlow,
      permission: "signal.submit",
      async onComplete(turn, answers, params) {
        const { startedAt, signalId } = newSignalParams.parse(params);
        const deps = turn.actionDeps({ signals: settings });
        if (signalId) {
          // Sent early: every answer has completed it already; this marks it complete.
          const { signal } = await completeSignal(deps, turn.actor, {
            signalId,
            details: {},
            complete: true,
          });
          turn.reply({
            texts: [{ key: "signal.details_completed", params: { number: signalNumber(signal) } }],
            buttons: newSignalRow,
          });
          return;
        }
        const { signal, late } = await submitSignal(
          deps,
          turn.actor,
          submitSignalInput.parse({ ...answers, startedAt }),
        );
        turn.reply({ texts: sentTexts(signal, late, "signal.sent"), buttons: newSignalRow });
      },
      async onSubmitEarly(turn, answers, params) {
        const { startedAt } = newSignalParams.parse(params);
        const { signal, late } = await submitSignal(
          turn.actionDeps({ signals: settings }),
          turn.actor,
          submitSignalInput.parse({ ...answers, startedAt, early: true }),
        );
        turn.reply({ texts: sentTexts(signal, late, "signal.sent_early") });
        return { signalId: signal.id };
      },
      async onAnswered(turn, stepId, value, params) {
        const { signalId } = newSignalParams.parse(params);
        if (!signalId || !DETAIL_STEPS.has(stepId)) return;
        await completeSignal(turn.actionDeps({ signals: settings }), turn.actor, {
          signalId,
          details: signalDetails.partial().parse({ [stepId]: value }),
        });
      },
      async onCancel(turn, _answers, params) {
        const { signalId } = newSignalParams.parse(params);
        if (!signalId) return;
        // The signal is with the service already: stopping only ends the questions.
        const { signal } = await completeSignal(turn.actionDeps({ signals: settings }), turn.actor, {
          signalId,
          details: {},
          complete: true,
        });
        return { key: "signal.details_stopped", params: { number: signalNumber(signal) } };
      },
    },
    {
      flow: threatSignalFlow,
      permission: "signal.submit",
      async onComplete(turn, answers, params) {
        const { startedAt } = newSignalParams.parse(params);
        const result = await submitThreatSignal(
          turn.actionDeps({ signals: settings }),
          turn.actor,
          submitThreatSignalInput.parse({ ...answers, startedAt }),
        );
        // The 3-hour rule is the newborn standard's; a threat signal is not marked late.
        turn.reply({ texts: sentTexts(result.signal, false, "signal.threat_sent") });
      },
    },
    {
      flow: visitOutcomeFlow,
      permission: "signal.record_outcome",
      async onComplete(turn, answers, params) {
        const { signalId } = outcomeParams.parse(params);
        const result = await recordOutcome(turn.actionDeps({ signals: settings }), turn.actor, {
          signalId,
          outcome: visitOutcome.parse(answers),
        });
        const number = signalNumber(result.signal);
        if (!result.case) return turn.reply(notice("signal.closed_not_confirmed", { number }));
        turn.reply({
          ...notice("signal.case_opened", {
            case: result.case.number,
            number,
            count: result.case.curatorOpenCases,
          }),
          // The case's work starts here: the signal sheet, or the case's card.
          buttons: caseOpenedButtons(result.case.id),
        });
      },
    },
    {
      flow: overrideReasonFlow,
      permission: "signal.assign",
      async onComplete(turn, answers, params) {
        const { mode, ...target } = overrideParams.parse(params);
        const input = { ...target, overrideReason: z.string().parse(answers.reason) };
        const deps = turn.actionDeps({ signals: settings });
        const { signal } =
          mode === "assign"
            ? await assignCurator(deps, turn.actor, input)
            : await reassignCurator(deps, turn.actor, input);
        // The head's card is drawn again by the assignment's notice; here, what was done.
        turn.reply(
          notice("signal.assigned_notice", {
            number: signalNumber(signal),
            head: signal.assignedBy ? shortName(signal.assignedBy.fullName) : "—",
            curator: signal.curator ? shortName(signal.curator.fullName) : "—",
          }),
        );
      },
    },
  ];
}
