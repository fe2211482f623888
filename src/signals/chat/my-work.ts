/**
 * `/my`: the person's open signals and cases with their next deadline (see ../queries/work.ts).
 */
import type { TurnContext } from "../../platform/chat/app.ts";
import type { Text } from "../../platform/flow/types.ts";
import { signalNumber } from "../domain/numbers.ts";
import { workList } from "../queries/work.ts";

/** Replies with the list. */
export async function myWork(turn: TurnContext): Promise<void> {
  const { signals, cases } = await workList(turn.tx, turn.actor);
  if (signals.length === 0 && cases.length === 0) return turn.reply({ texts: [{ key: "signal.my.empty" }] });
  const texts: Text[] = [{ key: "signal.my.title" }];
  for (const s of signals) {
    const deadline: Text | string =
      s.visitDeadline && !s.arrivedAt
        ? { key: "signal.my.deadline", params: { at: { datetime: s.visitDeadline.toISOString() } } }
        : "";
    texts.push({
      key: "signal.my.signal",
      params: { number: signalNumber(s), status: { key: `signal.status.${s.status}` }, deadline },
    });
  }
  for (const c of cases) {
    texts.push({
      key: "signal.my.case",
      params: { case: c.number, number: signalNumber(c.signal), at: { datetime: c.openedAt.toISOString() } },
    });
  }
  turn.reply({ texts });
}
