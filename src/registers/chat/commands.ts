/**
 * The registers' commands: `/journal` (a register as XLSX or PDF), `/report` (the effectiveness
 * report) and `/totals` (hospitals' abandonment counts).
 */
import type { CommandFeature } from "../../platform/chat/app.ts";
import { NO_HOSPITAL } from "./kinds.ts";
import { journalStart, periodMenu } from "./menus.ts";

/** The commands. */
export const registerCommands: CommandFeature[] = [
  {
    name: "journal",
    description: "registers.commands.journal",
    permission: "register.export",
    run: async (turn) => turn.reply(await journalStart(turn)),
  },
  {
    name: "report",
    description: "registers.commands.report",
    permission: "report.read",
    run: async (turn) => turn.reply(await periodMenu(turn, "r", NO_HOSPITAL)),
  },
  {
    name: "totals",
    description: "registers.commands.totals",
    permission: "abandonments.enter",
    run: async (turn) => turn.reply(await periodMenu(turn, "t", NO_HOSPITAL)),
  },
];
