/**
 * Every deadline of a case as data: what is due when, who is reminded, what is overdue. Pure —
 * callers pass the case's facts, `now` and the service's time zone. The sweep job
 * (src/cases/jobs/sweep.ts) asks {@link reminderItems} which reminders exist, tells those that fell
 * due and were not told yet (remembered by key, so a restart or a second worker tells nothing
 * twice), and stores {@link nextDueAt} as the case's next wake-up.
 *
 * The standard's time norms (seed 000):
 * - stage 3 lasts up to a month; the plan for changing the decision is made with the woman first;
 *   monitoring is weekly ("every 7 days from the plan");
 * - accompaniment: the long-term plan within a month; monitoring once every 3 months.
 *
 * When several reminders of one kind fell due at once (the system was stopped, the clock jumped),
 * only the latest is told: a curator who missed three weekly monitorings gets one message, not three.
 */
import { DateTime } from "luxon";
import type { CaseStage, CaseStatus } from "./case.ts";
import type { ActionResponsible } from "./plans.ts";

/** Weekly monitoring in stage 3. */
export const WEEKLY_MONITORING_DAYS = 7;
/** A weekly monitoring not recorded this long after it was due is reported to the head. */
export const WEEKLY_MONITORING_GRACE_HOURS = 24;
/** Monitoring once every 3 months in accompaniment. */
export const ACCOMPANIMENT_MONITORING_MONTHS = 3;
/** A quarterly monitoring not recorded this many days after it was due is reported to the head. */
export const ACCOMPANIMENT_MONITORING_GRACE_DAYS = 7;
/** The long-term plan is due within a month of moving to accompaniment. */
export const REHAB_PLAN_MONTHS = 1;
/** The curator is reminded of the long-term plan this many days before it is due. */
export const REHAB_PLAN_SOON_DAYS = 3;
/** The curator is reminded of the decision-change plan this many hours before it is due. */
export const PLAN_SOON_HOURS = 24;
/** Date-only deadlines (actions, hand-overs) are reminded at this hour of the service's day. */
export const WORKDAY_HOUR = 9;
/** The heads are asked again about the one-month limit this many hours after it passed. */
export const LIMIT_AGAIN_HOURS = 24;

/** What the schedule needs to know about a case. */
export interface ScheduleFacts {
  status: CaseStatus;
  openedAt: Date;
  /** The decision-change plan's deadline (already defaulted). */
  planDueAt: Date;
  /** The one-month limit (already defaulted, extensions applied). */
  limitAt: Date;
  accompanimentAt: Date | null;
  /** When the first version of each plan was made (the monitoring cadence counts from it). */
  decisionPlanAt: Date | null;
  rehabPlanAt: Date | null;
  /** When monitoring entries were recorded, by stage. */
  monitorings: readonly { stage: CaseStage; recordedAt: Date }[];
  /** Unfinished actions of the current plan of the current stage. */
  actions: readonly ScheduleAction[];
  /** Hand-overs not acknowledged yet. */
  pendingHandovers: readonly { id: string; ackDueAt: Date }[];
}

/** An unfinished action as the schedule sees it. */
export interface ScheduleAction {
  key: string;
  /** "YYYY-MM-DD" in the service's zone. */
  dueDate: string;
  responsible: ActionResponsible;
  /** When the plan version holding it was made: reminders that would have come before are not sent. */
  since: Date;
}

/** Kinds of reminders (each has a renderer and a list of readers in src/cases/chat/notices.ts). */
export const REMINDER_KINDS = [
  "plan_soon",
  "plan_overdue",
  "action_due",
  "action_overdue",
  "monitoring_due",
  "monitoring_missed",
  "limit",
  "limit_again",
  "rehab_plan_soon",
  "rehab_plan_overdue",
  "ack_overdue",
] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

/** One reminder of a case: its identity, its moment and what it is about. */
export interface ReminderItem {
  /** Unique within the case and stable across sweeps: a reminder with a told key is never told again. */
  key: string;
  /** Reminders of one group supersede each other: when several are due at once, the last is told. */
  group: string;
  kind: ReminderKind;
  at: Date;
  /** From `at` on, while the item exists, the case is overdue. */
  overdue: boolean;
  /** What it is about. */
  subject: {
    actionKey?: string;
    dueDate?: string;
    responsible?: ActionResponsible;
    handoverId?: string;
    stage?: CaseStage;
    /** Which monitoring of the stage (1, 2, …). */
    slot?: number;
    /** The deadline the reminder is about (plan, limit, monitoring, acknowledgement). */
    deadline?: string;
  };
}

