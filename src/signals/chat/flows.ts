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
import { submitSignal, submitSignalInput, type SubmitSignalResult } from "../actions/submit-signal.ts";
import { submitThreatSignal, submitThreatSignalInput } from "../actions/submit-threat-signal.ts";
import { hospitalNumber, signalNumber } from "../domain/numbers.ts";
import { earlierSignals } from "../queries/earlier.ts";
import type { SignalSettings } from "../settings.ts";
import { headCard, notice } from "./cards.ts";

const newSignalParams = z.object({ startedAt: z.iso.datetime({ offset: true }) });
const outcomeParams = z.object({ signalId: z.uuid() });
const overrideParams = z.object({
  signalId: z.uuid(),
  curatorId: z.uuid(),
  mode: z.enum(["assign", "reassign"]).default("assign"),
});

/** What the reporter reads once a threat signal is sent: its numbers and times. */
function sentTexts({ signal }: SubmitSignalResult): Text[] {
  const texts: Text[] = [
    { key: "signal.threat_sent" },
    {
      key: "signal.numbers",
      params: { hospital: hospitalNumber(signal), service: signalNumber(signal) },
    },
    {
      key: "signal.times",
      params: {
        identified: { datetime: signal.identifiedAt.toISOString() },
        transmitted: { datetime: signal.transmittedAt.toISOString() },
      },
    },
  ];
  return texts;
}

/** The signal area's dialogues. */
export function signalFlows(settings: SignalSettings): FlowFeature[] {
  return [
    {
      flow: newSignalFlow,
      permission: "signal.submit",
      async onComplete(turn, answers, params) {
        const { startedAt } = newSignalParams.parse(params);
        const { signal, late } = await submitSignal(
          turn.actionDeps({ signals: settings }),
          turn.actor,
          submitSignalInput.parse({ ...answers, startedAt }),
        );
        const texts: Text[] = [
          { key: "signal.sent" },
          {
            key: "signal.numbers",
            params: { hospital: hospitalNumber(signal), service: signalNumber(signal) },
          },
          {
            key: "signal.times",
            params: {
              identified: { datetime: signal.identifiedAt.toISOString() },
              transmitted: { datetime: signal.transmittedAt.toISOString() },
            },
          },
        ];
        if (late) texts.push({ key: "signal.late_note" });
        turn.reply({ texts });
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
        turn.reply({ texts: sentTexts(result) });
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
        turn.replacePressed(headCard(signal, await earlierSignals(turn.tx, signal, turn.now), turn.now));
      },
    },
  ];
}
