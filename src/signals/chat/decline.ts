/**
 * A curator declines an assignment (issue 7): «↩️ Отказаться» on their card while the signal is
 * assigned and not accepted asks why (flows/decline-reason.ts), then the action returns the signal
 * to the heads. Each head gets a live alert with the reason and «Назначить куратора» while nobody
 * is on the signal; the curator's card becomes a short note without the woman's personal data.
 */
import { z } from "zod";
import { declineReasonFlow } from "../../../flows/decline-reason.ts";
import { authorize } from "../../access/policy.ts";
import type { ChatMessage, FlowFeature } from "../../platform/chat/app.ts";
import { onButton, type ButtonDefinition } from "../../platform/chat/buttons.ts";
import { DomainError } from "../../platform/errors.ts";
import type { TextParam } from "../../platform/flow/types.ts";
import { declineAssignment } from "../actions/decline-assignment.ts";
import { checkVersion, signalNotFound, wrongState } from "../actions/refusals.ts";
import { can } from "../domain/lifecycle.ts";
import { signalNumber } from "../domain/numbers.ts";
import { loadSignal, type SignalView } from "../queries/signal-view.ts";
import type { SignalSettings } from "../settings.ts";
import { signalButton } from "./cards.ts";
import { ASSIGN_LIST, DECLINE } from "./kinds.ts";

/** The reason as the heads read it: the preset's words, or the curator's own. */
function reasonParam(reason: unknown, text: unknown): TextParam {
  if (reason === "other" && typeof text === "string") return text;
  if (typeof reason === "string") return { key: `signal.decline_reasons.${reason}` };
  return "—";
}

/**
 * The heads' alert that the curator declined: it offers «Назначить куратора» while nobody is on
 * the signal, then reads as a note.
 */
export function declinedAlert(
  signal: SignalView,
  data: { curator: string; reason: string; text: string | null },
): ChatMessage {
  return {
    texts: [
      {
        key: "signal.declined_heads",
        params: {
          number: signalNumber(signal),
          curator: data.curator,
          reason: reasonParam(data.reason, data.text),
        },
      },
      ...(signal.status === "received" ? [{ key: "signal.declined_heads_hint" }] : []),
    ],
    buttons:
      signal.status === "received" && !signal.curatorId
        ? [[signalButton("assign", ASSIGN_LIST.data({ signalId: signal.id }))]]
        : [],
    card: { subjectType: "signal", subjectId: signal.id, kind: "head_declined", data },
  };
}

/** What the curator who declined reads where their card was: no personal data. */
export function declinedNote(signal: SignalView): ChatMessage {
  return { texts: [{ key: "signal.declined_note", params: { number: signalNumber(signal) } }] };
}

/** «↩️ Отказаться»: checks it is still possible, then asks why. */
export function declineButton(): ButtonDefinition {
  return onButton(DECLINE, async (turn, { signalId, v }) => {
    try {
      const signal = await loadSignal(turn.tx, signalId);
      if (!signal) throw signalNotFound();
      authorize(turn.actor, "signal.decline", signal);
      if (["accepted", "on_the_way", "arrived"].includes(signal.status)) {
        throw new DomainError("conflict", "signal.decline_too_late", {
          params: { number: signalNumber(signal) },
          reason: "wrong_state",
        });
      }
      checkVersion(signal, v);
      if (!can(signal.status, "decline")) throw wrongState(signal.status);
      await turn.startFlow("decline_reason", { signalId, v, number: signalNumber(signal) });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      turn.showError(error);
    }
  });
}

const declineParams = z.object({ signalId: z.uuid(), v: z.number().int().nonnegative() });

/** The reason dialogue and what completing it does. */
export function declineFlow(settings: SignalSettings): FlowFeature {
  return {
    flow: declineReasonFlow,
    permission: "signal.decline",
    async onComplete(turn, answers, params) {
      const { signalId, v } = declineParams.parse(params);
      const reason = z.enum(["sick", "far", "conflict", "other"]).parse(answers.reason);
      const text = typeof answers.text === "string" ? answers.text : null;
      const { signal } = await declineAssignment(turn.actionDeps({ signals: settings }), turn.actor, {
        signalId,
        reason,
        text,
        expectedVersion: v,
      });
      // The card above is now a short note (the notice redraws it); here, what was done.
      turn.reply({ texts: [{ key: "signal.declined_done", params: { number: signalNumber(signal) } }] });
    },
  };
}
