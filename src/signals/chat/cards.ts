/**
 * The messages people see about a signal: the head's card (with urgency, assign and reassign
 * buttons that follow the signal's state), the curator's card (with the next step's button), and
 * small helpers for durations and notices. Pure rendering over a loaded signal.
 */
import { shortName } from "../../access/names.ts";
import type { ActionButton, ChatMessage } from "../../platform/chat/app.ts";
import type { Text, TextParam } from "../../platform/flow/types.ts";
import { START_ON_SIGNAL } from "../../assessments/chat/kinds.ts";
import { can, isFull, minutesBetween, type CuratorLoad } from "../domain/lifecycle.ts";
import { readThreat, type ThreatDetails } from "../domain/threat.ts";
import { signalNumber } from "../domain/numbers.ts";
import { MINOR_BELOW, suggestedUrgency, womanAgeAt } from "../domain/suggest.ts";
import type { EarlierSignal } from "../queries/earlier.ts";
import type { SignalView } from "../queries/signal-view.ts";
import {
  ACCEPT,
  DECLINE,
  ARRIVE,
  ASSIGN,
  ASSIGN_LIST,
  BACK_TO_CARD,
  DEPART,
  OUTCOME,
  PLAN_VISIT,
  REASSIGN,
  REASSIGN_LIST,
  URGENCY,
  URGENCY_CHANGE,
} from "./kinds.ts";

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
  const items = earlier.map((e): TextParam => {
    const curator: TextParam = e.curator
      ? { key: "signal.card.earlier_curator", params: { curator: shortName(e.curator) } }
      : "";
    return e.caseNumber
      ? { key: "signal.card.earlier_case", params: { number: e.number, case: e.caseNumber, curator } }
      : {
          key: "signal.card.earlier_item",
          params: { number: e.number, status: { key: `signal.status.${e.status}` }, curator },
        };
  });
  return { key: "signal.card.earlier", params: { items: { list: items } } };
}

/** The key line, first on every card: the urgency and the deadline it sets. */
export function keyLine(signal: Pick<SignalView, "kind" | "urgency" | "visitDeadline">): Text | null {
  // A threat to a child (seed 003): urgent means contact with the family within 1 hour.
  const prefix = signal.kind === "child_threat" ? "signal.card.key_threat_" : "signal.card.key_";
  if (signal.urgency === "urgent" && signal.visitDeadline)
    return { key: `${prefix}urgent`, params: { at: { datetime: signal.visitDeadline.toISOString() } } };
  if (signal.urgency) return { key: `${prefix}${signal.urgency}` };
  return null;
}

/** «Визит запланирован: …» on a planned signal's cards, once the curator has said when. */
function plannedVisitLines(signal: SignalView): Text[] {
  if (signal.urgency !== "planned" || !signal.plannedVisitAt) return [];
  return [
    { key: "signal.card.visit_planned", params: { at: { datetime: signal.plannedVisitAt.toISOString() } } },
  ];
}

/** When the risk was identified and how soon the signal came (the same whenever the card is drawn). */
function identifiedLine(signal: SignalView): Text {
  const at = { datetime: signal.identifiedAt.toISOString() };
  const minutes = minutesBetween(signal.identifiedAt, signal.transmittedAt);
  if (minutes <= 0) return { key: "signal.card.identified_at_once", params: { at } };
  return { key: "signal.card.identified", params: { at, ago: duration(minutes) } };
}

/** A curator as a button to assign or reassign: open cases out of 9, and whether on a visit now. */
export function curatorOption(
  kind: typeof ASSIGN | typeof REASSIGN,
  signal: SignalView,
  c: CuratorLoad,
): ActionButton[] {
  const name = shortName(c.fullName);
  const label: Text = isFull(c)
    ? { key: "signal.curator_full", params: { name } }
    : {
        key: c.onVisit ? "signal.curator_option_visit" : "signal.curator_option",
        params: { name, load: c.openCases },
      };
  return [{ text: label, data: kind.data({ signalId: signal.id, v: signal.version, curatorId: c.id }) }];
}

