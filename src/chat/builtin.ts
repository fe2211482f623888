/**
 * Commands every user has: /start and /help (the command list), /settings, /cancel
 * (handled by the runtime when a dialogue is open; otherwise it says there is none).
 */
import type { CommandFeature } from "./app.ts";

const everyone = ["reporter", "head", "curator", "psychologist", "admin"] as const;

/** The platform's own commands. */
export const builtinCommands: CommandFeature[] = [
  {
    name: "settings",
    description: "commands.settings",
    roles: everyone,
    run: (turn) => turn.startFlow("settings"),
  },
  {
    name: "cancel",
    description: "commands.cancel",
    roles: everyone,
    run: async (turn) => turn.reply({ texts: [{ key: "chat.no_dialogue" }] }),
  },
];
