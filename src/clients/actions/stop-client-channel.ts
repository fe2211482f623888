/**
 * The channel ends: she stops (`/stop` or a button), her curator ends it, or the case ends. Her
 * binding is deleted, the consent is recorded as withdrawn, the curator (or she) is told. Nothing
 * reaches her after.
 */
import type { Actor } from "../../access/policy.ts";
import type { ActionDeps } from "../../platform/actions.ts";
import { writeAudit } from "../../platform/audit.ts";
import { appendClientEvent, type StopHow } from "../events.ts";
import { caseForContact, clientCase, staffIdOf } from "./common.ts";

/** Ends the channel of a case; false when there was none. */
export async function stopClientChannel(
  deps: ActionDeps,
  actor: Actor,
  input: { caseId: string; how: StopHow },
): Promise<boolean> {
  const { tx, now } = deps;
  if (actor.kind === "client" && actor.caseId !== input.caseId) return false;
  const c =
    input.how === "curator"
      ? await caseForContact(tx, actor, input.caseId)
      : await clientCase(tx, input.caseId);
  if (!c) return false;
  const identity = await tx.clientIdentity.findUnique({ where: { caseId: c.id } });
  const by = staffIdOf(actor);
  // The consent in force is withdrawn (also when she never joined: no new invitation without a new consent).
  const withdrawn = await tx.clientConsent.updateMany({
    where: { caseId: c.id, withdrawnAt: null },
    data: { withdrawnAt: now, withdrawnById: by, withdrawnHow: input.how },
  });
  await tx.clientInvitation.updateMany({
    where: { caseId: c.id, usedAt: null, expiresAt: { gt: now } },
    data: { expiresAt: now },
  });
  if (!identity && withdrawn.count === 0) return false;
  if (identity) await tx.clientIdentity.delete({ where: { id: identity.id } });
  await appendClientEvent(tx, {
    serviceId: c.serviceId,
    caseId: c.id,
    type: "stopped",
    actorStaffId: by,
    at: now,
    data: { how: input.how, wasConnected: identity !== null },
  });
  await writeAudit(tx, {
    actor,
    action: "client.channel_stopped",
    subjectType: "case",
    subjectId: c.id,
    serviceId: c.serviceId,
    details: { how: input.how },
    at: now,
  });
  if (identity)
    await deps.notifier.notify({
      type: "client.stopped",
      caseId: c.id,
      how: input.how,
      chat: {
        messenger: identity.messenger,
        chatId: identity.chatId,
        locale: identity.locale,
        timeZone: c.service.timeZone,
      },
    });
  return true;
}
