/**
 * What people read when something happens to a case or one of its deadlines comes: each notice of
 * ../notices.ts becomes messages for the heads, the curator and the psychologist concerned (never
 * for the person who did it: their own chat shows the result of their press).
 */
import { shortName } from "../../access/names.ts";
import type { Db } from "../../platform/db/client.ts";
import type { Delivery, NoticeRenderers } from "../../platform/notify.ts";
import type { Text, TextParam } from "../../platform/flow/types.ts";
import { activeHeads } from "../../signals/queries/staff.ts";
import { PLAN_OF_STAGE, REASONS_PASSED_ON, stageOf } from "../domain/case.ts";
import { monitoringProgress } from "../domain/monitoring.ts";
import type { CaseNotice } from "../notices.ts";
import { currentPlan, loadCase, type CaseView } from "../queries/case-view.ts";
import { caseButton } from "./cards.ts";
import { ACK, DECIDE, EXTEND, HAND_OVER, MONITOR, PLAN } from "./kinds.ts";

async function caseOf(db: Db, caseId: string): Promise<CaseView> {
  const c = await loadCase(db, caseId);
  if (!c) throw new Error("a notice about a case that does not exist");
  return c;
}

const at = (iso: string): TextParam => ({ datetime: iso });
const day = (date: Date | string): TextParam => ({
  date: typeof date === "string" ? date : date.toISOString().slice(0, 10),
});

async function nameOf(db: Db, staffId: string | null): Promise<TextParam> {
  if (!staffId) return { key: "case.notice.nobody" };
  const staff = await db.staff.findUnique({ where: { id: staffId }, select: { fullName: true } });
  return staff ? shortName(staff.fullName) : { key: "case.notice.nobody" };
}

const message = (key: string, params: Record<string, TextParam>) => ({ texts: [{ key, params }] });

/** Everyone but the person who did it. */
const except = (ids: (string | null)[], by: string | null) => [
  ...new Set(ids.filter((id): id is string => id !== null && id !== by)),
];

/** The staff member an action's reminders go to: the psychologist for theirs (when attached), else the curator. */
function responsibleStaff(c: CaseView, responsible: string | undefined): string {
  return responsible === "psychologist" && c.psychologistId ? c.psychologistId : c.curatorId;
}

