/**
 * Extending stage 3 past its one-month limit, with the head's reason. The standard allows it
 * rarely (e.g. a family for the child is hard to find while the mother hesitates); every extension
 * is journaled with its reason.
 */
import { z } from "zod";
import type { Actor } from "../../access/policy.ts";
import { writeAudit } from "../../platform/audit.ts";
import { appendCaseEvent } from "../events.ts";
import { limitOf, planDueOf } from "../schedule.ts";
import { actorId, afterChange, caseFor, changeCase } from "./change.ts";
import type { CaseDeps } from "./deps.ts";

/** Longest single extension, in days. */
export const MAX_EXTENSION_DAYS = 60;

export const extendCaseInput = z.object({
  caseId: z.uuid(),
  days: z.number().int().min(1).max(MAX_EXTENSION_DAYS),
  reason: z.string().trim().min(5).max(500),
});
export type ExtendCaseInput = z.infer<typeof extendCaseInput>;

/** Extends the limit by `days` from the later of the limit and now; returns the new limit. */
export async function extendCase(
  deps: CaseDeps,
  actor: Actor,
  input: ExtendCaseInput,
): Promise<{ number: string; until: Date }> {
  const { caseId, days, reason } = extendCaseInput.parse(input);
  const { tx, now, settings } = deps;
  const c = await caseFor(tx, actor, caseId, "case.extend", "extend");
  const from = limitOf(c, settings.cases);
  const until = new Date(Math.max(from.getTime(), now.getTime()) + days * 86_400_000);
  await changeCase(tx, c, { limitAt: until, planDueAt: planDueOf(c, settings.cases) });
  const by = actorId(actor);
  await appendCaseEvent(tx, c.id, "extended", by, now, {
    from: from.toISOString(),
    to: until.toISOString(),
    days,
    reason,
  });
  await writeAudit(tx, {
    actor,
    action: "case.extended",
    subjectType: "case",
    subjectId: c.id,
    serviceId: c.serviceId,
    details: { days, until: until.toISOString() },
    at: now,
  });
  await deps.notifier.notify({
    type: "case.extended",
    caseId: c.id,
    until: until.toISOString(),
    days,
    byStaffId: by,
  });
  await afterChange(deps, c.id);
  return { number: c.number, until };
}
