/**
 * The curator's side of a signal's cards: the assignment card (newborn or a threat to a child),
 * the step notes that carry the next button, and the note of a curator taken off the signal.
 * Shared pieces (key line, buttons, texts) come from ./cards.ts.
 */
import type { ActionButton, ChatMessage } from "../../platform/chat/app.ts";
import type { Text, TextParam } from "../../platform/flow/types.ts";
import { START_ON_SIGNAL } from "../../assessments/chat/kinds.ts";
import { readThreat } from "../domain/threat.ts";
import { signalNumber } from "../domain/numbers.ts";
import type { SignalView } from "../queries/signal-view.ts";
import { ACCEPT, DECLINE, ARRIVE, DEPART, OUTCOME, PLAN_VISIT } from "./kinds.ts";
import {
  signalButton,
  keyLine,
  plannedVisitLines,
  reporterLine,
  urgencyText,
  threatLines,
  orUnknown,
  birthParam,
} from "./cards.ts";

/** The hospital on a curator's card: its name, and its address when known (where to go). */
function hospitalLines(signal: SignalView): Text[] {
  const lines: Text[] = [{ key: "signal.curator_card.hospital", params: { hospital: signal.hospital.name } }];
  if (signal.hospital.address)
    lines.push({ key: "signal.curator_card.hospital_address", params: { value: signal.hospital.address } });
  return lines;
}

/** «🗓 Время визита» for a planned signal (accepted, not arrived yet): set or change it. */
function planVisitRow(signal: SignalView): ActionButton[][] {
  if (signal.urgency !== "planned" || signal.kind === "child_threat") return [];
  return [[signalButton("plan_visit", PLAN_VISIT.data({ signalId: signal.id, v: signal.version }))]];
}

/** The curator's next button for the signal's state (acting ones carry its version). */
export function curatorButtons(signal: SignalView): ActionButton[][] {
  const signalId = signal.id;
  const v = signal.version;
  switch (signal.status) {
    case "assigned":
      return [
        [
          signalButton("accept", ACCEPT.data({ signalId, v })),
          signalButton("decline", DECLINE.data({ signalId, v })),
        ],
      ];
    case "accepted":
      return [
        [
          signalButton("depart", DEPART.data({ signalId, v })),
          signalButton("arrive", ARRIVE.data({ signalId, v })),
        ],
        ...planVisitRow(signal),
      ];
    case "on_the_way":
      return [[signalButton("arrive", ARRIVE.data({ signalId, v }))], ...planVisitRow(signal)];
    case "arrived":
      // A threat to a child: after contact, the safety and risk assessment (seed 003) decides.
      if (signal.kind === "child_threat")
        return [[signalButton("assess", START_ON_SIGNAL.data({ signalId }))]];
      return [[signalButton("outcome", OUTCOME.data({ signalId }))]];
    default:
      return [];
  }
}

/**
 * The curator's card: what is needed to go. Its buttons are the next step's, unless a newer
 * message of the signal in the chat carries them (`buttons: false`). With `byForm` (the service's
 * personalDataByForm), the woman's personal data stays out of the chat: the card has a button
 * opening it in the secure form.
 */
export function curatorCard(
  signal: SignalView,
  options: { buttons?: boolean; byForm?: boolean } = {},
): ChatMessage {
  if (signal.kind === "child_threat") return threatCuratorCard(signal, options);
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
        signal.byAmbulance === false
          ? { key: "signal.curator_card.not_by_ambulance" }
          : line("ambulance_from", orUnknown(signal.ambulanceFrom)),
        line("phone", orUnknown(signal.phone)),
      ];
  const key = keyLine(signal);
  const texts: Text[] = [
    ...(key ? [key] : []),
    { key: "signal.curator_card.title", params: { number: signalNumber(signal) } },
    ...personal,
    ...hospitalLines(signal),
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
  if (signal.comment && !options.byForm) texts.push(line("comment", signal.comment));
  texts.push(reporterLine(signal), ...plannedVisitLines(signal));
  if (signal.status === "assigned") texts.push({ key: "signal.curator_card.accept_hint" });
  else
    texts.push({ key: "signal.card.status", params: { status: { key: `signal.status.${signal.status}` } } });
  const details = {
    text: { key: "signal.curator_card.details" },
    url: `/forms/signal?s=${signal.id}`,
    miniApp: true,
  };
  return {
    texts,
    buttons: options.buttons === false ? [] : curatorButtons(signal),
    card: { subjectType: "signal", subjectId: signal.id, kind: "curator" },
    ...(options.byForm ? { links: [[details]] } : {}),
  };
}

