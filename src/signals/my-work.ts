/**
 * `/my`: a curator's open signals and cases with their next deadline; for a head, the
 * signals still waiting for a curator.
 */
import type { TurnContext } from "../platform/chat/app.ts";
import { OPEN_STATUSES } from "./domain/lifecycle.ts";
import type { Text } from "../platform/flow/types.ts";
import { signalNumber } from "./cards.ts";

/** Replies with the list. */
export async function myWork(turn: TurnContext): Promise<void> {
  const { tx, staff } = turn;
  const signalWhere =
    staff.role === "curator"
      ? { curatorId: staff.id, status: { in: OPEN_STATUSES } }
      : { serviceId: staff.serviceId, status: { in: ["received" as const] } };
  const signals = await tx.signal.findMany({
    where: signalWhere,
    orderBy: { transmittedAt: "asc" },
    take: 50,
  });
  const cases =
    staff.role === "curator"
      ? await tx.case.findMany({
          where: { curatorId: staff.id, status: { in: ["open", "accompaniment"] } },
          include: { signal: true },
          orderBy: { openedAt: "asc" },
        })
      : [];
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
