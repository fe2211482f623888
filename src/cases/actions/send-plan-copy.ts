/**
 * The mother's copy of the long-term plan, again: rendered as a PDF and sent to the curator, who
 * passes it on (the standard: one copy stays with the client, one with the specialist). Made
 * automatically with every version; this sends the current one once more.
 */
import { z } from "zod";
import type { Actor } from "../../access/policy.ts";
import { writeAudit } from "../../platform/audit.ts";
import { appendCaseEvent } from "../events.ts";
import { PLAN_COPY } from "../jobs/types.ts";
import { currentPlan } from "../queries/case-view.ts";
import { actorId, caseFor } from "./change.ts";
import type { CaseDeps } from "./deps.ts";
import { noPlan } from "./refusals.ts";

export const sendPlanCopyInput = z.object({ caseId: z.uuid() });

/** Queues the copy of the current long-term plan for the acting curator. */
export async function sendPlanCopy(
  deps: CaseDeps,
  actor: Actor,
  input: z.infer<typeof sendPlanCopyInput>,
): Promise<{ number: string; version: number }> {
  const { caseId } = sendPlanCopyInput.parse(input);
  const { tx, now } = deps;
  const c = await caseFor(tx, actor, caseId, "case.plan", "send_plan_copy");
  const plan = currentPlan(c, "rehabilitation");
  const by = actorId(actor);
  if (!plan || !by) throw noPlan();
  await appendCaseEvent(tx, c.id, "plan_copy_sent", by, now, { planId: plan.id });
  await writeAudit(tx, {
    actor,
    action: "case.plan_copy_sent",
    subjectType: "case",
    subjectId: c.id,
    serviceId: c.serviceId,
    details: { planId: plan.id },
    at: now,
  });
  await deps.jobs.schedule(PLAN_COPY, { planId: plan.id, toStaffId: by });
  return { number: c.number, version: plan.version };
}
