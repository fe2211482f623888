/**
 * The messages people see about a signal: the head's card (with urgency, assign and reassign
 * buttons that follow the signal's state), the curator's card (with the next step's button), and
 * small helpers for durations and notices. Pure rendering over a loaded signal.
 */
import { shortName } from "../../access/names.ts";
import type { ActionButton, ChatMessage } from "../../platform/chat/app.ts";
import type { Text, TextParam } from "../../platform/flow/types.ts";
import { can, minutesBetween } from "../domain/lifecycle.ts";
import { signalNumber } from "../domain/numbers.ts";
import type { EarlierSignal } from "../queries/earlier.ts";
import type { SignalView } from "../queries/signal-view.ts";
import { ACCEPT, ARRIVE, ASSIGN_LIST, DEPART, OUTCOME, REASSIGN_LIST, URGENCY } from "./kinds.ts";

export { shortName } from "../../access/names.ts";
export { hospitalNumber, signalNumber } from "../domain/numbers.ts";

/** A duration as "N минут" or "N ч M мин". */
export function duration(minutes: number): Text {
  if (minutes < 60) return { key: "common.minutes", params: { count: minutes } };
  return { key: "common.hours_minutes", params: { hours: Math.floor(minutes / 60), minutes: minutes % 60 } };
}

/** A button labelled `signal.buttons.<label>`. */
export function signalButton(label: string, data: string): ActionButton {
  return { text: { key: `signal.buttons.${label}` }, data };
}

function earlierLine(earlier: EarlierSignal[]): Text {
  if (earlier.length === 0) return { key: "signal.card.no_earlier" };
  const items = earlier.map((e): TextParam =>
    e.caseNumber
      ? { key: "signal.card.earlier_case", params: { number: e.number, case: e.caseNumber } }
      : {
          key: "signal.card.earlier_item",
          params: { number: e.number, status: { key: `signal.status.${e.status}` } },
        },
  );
  return { key: "signal.card.earlier", params: { items: { list: items } } };
}

/** The buttons a head has on a signal in its current state. */
function headButtons(signal: SignalView): ActionButton[][] {
  const signalId = signal.id;
  if (signal.status === "received" && !signal.urgency) {
    return [
      [
        signalButton("urgent", URGENCY.data({ signalId, urgency: "u" })),
        signalButton("planned", URGENCY.data({ signalId, urgency: "p" })),
      ],
    ];
  }
  if (signal.status === "received") return [[signalButton("assign", ASSIGN_LIST.data({ signalId }))]];
  if (can(signal.status, "reassign")) return [[signalButton("reassign", REASSIGN_LIST.data({ signalId }))]];
  return [];
}

/** The head's card. `earlier` lists earlier signals about the same woman. No name of the woman: the head does not need it to assign. */
export function headCard(signal: SignalView, earlier: EarlierSignal[], now: Date): ChatMessage {
  const texts: Text[] = [
    { key: "signal.card.title", params: { number: signalNumber(signal) } },
    { key: "signal.card.hospital", params: { hospital: signal.hospital.name } },
    { key: "signal.card.category", params: { category: { key: `signal.category.${signal.category}` } } },
    { key: "signal.card.location", params: { location: { key: `signal.location.${signal.location}` } } },
    {
      key: "signal.card.identified",
      params: {
        at: { datetime: signal.identifiedAt.toISOString() },
        ago: duration(minutesBetween(signal.identifiedAt, now)),
      },
    },
    { key: "signal.card.transmitted", params: { at: { datetime: signal.transmittedAt.toISOString() } } },
  ];
  if (signal.late) texts.push({ key: "signal.card.late" });
  texts.push(
    { key: "signal.card.reporter", params: { reporter: shortName(signal.reporter.fullName) } },
    earlierLine(earlier),
  );
  if (signal.urgency)
    texts.push({
      key: "signal.card.urgency",
      params: { urgency: { key: `signal.urgency.${signal.urgency}` } },
    });
  if (signal.visitDeadline)
    texts.push({
      key: "signal.card.deadline",
      params: { at: { datetime: signal.visitDeadline.toISOString() } },
    });
  if (signal.curator && signal.assignedBy && signal.assignedAt) {
    texts.push({
      key: "signal.card.curator",
      params: {
        curator: shortName(signal.curator.fullName),
        head: shortName(signal.assignedBy.fullName),
        at: { datetime: signal.assignedAt.toISOString() },
      },
    });
  }
  if (signal.status !== "received")
    texts.push({ key: "signal.card.status", params: { status: { key: `signal.status.${signal.status}` } } });
  return { texts, buttons: headButtons(signal) };
}

