/**
 * The invitation as the curator gets it: a deep link per running messenger (the one she agreed to
 * first) and a QR code of each, as an image to show on the phone's screen at the meeting.
 */
import QRCode from "qrcode";
import { invitationLinks } from "../../access/invitations.ts";
import type { TurnContext } from "../../platform/chat/app.ts";
import { storeFile } from "../../platform/files.ts";

const NAMES: Record<string, string> = { telegram: "Telegram", max: "MAX" };

/** How long the QR image is kept (it is delivered at once). */
const QR_KEEP_HOURS = 24;

/** Sends the links and QR codes of an invitation to the curator's chat. */
export async function sendInvitation(
  turn: TurnContext,
  invitation: { code: string; expiresAt: Date; channel: string; number: string },
): Promise<void> {
  const links = (await invitationLinks(turn.tx, invitation.code)).sort(
    (a, b) => Number(b.messenger === invitation.channel) - Number(a.messenger === invitation.channel),
  );
  turn.reply({
    texts: [
      {
        key: "clients.invitation_made",
        params: {
          number: invitation.number,
          until: { datetime: invitation.expiresAt.toISOString() },
          links: links.map((l) => `${NAMES[l.messenger]}: ${l.url}`).join("\n") || "—",
        },
      },
    ],
  });
  for (const link of links) {
    const png = await QRCode.toBuffer(link.url, { type: "png", width: 480, margin: 2 });
    const fileId = await storeFile(turn.tx, {
      serviceId: turn.staff.serviceId,
      name: `QR ${NAMES[link.messenger]} ${invitation.number.replace("/", "-")}.png`,
      contentType: "image/png",
      content: png,
      purpose: "client_invitation_qr",
      deleteAfter: new Date(turn.now.getTime() + QR_KEEP_HOURS * 3_600_000),
    });
    turn.sendDocument(fileId, { key: "clients.qr_caption", params: { messenger: NAMES[link.messenger]! } });
  }
}
