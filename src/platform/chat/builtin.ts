/**
 * Commands every user has: /start and /help (the command list), /settings, /cancel
 * (handled by the runtime when a dialogue is open; otherwise it says there is none).
 */
import { ALL_ROLES, type CommandFeature } from "./app.ts";

/** The platform's own commands. */
export const builtinCommands: CommandFeature[] = [
  {
    name: "settings",
    description: "commands.settings",
    roles: ALL_ROLES,
    run: (turn) => turn.startFlow("settings"),
  },
  {
    name: "cancel",
    description: "commands.cancel",
    roles: ALL_ROLES,
    run: async (turn) => turn.reply({ texts: [{ key: "chat.no_dialogue" }] }),
  },
];
