/**
 * The signal dialogues and what completing each does: the reporter's new signal, the curator's
 * visit outcome, and the head's reason for overriding a full curator. Each completion calls one
 * action and renders its result; the rules are the actions'.
 */
import { z } from "zod";
import { newSignalFlow } from "../../../flows/new-signal.ts";
import { overrideReasonFlow } from "../../../flows/override-reason.ts";
import { visitOutcomeFlow } from "../../../flows/visit-outcome.ts";
import { caseOpenedButtons } from "../../cases/chat/cards.ts";
import type { FlowFeature } from "../../platform/chat/app.ts";
import type { Text } from "../../platform/flow/types.ts";
import { assignCurator } from "../actions/assign-curator.ts";
import { reassignCurator } from "../actions/reassign-curator.ts";
import { recordOutcome, visitOutcome } from "../actions/record-outcome.ts";
import { submitSignal, submitSignalInput } from "../actions/submit-signal.ts";
import { hospitalNumber, signalNumber } from "../domain/numbers.ts";
import type { SignalSettings } from "../settings.ts";
import { notice, shortName } from "./cards.ts";

const newSignalParams = z.object({ startedAt: z.iso.datetime({ offset: true }) });
const outcomeParams = z.object({ signalId: z.uuid() });
const overrideParams = z.object({
  signalId: z.uuid(),
  curatorId: z.uuid(),
  mode: z.enum(["assign", "reassign"]).default("assign"),
});

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
