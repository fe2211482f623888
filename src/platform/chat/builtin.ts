/**
 * Commands every user has: /settings and /cancel (handled by the runtime when a dialogue is open;
 * otherwise it says there is none). /start and /help list the commands (the runtime).
 */
import type { CommandFeature } from "./app.ts";

/** The platform's own commands. */
export const builtinCommands: CommandFeature[] = [
  {
    name: "settings",
    description: "commands.settings",
    permission: "settings.change",
    run: (turn) => turn.startFlow("settings"),
  },
  {
    name: "cancel",
    description: "commands.cancel",
    permission: "settings.change",
    run: async (turn) => turn.reply({ texts: [{ key: "chat.nothing_to_cancel" }] }),
  },
];
