/**
 * Issuing invitations and the links that redeem them, in every messenger the service runs.
 */
import { randomBytes } from "node:crypto";
import type { Db } from "../platform/db/client.ts";
import { MESSENGER_KINDS, type MessengerKind } from "../platform/messenger/contract.ts";
import { deepLink } from "../platform/messenger/links.ts";

/**
 * An invitation code: 16 URL-safe random characters (96 bits). Both messengers take it as a
 * deep-link payload (Telegram allows A-Z a-z 0-9 _ - up to 64; MAX any text up to 512).
 */
export function newInvitationCode(): string {
  return randomBytes(12).toString("base64url");
}

/** A deep link per messenger whose bot is known (recorded at start-up in `messenger_bots`). */
export async function invitationLinks(
  db: Db,
  code: string,
): Promise<{ messenger: MessengerKind; url: string }[]> {
  const bots = await db.messengerBot.findMany();
  return MESSENGER_KINDS.flatMap((messenger) => {
    const bot = bots.find((b) => b.messenger === messenger);
    return bot ? [{ messenger, url: deepLink(messenger, bot.username, code) }] : [];
  });
}

/**
 * A one-time invitation that binds another messenger account to `staffId` (who already has one),
 * valid for `hours`. The person opens it in the other messenger.
 */
export async function createLinkInvitation(
  db: Db,
  input: { staffId: string; now: Date; hours: number; createdById?: string },
): Promise<{ code: string; expiresAt: Date }> {
  const staff = await db.staff.findUniqueOrThrow({ where: { id: input.staffId } });
  const expiresAt = new Date(input.now.getTime() + input.hours * 3_600_000);
  const invitation = await db.invitation.create({
    data: {
      serviceId: staff.serviceId,
      code: newInvitationCode(),
      role: staff.role,
      hospitalId: staff.hospitalId,
      fullName: staff.fullName,
      staffId: staff.id,
      expiresAt,
      createdById: input.createdById ?? null,
    },
  });
  await db.auditEvent.create({
    data: {
      serviceId: staff.serviceId,
      actorStaffId: input.createdById ?? null,
      action: "invitation.link_created",
      subjectType: "staff",
      subjectId: staff.id,
      details: {},
      at: input.now,
    },
  });
  return { code: invitation.code, expiresAt };
}
