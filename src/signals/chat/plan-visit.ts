/**
 * The planned visit's time (issue 7): once the curator accepts a planned signal, their "accepted"
 * note asks when the visit will be, with «🗓 Время визита» (a button, not an open dialogue, so an
 * unanswered question never blocks «Прибыл(а)» or the outcome); the same button on their card
 * changes it until they arrive (flows/visit-time.ts). The action stores it, every card shows it, and the curator is reminded an hour
 * before. «Не знаю пока» (cancelling the question) leaves the button on the card for later.
 */
import { z } from "zod";
import { visitTimeFlow } from "../../../flows/visit-time.ts";
import { authorize } from "../../access/policy.ts";
import type { FlowFeature, TurnContext } from "../../platform/chat/app.ts";
import { onButton, type ButtonDefinition } from "../../platform/chat/buttons.ts";
import { DomainError } from "../../platform/errors.ts";
import { canPlanVisit, planVisit } from "../actions/plan-visit.ts";
import { checkVersion, signalNotFound, wrongState } from "../actions/refusals.ts";
import { signalNumber } from "../domain/numbers.ts";
import { loadSignal, type SignalView } from "../queries/signal-view.ts";
import type { SignalSettings } from "../settings.ts";
import { PLAN_VISIT } from "./kinds.ts";

/** Asks the curator when the visit will be (after accepting, or from the card's button). */
export async function askVisitTime(turn: TurnContext, signal: SignalView): Promise<void> {
  await turn.startFlow("visit_time", {
    signalId: signal.id,
    v: signal.version,
    number: signalNumber(signal),
  });
}

/** «🗓 Время визита»: checks it is still possible, then asks when. */
export function planVisitButton(): ButtonDefinition {
  return onButton(PLAN_VISIT, async (turn, { signalId, v }) => {
    try {
      const signal = await loadSignal(turn.tx, signalId);
      if (!signal) throw signalNotFound();
      authorize(turn.actor, "signal.depart", signal);
      checkVersion(signal, v);
      if (!canPlanVisit(signal)) throw wrongState(signal.status);
      await askVisitTime(turn, signal);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      turn.showError(error);
    }
  });
}

const params = z.object({ signalId: z.uuid(), v: z.number().int().nonnegative() });

/** The question and what answering it does. */
export function visitTimeFlowFeature(settings: SignalSettings): FlowFeature {
  return {
    flow: visitTimeFlow,
    permission: "signal.depart",
    async onComplete(turn, answers, raw) {
      const { signalId, v } = params.parse(raw);
      const at = z.string().parse(answers.at);
      const { signal } = await planVisit(turn.actionDeps({ signals: settings }), turn.actor, {
        signalId,
        at,
        expectedVersion: v,
      });
      // The cards are drawn again by the notice; here, what was done.
      turn.reply({
        texts: [
          {
            key: "signal.visit_planned_done",
            params: { number: signalNumber(signal), at: { datetime: at } },
          },
        ],
      });
    },
    async onCancel() {
      return { key: "signal.visit_time_later" };
    },
  };
}
