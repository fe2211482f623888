/**
 * What people see about a case: its card (stage, people, sheet, plan, monitoring, hand-overs, what
 * is next or overdue) with the buttons of what this reader may do now, the decision menu and its
 * confirmations, and the lines of `/my`. Pure rendering over a loaded case.
 */
import { contactButton } from "../../clients/chat/cards.ts";
import { START_ON_CASE } from "../../assessments/chat/kinds.ts";
import { shortName } from "../../access/names.ts";
import { can, type StaffActor } from "../../access/policy.ts";
import type { ActionButton, ChatMessage } from "../../platform/chat/app.ts";
import type { Text, TextParam } from "../../platform/flow/types.ts";
import { caseSubject } from "../actions/change.ts";
import {
  canDo,
  CASE_CLOSE_REASONS,
  handOverAfterClosing,
  PLAN_OF_STAGE,
  stageOf,
  type CaseCloseReason,
} from "../domain/case.ts";
import { deadlines, type Deadline } from "../domain/schedule.ts";
import { currentPlan, type CaseView } from "../queries/case-view.ts";
import { caseReminders, limitOf } from "../schedule.ts";
import type { CaseSettings } from "../settings.ts";
import {
  ACCOMPANY,
  ACCOMPANY_ASK,
  ACK,
  CARD,
  CLOSE,
  CLOSE_ASK,
  DECIDE,
  EXTEND,
  HAND_OVER,
  MONITOR,
  PLAN,
  PLAN_COPY,
  PSY_LIST,
  reasonCode,
  SHEET,
} from "./kinds.ts";

/** A button labelled `case.buttons.<label>`. */
export function caseButton(label: string, data: string, params?: Record<string, TextParam>): ActionButton {
  return { text: params ? { key: `case.buttons.${label}`, params } : { key: `case.buttons.${label}` }, data };
}

const at = (date: Date): TextParam => ({ datetime: date.toISOString() });
const day = (date: Date): TextParam => ({ date: date.toISOString().slice(0, 10) });

/** The signal's journal number of a case, "12/2026". */
export function signalNumberOf(c: Pick<CaseView, "signal">): string {
  return `${c.signal.serviceNumber}/${c.signal.serviceYear}`;
}

/** How one deadline reads. */
export function deadlineText(c: CaseView, d: Deadline): Text {
  let item: Text;
  switch (d.kind) {
    case "action": {
      const stage = stageOf(c.status);
      const action = stage
        ? currentPlan(c, PLAN_OF_STAGE[stage])?.actions.find((a) => a.actionKey === d.actionKey)
        : undefined;
      item = action
        ? { key: "case.deadline.action", params: { what: action.what, at: day(d.at) } }
        : { key: "case.deadline.action_unknown", params: { at: day(d.at) } };
      break;
    }
    case "ack":
      item = { key: "case.deadline.ack", params: { at: at(d.at) } };
      break;
    default:
      item = { key: `case.deadline.${d.kind}`, params: { at: at(d.at) } };
  }
  return d.overdue ? { key: "case.deadline.overdue", params: { item } } : item;
}

/** The case's deadlines now, the overdue and nearest first. */
export function caseDeadlines(c: CaseView, settings: CaseSettings, now: Date): Deadline[] {
  return deadlines(caseReminders(c, settings, now), now);
}

function stageLine(c: CaseView, settings: CaseSettings): Text {
  switch (c.status) {
    case "open":
      return {
        key: "case.card.stage_open",
        params: { opened: at(c.openedAt), limit: at(limitOf(c, settings)) },
      };
    case "accompaniment":
      return { key: "case.card.stage_accompaniment", params: { since: at(c.accompanimentAt ?? c.openedAt) } };
    case "closed":
      return {
        key: "case.card.stage_closed",
        params: {
          at: at(c.closedAt ?? c.openedAt),
          reason: c.closeReason ? { key: `case.close_reason.${c.closeReason}` } : "—",
        },
      };
    case "handed_over":
      return { key: "case.card.stage_handed_over", params: { at: at(c.handedOverAt ?? c.openedAt) } };
  }
}

