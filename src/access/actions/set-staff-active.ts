/**
 * Deactivating a person (they left, or a phone was lost): every channel refuses them from the
 * next update or request on — the bot, API tokens, console sessions. Nothing is deleted, so
 * journals keep their authors. Activating gives access back.
 */
import { z } from "zod";
import { writeAudit } from "../../platform/audit.ts";
import { DomainError } from "../../platform/errors.ts";
import { authorize, type Actor } from "../policy.ts";
import type { AccessDeps } from "./deps.ts";

export const setStaffActiveInput = z.object({ staffId: z.uuid(), active: z.boolean() });
export type SetStaffActiveInput = z.infer<typeof setStaffActiveInput>;

/** What changed. */
export interface StaffActiveResult {
  id: string;
  active: boolean;
  /** False when the person already was in that state (nothing was written). */
  changed: boolean;
}

/**
 * Deactivates or activates a staff member.
 *
 * @throws DomainError `not_found` (no such person in the actor's service), `forbidden` (not an
 *   admin), `conflict` (`self_deactivation`: an administrator cannot lock themselves out).
 */
export async function setStaffActive(
  deps: AccessDeps,
  actor: Actor,
  input: SetStaffActiveInput,
): Promise<StaffActiveResult> {
  const { staffId, active } = setStaffActiveInput.parse(input);
  const { tx, now } = deps;
  const staff = await tx.staff.findUnique({
    where: { id: staffId },
    select: { id: true, serviceId: true, active: true },
  });
  if (!staff) throw new DomainError("not_found", "errors.not_found", { message: "no such staff member" });
  authorize(actor, "staff.manage", staff);
  if (!active && actor.kind === "staff" && actor.id === staff.id) {
    throw new DomainError("conflict", "access.admin.self_deactivation", {
      message: "you cannot deactivate yourself",
      reason: "self_deactivation",
    });
  }
  if (staff.active === active) return { id: staff.id, active, changed: false };
  await tx.staff.update({
    where: { id: staff.id },
    data: { active, deactivatedAt: active ? null : now },
  });
  await writeAudit(tx, {
    actor,
    action: active ? "staff.activated" : "staff.deactivated",
    subjectType: "staff",
    subjectId: staff.id,
    serviceId: staff.serviceId,
    at: now,
  });
  return { id: staff.id, active, changed: true };
}
