/**
 * Handing a case over to another organisation (a guardianship authority, a social-protection
 * department, a service coordinating child-rights cases): the head records the recipient, the date
 * and the number of the order; the system makes the package (the signal sheet, every plan version,
 * the monitoring sheet) as one PDF; the recipient's acknowledgement is due within the configured
 * days, and the heads are reminded daily after that until it is recorded.
 *
 * An open case (stage 3 or accompaniment) ends by it (status handed_over). A case closed because
 * the family does not keep the plan or acts against the child's interests stays closed with its
 * reason: the hand-over passes its information on.
 */
import { z } from "zod";
import type { Actor } from "../../access/policy.ts";
import { writeAudit } from "../../platform/audit.ts";
import { DomainError } from "../../platform/errors.ts";
import { localDate } from "../../platform/flow/input.ts";
import { HANDOVER_MAX_AGE_DAYS, handOverAfterClosing } from "../domain/case.ts";
import { HANDOVER_RECIPIENTS } from "../domain/events.ts";
import { atHourOf, plusDays, WORKDAY_HOUR } from "../domain/schedule.ts";
import { appendCaseEvent } from "../events.ts";
import { HANDOVER_PACKAGE } from "../jobs/types.ts";
import { actorId, afterChange, caseFor, caseSubject, changeCase } from "./change.ts";
import type { CaseDeps } from "./deps.ts";
import { authorize } from "../../access/policy.ts";
import { caseNotFound, invalidCaseInput } from "./refusals.ts";

export const handOverInput = z.object({
  caseId: z.uuid(),
  recipientKind: z.enum(HANDOVER_RECIPIENTS),
  recipientName: z.string().trim().min(2).max(300),
  /** "YYYY-MM-DD", not in the future. */
  handedOn: z.iso.date(),
  orderNumber: z.string().trim().min(1).max(50),
});
export type HandOverInput = z.infer<typeof handOverInput>;

/** Hands the case over; the package is made by a job and sent to the head who did it. */
export async function handOverCase(
  deps: CaseDeps,
  actor: Actor,
  input: HandOverInput,
): Promise<{ number: string; handoverId: string; ackDueAt: Date }> {
  const parsed = handOverInput.parse(input);
  const { tx, now, settings } = deps;
  const c = await caseFor(tx, actor, parsed.caseId, "case.hand_over", "hand_over");
  const afterClosing = c.status === "closed";
  if (afterClosing && !handOverAfterClosing(c.closeReason)) {
    throw new DomainError("conflict", "case.handover_not_after_closure", {
      message:
        "only a case closed because the plan was not kept or against the child's interests is passed on",
      reason: "wrong_state",
    });
  }
  const today = localDate(now, c.service.timeZone);
  if (parsed.handedOn > today || parsed.handedOn < plusDays(today, -HANDOVER_MAX_AGE_DAYS))
    throw invalidCaseInput(
      `handedOn: from ${plusDays(today, -HANDOVER_MAX_AGE_DAYS)} to ${today}`,
      "handedOn",
    );
  await changeCase(tx, c, afterClosing ? {} : { status: "handed_over", handedOverAt: now });
  const by = actorId(actor);
  const ackDueAt = atHourOf(
    plusDays(parsed.handedOn, settings.cases.handoverAckDays),
    WORKDAY_HOUR,
    c.service.timeZone,
  );
  const handover = await tx.caseHandover.create({
    data: {
      caseId: c.id,
      recipientKind: parsed.recipientKind,
      recipientName: parsed.recipientName,
      handedOn: new Date(`${parsed.handedOn}T00:00:00Z`),
      orderNumber: parsed.orderNumber,
      ackDueAt,
      createdAt: now,
      createdById: by,
    },
  });
  await appendCaseEvent(tx, c.id, "handed_over", by, now, {
    handoverId: handover.id,
    recipientKind: parsed.recipientKind,
    afterClosing,
  });
  await writeAudit(tx, {
    actor,
    action: "case.handed_over",
    subjectType: "case",
    subjectId: c.id,
    serviceId: c.serviceId,
    details: { handoverId: handover.id, recipientKind: parsed.recipientKind, afterClosing },
    at: now,
  });
  await deps.notifier.notify({
    type: "case.handed_over",
    caseId: c.id,
    handoverId: handover.id,
    byStaffId: by,
  });
  if (by) await deps.jobs.schedule(HANDOVER_PACKAGE, { handoverId: handover.id, toStaffId: by });
  await afterChange(deps, c.id);
  return { number: c.number, handoverId: handover.id, ackDueAt };
}

export const acknowledgeHandoverInput = z.object({ handoverId: z.uuid() });

/** Records that the recipient confirmed receipt; the reminders stop. */
export async function acknowledgeHandover(
  deps: CaseDeps,
  actor: Actor,
  input: z.infer<typeof acknowledgeHandoverInput>,
): Promise<{ number: string; caseId: string }> {
  const { handoverId } = acknowledgeHandoverInput.parse(input);
  const { tx, now } = deps;
  const handover = await tx.caseHandover.findUnique({
    where: { id: handoverId },
    include: {
      case: { select: { id: true, number: true, serviceId: true, curatorId: true, psychologistId: true } },
    },
  });
  if (!handover) throw caseNotFound();
  authorize(actor, "case.hand_over", caseSubject(handover.case));
  const by = actorId(actor);
  const updated = await tx.caseHandover.updateMany({
    where: { id: handoverId, acknowledgedAt: null },
    data: { acknowledgedAt: now, acknowledgedById: by },
  });
  if (updated.count === 0) {
    throw new DomainError("conflict", "case.already_acknowledged", {
      message: "receipt is recorded already",
      reason: "already_acknowledged",
    });
  }
  await appendCaseEvent(tx, handover.caseId, "handover_acknowledged", by, now, { handoverId });
  await writeAudit(tx, {
    actor,
    action: "case.handover_acknowledged",
    subjectType: "case",
    subjectId: handover.caseId,
    serviceId: handover.case.serviceId,
    details: { handoverId },
    at: now,
  });
  await deps.notifier.notify({
    type: "case.acknowledged",
    caseId: handover.caseId,
    handoverId,
    byStaffId: by,
  });
  await afterChange(deps, handover.caseId);
  return { number: handover.case.number, caseId: handover.caseId };
}
