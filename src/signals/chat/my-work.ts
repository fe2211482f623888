/**
 * The signal part of `/my` (the command itself is the cases area's, which adds the cases and the
 * pages): a curator's open signals with their visit deadline; for a head every open signal of the
 * service with its status, curator and how long it has waited, each with a button that shows its
 * card as it is now; for a reporter their hospital's recent signals with status and curator (what
 * the visit found is not theirs to read).
 */
import { authorize, can } from "../../access/policy.ts";
import { writeAudit } from "../../platform/audit.ts";
import type { ActionButton, TurnContext } from "../../platform/chat/app.ts";
import { buttonKind, idField, onButton, type ButtonDefinition } from "../../platform/chat/buttons.ts";
import type { Text, TextParam } from "../../platform/flow/types.ts";
import { shortName } from "../../access/names.ts";
import { signalNotFound } from "../actions/refusals.ts";
import { minutesBetween, type SignalStatus } from "../domain/lifecycle.ts";
import { hospitalNumber, signalNumber } from "../domain/numbers.ts";
import { earlierSignals } from "../queries/earlier.ts";
import { loadSignal } from "../queries/signal-view.ts";
import { workList, type WorkListKind, type WorkSignal } from "../queries/work.ts";
import { duration, headCard } from "./cards.ts";
import { curatorCard } from "./curator-cards.ts";

/** Any reader of the signal: send its card as it is now (a new message at the bottom of the chat). */
export const SHOW_CARD = buttonKind({ id: "sg:v", fields: { signalId: idField } });

/** One line of `/my`, with the button that opens it when there is one. */
export interface WorkEntry {
  text: Text;
  button?: ActionButton;
}

/** What a reporter reads of a signal's progress: never what the visit found. */
function reporterStatus(status: SignalStatus): Text {
  switch (status) {
    case "received":
      return { key: "signal.my.reporter_status.waiting" };
    case "assigned":
    case "accepted":
    case "on_the_way":
      return { key: "signal.my.reporter_status.assigned" };
    default:
      return { key: "signal.my.reporter_status.visited" };
  }
}

/** "только что" or "25 минут назад". */
function ago(from: Date, now: Date): Text {
  const minutes = minutesBetween(from, now);
  return minutes < 1
    ? { key: "signal.my.just_now" }
    : { key: "signal.my.ago", params: { time: duration(minutes) } };
}

function curatorPart(s: WorkSignal): TextParam {
  return s.curator ? { key: "signal.my.curator", params: { name: shortName(s.curator.fullName) } } : "";
}

function deadlinePart(s: WorkSignal): TextParam {
  return s.visitDeadline && !s.arrivedAt
    ? { key: "signal.my.deadline", params: { at: { datetime: s.visitDeadline.toISOString() } } }
    : "";
}

function entry(kind: WorkListKind, s: WorkSignal, now: Date): WorkEntry {
  const number = signalNumber(s);
  const button: ActionButton = {
    text: { key: "signal.my.open", params: { number } },
    data: SHOW_CARD.data({ signalId: s.id }),
  };
  switch (kind) {
    case "own":
      return {
        text: {
          key: "signal.my.signal",
          params: { number, status: { key: `signal.status.${s.status}` }, deadline: deadlinePart(s) },
        },
        button,
      };
    case "service":
      return {
        text: {
          key: "signal.my.head_signal",
          params: {
            number,
            hospital: s.hospital.shortName,
            urgency: s.urgency ? { key: `signal.my.urgency.${s.urgency}` } : "",
            status: { key: `signal.status.${s.status}` },
            curator: curatorPart(s),
            deadline: deadlinePart(s),
            ago: ago(s.transmittedAt, now),
          },
        },
        button,
      };
    case "hospital":
      // The reporter's own journal number; no button: the cards are the service's.
      return {
        text: {
          key: "signal.my.reporter_signal",
          params: {
            number: hospitalNumber(s),
            at: { datetime: s.transmittedAt.toISOString() },
            status: reporterStatus(s.status),
            curator: curatorPart(s),
          },
        },
      };
  }
}

/** The signal section of `/my`: its title and one entry per signal (none: no section). */
export async function signalWork(turn: TurnContext): Promise<{ title: Text; entries: WorkEntry[] }> {
  const { kind, signals } = await workList(turn.tx, turn.actor, turn.now);
  const title: Text = { key: `signal.my.title_${kind}` };
  return { title, entries: signals.map((s) => entry(kind, s, turn.now)) };
}

/** The button of `/my`: the card as the signal is now, for whoever may read it. */
export function workButtons(): ButtonDefinition[] {
  return [
    onButton(SHOW_CARD, async (turn, { signalId }) => {
      const signal = await loadSignal(turn.tx, signalId);
      if (!signal) throw signalNotFound();
      authorize(turn.actor, "signal.read", signal);
      await writeAudit(turn.tx, {
        actor: turn.actor,
        action: "signal.read",
        subjectType: "signal",
        subjectId: signal.id,
        serviceId: signal.serviceId,
        at: turn.now,
      });
      // The curator acting on it gets their card (with the next step); heads theirs.
      if (can(turn.actor, "signal.accept", signal))
        return turn.reply(curatorCard(signal, { byForm: turn.staff.personalDataByForm === true }));
      turn.reply(
        headCard(signal, await earlierSignals(turn.tx, signal, turn.now), undefined, {
          byForm: turn.staff.personalDataByForm === true,
        }),
      );
    }),
  ];
}
