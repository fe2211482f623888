/**
 * The case dialogues: how each is started (with what is known already, so nothing is asked twice)
 * and what completing it does (one action, then a short answer). The rules are the actions'.
 */
import { z } from "zod";
import { caseSheetFlow } from "../../../flows/case-sheet.ts";
import { decisionPlanFlow, rehabPlanFlow } from "../../../flows/case-plans.ts";
import { monitoringFlow, rehabMonitoringFlow } from "../../../flows/case-monitoring.ts";
import { extendFlow, handoverFlow } from "../../../flows/case-decisions.ts";
import type { FlowFeature, TurnContext } from "../../platform/chat/app.ts";
import type { Json, Text } from "../../platform/flow/types.ts";
import type { CaseDeps } from "../actions/deps.ts";
import { extendCase } from "../actions/extend-case.ts";
import { handOverCase } from "../actions/hand-over.ts";
import { makePlan } from "../actions/make-plan.ts";
import { recordMonitoring } from "../actions/record-monitoring.ts";
import { noPlan } from "../actions/refusals.ts";
import { saveSheet } from "../actions/save-sheet.ts";
import { PLAN_OF_STAGE, REASONS_PASSED_ON, stageOf } from "../domain/case.ts";
import { HANDOVER_RECIPIENTS, MONITORING_DECISIONS } from "../domain/events.ts";
import { PROGRESS_STATUSES, ACTION_RESPONSIBLE, FINISHED_ACTION_STATUSES } from "../domain/plans.ts";
import { sheetAnswers, sheetFromOutcome } from "../domain/sheet.ts";
import { currentPlan, loadCase, type CaseView, type CasePlanView } from "../queries/case-view.ts";
import type { CaseSettings } from "../settings.ts";
import { caseCard } from "./cards.ts";

const caseParams = z.object({ caseId: z.uuid(), monitoringId: z.uuid().optional() });

/** A group row as the engine gives it. */
type Row = Record<string, Json>;

/** The sheet dialogue, with the sheet so far — or, the first time, what the visit outcome said. */
export async function startSheet(turn: TurnContext, c: CaseView): Promise<void> {
  const stored = c.sheet ? sheetAnswers.safeParse(c.sheet.answers) : null;
  const answers = stored?.success ? stored.data : sheetFromOutcome(c.signal.outcome);
  await turn.startFlow("case_sheet", { caseId: c.id }, { answers: answers });
}

/** The answers of a plan version, as its dialogue asks them (each action keeps its key). */
function planAnswers(plan: CasePlanView): Record<string, Json> {
  const content = plan.content as Record<string, Json>;
  const actions: Row[] = plan.actions.map((a) => ({
    $key: a.actionKey,
    what: a.what,
    responsible: a.responsible,
    ...(a.organisation ? { organisation: a.organisation } : {}),
    due: a.dueDate.toISOString().slice(0, 10),
  }));
  if (plan.kind === "decision_change") {
    return {
      reasons: content.reasons ?? null,
      strengths: content.strengths ?? null,
      main_goal: content.mainGoal ?? null,
      intermediate_goals: content.intermediateGoals ?? null,
      actions,
    };
  }
  return {
    problem: content.problem ?? null,
    goals: content.goals ?? null,
    tasks: content.tasks ?? null,
    actions,
  };
}

/** The plan dialogue of the case's stage: the current version to correct, or a new plan. */
export async function startPlan(turn: TurnContext, c: CaseView, monitoringId?: string): Promise<void> {
  const stage = stageOf(c.status)!;
  const kind = PLAN_OF_STAGE[stage];
  const plan = currentPlan(c, kind);
  let answers: Record<string, Json> = {};
  if (plan) answers = planAnswers(plan);
  else if (kind === "decision_change") {
    // The reasons the visit found start the plan's reasons (the curator may change them).
    const reasons = z.object({ reasons: z.unknown() }).safeParse(c.signal.outcome);
    if (reasons.success && reasons.data.reasons) answers = { reasons: reasons.data.reasons as Json };
  }
  const params = { caseId: c.id, ...(monitoringId ? { monitoringId } : {}) };
  await turn.startFlow(kind === "decision_change" ? "decision_plan" : "rehab_plan", params, { answers });
}

/** The monitoring dialogue of the case's stage, with the plan's unfinished actions as its rows. */
export async function startMonitoring(turn: TurnContext, c: CaseView): Promise<void> {
  const stage = stageOf(c.status)!;
  const plan = currentPlan(c, PLAN_OF_STAGE[stage]);
  if (!plan) throw noPlan();
  const { translator } = turn.deps;
  const items = plan.actions
    .filter((a) => !FINISHED_ACTION_STATUSES.includes(a.status))
    .map((a) => ({
      key: a.actionKey,
      label: translator.render(
        {
          key: "case.monitoring.item",
          params: { what: a.what, at: { date: a.dueDate.toISOString().slice(0, 10) } },
        },
        turn.staff.locale,
        turn.staff.timeZone,
      ),
    }));
  await turn.startFlow(stage === "decision_change" ? "monitoring" : "rehab_monitoring", {
    caseId: c.id,
    items,
  });
}

const planActionRow = z.object({
  $key: z.string().optional(),
  what: z.string(),
  responsible: z.enum(ACTION_RESPONSIBLE),
  organisation: z.string().nullable().optional(),
  due: z.string(),
});

function planActions(answers: Record<string, Json>) {
  return z
    .array(planActionRow)
    .parse(answers.actions)
    .map((row) => ({
      ...(row.$key ? { key: row.$key } : {}),
      what: row.what,
      responsible: row.responsible,
      organisation: row.organisation ?? null,
      dueDate: row.due,
    }));
}

