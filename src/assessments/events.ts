/**
 * An assessment's history: append-only rows of `assessment_events`, one per change, written in the
 * same transaction as the change. Each type's data is checked against its schema
 * (./domain/events.ts) when written. Data never repeats personal data or free texts.
 */
import type { Db } from "../platform/db/client.ts";
import type { Json } from "../platform/flow/types.ts";
import {
  ASSESSMENT_EVENT_DATA,
  type AssessmentEventData,
  type AssessmentEventType,
} from "./domain/events.ts";

export * from "./domain/events.ts";

/** Appends one event after checking its data against the type's schema. */
export async function appendEvent<T extends AssessmentEventType>(
  tx: Db,
  assessmentId: string,
  type: T,
  actorStaffId: string | null,
  at: Date,
  data: AssessmentEventData<T>,
): Promise<void> {
  const checked = ASSESSMENT_EVENT_DATA[type].parse(data) as Record<string, Json>;
  await tx.assessmentEvent.create({ data: { assessmentId, type, actorStaffId, at, data: checked } });
}

/** Whether an event of this type with these data fields exists (makes jobs idempotent). */
export async function hasEvent(
  tx: Db,
  assessmentId: string,
  type: AssessmentEventType,
  data: Record<string, Json>,
): Promise<boolean> {
  const found = await tx.assessmentEvent.findFirst({
    where: {
      assessmentId,
      type,
      AND: Object.entries(data).map(([key, value]) => ({ data: { path: [key], equals: value as never } })),
    },
    select: { id: true },
  });
  return found !== null;
}
