/**
 * Who is behind a chat, and binding a messenger account to a staff member by invitation.
 */
import type { Tx, ChatStaff } from "../chat/app.ts";
import { pickLocale, type Locale } from "../i18n/index.ts";

/** A staff member as the chat runtime sees them. */
export interface KnownStaff {
  staff: ChatStaff;
  active: boolean;
  identities: { messenger: string; chatId: string }[];
}

const include = { service: true, hospital: true, identities: true } as const;

/** Finds a staff member by messenger account or by id; null when unknown. */
export async function findChatStaff(
  tx: Tx,
  by: { messenger: string; userId: string } | { staffId: string },
): Promise<KnownStaff | null> {
  const row =
    "staffId" in by
      ? await tx.staff.findUnique({ where: { id: by.staffId }, include })
      : (
          await tx.messengerIdentity.findUnique({
            where: { messenger_externalUserId: { messenger: by.messenger, externalUserId: by.userId } },
            include: { staff: { include } },
          })
        )?.staff;
  if (!row) return null;
  return {
    active: row.active,
    identities: row.identities.map((i) => ({ messenger: i.messenger, chatId: i.chatId })),
    staff: {
      id: row.id,
      serviceId: row.serviceId,
      role: row.role,
      hospitalId: row.hospitalId,
      fullName: row.fullName,
      locale: pickLocale(row.locale),
      timeZone: row.hospital?.timeZone ?? row.service.timeZone,
      serviceTimeZone: row.service.timeZone,
    },
  };
}

/** Why an invitation could not be used; each has an `access.invitation_<reason>` text. */
export type InvitationRefusal = "invalid" | "used" | "expired";

/**
 * Redeems a one-time invitation: creates the staff member and binds the messenger account,
 * or says why not. The invitation row is locked so a code pressed twice binds once.
 */
export async function redeemInvitation(
  tx: Tx,
  input: { code: string; messenger: string; userId: string; chatId: string; locale: Locale; now: Date },
): Promise<{ ok: true; staff: ChatStaff } | { ok: false; reason: InvitationRefusal }> {
  if (!/^[A-Za-z0-9_-]{8,64}$/.test(input.code)) return { ok: false, reason: "invalid" };
  const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM invitations WHERE code = ${input.code} FOR UPDATE`;
  if (locked.length === 0) return { ok: false, reason: "invalid" };
  const invitation = await tx.invitation.findUniqueOrThrow({ where: { code: input.code } });
  if (invitation.usedAt) return { ok: false, reason: "used" };
  if (invitation.expiresAt <= input.now) return { ok: false, reason: "expired" };
  const staff = await tx.staff.create({
    data: {
      serviceId: invitation.serviceId,
      role: invitation.role,
      hospitalId: invitation.hospitalId,
      fullName: invitation.fullName,
      locale: input.locale,
      identities: { create: { messenger: input.messenger, externalUserId: input.userId, chatId: input.chatId } },
    },
  });
  await tx.invitation.update({ where: { id: invitation.id }, data: { usedAt: input.now, usedByStaffId: staff.id } });
  await tx.auditEvent.create({
    data: {
      serviceId: invitation.serviceId,
      actorStaffId: staff.id,
      action: "invitation.redeemed",
      subjectType: "invitation",
      subjectId: invitation.id,
      details: { role: invitation.role },
      at: input.now,
    },
  });
  const known = await findChatStaff(tx, { staffId: staff.id });
  return { ok: true, staff: known!.staff };
}
