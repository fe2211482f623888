/**
 * The cases' commands: `/case <number>` (a case's card with what may be done now) and `/my`
 * (open signals and cases, with what is next or overdue).
 */
import { authorize, can, caseScope } from "../../access/policy.ts";
import { writeAudit } from "../../platform/audit.ts";
import type { ActionButton, CommandFeature, TurnContext } from "../../platform/chat/app.ts";
import { buttonKind, intField, onButton, type ButtonDefinition } from "../../platform/chat/buttons.ts";
import type { Text } from "../../platform/flow/types.ts";
import { journalYear } from "../../signals/domain/lifecycle.ts";
import { signalWork, type WorkEntry } from "../../signals/chat/my-work.ts";
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

/** Lines per page of `/my`. */
export const MY_PAGE_SIZE = 10;
/** `/my`'s other pages. */
export const MY_PAGE = buttonKind({ id: "cs:my", fields: { page: intField } });

/**
 * `/my`: the signals the person follows (./signals' part), then their cases (a head: every open
 * case), each with what is next; a button opens each one's card. Long lists come in pages.
 */
async function myWork(turn: TurnContext, settings: CaseSettings, page = 0): Promise<void> {
  authorize(turn.actor, "work.list");
  const signals = await signalWork(turn);
  const cases = await workCases(turn.tx, turn.actor);
  if (signals.entries.length === 0 && cases.length === 0) {
    const empty = caseScope(turn.actor) ? "signal.my.empty" : "signal.my.empty_hospital";
    return turn.replacePressed({ texts: [{ key: empty }] });
  }
  const own = caseScope(turn.actor)?.curatorId !== undefined;
  const caseTitle: Text = own
    ? { key: "case.my.cases_title" }
    : { key: "case.my.head_title", params: { count: cases.length } };
  const entries: (WorkEntry & { title: Text })[] = signals.entries.map((e) => ({
    ...e,
    title: signals.title,
  }));
  for (const c of cases) {
    const next = caseDeadlines(c, settings, turn.now)[0];
    const params = {
      number: c.number,
      status: { key: `case.status.${c.status}` },
      next: next ? deadlineText(c, next) : { key: "case.my.nothing" },
    };
    entries.push({
      title: caseTitle,
      text: own
        ? { key: "case.my.case_line", params: { ...params, name: shortName(c.signal.womanFullName) } }
        : { key: "case.my.head_line", params: { ...params, curator: shortName(c.curator.fullName) } },
      button: caseButton("open_case", CARD.data({ caseId: c.id }), { number: c.number }),
    });
  }
  const pages = Math.ceil(entries.length / MY_PAGE_SIZE);
  const current = Math.min(Math.max(page, 0), pages - 1);
  const shown = entries.slice(current * MY_PAGE_SIZE, (current + 1) * MY_PAGE_SIZE);
  const texts: Text[] = [];
  shown.forEach((e, i) => {
    if (i === 0 || shown[i - 1]!.title !== e.title) texts.push(e.title);
    texts.push(e.text);
  });
  if (pages > 1) texts.push({ key: "case.my.page", params: { page: current + 1, pages } });
  const opens = shown.flatMap((e) => (e.button ? [e.button] : []));
  const buttons: ActionButton[][] = [];
  for (let i = 0; i < opens.length; i += 3) buttons.push(opens.slice(i, i + 3));
  const nav: ActionButton[] = [];
  if (current > 0) nav.push({ text: { key: "case.my.previous" }, data: MY_PAGE.data({ page: current - 1 }) });
  if (current < pages - 1)
    nav.push({ text: { key: "case.my.next" }, data: MY_PAGE.data({ page: current + 1 }) });
  if (nav.length > 0) buttons.push(nav);
  turn.replacePressed({ texts, buttons });
}

/** The page buttons of `/my`. */
export function workPageButtons(settings: CaseSettings): ButtonDefinition[] {
  return [onButton(MY_PAGE, (turn, { page }) => myWork(turn, settings, page))];
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