function planLines(c: CaseView): Text[] {
  const kinds = c.accompanimentAt
    ? (["decision_change", "rehabilitation"] as const)
    : (["decision_change"] as const);
  return kinds.map((kind): Text => {
    const plan = currentPlan(c, kind);
    const name: TextParam = { key: `case.plan_kind.${kind}` };
    if (!plan) return { key: "case.card.plan_none", params: { kind: name } };
    return {
      key: "case.card.plan",
      params: {
        kind: name,
        version: plan.version,
        at: at(plan.createdAt),
        actions: plan.actions.length,
        done: plan.actions.filter((a) => a.status === "done").length,
      },
    };
  });
}

function buttonsFor(c: CaseView, actor: StaffActor): ActionButton[][] {
  const subject = caseSubject(c);
  const caseId = c.id;
  const stage = stageOf(c.status);
  const plan = stage ? currentPlan(c, PLAN_OF_STAGE[stage]) : null;
  const rows: ActionButton[][] = [];
  if (stage && can(actor, "case.sheet", subject)) {
    const label = !c.sheet ? "sheet_fill" : c.sheet.complete ? "sheet_edit" : "sheet_continue";
    rows.push([caseButton(label, SHEET.data({ caseId }))]);
  }
  if (stage && can(actor, "case.plan", subject)) {
    const label =
      stage === "decision_change"
        ? plan
          ? "plan_correct"
          : "plan_make"
        : plan
          ? "rehab_correct"
          : "rehab_make";
    rows.push([caseButton(label, PLAN.data({ caseId }))]);
  }
  if (stage && plan && can(actor, "case.monitor", subject))
    rows.push([caseButton("monitoring", MONITOR.data({ caseId }))]);
  // The safety and risk assessment (seed 003) on this case: its curator or its psychologist.
  const members = c.psychologistId ? [c.psychologistId] : [];
  if (stage && can(actor, "assessment.start", { ...subject, memberIds: members }))
    rows.push([caseButton("assess", START_ON_CASE.data({ caseId }))]);
  if (stage && can(actor, "case.close", subject)) rows.push([caseButton("decide", DECIDE.data({ caseId }))]);
  if (canDo(c.status, "extend") && can(actor, "case.extend", subject))
    rows.push([caseButton("extend", EXTEND.data({ caseId }))]);
  if (stage && can(actor, "case.attach_psychologist", subject))
    rows.push([caseButton("psychologist", PSY_LIST.data({ caseId }))]);
  // The mother's own channel (src/clients/): her consent, her invitation, her messages.
  if (stage && can(actor, "case.client_contact", subject)) rows.push([contactButton(caseId)]);
  if (stage === "accompaniment" && plan && can(actor, "case.plan", subject))
    rows.push([caseButton("plan_copy", PLAN_COPY.data({ caseId }))]);
  const passOn = c.status !== "closed" || handOverAfterClosing(c.closeReason);
  if (canDo(c.status, "hand_over") && passOn && can(actor, "case.hand_over", subject))
    rows.push([caseButton("hand_over", HAND_OVER.data({ caseId }))]);
  if (can(actor, "case.hand_over", subject)) {
    for (const h of c.handovers.filter((h) => h.acknowledgedAt === null))
      rows.push([caseButton("acknowledge", ACK.data({ handoverId: h.id }))]);
  }
  rows.push([caseButton("refresh", CARD.data({ caseId }))]);
  return rows;
}

