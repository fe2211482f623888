/**
 * Journal numbers: from 1 each year, per hospital (hospital journal), per service (service
 * journal) and per service for cases and assessments. One atomic upsert, so concurrent signals never share
 * a number and a rolled-back transaction leaves no gap.
 */
import type { Tx } from "./chat/app.ts";

/** What a counter numbers. */
export type CounterScope = "hospital" | "service" | "case" | "assessment";

/** Takes the next number of `scope`/`scopeId` for `year`. */
export async function nextNumber(
  tx: Tx,
  scope: CounterScope,
  scopeId: string,
  year: number,
): Promise<number> {
  const rows = await tx.$queryRaw<{ last: number }[]>`
    INSERT INTO journal_counters (scope, scope_id, year, last) VALUES (${scope}, ${scopeId}, ${year}, 1)
    ON CONFLICT (scope, scope_id, year) DO UPDATE SET last = journal_counters.last + 1
    RETURNING last`;
  return Number(rows[0]!.last);
}
