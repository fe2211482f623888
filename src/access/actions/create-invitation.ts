/**
 * An administrator invites a person: a one-time code, bound to a role (and a hospital for a
 * reporter), that binds the messenger account which redeems it (`/start <code>`).
 */
import { z } from "zod";
import { STAFF_ROLES } from "../../platform/actor.ts";
import { writeAudit } from "../../platform/audit.ts";
import { DomainError } from "../../platform/errors.ts";
import { authorize, type Actor } from "../policy.ts";
import { newInvitationCode } from "../invitations.ts";
import type { AccessDeps } from "./deps.ts";

/** Longest an invitation may stay valid. */
export const MAX_INVITATION_DAYS = 90;

export { newInvitationCode } from "../invitations.ts";

export const createInvitationInput = z.object({
  serviceId: z.uuid(),
  role: z.enum(STAFF_ROLES),
  fullName: z.string().trim().min(1).max(200),
  /** Required for a reporter; ignored for the service's own staff. */
  hospitalId: z.uuid().nullish(),
  validDays: z.number().int().min(1).max(MAX_INVITATION_DAYS),
});
export type CreateInvitationInput = z.input<typeof createInvitationInput>;

/** The invitation as created; `code` goes into the deep link. */
export interface CreatedInvitation {
  id: string;
  code: string;
  role: (typeof STAFF_ROLES)[number];
  fullName: string;
  hospital: { id: string; shortName: string } | null;
  expiresAt: Date;
}

/**
 * Creates an invitation.
 *
 * @throws DomainError `forbidden` (not an admin), `not_found` (another service; no such active
 *   hospital in the service), `bad_request` (`hospital_required`: a reporter without a hospital).
 */
export async function createInvitation(
  deps: AccessDeps,
  actor: Actor,
  input: CreateInvitationInput,
): Promise<CreatedInvitation> {
  const parsed = createInvitationInput.parse(input);
  authorize(actor, "staff.manage", { serviceId: parsed.serviceId });
  const { tx, now } = deps;
  const hospitalId = parsed.role === "reporter" ? (parsed.hospitalId ?? null) : null;
  if (parsed.role === "reporter" && !hospitalId) {
    throw new DomainError("bad_request", "access.admin.hospital_required", {
      message: "hospitalId: required for a reporter",
      reason: "hospital_required",
      details: { field: "hospitalId" },
    });
  }
  const hospital = hospitalId
    ? await tx.hospital.findFirst({
        where: { id: hospitalId, serviceId: parsed.serviceId, active: true },
        select: { id: true, shortName: true },
      })
    : null;
  if (hospitalId && !hospital) {
    throw new DomainError("not_found", "access.admin.no_such_hospital", {
      message: "hospitalId: no active hospital with this id in the service",
      details: { field: "hospitalId" },
    });
  }
  const invitation = await tx.invitation.create({
    data: {
      serviceId: parsed.serviceId,
      code: newInvitationCode(),
      role: parsed.role,
      hospitalId,
      fullName: parsed.fullName,
      expiresAt: new Date(now.getTime() + parsed.validDays * 86_400_000),
      createdById: actor.kind === "staff" ? actor.id : null,
      createdAt: now,
    },
    select: { id: true, code: true, role: true, fullName: true, expiresAt: true },
  });
  // The name and the code are not written: the invitation row has them.
  await writeAudit(tx, {
    actor,
    action: "invitation.created",
    subjectType: "invitation",
    subjectId: invitation.id,
    serviceId: parsed.serviceId,
    details: { role: parsed.role, hospitalId, validDays: parsed.validDays },
    at: now,
  });
  return { ...invitation, hospital };
}