/** The moment `hour`:00 of the calendar day `day` ("YYYY-MM-DD") in `zone`. */
export function atHourOf(day: string, hour: number, zone: string): Date {
  return DateTime.fromISO(day, { zone }).set({ hour, minute: 0, second: 0, millisecond: 0 }).toJSDate();
}

/** The calendar day `days` after `day`. */
export function plusDays(day: string, days: number): string {
  return DateTime.fromISO(day, { zone: "UTC" }).plus({ days }).toISODate()!;
}

function plusHours(at: Date, hours: number): Date {
  return new Date(at.getTime() + hours * 3_600_000);
}

/** A monitoring cadence: when its k-th monitoring falls due, and how late it may be. */
interface Cadence {
  stage: CaseStage;
  anchor: Date;
  slot(k: number): Date;
  /** An entry recorded after slot(k) − halfPeriod counts as the k-th monitoring. */
  halfPeriodMs: number;
  graceMs: number;
}

function cadence(stage: CaseStage, anchor: Date, zone: string): Cadence {
  const start = DateTime.fromJSDate(anchor, { zone });
  if (stage === "decision_change") {
    return {
      stage,
      anchor,
      slot: (k) => start.plus({ days: WEEKLY_MONITORING_DAYS * k }).toJSDate(),
      halfPeriodMs: (WEEKLY_MONITORING_DAYS / 2) * 86_400_000,
      graceMs: WEEKLY_MONITORING_GRACE_HOURS * 3_600_000,
    };
  }
  return {
    stage,
    anchor,
    slot: (k) => start.plus({ months: ACCOMPANIMENT_MONITORING_MONTHS * k }).toJSDate(),
    halfPeriodMs: 45 * 86_400_000,
    graceMs: ACCOMPANIMENT_MONITORING_GRACE_DAYS * 86_400_000,
  };
}

/**
 * The monitoring that is current: the first one not yet recorded, or — when the schedule has run
 * past it — the latest one already due (earlier unrecorded ones are not chased any more). An
 * entry counts for every monitoring due up to half a period after it.
 */
export function currentMonitoring(
  c: Cadence,
  entries: readonly Date[],
  now: Date,
): { slot: number; at: Date; missedAt: Date } {
  const latestEntry = entries.reduce((latest, e) => Math.max(latest, e.getTime()), -Infinity);
  const covered = (k: number) => latestEntry > c.slot(k).getTime() - c.halfPeriodMs;
  let first = 1;
  while (covered(first) && first < 10_000) first++;
  let latestDue = 0;
  while (c.slot(latestDue + 1) <= now && latestDue < 10_000) latestDue++;
  const slot = Math.max(first, latestDue);
  const at = c.slot(slot);
  return { slot, at, missedAt: new Date(at.getTime() + c.graceMs) };
}

function monitoringItems(c: Cadence, entries: readonly Date[], now: Date): ReminderItem[] {
  const current = currentMonitoring(c, entries, now);
  const group = `mon:${c.stage}`;
  const next = current.slot + 1;
  const subject = (slot: number, at: Date) => ({ stage: c.stage, slot, deadline: at.toISOString() });
  return [
    {
      key: `mon:${c.stage}:${current.slot}:due`,
      group,
      kind: "monitoring_due",
      at: current.at,
      overdue: false,
      subject: subject(current.slot, current.at),
    },
    {
      key: `mon:${c.stage}:${current.slot}:missed`,
      group,
      kind: "monitoring_missed",
      at: current.missedAt,
      overdue: true,
      subject: subject(current.slot, current.at),
    },
    {
      key: `mon:${c.stage}:${next}:due`,
      group,
      kind: "monitoring_due",
      at: c.slot(next),
      overdue: false,
      subject: subject(next, c.slot(next)),
    },
  ];
}

