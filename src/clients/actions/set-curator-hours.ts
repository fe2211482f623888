/**
 * A curator's working hours for the mothers' messages (outside them she is told when to expect an
 * answer). Their own only.
 */
import { z } from "zod";
import { authorize, type Actor } from "../../access/policy.ts";
import type { ActionDeps } from "../../platform/actions.ts";
import { writeAudit } from "../../platform/audit.ts";
import type { WorkingHours } from "../domain/hours.ts";

export const setCuratorHoursInput = z
  .object({
    days: z.array(z.number().int().min(1).max(7)).min(1).max(7),
    fromHour: z.number().int().min(0).max(23),
    toHour: z.number().int().min(1).max(24),
  })
  .refine((v) => v.fromHour < v.toHour);

/** Stores the acting curator's hours. */
export async function setCuratorHours(
  deps: ActionDeps,
  actor: Actor,
  input: z.infer<typeof setCuratorHoursInput>,
): Promise<WorkingHours> {
  const parsed = setCuratorHoursInput.parse(input);
  authorize(actor, "case.client_contact");
  if (actor.kind !== "staff") throw new Error("working hours are a staff member's");
  const hours = { days: parsed.days, fromMinute: parsed.fromHour * 60, toMinute: parsed.toHour * 60 };
  await deps.tx.clientCuratorHours.upsert({
    where: { staffId: actor.id },
    create: { staffId: actor.id, ...hours },
    update: hours,
  });
  await writeAudit(deps.tx, {
    actor,
    action: "client.hours_set",
    subjectType: "staff",
    subjectId: actor.id,
    details: { days: parsed.days.length, from: parsed.fromHour, to: parsed.toHour },
    at: deps.now,
  });
  return hours;
}