/**
 * The buttons a head has on a signal in its current state (acting ones carry its version). Once
 * the urgency is set and `curators` are given, the curators themselves: the second tap assigns.
 */
function headButtons(signal: SignalView, curators?: CuratorLoad[]): ActionButton[][] {
  const signalId = signal.id;
  const v = signal.version;
  if (signal.status === "received" && !signal.urgency) {
    return [
      [
        signalButton(
          signal.kind === "child_threat" ? "urgent_threat" : "urgent",
          URGENCY.data({ signalId, v, urgency: "u" }),
        ),
        signalButton("planned", URGENCY.data({ signalId, v, urgency: "p" })),
      ],
    ];
  }
  if (signal.status === "received" && curators) return curators.map((c) => curatorOption(ASSIGN, signal, c));
  if (signal.status === "received") return [[signalButton("assign", ASSIGN_LIST.data({ signalId }))]];
  if (can(signal.status, "reassign")) {
    const rows = [[signalButton("reassign", REASSIGN_LIST.data({ signalId }))]];
    // After assignment the urgency changes only explicitly (and the curator is told).
    if (signal.urgency && can(signal.status, "set_urgency"))
      rows.push([signalButton("change_urgency", URGENCY_CHANGE.data({ signalId, v }))]);
    return rows;
  }
  return [];
}

/**
 * The head's confirmation of an urgency change after assignment: the card, the question, and the
 * other urgency (a press carries the version: a change meanwhile makes it refuse).
 */
export function urgencyChangeConfirm(signal: SignalView, earlier: EarlierSignal[]): ChatMessage {
  const next = signal.urgency === "urgent" ? "planned" : "urgent";
  const label = next === "planned" ? "planned" : signal.kind === "child_threat" ? "urgent_threat" : "urgent";
  const card = headCard(signal, earlier);
  return {
    texts: [
      ...card.texts,
      {
        key: "signal.change_urgency_confirm",
        params: { number: signalNumber(signal), urgency: { key: `signal.urgency.${next}` } },
      },
    ],
    buttons: [
      [
        signalButton(
          label,
          URGENCY.data({ signalId: signal.id, v: signal.version, urgency: next === "urgent" ? "u" : "p" }),
        ),
      ],
      [signalButton("back", BACK_TO_CARD.data({ signalId: signal.id }))],
    ],
  };
}

/**
 * The head's card. `earlier` lists earlier signals about the same woman. No name of the woman: the
 * head does not need it to assign. Nothing on it depends on the moment it is drawn, so every
 * copy, drawn again at any time, reads the same.
 */
export function headCard(
  signal: SignalView,
  earlier: EarlierSignal[],
  curators?: CuratorLoad[],
  options: { byForm?: boolean } = {},
): ChatMessage {
  const threat = signal.kind === "child_threat" ? readThreat(signal.threat) : null;
  const key = keyLine(signal);
  const texts: Text[] = [
    ...(key ? [key] : []),
    {
      key: signal.kind === "child_threat" ? "signal.card.threat_title" : "signal.card.title",
      params: { number: signalNumber(signal) },
    },
    { key: "signal.card.hospital", params: { hospital: signal.hospital.name } },
    { key: "signal.card.category", params: { category: { key: `signal.category.${signal.category}` } } },
    { key: "signal.card.location", params: { location: { key: `signal.location.${signal.location}` } } },
    identifiedLine(signal),
    { key: "signal.card.transmitted", params: { at: { datetime: signal.transmittedAt.toISOString() } } },
  ];
  if (signal.late) texts.push({ key: "signal.card.late" });
  if (threat) texts.push(...threatLines(threat, false));
  else texts.push(ageLine(signal));
  texts.push(reporterLine(signal));
  // The comment is the reporter's free text about her: with the secure form it stays out of chats.
  if (signal.comment && !options.byForm)
    texts.push({ key: "signal.card.comment", params: { value: signal.comment } });
  texts.push(earlierLine(earlier));
  // A suggestion from the answers, never set by itself: the head decides.
  if (signal.status === "received" && !signal.urgency && !threat && suggestedUrgency(signal) === "urgent")
    texts.push({ key: "signal.card.recommended_urgent" });
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
  texts.push(...plannedVisitLines(signal));
  if (signal.status !== "received")
    texts.push({ key: "signal.card.status", params: { status: { key: `signal.status.${signal.status}` } } });
  if (signal.status === "received" && signal.urgency && curators)
    texts.push({ key: curators.length > 0 ? "signal.choose_curator" : "signal.no_curators" });
  return {
    texts,
    buttons: headButtons(signal, curators),
    card: { subjectType: "signal", subjectId: signal.id, kind: "head" },
  };
}

