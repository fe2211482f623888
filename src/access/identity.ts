/**
 * Who is behind a chat, and binding a messenger account to a staff member by invitation.
 */
import type { Tx, ChatStaff } from "../platform/chat/app.ts";
import { Prisma } from "../generated/prisma/client.ts";
import { pickLocale, type Locale } from "../platform/i18n/index.ts";
import type { Json } from "../platform/flow/types.ts";

/** A staff member as the chat runtime sees them. */
export interface KnownStaff {
  staff: ChatStaff;
  active: boolean;
  identities: { messenger: string; userId: string; chatId: string; menu?: string | null }[];
  /** The waiting dialogue of the chat asked for with `sessionOf`, if any. */
  session?: PreloadedSession | null;
}

/** A dialogue session row as the runtime reads it (src/platform/chat/sessions.ts). */
export interface PreloadedSession {
  id: string;
  state: Json;
  status: string;
  flowId: string;
  promptMessageId: number | null;
}

interface StaffRow {
  id: string;
  service_id: string;
  role: ChatStaff["role"];
  hospital_id: string | null;
  full_name: string;
  locale: string;
  active: boolean;
  service_zone: string;
  personal_data_by_form: boolean;
  hospital_zone: string | null;
  identities: { messenger: string; userId: string; chatId: string; menu?: string | null }[] | null;
  session?: PreloadedSession | null;
}

/**
 * Finds a staff member by messenger account or by id; null when unknown. One query: this
 * runs for every update — with `sessionOf`, the same query also reads that chat's waiting
 * dialogue (one round trip instead of two on every turn).
 */
export async function findChatStaff(
  tx: Tx,
  by: { messenger: string; userId: string } | { staffId: string },
  options: { sessionOf?: { messenger: string; chatId: string } } = {},
): Promise<KnownStaff | null> {
  const select = Prisma.sql`
    SELECT s.id, s.service_id, s.role::text AS role, s.hospital_id, s.full_name, s.locale, s.active,
           sv.time_zone AS service_zone, sv.personal_data_by_form, h.time_zone AS hospital_zone,
           (SELECT json_agg(json_build_object('messenger', i.messenger, 'userId', i.external_user_id, 'chatId', i.chat_id, 'menu', i.command_menu) ORDER BY i.created_at)
              FROM messenger_identities i WHERE i.staff_id = s.id) AS identities
           ${
             options.sessionOf
               ? Prisma.sql`, (SELECT json_build_object('id', d.id, 'state', d.state, 'status', d.status, 'flowId', d.flow_id,
                                                       'promptMessageId', d.prompt_message_id)
                                 FROM dialogue_sessions d
                                WHERE d.messenger = ${options.sessionOf.messenger} AND d.chat_id = ${options.sessionOf.chatId}
                                  AND d.status = 'waiting') AS session`
               : Prisma.empty
           }
      FROM staff s
      JOIN services sv ON sv.id = s.service_id
      LEFT JOIN hospitals h ON h.id = s.hospital_id`;
  const rows =
    "staffId" in by
      ? await tx.$queryRaw<StaffRow[]>`${select} WHERE s.id = ${by.staffId}::uuid`
      : await tx.$queryRaw<StaffRow[]>`${select}
          WHERE s.id = (SELECT staff_id FROM messenger_identities WHERE messenger = ${by.messenger} AND external_user_id = ${by.userId})`;
  const row = rows[0];
  if (!row) return null;
  return {
    active: row.active,
    identities: row.identities ?? [],
    ...(options.sessionOf ? { session: row.session ?? null } : {}),
    staff: {
      id: row.id,
      serviceId: row.service_id,
      role: row.role,
      hospitalId: row.hospital_id,
      fullName: row.full_name,
      locale: pickLocale(row.locale),
      timeZone: row.hospital_zone ?? row.service_zone,
      serviceTimeZone: row.service_zone,
      personalDataByForm: row.personal_data_by_form,
    },
  };
}

/** Why an invitation could not be used; each has an `access.invitation_<reason>` text. */
export type InvitationRefusal = "invalid" | "used" | "expired" | "already_bound";

/**
 * Redeems a one-time invitation, or says why not. The invitation row is locked so a code pressed
 * twice binds once. A new person's invitation creates the staff member with this messenger
 * account; a link invitation (`staffId` set) binds this messenger account to that existing person,
 * so one person can be reached on Telegram and on MAX (at most one account per messenger).
 */
export async function redeemInvitation(
  tx: Tx,
  input: { code: string; messenger: string; userId: string; chatId: string; locale: Locale; now: Date },
): Promise<{ ok: true; staff: ChatStaff; linked?: true } | { ok: false; reason: InvitationRefusal }> {
  if (!/^[A-Za-z0-9_-]{8,64}$/.test(input.code)) return { ok: false, reason: "invalid" };
  const locked = await tx.$queryRaw<
    { id: string }[]
  >`SELECT id FROM invitations WHERE code = ${input.code} FOR UPDATE`;
  if (locked.length === 0) return { ok: false, reason: "invalid" };
  const invitation = await tx.invitation.findUniqueOrThrow({ where: { code: input.code } });
  if (invitation.usedAt) return { ok: false, reason: "used" };
  if (invitation.expiresAt <= input.now) return { ok: false, reason: "expired" };
  if (invitation.staffId) return linkIdentity(tx, invitation, input);
  const staff = await tx.staff.create({
    data: {
      serviceId: invitation.serviceId,
      role: invitation.role,
      hospitalId: invitation.hospitalId,
      fullName: invitation.fullName,
      locale: input.locale,
      identities: {
        create: { messenger: input.messenger, externalUserId: input.userId, chatId: input.chatId },
      },
    },
  });
  await tx.invitation.update({
    where: { id: invitation.id },
    data: { usedAt: input.now, usedByStaffId: staff.id },
  });
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

/** Binds one more messenger account to the person a link invitation names. */
async function linkIdentity(
  tx: Tx,
  invitation: { id: string; serviceId: string; staffId: string | null },
  input: { messenger: string; userId: string; chatId: string; now: Date },
): Promise<{ ok: true; staff: ChatStaff; linked: true } | { ok: false; reason: InvitationRefusal }> {
  const staffId = invitation.staffId!;
  const known = await findChatStaff(tx, { staffId });
  if (!known?.active) return { ok: false, reason: "invalid" };
  if (known.identities.some((i) => i.messenger === input.messenger))
    return { ok: false, reason: "already_bound" };
  await tx.messengerIdentity.create({
    data: { staffId, messenger: input.messenger, externalUserId: input.userId, chatId: input.chatId },
  });
  await tx.invitation.update({
    where: { id: invitation.id },
    data: { usedAt: input.now, usedByStaffId: staffId },
  });
  await tx.auditEvent.create({
    data: {
      serviceId: invitation.serviceId,
      actorStaffId: staffId,
      action: "messenger.linked",
      subjectType: "invitation",
      subjectId: invitation.id,
      details: { messenger: input.messenger },
      at: input.now,
    },
  });
  return { ok: true, staff: known.staff, linked: true };
}
