/**
 * What the service registration journal needs from cases: the decisions of the standard about
 * each case (opened, moved to accompaniment, closed with its reason, handed to another service,
 * and extensions of stage 3), with their dates, read from the cases' events. One query for a page
 * of the journal.
 */
import type { Db } from "../../platform/db/client.ts";
import { JOURNAL_EVENT_TYPES, journalDecisions, type JournalDecision } from "../domain/events.ts";

export type { JournalDecision } from "../domain/events.ts";

/** The decisions of each case in `caseIds`, in order; a case without events gets none. */
export async function caseJournalDecisions(
  db: Db,
  caseIds: string[],
): Promise<Map<string, JournalDecision[]>> {
  const decisions = new Map<string, JournalDecision[]>();
  if (caseIds.length === 0) return decisions;
  const events = await db.caseEvent.findMany({
    where: { caseId: { in: caseIds }, type: { in: JOURNAL_EVENT_TYPES } },
    orderBy: { id: "asc" },
    select: { caseId: true, type: true, at: true, data: true },
  });
  const byCase = new Map<string, typeof events>();
  for (const event of events) byCase.set(event.caseId, [...(byCase.get(event.caseId) ?? []), event]);
  for (const id of caseIds) decisions.set(id, journalDecisions(byCase.get(id) ?? []));
  return decisions;
}