function orUnknown(value: string | null): TextParam {
  return value ?? { key: "signal.unknown" };
}

/** How the woman's birth is shown: a date, an age, or unknown. */
export function birthParam(signal: { womanBirthDate: Date | null; womanAge: number | null }): TextParam {
  if (signal.womanBirthDate) return { date: signal.womanBirthDate.toISOString().slice(0, 10) };
  if (signal.womanAge !== null) return { key: "common.age_years", params: { count: signal.womanAge } };
  return { key: "signal.unknown" };
}

/** The curator's next button for the signal's state. */
function curatorButtons(signal: SignalView): ActionButton[][] {
  const signalId = signal.id;
  switch (signal.status) {
    case "assigned":
      return [[signalButton("accept", ACCEPT.data({ signalId }))]];
    case "accepted":
      return [
        [
          signalButton("depart", DEPART.data({ signalId })),
          signalButton("arrive", ARRIVE.data({ signalId })),
        ],
      ];
    case "on_the_way":
      return [[signalButton("arrive", ARRIVE.data({ signalId }))]];
    case "arrived":
      return [[signalButton("outcome", OUTCOME.data({ signalId }))]];
    default:
      return [];
  }
}

/**
 * The curator's card: what is needed to go. With `byForm` (the service's personalDataByForm), the
 * woman's personal data stays out of the chat: the card has a button opening it in the secure form.
 */
export function curatorCard(signal: SignalView, options: { byForm?: boolean } = {}): ChatMessage {
  const line = (key: string, value: TextParam): Text => ({
    key: `signal.curator_card.${key}`,
    params: { value },
  });
  const personal: Text[] = options.byForm
    ? [{ key: "signal.curator_card.details_hint" }]
    : [
        { key: "signal.curator_card.woman", params: { name: signal.womanFullName } },
        { key: "signal.curator_card.born", params: { born: birthParam(signal) } },
      ];
  const addresses: Text[] = options.byForm
    ? []
    : [
        line("registered_address", orUnknown(signal.registeredAddress)),
        line("actual_address", orUnknown(signal.actualAddress)),
        line("ambulance_from", orUnknown(signal.ambulanceFrom)),
        line("phone", orUnknown(signal.phone)),
      ];
  const texts: Text[] = [
    { key: "signal.curator_card.title", params: { number: signalNumber(signal) } },
    ...personal,
    { key: "signal.curator_card.hospital", params: { hospital: signal.hospital.name } },
    {
      key: "signal.curator_card.location",
      params: { location: { key: `signal.location.${signal.location}` } },
    },
    ...addresses,
    {
      key: "signal.curator_card.category",
      params: { category: { key: `signal.category.${signal.category}` } },
    },
  ];
  if (signal.urgency)
    texts.push({
      key: "signal.curator_card.urgency",
      params: { urgency: { key: `signal.urgency.${signal.urgency}` } },
    });
  if (signal.visitDeadline)
    texts.push({
      key: "signal.curator_card.deadline",
      params: { at: { datetime: signal.visitDeadline.toISOString() } },
    });
  if (signal.comment && !options.byForm) texts.push(line("comment", signal.comment));
  if (signal.status === "assigned") texts.push({ key: "signal.curator_card.accept_hint" });
  else
    texts.push({ key: "signal.card.status", params: { status: { key: `signal.status.${signal.status}` } } });
  if (!options.byForm) return { texts, buttons: curatorButtons(signal) };
  const details = {
    text: { key: "signal.curator_card.details" },
    url: `/forms/signal?s=${signal.id}`,
    miniApp: true,
  };
  return { texts, buttons: curatorButtons(signal), links: [[details]] };
}

/** The reader-independent message for staff other than the actor (e.g. other heads). */
export function notice(key: string, params: Record<string, TextParam>): ChatMessage {
  return { texts: [{ key, params }] };
}