function actionItems(actions: readonly ScheduleAction[], zone: string): ReminderItem[] {
  return actions.flatMap((a) => {
    const subject = { actionKey: a.key, dueDate: a.dueDate, responsible: a.responsible };
    const group = `act:${a.key}`;
    const due = atHourOf(a.dueDate, WORKDAY_HOUR, zone);
    const items: ReminderItem[] = [];
    // A deadline set for today after its reminder hour is not "reminded" about in the past.
    if (due >= a.since)
      items.push({
        key: `act:${a.key}:${a.dueDate}:due`,
        group,
        kind: "action_due",
        at: due,
        overdue: false,
        subject,
      });
    items.push({
      key: `act:${a.key}:${a.dueDate}:overdue`,
      group,
      kind: "action_overdue",
      at: atHourOf(plusDays(a.dueDate, 1), WORKDAY_HOUR, zone),
      overdue: true,
      subject,
    });
    return items;
  });
}

function ackItems(handovers: ScheduleFacts["pendingHandovers"], now: Date): ReminderItem[] {
  return handovers.flatMap((h) => {
    const day = 86_400_000;
    const n = Math.max(0, Math.floor((now.getTime() - h.ackDueAt.getTime()) / day));
    const subject = { handoverId: h.id, deadline: h.ackDueAt.toISOString() };
    return [n, n + 1].map((k): ReminderItem => ({
      key: `ho:${h.id}:${k}`,
      group: `ho:${h.id}`,
      kind: "ack_overdue",
      at: new Date(h.ackDueAt.getTime() + k * day),
      overdue: true,
      subject,
    }));
  });
}

/** When the long-term plan is due: a month after moving to accompaniment. */
export function rehabPlanDueAt(accompanimentAt: Date, zone: string): Date {
  return DateTime.fromJSDate(accompanimentAt, { zone }).plus({ months: REHAB_PLAN_MONTHS }).toJSDate();
}

/** Every reminder the case has now (past and coming), for its status and facts. */
export function reminderItems(f: ScheduleFacts, now: Date, zone: string): ReminderItem[] {
  const items: ReminderItem[] = [];
  if (f.status === "open") {
    if (!f.decisionPlanAt) {
      const deadline = f.planDueAt.toISOString();
      const soon = plusHours(f.planDueAt, -PLAN_SOON_HOURS);
      if (soon > f.openedAt)
        items.push({
          key: "plan:soon",
          group: "plan",
          kind: "plan_soon",
          at: soon,
          overdue: false,
          subject: { deadline },
        });
      items.push({
        key: "plan:overdue",
        group: "plan",
        kind: "plan_overdue",
        at: f.planDueAt,
        overdue: true,
        subject: { deadline },
      });
    } else {
      const entries = f.monitorings.filter((m) => m.stage === "decision_change").map((m) => m.recordedAt);
      items.push(...monitoringItems(cadence("decision_change", f.decisionPlanAt, zone), entries, now));
    }
    const limit = f.limitAt.toISOString();
    items.push(
      {
        key: `limit:${limit}`,
        group: `limit:${limit}`,
        kind: "limit",
        at: f.limitAt,
        overdue: true,
        subject: { deadline: limit },
      },
      {
        key: `limit:${limit}:again`,
        group: `limit:${limit}`,
        kind: "limit_again",
        at: plusHours(f.limitAt, LIMIT_AGAIN_HOURS),
        overdue: true,
        subject: { deadline: limit },
      },
    );
    items.push(...actionItems(f.actions, zone));
  }
  if (f.status === "accompaniment" && f.accompanimentAt) {
    if (!f.rehabPlanAt) {
      const due = rehabPlanDueAt(f.accompanimentAt, zone);
      const deadline = due.toISOString();
      items.push(
        {
          key: "rehab:soon",
          group: "rehab",
          kind: "rehab_plan_soon",
          at: plusHours(due, -REHAB_PLAN_SOON_DAYS * 24),
          overdue: false,
          subject: { deadline },
        },
        {
          key: "rehab:overdue",
          group: "rehab",
          kind: "rehab_plan_overdue",
          at: due,
          overdue: true,
          subject: { deadline },
        },
      );
    } else {
      const entries = f.monitorings.filter((m) => m.stage === "accompaniment").map((m) => m.recordedAt);
      items.push(...monitoringItems(cadence("accompaniment", f.rehabPlanAt, zone), entries, now));
    }
    items.push(...actionItems(f.actions, zone));
  }
  items.push(...ackItems(f.pendingHandovers, now));
  return items;
}

