/**
 * The signal area's commands: `/new` (a reporter passes a signal). `/my` (open work) is the cases
 * area's: it lists signals (./my-work.ts) and cases.
 */
import type { CommandFeature } from "../../platform/chat/app.ts";

/** The commands. */
export const signalCommands: CommandFeature[] = [
  {
    name: "new",
    description: "commands.new_signal",
    permission: "signal.submit",
    run: (turn) => turn.startFlow("new_signal", { startedAt: turn.now.toISOString() }),
  },
];
