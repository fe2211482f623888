/**
 * Signals whose woman's personal data has outlived its service's retention period: closed as not
 * confirmed, or with a closed (or handed-over) case, longer ago than the policy allows, and not
 * anonymised yet.
 */
import type { Db } from "../../platform/db/client.ts";
import { DEFAULT_RETENTION } from "../domain/retention.ts";

/** Ids of signals due for anonymisation at `now`, at most `limit`. */
export async function signalsDueForAnonymisation(db: Db, now: Date, limit = 500): Promise<string[]> {
  // Raw SQL: one statement over signals, cases, policies and what is done already.
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT s.id
      FROM signals s
      LEFT JOIN retention_policies p ON p.service_id = s.service_id
      LEFT JOIN cases c ON c.signal_id = s.id
     WHERE NOT EXISTS (SELECT 1 FROM anonymisations a WHERE a.signal_id = s.id)
       AND (
         (s.status = 'not_confirmed' AND s.decided_at
            < ${now}::timestamptz - make_interval(days => coalesce(p.not_confirmed_days, ${DEFAULT_RETENTION.notConfirmedDays}::int)))
         OR (c.status IN ('closed', 'handed_over') AND coalesce(c.closed_at, c.handed_over_at)
            < ${now}::timestamptz - make_interval(days => coalesce(p.closed_case_days, ${DEFAULT_RETENTION.closedCaseDays}::int)))
       )
     ORDER BY s.id
     LIMIT ${limit}`;
  return rows.map((r) => r.id);
}
