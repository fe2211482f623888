/**
 * A case's history: append-only rows of `case_events`, one per change, written in the same
 * transaction as the change, each checked against its type's schema (src/cases/domain/events.ts).
 */
import type { Db } from "../platform/db/client.ts";
import type { Json } from "../platform/flow/types.ts";
import { CASE_EVENT_DATA, type CaseEventData, type CaseEventType } from "./domain/events.ts";

export * from "./domain/events.ts";

/** Appends one event after checking its data against the type's schema. */
export async function appendCaseEvent<T extends CaseEventType>(
  tx: Db,
  caseId: string,
  type: T,
  actorStaffId: string | null,
  at: Date,
  data: CaseEventData<T>,
): Promise<void> {
  const checked = CASE_EVENT_DATA[type].parse(data) as Record<string, Json>;
  await tx.caseEvent.create({ data: { caseId, type, actorStaffId, at, data: checked } });
}
