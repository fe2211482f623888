/**
 * The curator records the mother's consent to be contacted through a messenger: who consented,
 * on which day, which messenger. Without it no invitation can be made.
 */
import { z } from "zod";
import type { Actor } from "../../access/policy.ts";
import type { ActionDeps } from "../../platform/actions.ts";
import { writeAudit } from "../../platform/audit.ts";
import { appendClientEvent } from "../events.ts";
import { caseForContact } from "./common.ts";

export const recordConsentInput = z.object({
  caseId: z.uuid(),
  givenBy: z.enum(["woman", "representative"]),
  /** "YYYY-MM-DD". */
  givenOn: z.iso.date(),
  channel: z.enum(["telegram", "max"]),
});

/** Records the consent; returns its id. */
export async function recordConsent(
  deps: ActionDeps,
  actor: Actor,
  input: z.infer<typeof recordConsentInput>,
): Promise<{ consentId: string; number: string }> {
  const parsed = recordConsentInput.parse(input);
  const { tx, now } = deps;
  const c = await caseForContact(tx, actor, parsed.caseId);
  const by = actor.kind === "staff" ? actor.id : null;
  if (!by) throw new Error("consent is recorded by a staff member");
  const consent = await tx.clientConsent.create({
    data: {
      serviceId: c.serviceId,
      caseId: c.id,
      givenBy: parsed.givenBy,
      givenOn: new Date(`${parsed.givenOn}T00:00:00Z`),
      channel: parsed.channel,
      recordedById: by,
      recordedAt: now,
    },
  });
  await appendClientEvent(tx, {
    serviceId: c.serviceId,
    caseId: c.id,
    type: "consent_recorded",
    actorStaffId: by,
    at: now,
    data: { consentId: consent.id, givenBy: parsed.givenBy, channel: parsed.channel },
  });
  await writeAudit(tx, {
    actor,
    action: "client.consent_recorded",
    subjectType: "case",
    subjectId: c.id,
    serviceId: c.serviceId,
    details: { consentId: consent.id, channel: parsed.channel },
    at: now,
  });
  return { consentId: consent.id, number: c.number };
}
