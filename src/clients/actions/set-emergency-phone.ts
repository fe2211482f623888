/**
 * The service's emergency phone, given to a mother who writes outside her curator's hours. Set by
 * whoever sets the service up (`/hotline`).
 */
import { z } from "zod";
import { authorize, type Actor } from "../../access/policy.ts";
import type { ActionDeps } from "../../platform/actions.ts";
import { writeAudit } from "../../platform/audit.ts";
import { DomainError } from "../../platform/errors.ts";

/** A phone as people type it: digits, spaces, +, -, brackets; 3 to 20 digits (112 is a phone too). */
export const emergencyPhone = z
  .string()
  .trim()
  .regex(/^\+?[\d\s()-]{3,25}$/)
  .refine((v) => {
    const digits = v.replace(/\D/g, "").length;
    return digits >= 3 && digits <= 20;
  });

/** Stores the acting person's service's emergency phone. */
export async function setEmergencyPhone(
  deps: ActionDeps,
  actor: Actor,
  input: { phone: string },
): Promise<{ phone: string }> {
  authorize(actor, "staff.manage");
  if (actor.kind !== "staff") throw new Error("a service's phone is set by its staff");
  const parsed = emergencyPhone.safeParse(input.phone);
  if (!parsed.success) throw new DomainError("bad_request", "clients.hotline_invalid");
  await deps.tx.clientServiceSettings.upsert({
    where: { serviceId: actor.serviceId },
    create: { serviceId: actor.serviceId, emergencyPhone: parsed.data },
    update: { emergencyPhone: parsed.data },
  });
  await writeAudit(deps.tx, {
    actor,
    action: "client.emergency_phone_set",
    subjectType: "service",
    subjectId: actor.serviceId,
    at: deps.now,
  });
  return { phone: parsed.data };
}
