/**
 * What people read when something happens to an assessment: each notice of ../notices.ts becomes
 * messages for the heads and the specialist concerned. Numbers, stages and codes only — no
 * personal data of the family in these messages.
 */
import { shortName } from "../../access/names.ts";
import type { Db } from "../../platform/db/client.ts";
import type { NoticeRenderers } from "../../platform/notify.ts";
import { activeHeads } from "../../signals/queries/staff.ts";
import type { AssessmentNotice } from "../notices.ts";
import { loadAssessment, type AssessmentView } from "../queries/assessment-view.ts";
import { button, conclusionText, headButtons, subjectText } from "./cards.ts";
import { ACTION_DONE, HANDOVER_ACK, OPEN } from "./kinds.ts";

async function assessmentOf(db: Db, id: string): Promise<AssessmentView> {
  const assessment = await loadAssessment(db, id);
  if (!assessment) throw new Error("a notice about an assessment that does not exist");
  return assessment;
}

async function actionOf(db: Db, actionId: string) {
  const action = await db.safetyPlanAction.findUnique({ where: { id: actionId } });
  if (!action) throw new Error("a notice about a plan action that does not exist");
  return { action, assessment: await assessmentOf(db, action.assessmentId) };
}

const specialist = (a: AssessmentView) => shortName(a.specialist.fullName);

/** The renderers of every assessment notice. */
export const assessmentNoticeRenderers: NoticeRenderers<AssessmentNotice> = {
  async "assessment.step_overdue"(db, n) {
    const a = await assessmentOf(db, n.assessmentId);
    const params = {
      number: a.number,
      step: { key: `assessment.timing.${n.step}` },
      at: { datetime: n.dueAt },
    };
    return [
      {
        to: [a.specialistId],
        message: {
          texts: [{ key: "assessment.notice.step_overdue_self", params }],
          buttons: [
            [
              button("open", OPEN.data({ assessmentId: a.id }), {
                number: a.number,
                stage: { key: `assessment.stage.${a.stage}` },
              }),
            ],
          ],
        },
      },
      {
        to: (await activeHeads(db, a.serviceId)).filter((id) => id !== a.specialistId),
        message: {
          texts: [
            {
              key: "assessment.notice.step_overdue",
              params: { ...params, subject: subjectText(a), specialist: specialist(a) },
            },
          ],
        },
      },
    ];
  },

  async "assessment.concluded"(db, n) {
    const a = await assessmentOf(db, n.assessmentId);
    return [
      {
        to: await activeHeads(db, a.serviceId),
        message: {
          texts: [
            {
              key: "assessment.notice.concluded",
              params: {
                number: a.number,
                subject: subjectText(a),
                conclusion: conclusionText(a.conclusion!),
                level: a.overallLevel ? { key: `assessment.level.${a.overallLevel}` } : "—",
                specialist: specialist(a),
              },
            },
          ],
          buttons: headButtons(a.id, a.reviewedAt !== null),
        },
      },
    ];
  },

  async "assessment.handed_over"(db, n) {
    const a = await assessmentOf(db, n.assessmentId);
    return [
      {
        to: await activeHeads(db, a.serviceId),
        message: {
          texts: [
            {
              key: "assessment.notice.handed_over",
              params: {
                number: a.number,
                subject: subjectText(a),
                at: { datetime: a.handedOverAt!.toISOString() },
              },
            },
          ],
        },
      },
    ];
  },

  async "assessment.handover_ack_reminder"(db, n) {
    const a = await assessmentOf(db, n.assessmentId);
    const at = { datetime: a.handedOverAt!.toISOString() };
    return [
      {
        to: [a.specialistId],
        message: {
          texts: [{ key: "assessment.notice.ack_reminder_self", params: { number: a.number, at } }],
          buttons: [[button("handover_ack", HANDOVER_ACK.data({ assessmentId: a.id }))]],
        },
      },
      {
        to: (await activeHeads(db, a.serviceId)).filter((id) => id !== a.specialistId),
        message: {
          texts: [
            {
              key: "assessment.notice.ack_reminder",
              params: { number: a.number, subject: subjectText(a), at, specialist: specialist(a) },
            },
          ],
        },
      },
    ];
  },

  async "assessment.plan_action_due"(db, n) {
    const { action, assessment: a } = await actionOf(db, n.actionId);
    return [
      {
        to: [a.specialistId],
        message: {
          texts: [
            {
              key: "assessment.notice.action_due",
              params: {
                position: action.position,
                number: a.number,
                action: action.actionText,
                responsible: action.responsible,
              },
            },
          ],
          buttons: [[button("action_done", ACTION_DONE.data({ actionId: action.id }))]],
        },
      },
    ];
  },

  async "assessment.plan_action_overdue"(db, n) {
    const { action, assessment: a } = await actionOf(db, n.actionId);
    const due = { date: action.dueDate.toISOString().slice(0, 10) };
    return [
      {
        to: [a.specialistId],
        message: {
          texts: [
            {
              key: "assessment.notice.action_overdue",
              params: { position: action.position, number: a.number, due },
            },
          ],
          buttons: [[button("action_done", ACTION_DONE.data({ actionId: action.id }))]],
        },
      },
      {
        to: (await activeHeads(db, a.serviceId)).filter((id) => id !== a.specialistId),
        message: {
          texts: [
            {
              key: "assessment.notice.action_overdue_heads",
              params: {
                position: action.position,
                number: a.number,
                due,
                subject: subjectText(a),
                specialist: specialist(a),
              },
            },
          ],
        },
      },
    ];
  },

  async "assessment.reviewed"(db, n) {
    const a = await assessmentOf(db, n.assessmentId);
    return [
      {
        to: [a.specialistId],
        message: {
          texts: [
            {
              key: "assessment.notice.reviewed",
              params: {
                head: a.reviewedBy ? shortName(a.reviewedBy.fullName) : "—",
                number: a.number,
                comment: a.reviewComment ?? "",
              },
            },
          ],
        },
      },
    ];
  },
};
