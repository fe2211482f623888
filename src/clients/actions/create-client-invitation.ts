/**
 * A one-time invitation for the mother, bound to one case: only with her consent recorded and in
 * force, and only while the case runs. It expires after {@link CLIENT_INVITATION_HOURS}.
 */
import { z } from "zod";
import { newInvitationCode } from "../../access/invitations.ts";
import type { Actor } from "../../access/policy.ts";
import type { ActionDeps } from "../../platform/actions.ts";
import { writeAudit } from "../../platform/audit.ts";
import { DomainError } from "../../platform/errors.ts";
import { appendClientEvent } from "../events.ts";
import { activeConsent, caseForContact } from "./common.ts";

/** How long her invitation can be used: shown at a meeting, used there or soon after. */
export const CLIENT_INVITATION_HOURS = 72;

export const createClientInvitationInput = z.object({ caseId: z.uuid() });

/** Makes the invitation; refuses without consent. */
export async function createClientInvitation(
  deps: ActionDeps,
  actor: Actor,
  input: z.infer<typeof createClientInvitationInput>,
): Promise<{ code: string; expiresAt: Date; channel: string; number: string }> {
  const { caseId } = createClientInvitationInput.parse(input);
  const { tx, now } = deps;
  const c = await caseForContact(tx, actor, caseId);
  const consent = await activeConsent(tx, c.id);
  if (!consent)
    throw new DomainError("conflict", "clients.no_consent", { message: "no consent recorded for this case" });
  const by = actor.kind === "staff" ? actor.id : null;
  if (!by) throw new Error("an invitation is made by a staff member");
  // A new invitation replaces those not used yet: only the latest one shown works.
  await tx.clientInvitation.updateMany({
    where: { caseId: c.id, usedAt: null, expiresAt: { gt: now } },
    data: { expiresAt: now },
  });
  const expiresAt = new Date(now.getTime() + CLIENT_INVITATION_HOURS * 3_600_000);
  const invitation = await tx.clientInvitation.create({
    data: {
      serviceId: c.serviceId,
      caseId: c.id,
      consentId: consent.id,
      code: newInvitationCode(),
      expiresAt,
      createdById: by,
      createdAt: now,
    },
  });
  await appendClientEvent(tx, {
    serviceId: c.serviceId,
    caseId: c.id,
    type: "invitation_created",
    actorStaffId: by,
    at: now,
    data: { invitationId: invitation.id },
  });
  await writeAudit(tx, {
    actor,
    action: "client.invitation_created",
    subjectType: "case",
    subjectId: c.id,
    serviceId: c.serviceId,
    details: { invitationId: invitation.id },
    at: now,
  });
  return { code: invitation.code, expiresAt, channel: consent.channel, number: c.number };
}
