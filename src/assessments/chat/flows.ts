/**
 * The assessment dialogues and what completing each does: map the answers to an action's input,
 * call the action, show what comes next. The rules are the actions'. The safety plan's actions are
 * a list collected one small dialogue at a time: after each, "add another" or "the plan is ready".
 */
import { z } from "zod";
import { assessmentConclusionFlow } from "../../../flows/assessment-conclusion.ts";
import { assessmentHandoverAckFlow, assessmentHandoverFlow } from "../../../flows/assessment-handover.ts";
import { assessmentOverallFlow, assessmentOverallReasonedFlow } from "../../../flows/assessment-overall.ts";
import { assessmentPlanningFlow } from "../../../flows/assessment-planning.ts";
import { assessmentCancelFlow, assessmentReviewFlow } from "../../../flows/assessment-review.ts";
import { assessmentRiskFlow } from "../../../flows/assessment-risk.ts";
import { assessmentSafetyFlow } from "../../../flows/assessment-safety.ts";
import { safetyActionDueFlow, safetyActionFlow, safetyPlanFlow } from "../../../flows/safety-plan.ts";
import type { FlowFeature, TurnContext } from "../../platform/chat/app.ts";
import { DomainError } from "../../platform/errors.ts";
import type { Json, Text } from "../../platform/flow/types.ts";
import { shortName } from "../../access/names.ts";
import { addSafetyAction } from "../actions/add-safety-action.ts";
import { cancelAssessment } from "../actions/cancel-assessment.ts";
import { concludeAssessment } from "../actions/conclude-assessment.ts";
import { planAssessment } from "../actions/plan-assessment.ts";
import { recordHandover } from "../actions/record-handover.ts";
import { acknowledgeHandover } from "../actions/acknowledge-handover.ts";
import { recordRatings } from "../actions/record-ratings.ts";
import { recordSafety } from "../actions/record-safety.ts";
import { reviewAssessment } from "../actions/review-assessment.ts";
import { setOverallLevel } from "../actions/set-overall-level.ts";
import { startSafetyPlan } from "../actions/start-safety-plan.ts";
import { factorStep, RISK_FACTORS, RISK_LEVELS, THREATS, threatStep } from "../domain/checklist.ts";
import { actionDeps } from "./buttons.ts";
import { assessmentCard, planMessage, sideBySideMessage } from "./cards.ts";

const onAssessment = z.object({ assessmentId: z.uuid() });
const choices = z.object({ values: z.array(z.string()), texts: z.record(z.string(), z.string()) });
const text = z.string();
const orNull = (value: Json | undefined) => (value === undefined ? null : value);

/** The answers of one safety-plan action, carried into the dialogue that asks only its deadline again. */
const actionAnswers = z.object({ action: text, responsible: text, monitoring: text });

/** Adds an action; a deadline refused (past, too far) asks only for the deadline again. */
async function addAction(
  turn: TurnContext,
  assessmentId: string,
  answers: z.infer<typeof actionAnswers> & { due: string },
): Promise<void> {
  try {
    const { assessment, position } = await addSafetyAction(actionDeps(turn), turn.actor, {
      assessmentId,
      ...answers,
    });
    turn.reply({ texts: [{ key: "assessment.plan.action_added", params: { position } }] });
    turn.reply(planMessage(assessment));
  } catch (error) {
    if (!(error instanceof DomainError) || !error.reason?.startsWith("due_")) throw error;
    turn.reply({ texts: [error.text, { key: "assessment.plan.due_again" }] });
    const { due: _due, ...rest } = answers;
    await turn.startFlow("safety_action_due", { assessmentId, ...rest });
  }
}

