/**
 * Appending to a signal's history. Every change of a signal writes one of these rows in the
 * same transaction, so the journals never change without a trace.
 */
import type { Tx } from "../platform/chat/app.ts";
import type { SignalEventType } from "./domain/lifecycle.ts";
import type { Json } from "../platform/flow/types.ts";

/** Appends one event. `data` must not repeat the woman's personal data (it stays on the signal row). */
export async function appendEvent(
  tx: Tx,
  signalId: string,
  type: SignalEventType,
  actorStaffId: string | null,
  at: Date,
  data: Record<string, Json> = {},
): Promise<void> {
  await tx.signalEvent.create({ data: { signalId, type, actorStaffId, at, data } });
}

/** Whether an event of this type with these data fields exists (makes jobs idempotent). */
export async function hasEvent(
  tx: Tx,
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
