/**
 * `/assess [case number]`: start (or continue) a safety and risk assessment — on the case named, or
 * chosen from the person's cases, the signals they are on, and the assessments they conduct.
 * `/reviews`: the finished assessments a head has not reviewed yet, with the form and the review.
 */
import type { ActionButton, CommandFeature, TurnContext } from "../../platform/chat/app.ts";
import { cleanText } from "../../platform/flow/input.ts";
import type { Text } from "../../platform/flow/types.ts";
import { signalNumber } from "../../signals/domain/numbers.ts";
import { assessableFor, awaitingReview } from "../queries/lists.ts";
import { findCaseByNumber } from "../queries/subjects.ts";
import { startInChat } from "./buttons.ts";
import { button, conclusionText, headButtons } from "./cards.ts";
import { OPEN, START_ON_CASE, START_ON_SIGNAL } from "./kinds.ts";

/** "3/2026", "№ 3/2026", "3-2026": a case number as people type it; null when it is not one. */
export function caseNumberArg(args: string): string | null {
  const match = /^(?:№\s*)?(\d{1,6})\s*[/-]\s*(\d{4})$/.exec(cleanText(args));
  return match ? `${Number(match[1])}/${match[2]}` : null;
}

async function assess(turn: TurnContext, args: string): Promise<void> {
  if (args.trim()) {
    const number = caseNumberArg(args);
    if (!number) return turn.reply({ texts: [{ key: "assessment.case_number_format" }] });
    const found = await findCaseByNumber(turn.tx, turn.actor.serviceId, number);
    if (!found) return turn.reply({ texts: [{ key: "assessment.no_such_case", params: { number } }] });
    return startInChat(turn, { caseId: found.id });
  }
  const { cases, signals, inProgress } = await assessableFor(turn.tx, turn.actor);
  if (cases.length + signals.length + inProgress.length === 0)
    return turn.reply({ texts: [{ key: "assessment.list.empty" }] });
  const rows: ActionButton[][] = [
    ...inProgress.map((a) => [
      button("open", OPEN.data({ assessmentId: a.id }), {
        number: a.number,
        stage: { key: `assessment.stage.${a.stage}` },
      }),
    ]),
    ...cases.map((c) => [button("start_case", START_ON_CASE.data({ caseId: c.id }), { case: c.number })]),
    ...signals.map((s) => [
      button("start_signal", START_ON_SIGNAL.data({ signalId: s.id }), { signal: signalNumber(s) }),
    ]),
  ];
  turn.reply({ texts: [{ key: "assessment.list.title" }], buttons: rows });
}

async function reviews(turn: TurnContext): Promise<void> {
  const list = await awaitingReview(turn.tx, turn.actor.serviceId);
  if (list.length === 0) return turn.reply({ texts: [{ key: "assessment.reviews.empty" }] });
  turn.reply({ texts: [{ key: "assessment.reviews.title" }] });
  for (const a of list) {
    const subject: Text = a.case
      ? { key: "assessment.of_case", params: { case: a.case.number } }
      : { key: "assessment.of_signal", params: { signal: a.signal ? signalNumber(a.signal) : "—" } };
    turn.reply({
      texts: [
        {
          key: "assessment.reviews.item",
          params: {
            number: a.number,
            subject,
            conclusion: conclusionText(a.conclusion!),
            at: { datetime: a.concludedAt!.toISOString() },
          },
        },
      ],
      buttons: headButtons(a.id, false),
    });
  }
}

/** The commands. */
export const assessmentCommands: CommandFeature[] = [
  { name: "assess", description: "commands.assess", permission: "assessment.start", run: assess },
  { name: "reviews", description: "commands.reviews", permission: "assessment.review", run: reviews },
];
