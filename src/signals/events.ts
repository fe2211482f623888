/**
 * A signal's history: append-only rows of `signal_events`, one per change, written in the same
 * transaction as the change. Each event type has a zod schema for its `data`, checked when the row
 * is written ({@link appendEvent}) and when it is read ({@link parseEventData}); the journal columns
 * on the signal row always equal the replay of these events (src/signals/domain/lifecycle.ts).
 *
 * Event data never repeats the woman's personal data: that stays on the signal row.
 */
import type { Db } from "../platform/db/client.ts";
import type { Json } from "../platform/flow/types.ts";
import { SIGNAL_EVENT_DATA, type SignalEventData, type SignalEventType } from "./domain/events.ts";

export * from "./domain/events.ts";

/** Appends one event after checking its data against the type's schema. */
export async function appendEvent<T extends SignalEventType>(
  tx: Db,
  signalId: string,
  type: T,
  actorStaffId: string | null,
  at: Date,
  data: SignalEventData<T>,
): Promise<void> {
  const checked = SIGNAL_EVENT_DATA[type].parse(data) as Record<string, Json>;
  await tx.signalEvent.create({ data: { signalId, type, actorStaffId, at, data: checked } });
}

/** Whether an event of this type with these data fields exists (makes jobs idempotent). */
export async function hasEvent(
  tx: Db,
  signalId: string,
  type: SignalEventType,
  data: Record<string, Json>,
): Promise<boolean> {
  const found = await tx.signalEvent.findFirst({
    where: {
      signalId,
      type,
      AND: Object.entries(data).map(([key, value]) => ({ data: { path: [key], equals: value as never } })),
    },
    select: { id: true },
  });
  return found !== null;
}
