/**
 * `/link`: a person reached in one messenger binds another one to themselves (Telegram and MAX),
 * by a one-time link the bot gives them; notifications then go to both.
 */
import type { CommandFeature } from "../platform/chat/app.ts";
import { MESSENGER_KINDS, type MessengerKind } from "../platform/messenger/contract.ts";
import { deepLink } from "../platform/messenger/links.ts";
import { findChatStaff } from "./identity.ts";
import { createLinkInvitation } from "./invitations.ts";

/** How long a link of `/link` can be used. */
export const LINK_VALID_HOURS = 24;

const NAMES: Record<MessengerKind, string> = { telegram: "Telegram", max: "MAX" };

/** The `/link` command. */
export const linkMessengerCommand: CommandFeature = {
  name: "link",
  description: "access.link_command",
  permission: "settings.change",
  run: async (turn) => {
    const usernames = turn.deps.botUsernames ?? {};
    const known = await findChatStaff(turn.tx, { staffId: turn.staff.id });
    const bound = new Set((known?.identities ?? []).map((i) => i.messenger));
    const others = MESSENGER_KINDS.filter((m) => usernames[m] !== undefined && !bound.has(m));
    if (others.length === 0) {
      const running = MESSENGER_KINDS.filter((m) => usernames[m] !== undefined);
      return turn.reply({
        texts: [{ key: running.length > 1 ? "access.link_all_bound" : "access.link_only_one" }],
      });
    }
    const { code } = await createLinkInvitation(turn.tx, {
      staffId: turn.staff.id,
      now: turn.now,
      hours: LINK_VALID_HOURS,
      createdById: turn.staff.id,
    });
    const links = others.map((m) => `${NAMES[m]}: ${deepLink(m, usernames[m]!, code)}`).join("\n");
    turn.reply({
      texts: [
        { key: "access.link_offer", params: { messengers: others.map((m) => NAMES[m]).join(", "), links } },
      ],
    });
  },
};
