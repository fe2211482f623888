/**
 * The messages people see about a signal: the head's card (with urgency, assign and reassign
 * buttons that follow the signal's state), the curator's card (with the next step's button), and
 * small helpers for durations and notices. Pure rendering over a loaded signal.
 */
import { shortName } from "../../access/names.ts";
import type { ActionButton, ChatMessage } from "../../platform/chat/app.ts";
import type { Text, TextParam } from "../../platform/flow/types.ts";
import { can, isFull, minutesBetween, type CuratorLoad } from "../domain/lifecycle.ts";
import { readThreat, type ThreatDetails } from "../domain/threat.ts";
import { signalNumber } from "../domain/numbers.ts";
import { MINOR_BELOW, suggestedUrgency, womanAgeAt } from "../domain/suggest.ts";
import type { EarlierSignal } from "../queries/earlier.ts";
import type { SignalView } from "../queries/signal-view.ts";
import {
  ASSIGN,
  ASSIGN_LIST,
  BACK_TO_CARD,
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
export function plannedVisitLines(signal: SignalView): Text[] {
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
export function urgencyText(signal: Pick<SignalView, "kind" | "urgency">): TextParam {
  const group = signal.kind === "child_threat" ? "threat_urgency" : "urgency";
  return { key: `signal.${group}.${signal.urgency}` };
}

/** A threat signal's own answers on a card; the child's name only for the curator. */
export function threatLines(threat: ThreatDetails, withName: boolean): Text[] {
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

export function orUnknown(value: string | null): TextParam {
  return value ?? { key: "signal.unknown" };
}

/** How the woman's birth is shown: a date, an age, or unknown. */
export function birthParam(signal: { womanBirthDate: Date | null; womanAge: number | null }): TextParam {
  if (signal.womanBirthDate) return { date: signal.womanBirthDate.toISOString().slice(0, 10) };
  if (signal.womanAge !== null) return { key: "common.age_years", params: { count: signal.womanAge } };
  return { key: "signal.unknown" };
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

/** The reader-independent message for staff other than the actor (e.g. other heads). */
export function notice(key: string, params: Record<string, TextParam>): ChatMessage {
  return { texts: [{ key, params }] };
}