/** The woman's age on the day the risk was identified, with a clear mark when she is a minor. */
function ageLine(signal: SignalView): Text {
  const age = womanAgeAt(signal, signal.service.timeZone);
  if (age === null) return { key: "signal.card.age_unknown" };
  return {
    key: age < MINOR_BELOW ? "signal.card.age_minor" : "signal.card.age",
    params: { age: { key: "common.age_years", params: { count: age } } },
  };
}

/** Who passed the signal and their work phone, to ask about details. */
export function reporterLine(signal: SignalView): Text {
  const reporter = shortName(signal.reporter.fullName);
  return signal.reporter.phone
    ? { key: "signal.card.reporter_phone", params: { reporter, phone: signal.reporter.phone } }
    : { key: "signal.card.reporter", params: { reporter } };
}

/** The urgency as read on a card (a threat to a child: contact within 1 hour). */
function urgencyText(signal: Pick<SignalView, "kind" | "urgency">): TextParam {
  const group = signal.kind === "child_threat" ? "threat_urgency" : "urgency";
  return { key: `signal.${group}.${signal.urgency}` };
}

/** A threat signal's own answers on a card; the child's name only for the curator. */
function threatLines(threat: ThreatDetails, withName: boolean): Text[] {
  const lines: Text[] = [];
  if (withName) {
    lines.push(
      { key: "signal.threat_card.child", params: { name: orUnknown(threat.childName) } },
      {
        key: "signal.threat_card.child_born",
        params: {
          born:
            threat.childBirth === null
              ? { key: "signal.unknown" }
              : typeof threat.childBirth === "number"
                ? { key: "common.age_years", params: { count: threat.childBirth } }
                : { date: threat.childBirth },
        },
      },
    );
  }
  lines.push(
    { key: "signal.threat_card.threat", params: { value: threat.threat } },
    {
      key: "signal.threat_card.source",
      params: { source: { key: `signal.threat_source.${threat.source}` } },
    },
  );
  return lines;
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

/**
 * The heads' alert that the curator has not accepted in time: it offers «Переназначить» while
 * that is still the question (the same curator is on the signal and has not accepted), then reads
 * as a note.
 */
export function acceptOverdueAlert(
  signal: SignalView,
  data: { curator: string; curatorId: string | null; minutes: number },
): ChatMessage {
  return {
    texts: [
      {
        key: "signal.accept_overdue",
        params: { curator: data.curator, number: signalNumber(signal), minutes: duration(data.minutes) },
      },
    ],
    buttons:
      signal.status === "assigned" && signal.curatorId === data.curatorId
        ? [[signalButton("reassign", REASSIGN_LIST.data({ signalId: signal.id }))]]
        : [],
    card: { subjectType: "signal", subjectId: signal.id, kind: "head_alert", data },
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

/** The reader-independent message for staff other than the actor (e.g. other heads). */
export function notice(key: string, params: Record<string, TextParam>): ChatMessage {
  return { texts: [{ key, params }] };
}
