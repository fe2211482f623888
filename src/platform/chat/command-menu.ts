/**
 * Each chat's command menu (Telegram's "Menu" button and the list shown after "/"): the commands
 * the person may use, in their language. It is set when they join and again, with their next
 * update, whenever their role or language no longer matches the menu last set (the identity
 * row remembers which, so an unchanged menu costs no call).
 */
import { can } from "../../access/policy.ts";
import { staffActor } from "../actor.ts";
import type { Translator } from "../i18n/index.ts";
import type { MenuCommand, OutboundCall } from "../messenger/contract.ts";
import type { ChatApp, ChatStaff, Tx } from "./app.ts";

/** Bump when the menus' contents change for everyone (new commands, new wording). */
const MENU_VERSION = 1;

/** Which menu a person should have: their role and language. */
export function menuKey(staff: Pick<ChatStaff, "role" | "locale">): string {
  return `${staff.role}:${staff.locale}:${MENU_VERSION}`;
}

/** The person's commands: /help first, then every command their role may use, described in their language. */
export function menuCommands(app: ChatApp, translator: Translator, staff: ChatStaff): MenuCommand[] {
  const actor = staffActor(staff, "chat");
  const describe = (key: string) => translator.render({ key }, staff.locale, staff.timeZone);
  return [
    { command: "help", description: describe("commands.help_menu") },
    ...app.commands
      .filter((c) => can(actor, c.permission))
      .map((c) => ({ command: c.name, description: describe(c.description) })),
  ];
}

/**
 * The call setting `chatId`'s menu when `current` (the menu last set there) is not the one the
 * person should have now; records the new one on the identity. Undefined: nothing to do.
 */
export async function refreshMenu(
  tx: Tx,
  deps: { app: ChatApp; translator: Translator },
  input: { staff: ChatStaff; messenger: string; userId: string; chatId: string; current: string | null },
): Promise<OutboundCall | undefined> {
  const key = menuKey(input.staff);
  if (input.current === key) return undefined;
  await tx.messengerIdentity.updateMany({
    where: { messenger: input.messenger, externalUserId: input.userId },
    data: { commandMenu: key },
  });
  return {
    method: "setMyCommands",
    chatId: input.chatId,
    commands: menuCommands(deps.app, deps.translator, input.staff),
  };
}
