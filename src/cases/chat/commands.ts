/**
 * The cases' commands: `/case <number>` (a case's card with what may be done now) and `/my`
 * (open signals and cases, with what is next or overdue).
 */
import { authorize, can, caseScope } from "../../access/policy.ts";
import { writeAudit } from "../../platform/audit.ts";
import type { ActionButton, CommandFeature, TurnContext } from "../../platform/chat/app.ts";
import type { Text } from "../../platform/flow/types.ts";
import { journalYear } from "../../signals/domain/lifecycle.ts";
import { signalWorkLines } from "../../signals/chat/my-work.ts";
import { shortName } from "../../access/names.ts";
import { caseSubject } from "../actions/change.ts";
import { parseCaseNumber } from "../domain/case.ts";
import { findCaseByNumber, loadCase } from "../queries/case-view.ts";
import { workCases } from "../queries/work.ts";
import type { CaseSettings } from "../settings.ts";
import { caseButton, caseCard, caseDeadlines, deadlineText } from "./cards.ts";
import { CARD } from "./kinds.ts";

/** `/case 17/2026`: the card, or why not. A case the person may not see is "not found". */
async function showCase(turn: TurnContext, settings: CaseSettings, args: string): Promise<void> {
  const year = journalYear(turn.now, turn.staff.serviceTimeZone);
  const number = parseCaseNumber(args, year);
  if (!number) return turn.reply({ texts: [{ key: "case.command.usage" }] });
  const found = await findCaseByNumber(turn.tx, turn.staff.serviceId, number);
  const c = found ? await loadCase(turn.tx, found.id) : null;
  if (!c || !can(turn.actor, "case.read", caseSubject(c)))
    return turn.reply({ texts: [{ key: "case.command.not_found", params: { number } }] });
  authorize(turn.actor, "case.read", caseSubject(c));
  await writeAudit(turn.tx, {
    actor: turn.actor,
    action: "case.read",
    subjectType: "case",
    subjectId: c.id,
    serviceId: c.serviceId,
    at: turn.now,
  });
  turn.reply(caseCard(c, turn.actor, settings, turn.now));
}

/** `/my`: the person's open signals, then their cases (a head: every open case) with what is next. */
async function myWork(turn: TurnContext, settings: CaseSettings): Promise<void> {
  const signals = await signalWorkLines(turn);
  const cases = await workCases(turn.tx, turn.actor);
  if (signals.length === 0 && cases.length === 0) return turn.reply({ texts: [{ key: "signal.my.empty" }] });
  const texts: Text[] = [{ key: "signal.my.title" }, ...signals];
  const own = caseScope(turn.actor)?.curatorId !== undefined;
  if (cases.length > 0) {
    texts.push(
      own ? { key: "case.my.cases_title" } : { key: "case.my.head_title", params: { count: cases.length } },
    );
  }
  for (const c of cases) {
    const next = caseDeadlines(c, settings, turn.now)[0];
    const params = {
      number: c.number,
      status: { key: `case.status.${c.status}` },
      next: next ? deadlineText(c, next) : { key: "case.my.nothing" },
    };
    texts.push(
      own
        ? { key: "case.my.case_line", params: { ...params, name: shortName(c.signal.womanFullName) } }
        : { key: "case.my.head_line", params: { ...params, curator: shortName(c.curator.fullName) } },
    );
  }
  const buttons: ActionButton[][] = [];
  const shown = cases
    .slice(0, 12)
    .map((c) => caseButton("open_case", CARD.data({ caseId: c.id }), { number: c.number }));
  for (let i = 0; i < shown.length; i += 3) buttons.push(shown.slice(i, i + 3));
  turn.reply({ texts, buttons });
}

/** The commands. */
export function caseCommands(settings: CaseSettings): CommandFeature[] {
  return [
    {
      name: "my",
      description: "commands.my",
      permission: "work.list",
      run: (turn) => myWork(turn, settings),
    },
    {
      name: "case",
      description: "commands.case",
      permission: "case.read",
      run: (turn, args) => showCase(turn, settings, args),
    },
  ];
}
