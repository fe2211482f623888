/**
 * An administrator withdraws an invitation nobody has used yet: its code stops working at once.
 */
import { z } from "zod";
import { writeAudit } from "../../platform/audit.ts";
import { DomainError } from "../../platform/errors.ts";
import { authorize, type Actor } from "../policy.ts";
import type { AccessDeps } from "./deps.ts";

export const revokeInvitationInput = z.object({ invitationId: z.uuid() });
export type RevokeInvitationInput = z.infer<typeof revokeInvitationInput>;

/**
 * Ends an unused invitation now. Revoking an expired one changes nothing.
 *
 * @throws DomainError `not_found` (no such invitation in the actor's service), `forbidden`
 *   (not an admin), `conflict` (`invitation_used`: already redeemed).
 */
export async function revokeInvitation(
  deps: AccessDeps,
  actor: Actor,
  input: RevokeInvitationInput,
): Promise<{ id: string; expiresAt: Date }> {
  const { invitationId } = revokeInvitationInput.parse(input);
  const { tx, now } = deps;
  const invitation = await tx.invitation.findUnique({
    where: { id: invitationId },
    select: { id: true, serviceId: true, usedAt: true, expiresAt: true },
  });
  if (!invitation) throw new DomainError("not_found", "errors.not_found", { message: "no such invitation" });
  authorize(actor, "staff.manage", invitation);
  if (invitation.usedAt) {
    throw new DomainError("conflict", "access.admin.invitation_used", {
      message: "the invitation has been used",
      reason: "invitation_used",
    });
  }
  if (invitation.expiresAt <= now) return { id: invitation.id, expiresAt: invitation.expiresAt };
  // Conditional: a redemption committing meanwhile wins, and this says so.
  const updated = await tx.invitation.updateMany({
    where: { id: invitation.id, usedAt: null },
    data: { expiresAt: now },
  });
  if (updated.count === 0) {
    throw new DomainError("conflict", "access.admin.invitation_used", {
      message: "the invitation has been used",
      reason: "invitation_used",
    });
  }
  await writeAudit(tx, {
    actor,
    action: "invitation.revoked",
    subjectType: "invitation",
    subjectId: invitation.id,
    serviceId: invitation.serviceId,
    at: now,
  });
  return { id: invitation.id, expiresAt: now };
}