const monitoringAnswers = z.object({
  progress: z.enum(["on_track", "per_action"]),
  actions: z.array(z.object({ $item: z.string(), status: z.enum(PROGRESS_STATUSES) })).optional(),
  plan_change: z.boolean(),
  decision: z.enum(MONITORING_DECISIONS),
  note: z.string().nullable().optional(),
});

/** The case dialogues and what completing each does. */
export function caseFlows(settings: CaseSettings): FlowFeature[] {
  const deps = (turn: TurnContext): CaseDeps => turn.actionDeps({ cases: settings });
  const card = async (turn: TurnContext, caseId: string) => {
    const c = await loadCase(turn.tx, caseId);
    if (c) turn.reply(caseCard(c, turn.actor, settings, turn.now));
  };

  const plan = (flow: FlowFeature["flow"], kind: "decision_change" | "rehabilitation"): FlowFeature => ({
    flow,
    permission: "case.plan",
    async onComplete(turn, answers, params) {
      const { caseId, monitoringId } = caseParams.parse(params);
      const content =
        kind === "decision_change"
          ? {
              reasons: answers.reasons,
              strengths: answers.strengths,
              mainGoal: answers.main_goal,
              intermediateGoals: answers.intermediate_goals,
            }
          : { problem: answers.problem, goals: answers.goals, tasks: answers.tasks };
      const made = await makePlan(deps(turn), turn.actor, {
        caseId,
        kind,
        content,
        actions: planActions(answers),
        monitoringId: monitoringId ?? null,
      });
      const texts: Text[] = [
        {
          key: "case.plan_saved",
          params: { kind: { key: `case.plan_kind.${kind}` }, number: made.caseNumber, version: made.version },
        },
      ];
      if (kind === "rehabilitation") texts.push({ key: "case.plan_copy_coming" });
      turn.reply({ texts });
      await card(turn, caseId);
    },
  });

  const monitoring = (flow: FlowFeature["flow"]): FlowFeature => ({
    flow,
    permission: "case.monitor",
    async onComplete(turn, answers, params) {
      const { caseId } = caseParams.parse(params);
      const a = monitoringAnswers.parse(answers);
      const onTrack = a.progress === "on_track";
      const result = await recordMonitoring(deps(turn), turn.actor, {
        caseId,
        onTrack,
        progress: onTrack
          ? []
          : (a.actions ?? []).map((row) => ({ actionKey: row.$item, status: row.status })),
        planCorrected: a.plan_change,
        decision: a.decision,
        note: a.note ?? null,
      });
      const texts: Text[] = [
        { key: "case.monitoring_saved", params: { n: result.number, number: result.caseNumber } },
      ];
      const c = (await loadCase(turn.tx, caseId))!;
      if (result.status === "closed" && c.closeReason) {
        texts.push({
          key: "case.closed_reply",
          params: { number: c.number, reason: { key: `case.close_reason.${c.closeReason}` } },
        });
        if (REASONS_PASSED_ON.includes(c.closeReason)) texts.push({ key: "case.pass_on_hint" });
      }
      if (result.status === "accompaniment")
        texts.push({ key: "case.accompaniment_reply", params: { number: c.number } });
      turn.reply({ texts });
      if (result.correctPlan) {
        turn.reply({ texts: [{ key: "case.correct_now" }] });
        await startPlan(turn, c, result.id);
      }
    },
  });

  return [
    {
      flow: caseSheetFlow,
      permission: "case.sheet",
      async onComplete(turn, answers, params) {
        const { caseId } = caseParams.parse(params);
        await saveSheet(deps(turn), turn.actor, { caseId, answers: sheetAnswers.parse(answers) });
        const c = await loadCase(turn.tx, caseId);
        turn.reply({ texts: [{ key: "case.sheet_saved", params: { number: c?.number ?? "—" } }] });
        await card(turn, caseId);
      },
      async onCancel(turn, answers, params) {
        const { caseId } = caseParams.parse(params);
        const draft = sheetAnswers.safeParse(answers);
        const c = await loadCase(turn.tx, caseId);
        if (!draft.success || !c || Object.keys(draft.data).length === 0) return;
        if (c.sheet && JSON.stringify(c.sheet.answers) === JSON.stringify(draft.data)) return;
        await saveSheet(deps(turn), turn.actor, { caseId, answers: draft.data });
        return { key: "case.sheet_draft_saved", params: { number: c.number } };
      },
    },
    plan(decisionPlanFlow, "decision_change"),
    plan(rehabPlanFlow, "rehabilitation"),
    monitoring(monitoringFlow),
    monitoring(rehabMonitoringFlow),
    {
      flow: extendFlow,
      permission: "case.extend",
      async onComplete(turn, answers, params) {
        const { caseId } = caseParams.parse(params);
        const { number, until } = await extendCase(deps(turn), turn.actor, {
          caseId,
          days: Number(answers.days),
          reason: z.string().parse(answers.reason),
        });
        turn.reply({
          texts: [
            { key: "case.extended_reply", params: { number, until: { datetime: until.toISOString() } } },
          ],
        });
        await card(turn, caseId);
      },
    },
    {
      flow: handoverFlow,
      permission: "case.hand_over",
      async onComplete(turn, answers, params) {
        const { caseId } = caseParams.parse(params);
        const { number, ackDueAt } = await handOverCase(deps(turn), turn.actor, {
          caseId,
          recipientKind: z.enum(HANDOVER_RECIPIENTS).parse(answers.recipient),
          recipientName: z.string().parse(answers.recipient_name),
          handedOn: z.string().parse(answers.handed_on),
          orderNumber: z.string().parse(answers.order_number),
        });
        turn.reply({
          texts: [
            {
              key: "case.handed_over_reply",
              params: { number, until: { datetime: ackDueAt.toISOString() } },
            },
          ],
        });
      },
    },
  ];
}
