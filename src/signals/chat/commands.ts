/**
 * The signal area's commands: `/new` (a reporter passes a signal) and `/my` (open work).
 */
import type { CommandFeature } from "../../platform/chat/app.ts";
import { myWork } from "./my-work.ts";

/** The commands. */
export const signalCommands: CommandFeature[] = [
  {
    name: "new",
    description: "commands.new_signal",
    permission: "signal.submit",
    run: (turn) => turn.startFlow("new_signal", { startedAt: turn.now.toISOString() }),
  },
  { name: "my", description: "commands.my", permission: "work.list", run: myWork },
];