/** The case's card for `actor`. */
export function caseCard(c: CaseView, actor: StaffActor, settings: CaseSettings, now: Date): ChatMessage {
  const texts: Text[] = [
    { key: "case.card.title", params: { number: c.number, signal: signalNumberOf(c) } },
    { key: "case.card.woman", params: { name: shortName(c.signal.womanFullName) } },
    { key: "case.card.hospital", params: { hospital: c.signal.hospital.name } },
    stageLine(c, settings),
    { key: "case.card.curator", params: { name: shortName(c.curator.fullName) } },
    c.psychologist
      ? { key: "case.card.psychologist", params: { name: shortName(c.psychologist.fullName) } }
      : { key: "case.card.no_psychologist" },
    !c.sheet
      ? { key: "case.card.sheet_none" }
      : c.sheet.complete && c.sheet.filledAt
        ? { key: "case.card.sheet_complete", params: { at: at(c.sheet.filledAt) } }
        : { key: "case.card.sheet_draft" },
    ...planLines(c),
  ];
  const last = c.monitorings.at(-1);
  texts.push(
    last
      ? { key: "case.card.monitoring", params: { count: c.monitorings.length, at: at(last.recordedAt) } }
      : { key: "case.card.monitoring_none" },
  );
  for (const h of c.handovers) {
    texts.push({
      key: "case.card.handover",
      params: {
        recipient: { key: `case.recipient.${h.recipientKind}` },
        name: h.recipientName,
        on: day(h.handedOn),
        order: h.orderNumber,
        ack: h.acknowledgedAt
          ? { key: "case.card.ack_done", params: { at: at(h.acknowledgedAt) } }
          : { key: "case.card.ack_pending", params: { at: at(h.ackDueAt) } },
      },
    });
  }
  const next = caseDeadlines(c, settings, now).slice(0, 3);
  texts.push(
    next.length > 0
      ? { key: "case.card.next", params: { items: { lines: next.map((d) => deadlineText(c, d)) } } }
      : { key: "case.card.nothing_next" },
  );
  return { texts, buttons: buttonsFor(c, actor) };
}

/** The buttons under "case opened" (the signal's last message): the signal sheet first, or the card. */
export function caseOpenedButtons(caseId: string): ActionButton[][] {
  return [
    [caseButton("sheet_fill", SHEET.data({ caseId }))],
    [caseButton("open_card", CARD.data({ caseId }))],
  ];
}

/** The decisions of the case's stage (closing reasons; moving to accompaniment in stage 3). */
export function decisionMenu(c: CaseView): ChatMessage {
  const stage = stageOf(c.status)!;
  const caseId = c.id;
  const buttons: ActionButton[][] = CASE_CLOSE_REASONS[stage].map((reason: CaseCloseReason) => [
    {
      text: { key: `case.close_reason.${reason}` },
      data: CLOSE_ASK.data({ caseId, reason: reasonCode(reason) }),
    },
  ]);
  if (stage === "decision_change")
    buttons.push([caseButton("to_accompaniment", ACCOMPANY_ASK.data({ caseId }))]);
  buttons.push([caseButton("back", CARD.data({ caseId }))]);
  return { texts: [{ key: "case.choose_decision", params: { number: c.number } }], buttons };
}

/** "Close with this reason?" — the yes button is valid for the case as shown. */
export function confirmClose(c: CaseView, reason: CaseCloseReason): ChatMessage {
  const caseId = c.id;
  return {
    texts: [
      {
        key: "case.confirm_close",
        params: { number: c.number, reason: { key: `case.close_reason.${reason}` } },
      },
    ],
    buttons: [
      [caseButton("confirm_close", CLOSE.data({ caseId, reason: reasonCode(reason), version: c.version }))],
      [caseButton("back", DECIDE.data({ caseId }))],
    ],
  };
}

/** "Move to accompaniment?" */
export function confirmAccompaniment(c: CaseView): ChatMessage {
  const caseId = c.id;
  return {
    texts: [{ key: "case.confirm_accompaniment", params: { number: c.number } }],
    buttons: [
      [caseButton("confirm_accompaniment", ACCOMPANY.data({ caseId, version: c.version }))],
      [caseButton("back", DECIDE.data({ caseId }))],
    ],
  };
}
