/**
 * The mother opens her invitation: her messenger account is bound to her case (a client identity,
 * not a staff member), the invitation is used up, her curator is told. An unknown, used or expired
 * code, a withdrawn consent or an ended case give nothing.
 */
import type { ClientActor } from "../../access/policy.ts";
import type { ActionDeps } from "../../platform/actions.ts";
import { writeAudit } from "../../platform/audit.ts";
import { appendClientEvent } from "../events.ts";
import { CLIENT_PLAN } from "../jobs/types.ts";
import { activeCase, clientCase, currentClientPlan } from "./common.ts";

/** Why she could not join (each has a `clients.join_<reason>` text). */
export type JoinRefusal = "invalid" | "used" | "expired" | "ended" | "bound_elsewhere";

/** Binds her account to the case of the invitation, or says why not. */
export async function joinClientChannel(
  deps: ActionDeps,
  input: { code: string; messenger: string; userId: string; chatId: string; locale: string },
): Promise<{ ok: true; actor: ClientActor } | { ok: false; reason: JoinRefusal }> {
  const { tx, now } = deps;
  if (!/^[A-Za-z0-9_-]{8,64}$/.test(input.code)) return { ok: false, reason: "invalid" };
  // Locked: a code opened twice at once binds once.
  const locked = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM client_invitations WHERE code = ${input.code} FOR UPDATE`;
  if (locked.length === 0) return { ok: false, reason: "invalid" };
  const invitation = await tx.clientInvitation.findUniqueOrThrow({ where: { code: input.code } });
  if (invitation.usedAt) return { ok: false, reason: "used" };
  if (invitation.expiresAt <= now) return { ok: false, reason: "expired" };
  const consent = await tx.clientConsent.findUnique({ where: { id: invitation.consentId } });
  const c = await clientCase(tx, invitation.caseId);
  if (!consent || consent.withdrawnAt || !c || !activeCase(c.status)) return { ok: false, reason: "ended" };
  const elsewhere = await tx.clientIdentity.findUnique({
    where: { messenger_externalUserId: { messenger: input.messenger, externalUserId: input.userId } },
  });
  if (elsewhere && elsewhere.caseId !== c.id) return { ok: false, reason: "bound_elsewhere" };
  // Her case has one channel: a new phone replaces the old binding.
  await tx.clientIdentity.deleteMany({ where: { caseId: c.id } });
  const identity = await tx.clientIdentity.create({
    data: {
      serviceId: c.serviceId,
      caseId: c.id,
      consentId: consent.id,
      messenger: input.messenger,
      externalUserId: input.userId,
      chatId: input.chatId,
      locale: input.locale,
      createdAt: now,
    },
  });
  await tx.clientInvitation.update({ where: { id: invitation.id }, data: { usedAt: now } });
  const actor: ClientActor = {
    kind: "client",
    id: identity.id,
    caseId: c.id,
    serviceId: c.serviceId,
    channel: "chat",
  };
  await appendClientEvent(tx, {
    serviceId: c.serviceId,
    caseId: c.id,
    type: "joined",
    actorStaffId: null,
    at: now,
    data: { invitationId: invitation.id, messenger: input.messenger },
  });
  await writeAudit(tx, {
    actor,
    action: "client.joined",
    subjectType: "case",
    subjectId: c.id,
    serviceId: c.serviceId,
    details: { invitationId: invitation.id, messenger: input.messenger },
    at: now,
  });
  await deps.notifier.notify({ type: "client.joined", caseId: c.id });
  // Her plan as it is now comes right after she joins (a job: a PDF takes a moment).
  const plan = await currentClientPlan(tx, c.id, c.status);
  if (plan) {
    await tx.clientIdentity.update({ where: { id: identity.id }, data: { sentPlanId: plan.id } });
    await deps.jobs.schedule(CLIENT_PLAN, { caseId: c.id, planId: plan.id });
  }
  return { ok: true, actor };
}
