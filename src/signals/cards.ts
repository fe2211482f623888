/**
 * The messages people see about a signal: the head's card (with urgency, assign and
 * reassign buttons that follow the signal's state), the curator's card (with the
 * next step's button), and small helpers for numbers, names and durations.
 */
import type { ActionButton, ChatMessage, ChatStaff, Tx } from "../platform/chat/app.ts";
import { can, minutesBetween, type SignalStatus } from "./domain/lifecycle.ts";
import type { Text, TextParam } from "../platform/flow/types.ts";
import { shortId } from "./ids.ts";

/** A signal with what its cards show. */
export type SignalView = NonNullable<Awaited<ReturnType<typeof loadSignal>>>;

/** Loads a signal with its hospital, people and case. */
export function loadSignal(tx: Tx, id: string) {
  return tx.signal.findUnique({
    where: { id },
    include: { hospital: true, reporter: true, curator: true, assignedBy: true, case: true, service: true },
  });
}

/** "12/2026". */
export function signalNumber(signal: { serviceNumber: number; serviceYear: number }): string {
  return `${signal.serviceNumber}/${signal.serviceYear}`;
}

/** "3/2026" in the hospital's own journal. */
export function hospitalNumber(signal: { hospitalNumber: number; hospitalYear: number }): string {
  return `${signal.hospitalNumber}/${signal.hospitalYear}`;
}

/** "Петрова Анна Ивановна" → "Петрова А. И." — how staff are named to each other. */
export function shortName(fullName: string): string {
  const [surname, ...rest] = fullName.trim().split(/\s+/);
  return [surname, ...rest.map((part) => `${part[0]?.toLocaleUpperCase()}.`)].join(" ");
}

/** A duration as "N минут" or "N ч M мин". */
export function duration(minutes: number): Text {
  if (minutes < 60) return { key: "common.minutes", params: { count: minutes } };
  return { key: "common.hours_minutes", params: { hours: Math.floor(minutes / 60), minutes: minutes % 60 } };
}

/** Button data of signal actions: `sg:<op>:<signal>[:<arg>]`, at most 64 bytes. */
export const SIGNAL_PREFIX = "sg:";

export function signalButton(text: string, op: string, signalId: string, arg?: string): ActionButton {
  return {
    text: { key: `signal.buttons.${text}` },
    data: `${SIGNAL_PREFIX}${op}:${shortId(signalId)}${arg ? `:${arg}` : ""}`,
  };
}

/** An earlier signal about the same woman, as the head's card lists it. */
export interface EarlierSignal {
  number: string;
  status: SignalStatus;
  caseNumber: string | null;
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
  if (signal.status === "received" && !signal.urgency) {
    return [[signalButton("urgent", "u", signal.id, "u"), signalButton("planned", "u", signal.id, "p")]];
  }
  if (signal.status === "received") return [[signalButton("assign", "l", signal.id)]];
  if (can(signal.status, "reassign")) return [[signalButton("reassign", "l", signal.id)]];
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
  switch (signal.status) {
    case "assigned":
      return [[signalButton("accept", "acc", signal.id)]];
    case "accepted":
      return [[signalButton("depart", "dep", signal.id), signalButton("arrive", "arr", signal.id)]];
    case "on_the_way":
      return [[signalButton("arrive", "arr", signal.id)]];
    case "arrived":
      return [[signalButton("outcome", "out", signal.id)]];
    default:
      return [];
  }
}

/** The curator's card: what is needed to go. */
export function curatorCard(signal: SignalView): ChatMessage {
  const line = (key: string, value: TextParam): Text => ({
    key: `signal.curator_card.${key}`,
    params: { value },
  });
  const texts: Text[] = [
    { key: "signal.curator_card.title", params: { number: signalNumber(signal) } },
    { key: "signal.curator_card.woman", params: { name: signal.womanFullName } },
    { key: "signal.curator_card.born", params: { born: birthParam(signal) } },
    { key: "signal.curator_card.hospital", params: { hospital: signal.hospital.name } },
    {
      key: "signal.curator_card.location",
      params: { location: { key: `signal.location.${signal.location}` } },
    },
    line("registered_address", orUnknown(signal.registeredAddress)),
    line("actual_address", orUnknown(signal.actualAddress)),
    line("ambulance_from", orUnknown(signal.ambulanceFrom)),
    line("phone", orUnknown(signal.phone)),
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
  if (signal.comment) texts.push(line("comment", signal.comment));
  if (signal.status === "assigned") texts.push({ key: "signal.curator_card.accept_hint" });
  else
    texts.push({ key: "signal.card.status", params: { status: { key: `signal.status.${signal.status}` } } });
  return { texts, buttons: curatorButtons(signal) };
}

/** Active heads of a service (everyone who must get a new signal). */
export async function activeHeads(tx: Tx, serviceId: string): Promise<string[]> {
  const heads = await tx.staff.findMany({
    where: { serviceId, role: "head", active: true },
    select: { id: true },
  });
  return heads.map((h) => h.id);
}

/** The reader-independent message for staff other than the actor (e.g. other heads). */
export function notice(key: string, params: Record<string, TextParam>): ChatMessage {
  return { texts: [{ key, params }] };
}

/** Whether `staff` may act on the signal as its curator. */
export function isCuratorOf(staff: ChatStaff, signal: { curatorId: string | null }): boolean {
  return staff.role === "curator" && signal.curatorId === staff.id;
}
