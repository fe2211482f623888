/**
 * The signal area's commands: `/new` (a reporter passes a signal), `/threat` (a signal of a threat
 * to a child's life or health). `/my` (open work) is the cases
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
  {
    // A signal of a threat to a child's life or health (seed 003): its own intake.
    name: "threat",
    description: "commands.threat_signal",
    permission: "signal.submit",
    run: (turn) => turn.startFlow("threat_signal", { startedAt: turn.now.toISOString() }),
  },
];