/** The assessment area's dialogues. */
export const assessmentFlows: FlowFeature[] = [
  {
    flow: assessmentPlanningFlow,
    permission: "assessment.conduct",
    async onComplete(turn, answers, params) {
      const { assessmentId } = onAssessment.parse(params);
      const name = text.parse(answers.child_name);
      const birth = text.parse(answers.child_birth);
      const assessment = await planAssessment(actionDeps(turn), turn.actor, {
        assessmentId,
        childFullName: name === "not_named" ? null : name,
        childBirthDate: birth === "unknown" ? null : birth,
        parents: text.parse(answers.parents),
        address: text.parse(answers.address),
        facts: text.parse(answers.facts),
        urgency: z.enum(["immediate", "planned"]).parse(answers.urgency),
      });
      turn.reply(assessmentCard(assessment, turn.now));
    },
  },
  {
    flow: assessmentSafetyFlow,
    permission: "assessment.conduct",
    async onComplete(turn, answers, params) {
      const { assessmentId } = onAssessment.parse(params);
      const threats = Object.fromEntries(
        THREATS.map((id) => [id, z.boolean().parse(answers[threatStep(id)])]),
      );
      const assessment = await recordSafety(actionDeps(turn), turn.actor, {
        assessmentId,
        threats: threats as Record<(typeof THREATS)[number], boolean>,
        vulnerability: choices.parse(answers.vulnerability),
        protective: choices.parse(answers.protective),
        history: text.nullable().parse(orNull(answers.history)),
      });
      turn.reply(assessmentCard(assessment, turn.now));
      // A threat found: the plan is drawn up now (regulation 4.3: about 2 hours with the plan).
      if (assessment.stage === "safety_plan") await turn.startFlow("safety_plan", { assessmentId });
    },
  },
  {
    flow: safetyPlanFlow,
    permission: "assessment.conduct",
    async onComplete(turn, answers, params) {
      const { assessmentId } = onAssessment.parse(params);
      const kind = z.enum(["in_family", "placement"]).parse(answers.kind);
      const assessment = await startSafetyPlan(
        actionDeps(turn),
        turn.actor,
        kind === "placement"
          ? { assessmentId, kind, placement: text.parse(answers.placement) }
          : { assessmentId, kind },
      );
      turn.reply(planMessage(assessment));
      // Actions in the family need at least one: ask for the first at once.
      if (kind === "in_family" && assessment.actions.length === 0)
        await turn.startFlow("safety_action", { assessmentId });
    },
  },
  {
    flow: safetyActionFlow,
    permission: "assessment.conduct",
    async onComplete(turn, answers, params) {
      const { assessmentId } = onAssessment.parse(params);
      await addAction(turn, assessmentId, {
        ...actionAnswers.parse(answers),
        due: text.parse(answers.due),
      });
    },
  },
  {
    flow: safetyActionDueFlow,
    permission: "assessment.conduct",
    async onComplete(turn, answers, params) {
      const { assessmentId, ...rest } = onAssessment.extend(actionAnswers.shape).parse(params);
      await addAction(turn, assessmentId, { ...rest, due: text.parse(answers.due) });
    },
  },
  {
    flow: assessmentRiskFlow,
    permission: "assessment.conduct",
    async onComplete(turn, answers, params) {
      const { assessmentId } = onAssessment.parse(params);
      const ratings = Object.fromEntries(RISK_FACTORS.map((id) => [id, answers[factorStep(id)]]));
      const assessment = await recordRatings(actionDeps(turn), turn.actor, {
        assessmentId,
        ratings: ratings as never,
      });
      turn.reply(sideBySideMessage(assessment));
    },
  },
  ...[assessmentOverallFlow, assessmentOverallReasonedFlow].map((flow): FlowFeature => ({
    flow,
    permission: "assessment.conduct",
    async onComplete(turn, answers, params) {
      const { assessmentId, level } = onAssessment.extend({ level: z.enum(RISK_LEVELS) }).parse(params);
      const assessment = await setOverallLevel(actionDeps(turn), turn.actor, {
        assessmentId,
        level,
        reasoning: text.nullable().parse(orNull(answers.reasoning)),
      });
      turn.reply(assessmentCard(assessment, turn.now));
    },
  })),
  {
    flow: assessmentConclusionFlow,
    permission: "assessment.conduct",
    async onComplete(turn, answers, params) {
      const { assessmentId } = onAssessment.parse(params);
      const conclusion = Number(z.enum(["1", "2", "3", "4"]).parse(answers.conclusion)) as 1 | 2 | 3 | 4;
      const { assessment, opened } = await concludeAssessment(actionDeps(turn), turn.actor, {
        assessmentId,
        conclusion,
        services: text.nullable().parse(orNull(answers.services)),
      });
      const saved: Text = opened
        ? {
            key: "assessment.concluded.case_opened",
            params: { case: opened.number, curator: shortName(assessment.specialist.fullName) },
          }
        : assessment.case && conclusion >= 3
          ? { key: "assessment.concluded.case_recorded", params: { case: assessment.case.number } }
          : { key: "assessment.concluded.no_case" };
      turn.reply({ texts: [saved, { key: "assessment.concluded.handover_next" }] });
      turn.reply(assessmentCard(assessment, turn.now));
    },
  },
  {
    flow: assessmentHandoverFlow,
    permission: "assessment.conduct",
    async onComplete(turn, answers, params) {
      const { assessmentId } = onAssessment.parse(params);
      const { assessment, fileId } = await recordHandover(actionDeps(turn), turn.actor, {
        assessmentId,
        recipient: text.parse(answers.recipient),
        channel: z.enum(["email", "in_person", "post", "interagency"]).parse(answers.channel),
      });
      turn.reply({
        texts: [{ key: "assessment.handover.done", params: { at: { datetime: turn.now.toISOString() } } }],
      });
      turn.sendDocument(fileId, {
        key: "assessment.handover.caption",
        params: { number: assessment.number },
      });
      turn.reply(assessmentCard(assessment, turn.now));
    },
  },
  {
    flow: assessmentHandoverAckFlow,
    permission: "assessment.conduct",
    async onComplete(turn, answers, params) {
      const { assessmentId } = onAssessment.parse(params);
      const assessment = await acknowledgeHandover(actionDeps(turn), turn.actor, {
        assessmentId,
        receivedBy: text.parse(answers.received_by),
      });
      turn.reply({
        texts: [{ key: "assessment.handover.acknowledged", params: { number: assessment.number } }],
      });
      turn.reply(assessmentCard(assessment, turn.now));
    },
  },
  {
    flow: assessmentReviewFlow,
    permission: "assessment.review",
    async onComplete(turn, answers, params) {
      const { assessmentId } = onAssessment.parse(params);
      const assessment = await reviewAssessment(actionDeps(turn), turn.actor, {
        assessmentId,
        comment: text.parse(answers.comment),
      });
      turn.reply({ texts: [{ key: "assessment.reviewed_ok", params: { number: assessment.number } }] });
    },
  },
  {
    flow: assessmentCancelFlow,
    permission: "assessment.conduct",
    async onComplete(turn, answers, params) {
      const { assessmentId } = onAssessment.parse(params);
      const assessment = await cancelAssessment(actionDeps(turn), turn.actor, {
        assessmentId,
        reason: text.parse(answers.reason),
      });
      turn.reply({ texts: [{ key: "assessment.cancelled_ok", params: { number: assessment.number } }] });
    },
  },
];
