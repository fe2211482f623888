/**
 * Attaching the service's psychologist to a case (or detaching: null). The psychologist then gets
 * the reminders of the actions assigned to the psychologist and may read the case.
 */
import { z } from "zod";
import type { Actor } from "../../access/policy.ts";
import { writeAudit } from "../../platform/audit.ts";
import { DomainError } from "../../platform/errors.ts";
import { appendCaseEvent } from "../events.ts";
import { actorId, afterChange, caseFor, changeCase } from "./change.ts";
import type { CaseDeps } from "./deps.ts";

export const attachPsychologistInput = z.object({ caseId: z.uuid(), psychologistId: z.uuid().nullable() });
export type AttachPsychologistInput = z.infer<typeof attachPsychologistInput>;

/** Attaches (or detaches) the psychologist. */
export async function attachPsychologist(
  deps: CaseDeps,
  actor: Actor,
  input: AttachPsychologistInput,
): Promise<{ number: string; psychologist: { id: string; fullName: string } | null }> {
  const { caseId, psychologistId } = attachPsychologistInput.parse(input);
  const { tx, now } = deps;
  const c = await caseFor(tx, actor, caseId, "case.attach_psychologist", "attach_psychologist");
  const psychologist = psychologistId
    ? await tx.staff.findFirst({
        where: { id: psychologistId, serviceId: c.serviceId, role: "psychologist", active: true },
        select: { id: true, fullName: true },
      })
    : null;
  if (psychologistId && !psychologist) {
    throw new DomainError("not_found", "case.no_such_psychologist", {
      message: "psychologistId: no active psychologist with this id in the service",
      details: { field: "psychologistId" },
    });
  }
  if (psychologistId === c.psychologistId) {
    throw new DomainError("conflict", "case.same_psychologist", {
      message: "this psychologist is attached already",
      reason: "same_psychologist",
    });
  }
  await changeCase(tx, c, { psychologistId });
  const by = actorId(actor);
  await appendCaseEvent(tx, c.id, "psychologist_attached", by, now, {
    psychologistId,
    previousId: c.psychologistId,
  });
  await writeAudit(tx, {
    actor,
    action: "case.psychologist_attached",
    subjectType: "case",
    subjectId: c.id,
    serviceId: c.serviceId,
    details: { psychologistId, previousId: c.psychologistId },
    at: now,
  });
  await deps.notifier.notify({
    type: "case.psychologist",
    caseId: c.id,
    psychologistId,
    previousId: c.psychologistId,
    byStaffId: by,
  });
  await afterChange(deps, c.id);
  return { number: c.number, psychologist };
}
