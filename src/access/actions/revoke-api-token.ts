/**
 * Revoking a personal API token: its next request is refused. Revoking twice is harmless.
 */
import { z } from "zod";
import { writeAudit } from "../../platform/audit.ts";
import { apiError } from "../../platform/errors.ts";
import { authorize, type Actor } from "../policy.ts";
import type { RevokedToken } from "../tokens.ts";
import type { AccessDeps } from "./deps.ts";

export const revokeTokenInput = z.object({ tokenId: z.uuid() });
export type RevokeTokenInput = z.infer<typeof revokeTokenInput>;

/**
 * Revokes a token; the first revocation time is kept and no second audit row is written.
 *
 * @throws DomainError `not_found` (no such token in the actor's service), `forbidden` (not an admin).
 */
export async function revokeToken(
  deps: AccessDeps,
  actor: Actor,
  input: RevokeTokenInput,
): Promise<RevokedToken> {
  const { tokenId } = revokeTokenInput.parse(input);
  const { tx, now } = deps;
  const token = await tx.apiToken.findUnique({
    where: { id: tokenId },
    select: { id: true, revokedAt: true, prefix: true, staff: { select: { id: true, serviceId: true } } },
  });
  if (!token) throw apiError("not_found", "no such token");
  authorize(actor, "api_token.manage", { serviceId: token.staff.serviceId });
  if (token.revokedAt) return { id: token.id, revokedAt: token.revokedAt, alreadyRevoked: true };
  // Conditional, so two concurrent revocations write one audit row between them.
  const updated = await tx.apiToken.updateMany({
    where: { id: token.id, revokedAt: null },
    data: { revokedAt: now },
  });
  if (updated.count === 0) {
    const again = await tx.apiToken.findUniqueOrThrow({
      where: { id: token.id },
      select: { revokedAt: true },
    });
    return { id: token.id, revokedAt: again.revokedAt ?? now, alreadyRevoked: true };
  }
  await writeAudit(tx, {
    actor,
    action: "api_token.revoked",
    subjectType: "api_token",
    subjectId: token.id,
    serviceId: token.staff.serviceId,
    details: { staffId: token.staff.id, prefix: token.prefix },
    at: now,
  });
  return { id: token.id, revokedAt: now, alreadyRevoked: false };
}
