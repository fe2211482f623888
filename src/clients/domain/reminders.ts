/**
 * What the mother is reminded of (pure): the plan's actions she is responsible for, on their due
 * day at the agreed hour and a day before; the meetings agreed with her curator, a day before and
 * two hours before. Each reminder has a key, told once (client_reminders).
 */
import { DateTime } from "luxon";

/** An action of her current plan, as the reminder rules need it. */
export interface ClientAction {
  actionKey: string;
  responsible: string;
  /** The due day (a date at UTC midnight, as the database keeps `date`). */
  dueDate: Date;
  status: string;
}

/** One reminder for her. */
export interface ClientReminderItem {
  key: string;
  at: Date;
  /** What it is about: an action's key, or "meet:<meeting id>". */
  ref: string;
  kind: "day_before" | "due" | "meeting_tomorrow" | "meeting_soon";
}

/** A meeting agreed with her, as the reminder rules need it. */
export interface ClientMeetingRow {
  id: string;
  at: Date;
  cancelledAt: Date | null;
  createdAt: Date;
}

/**
 * Her reminders of meetings: a day before and two hours before (not of cancelled ones, and none
 * whose moment had passed when the meeting was set: she was just told of it).
 */
export function meetingReminderItems(meetings: readonly ClientMeetingRow[]): ClientReminderItem[] {
  const items: ClientReminderItem[] = [];
  for (const m of meetings) {
    if (m.cancelledAt !== null) continue;
    const ref = `meet:${m.id}`;
    const candidates: ClientReminderItem[] = [
      {
        key: `${ref}:tomorrow`,
        at: new Date(m.at.getTime() - 24 * 3_600_000),
        ref,
        kind: "meeting_tomorrow",
      },
      { key: `${ref}:soon`, at: new Date(m.at.getTime() - 2 * 3_600_000), ref, kind: "meeting_soon" },
    ];
    items.push(...candidates.filter((i) => i.at >= m.createdAt));
  }
  return items.sort((x, y) => x.at.getTime() - y.at.getTime());
}

/** The hour of the day reminders come at, in the service's zone. */
export const REMINDER_HOUR = 10;

const FINISHED = new Set(["done", "dropped"]);

/** Her reminders for the actions of a plan: those she carries out, not yet finished. */
export function clientReminderItems(actions: readonly ClientAction[], zone: string): ClientReminderItem[] {
  const items: ClientReminderItem[] = [];
  for (const a of actions) {
    if (a.responsible !== "woman" || FINISHED.has(a.status)) continue;
    const day = a.dueDate.toISOString().slice(0, 10);
    const due = DateTime.fromISO(day, { zone }).set({ hour: REMINDER_HOUR });
    items.push({
      key: `act:${a.actionKey}:${day}:before`,
      at: due.minus({ days: 1 }).toJSDate(),
      ref: a.actionKey,
      kind: "day_before",
    });
    items.push({
      key: `act:${a.actionKey}:${day}:due`,
      at: due.toJSDate(),
      ref: a.actionKey,
      kind: "due",
    });
  }
  return items.sort((x, y) => x.at.getTime() - y.at.getTime());
}

/**
 * The reminders to tell now, and every key to record as done. Due and not told yet; of one action
 * only the latest (after a restart "tomorrow" is not told on the day itself); none more than a day
 * late (after a long outage a reminder is dropped rather than sent out of its moment).
 */
export function dueReminders(
  items: readonly ClientReminderItem[],
  told: ReadonlySet<string>,
  now: Date,
): { tell: ClientReminderItem[]; record: ClientReminderItem[] } {
  const record = items.filter((i) => !told.has(i.key) && i.at <= now);
  const latest = new Map<string, ClientReminderItem>();
  for (const item of record) {
    const seen = latest.get(item.ref);
    if (!seen || seen.at < item.at) latest.set(item.ref, item);
  }
  const tell = [...latest.values()]
    .filter((i) => now.getTime() - i.at.getTime() < 24 * 3_600_000)
    .sort((x, y) => x.at.getTime() - y.at.getTime());
  return { tell, record };
}