/** The renderers of every case notice. */
export const caseNoticeRenderers: NoticeRenderers<CaseNotice> = {
  async "case.plan_made"(db, n) {
    const c = await caseOf(db, n.caseId);
    const plan = c.plans.find((p) => p.id === n.planId);
    const heads = await activeHeads(db, c.serviceId);
    const deliveries: Delivery[] = [
      {
        to: except([...heads, c.curatorId], n.byStaffId),
        message: message("case.notice.plan_made", {
          number: c.number,
          who: await nameOf(db, n.byStaffId),
          kind: { key: `case.plan_kind.${n.kind}` },
          version: n.version,
        }),
      },
    ];
    const forPsychologist = (plan?.actions ?? []).filter((a) => a.responsible === "psychologist");
    if (c.psychologistId && forPsychologist.length > 0 && c.psychologistId !== n.byStaffId) {
      deliveries.push({
        to: [c.psychologistId],
        message: message("case.notice.plan_actions_for_you", {
          number: c.number,
          actions: {
            lines: forPsychologist.map((a) => ({
              key: "case.notice.plan_action_line",
              params: { what: a.what, at: day(a.dueDate) },
            })),
          },
        }),
      });
    }
    return deliveries;
  },

  async "case.monitoring_recorded"(db, n) {
    const c = await caseOf(db, n.caseId);
    const entry = c.monitorings.find((m) => m.id === n.monitoringId);
    if (!entry) return [];
    const progress = monitoringProgress.parse(entry.progress);
    const done = progress.actions.filter((a) => a.status === "done").length;
    const heads = await activeHeads(db, c.serviceId);
    return [
      {
        to: except([...heads, c.curatorId], n.byStaffId),
        message: message("case.notice.monitoring_recorded", {
          number: c.number,
          n: entry.number,
          who: await nameOf(db, n.byStaffId),
          progress: progress.onTrack
            ? { key: "case.notice.progress_on_track" }
            : { key: "case.notice.progress_per_action", params: { done, total: progress.actions.length } },
          decision: { key: `case.decision.${entry.decision}` },
        }),
      },
    ];
  },

  async "case.closed"(db, n) {
    const c = await caseOf(db, n.caseId);
    const heads = await activeHeads(db, c.serviceId);
    const params = {
      number: c.number,
      reason: { key: `case.close_reason.${n.reason}` },
      who: await nameOf(db, n.byStaffId),
    };
    const deliveries: Delivery[] = [
      {
        to: except([c.curatorId, c.psychologistId], n.byStaffId),
        message: message("case.notice.closed", params),
      },
    ];
    // The heads who pass the information on get the button for it.
    const passOn = REASONS_PASSED_ON.includes(n.reason);
    deliveries.push({
      to: except(heads, n.byStaffId),
      message: passOn
        ? {
            texts: [{ key: "case.notice.closed", params }, { key: "case.pass_on_hint" }],
            buttons: [[caseButton("hand_over", HAND_OVER.data({ caseId: c.id }))]],
          }
        : message("case.notice.closed", params),
    });
    return deliveries;
  },

  async "case.accompaniment"(db, n) {
    const c = await caseOf(db, n.caseId);
    const heads = await activeHeads(db, c.serviceId);
    return [
      {
        to: except([...heads, c.curatorId, c.psychologistId], n.byStaffId),
        message: message("case.notice.accompaniment", {
          number: c.number,
          who: await nameOf(db, n.byStaffId),
        }),
      },
    ];
  },

  async "case.extended"(db, n) {
    const c = await caseOf(db, n.caseId);
    const heads = await activeHeads(db, c.serviceId);
    const event = await db.caseEvent.findFirst({
      where: { caseId: c.id, type: "extended" },
      orderBy: { id: "desc" },
      select: { data: true },
    });
    const reason = (event?.data as { reason?: string } | null)?.reason ?? "—";
    return [
      {
        to: except([...heads, c.curatorId], n.byStaffId),
        message: message("case.notice.extended", {
          number: c.number,
          until: at(n.until),
          who: await nameOf(db, n.byStaffId),
          reason,
        }),
      },
    ];
  },

  async "case.psychologist"(db, n) {
    const c = await caseOf(db, n.caseId);
    const deliveries: Delivery[] = [];
    if (n.psychologistId && n.psychologistId !== n.byStaffId) {
      deliveries.push({
        to: [n.psychologistId],
        message: message("case.notice.attached", {
          number: c.number,
          curator: shortName(c.curator.fullName),
        }),
      });
    }
    if (n.previousId && n.previousId !== n.byStaffId)
      deliveries.push({ to: [n.previousId], message: message("case.notice.detached", { number: c.number }) });
    const heads = await activeHeads(db, c.serviceId);
    deliveries.push({
      to: except([...heads, c.curatorId], n.byStaffId),
      message: message("case.notice.psychologist_changed", {
        number: c.number,
        name: await nameOf(db, n.psychologistId),
        who: await nameOf(db, n.byStaffId),
      }),
    });
    return deliveries;
  },

  async "case.handed_over"(db, n) {
    const c = await caseOf(db, n.caseId);
    const h = c.handovers.find((x) => x.id === n.handoverId);
    if (!h) return [];
    const heads = await activeHeads(db, c.serviceId);
    return [
      {
        to: except([...heads, c.curatorId, c.psychologistId], n.byStaffId),
        message: message("case.notice.handed_over", {
          number: c.number,
          recipient: { key: `case.recipient.${h.recipientKind}` },
          name: h.recipientName,
          on: day(h.handedOn),
          order: h.orderNumber,
          who: await nameOf(db, n.byStaffId),
        }),
      },
    ];
  },

  async "case.acknowledged"(db, n) {
    const c = await caseOf(db, n.caseId);
    const heads = await activeHeads(db, c.serviceId);
    return [
      {
        to: except(heads, n.byStaffId),
        message: message("case.notice.acknowledged", {
          number: c.number,
          who: await nameOf(db, n.byStaffId),
        }),
      },
    ];
  },

  async "case.document"(db, n) {
    const c = await caseOf(db, n.caseId);
    const handover = c.handovers.find((h) => h.fileId === n.fileId);
    const texts: Text[] =
      n.purpose === "plan_copy"
        ? [{ key: "case.notice.plan_copy", params: { number: c.number } }]
        : [
            {
              key: "case.notice.handover_package",
              params: { number: c.number, name: handover?.recipientName ?? "—" },
            },
          ];
    return [{ to: [n.toStaffId], message: { texts, document: { fileId: n.fileId } } }];
  },

  async "case.reminder"(db, n) {
    const c = await caseOf(db, n.caseId);
    const heads = await activeHeads(db, c.serviceId);
    const number = c.number;
    const caseId = c.id;
    const curator = shortName(c.curator.fullName);
    const deadline = n.subject.deadline ? at(n.subject.deadline) : "—";
    const monitorButton = [[caseButton("monitoring", MONITOR.data({ caseId }))]];
    const planButton = (label: string) => [[caseButton(label, PLAN.data({ caseId }))]];
    switch (n.kind) {
      case "plan_soon":
        return [
          {
            to: [c.curatorId],
            message: {
              texts: [{ key: "case.reminder.plan_soon", params: { number, at: deadline } }],
              buttons: planButton("plan_make"),
            },
          },
        ];
      case "plan_overdue": {
        const params = { number, at: deadline, curator };
        return [
          {
            to: [c.curatorId],
            message: {
              texts: [{ key: "case.reminder.plan_overdue", params }],
              buttons: planButton("plan_make"),
            },
          },
          { to: heads, message: message("case.reminder.plan_overdue", params) },
        ];
      }
      case "rehab_plan_soon":
        return [
          {
            to: [c.curatorId],
            message: {
              texts: [{ key: "case.reminder.rehab_plan_soon", params: { number, at: deadline } }],
              buttons: planButton("rehab_make"),
            },
          },
        ];
      case "rehab_plan_overdue": {
        const params = { number, at: deadline, curator };
        return [
          {
            to: [c.curatorId],
            message: {
              texts: [{ key: "case.reminder.rehab_plan_overdue", params }],
              buttons: planButton("rehab_make"),
            },
          },
          { to: heads, message: message("case.reminder.rehab_plan_overdue", params) },
        ];
      }
      case "monitoring_due":
        return [
          {
            to: [c.curatorId],
            message: {
              texts: [{ key: "case.reminder.monitoring_due", params: { number, at: deadline } }],
              buttons: monitorButton,
            },
          },
        ];
      case "monitoring_missed": {
        const params = { number, at: deadline, curator };
        return [
          {
            to: [c.curatorId],
            message: { texts: [{ key: "case.reminder.monitoring_missed", params }], buttons: monitorButton },
          },
          {
            to: heads,
            message: { texts: [{ key: "case.reminder.monitoring_missed", params }], buttons: monitorButton },
          },
        ];
      }
      case "action_due":
      case "action_overdue": {
        const stage = stageOf(c.status);
        const action = stage
          ? currentPlan(c, PLAN_OF_STAGE[stage])?.actions.find((a) => a.actionKey === n.subject.actionKey)
          : undefined;
        if (!action) return [];
        const responsible = responsibleStaff(c, n.subject.responsible);
        if (n.kind === "action_due")
          return [
            {
              to: [responsible],
              message: message("case.reminder.action_due", { number, what: action.what }),
            },
          ];
        const who: TextParam =
          responsible === c.curatorId && action.responsible !== "psychologist"
            ? { key: `case.responsible.${action.responsible}` }
            : await nameOf(db, responsible);
        const params = { number, what: action.what, at: day(action.dueDate), who };
        return [
          {
            to: [...new Set([responsible, ...heads])],
            message: message("case.reminder.action_overdue", params),
          },
        ];
      }
      case "limit":
      case "limit_again": {
        const buttons = [
          [caseButton("decide", DECIDE.data({ caseId }))],
          [caseButton("extend", EXTEND.data({ caseId }))],
        ];
        const deliveries: Delivery[] = [
          {
            to: heads,
            message: {
              texts: [{ key: `case.reminder.${n.kind}`, params: { number, at: deadline } }],
              buttons,
            },
          },
        ];
        if (n.kind === "limit")
          deliveries.push({
            to: [c.curatorId],
            message: message("case.reminder.limit_curator", { number, at: deadline }),
          });
        return deliveries;
      }
      case "ack_overdue": {
        const h = c.handovers.find((x) => x.id === n.subject.handoverId);
        if (!h || h.acknowledgedAt) return [];
        return [
          {
            to: heads,
            message: {
              texts: [
                {
                  key: "case.reminder.ack_overdue",
                  params: {
                    number,
                    recipient: { key: `case.recipient.${h.recipientKind}` },
                    name: h.recipientName,
                    on: day(h.handedOn),
                    order: h.orderNumber,
                    at: deadline,
                  },
                },
              ],
              buttons: [[caseButton("acknowledge", ACK.data({ handoverId: h.id }))]],
            },
          },
        ];
      }
    }
  },
};
