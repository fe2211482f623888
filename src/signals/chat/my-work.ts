/**
 * The signal part of `/my` (the command itself is the cases area's, which adds the cases): a
 * curator's open signals with their visit deadline, a head's signals waiting for a curator.
 */
import type { TurnContext } from "../../platform/chat/app.ts";
import type { Text } from "../../platform/flow/types.ts";
import { signalNumber } from "../domain/numbers.ts";
import { workList } from "../queries/work.ts";

/** One line per open signal of the person's work list. */
export async function signalWorkLines(turn: TurnContext): Promise<Text[]> {
  const signals = await workList(turn.tx, turn.actor);
  return signals.map((s) => {
    const deadline: Text | string =
      s.visitDeadline && !s.arrivedAt
        ? { key: "signal.my.deadline", params: { at: { datetime: s.visitDeadline.toISOString() } } }
        : "";
    return {
      key: "signal.my.signal",
      params: { number: signalNumber(s), status: { key: `signal.status.${s.status}` }, deadline },
    };
  });
}
