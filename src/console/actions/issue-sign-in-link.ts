/**
 * `/console` in the bot: a one-time link that signs this person in to the web console. It works
 * once, for a few minutes, and only its sha256 is stored; asking again cancels the older link.
 */
import { authorize, type StaffActor } from "../../access/policy.ts";
import { writeAudit } from "../../platform/audit.ts";
import { hashSecret, newSecret } from "../secrets.ts";
import type { ConsoleDeps } from "./deps.ts";

/** A link's secret (goes into the URL, never stored) and when it stops working. */
export interface IssuedLink {
  secret: string;
  expiresAt: Date;
}

/**
 * Issues a sign-in link for the actor.
 *
 * @throws DomainError `forbidden` for roles that have no console.
 */
export async function issueSignInLink(deps: ConsoleDeps, actor: StaffActor): Promise<IssuedLink> {
  authorize(actor, "console.sign_in");
  const { tx, now, settings } = deps;
  // One live link per person: an older one, perhaps forwarded by mistake, stops working.
  await tx.consoleSignInLink.updateMany({
    where: { staffId: actor.id, via: "link", usedAt: null, expiresAt: { gt: now } },
    data: { expiresAt: now },
  });
  const secret = newSecret();
  const expiresAt = new Date(now.getTime() + settings.linkMinutes * 60_000);
  const link = await tx.consoleSignInLink.create({
    data: { staffId: actor.id, via: "link", tokenHash: hashSecret(secret), createdAt: now, expiresAt },
    select: { id: true },
  });
  await writeAudit(tx, {
    actor,
    action: "console.link_issued",
    subjectType: "console_sign_in_link",
    subjectId: link.id,
    details: { expiresAt: expiresAt.toISOString() },
    at: now,
  });
  return { secret, expiresAt };
}