/** Reminders due now and not told yet: those to tell, and those superseded by a later one of their group. */
export function dueReminders(
  items: readonly ReminderItem[],
  told: ReadonlySet<string>,
  now: Date,
): { tell: ReminderItem[]; superseded: ReminderItem[] } {
  const due = items
    .filter((i) => i.at <= now && !told.has(i.key))
    .sort((a, b) => a.at.getTime() - b.at.getTime());
  const last = new Map<string, ReminderItem>();
  for (const item of due) last.set(item.group, item);
  const tell = [...last.values()].sort((a, b) => a.at.getTime() - b.at.getTime());
  return { tell, superseded: due.filter((i) => last.get(i.group) !== i) };
}

/** The earliest moment a reminder not told yet falls due; null when none is pending. */
export function nextDueAt(items: readonly ReminderItem[], told: ReadonlySet<string>): Date | null {
  let next: Date | null = null;
  for (const item of items) if (!told.has(item.key) && (next === null || item.at < next)) next = item.at;
  return next;
}

/** Since when the case is overdue (the earliest overdue item already due); null when nothing is. */
export function overdueSince(items: readonly ReminderItem[], now: Date): Date | null {
  let since: Date | null = null;
  for (const item of items)
    if (item.overdue && item.at <= now && (since === null || item.at < since)) since = item.at;
  return since;
}

/** A deadline as lists show it ("what is next"). */
export interface Deadline {
  kind: "plan" | "rehab_plan" | "monitoring" | "action" | "limit" | "ack";
  /** The deadline itself. */
  at: Date;
  overdue: boolean;
  /** The action or hand-over it is about. */
  actionKey?: string;
  handoverId?: string;
}

/**
 * The case's deadlines, the nearest first (overdue ones are the nearest): what `/my` and the case
 * card show as "next". Each comes from the same reminders the sweep tells.
 */
export function deadlines(items: readonly ReminderItem[], now: Date): Deadline[] {
  const byKey = new Map<string, Deadline>();
  for (const item of items) {
    const overdue = item.overdue && item.at <= now;
    let key: string;
    let deadline: Deadline;
    switch (item.kind) {
      case "plan_soon":
      case "plan_overdue":
        key = "plan";
        deadline = { kind: "plan", at: new Date(item.subject.deadline!), overdue };
        break;
      case "rehab_plan_soon":
      case "rehab_plan_overdue":
        key = "rehab";
        deadline = { kind: "rehab_plan", at: new Date(item.subject.deadline!), overdue };
        break;
      case "monitoring_due":
      case "monitoring_missed":
        key = `mon:${item.subject.slot}`;
        deadline = { kind: "monitoring", at: new Date(item.subject.deadline!), overdue };
        break;
      case "action_due":
      case "action_overdue":
        key = `act:${item.subject.actionKey}`;
        deadline = {
          kind: "action",
          at: new Date(`${item.subject.dueDate}T00:00:00Z`),
          overdue,
          actionKey: item.subject.actionKey!,
        };
        break;
      case "limit":
      case "limit_again":
        key = "limit";
        deadline = { kind: "limit", at: new Date(item.subject.deadline!), overdue };
        break;
      case "ack_overdue":
        key = `ho:${item.subject.handoverId}`;
        deadline = {
          kind: "ack",
          at: new Date(item.subject.deadline!),
          overdue,
          handoverId: item.subject.handoverId!,
        };
        break;
    }
    const existing = byKey.get(key);
    byKey.set(key, existing ? { ...existing, overdue: existing.overdue || deadline.overdue } : deadline);
  }
  // Of the monitorings only the current one is listed (the next is shown once it is current).
  const monitorings = [...byKey.entries()].filter(([k]) => k.startsWith("mon:"));
  for (const [k] of monitorings.slice(1)) byKey.delete(k);
  return [...byKey.values()].sort(
    (a, b) => Number(b.overdue) - Number(a.overdue) || a.at.getTime() - b.at.getTime(),
  );
}