/** The visit steps a curator's note records. */
export type StepNote = "accept" | "depart" | "arrive";

/**
 * The note a curator gets for a step they recorded: it carries the next step's button (the
 * newest message about the signal in their chat), until a newer one does.
 */
export function stepNote(
  signal: SignalView,
  step: StepNote,
  at: string,
  options: { buttons?: boolean } = {},
): ChatMessage {
  const time = { time: at }; // «Выезд отмечен: 22:49» — the date only when it is not today
  const texts: Text[] =
    step === "accept"
      ? [
          { key: "signal.accepted", params: { number: signalNumber(signal) } },
          // A planned signal: the curator is asked when the visit will be, until they say.
          ...(planVisitRow(signal).length > 0 && !signal.plannedVisitAt && signal.status === "accepted"
            ? [{ key: "signal.visit_time_question" }]
            : []),
        ]
      : [
          {
            key:
              step === "depart"
                ? "signal.departed"
                : signal.kind === "child_threat"
                  ? "signal.arrived_threat" // a threat to a child: the assessment follows the contact
                  : "signal.arrived",
            params: { at: time },
          },
        ];
  return {
    texts,
    buttons: options.buttons === false ? [] : curatorButtons(signal),
    card: { subjectType: "signal", subjectId: signal.id, kind: "step", data: { step, at } },
  };
}

/** What a curator taken off the signal reads where their card was: no personal data. */
export function takenOffNote(signal: SignalView): ChatMessage {
  return { texts: [{ key: "signal.taken_off", params: { number: signalNumber(signal) } }] };
}

/** The curator's card of a threat to a child: the child, the family, what is known. */
function threatCuratorCard(
  signal: SignalView,
  options: { buttons?: boolean; byForm?: boolean } = {},
): ChatMessage {
  const line = (key: string, value: TextParam): Text => ({
    key: `signal.curator_card.${key}`,
    params: { value },
  });
  const threat = readThreat(signal.threat);
  const texts: Text[] = [
    { key: "signal.threat_card.title", params: { number: signalNumber(signal) } },
    ...(threat ? threatLines(threat, true) : []),
    { key: "signal.threat_card.family", params: { name: signal.womanFullName } },
    line("actual_address", orUnknown(signal.actualAddress)),
    line("phone", orUnknown(signal.phone)),
    {
      key: "signal.curator_card.location",
      params: { location: { key: `signal.location.${signal.location}` } },
    },
    ...hospitalLines(signal),
  ];
  if (signal.urgency)
    texts.push({ key: "signal.curator_card.urgency", params: { urgency: urgencyText(signal) } });
  if (signal.visitDeadline)
    texts.push({
      key: "signal.card.contact_deadline",
      params: { at: { datetime: signal.visitDeadline.toISOString() } },
    });
  if (signal.comment && !options.byForm) texts.push(line("comment", signal.comment));
  texts.push(reporterLine(signal));
  if (signal.status === "assigned") texts.push({ key: "signal.curator_card.accept_hint" });
  else
    texts.push({ key: "signal.card.status", params: { status: { key: `signal.status.${signal.status}` } } });
  return {
    texts,
    buttons: options.buttons === false ? [] : curatorButtons(signal),
    card: { subjectType: "signal", subjectId: signal.id, kind: "curator" },
  };
}
