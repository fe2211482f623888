/**
 * What the assessment messages' buttons do in the chat: check (through the same rules the actions
 * apply) and start the step's dialogue, or call the action and redraw. A refusal is shown as an
 * alert; when the assessment has moved on (an old button), its card is shown as it is now.
 */
import { shortName } from "../../access/names.ts";
import type { TurnContext } from "../../platform/chat/app.ts";
import { onButton, type ButtonDefinition } from "../../platform/chat/buttons.ts";
import { DomainError } from "../../platform/errors.ts";
import type { AssessmentDeps } from "../actions/deps.ts";
import { completeSafetyAction } from "../actions/complete-safety-action.ts";
import { completeSafetyPlan } from "../actions/complete-safety-plan.ts";
import { correctRating } from "../actions/correct-rating.ts";
import { correctThreat } from "../actions/correct-threat.ts";
import { prepareForm } from "../actions/prepare-form.ts";
import { recordContact } from "../actions/record-contact.ts";
import { conflict } from "../actions/refusals.ts";
import { removeSafetyAction } from "../actions/remove-safety-action.ts";
import { assertReviewable } from "../actions/review-assessment.ts";
import { startAssessment, type StartAssessmentInput } from "../actions/start-assessment.ts";
import { loadFor } from "../actions/step.ts";
import { RISK_FACTORS, THREATS, type Rating, type RiskLevel } from "../domain/checklist.ts";
import type { Text } from "../../platform/flow/types.ts";
import { factorsAbove, type AssessmentStep } from "../domain/rules.ts";
import { loadAssessment, ratingsOf } from "../queries/assessment-view.ts";
import { planningCheck } from "../queries/lists.ts";
import {
  assessmentCard,
  fixFactorMessage,
  fixRatingMessage,
  fixThreatMessage,
  fixThreatOneMessage,
  planMessage,
  planningCheckMessage,
  sideBySideMessage,
} from "./cards.ts";
import {
  ACTION_DONE,
  ADD_ACTION,
  CANCEL,
  CONCLUSION,
  CONTACT,
  FORM,
  HANDOVER,
  HANDOVER_ACK,
  FIX_FACTOR,
  FIX_RATING,
  FIX_SET,
  FIX_THREAT,
  FIX_THREAT_ONE,
  FIX_THREAT_SET,
  LEVEL,
  LEVELS_INFO,
  OPEN,
  PLAN,
  PLAN_DONE,
  PLANNING,
  REMOVE_ACTION,
  REVIEW,
  RISK,
  SAFETY,
  START_ON_CASE,
  START_ON_SIGNAL,
} from "./kinds.ts";

/** The action dependencies of a turn (the assessments have no settings of their own). */
export function actionDeps(turn: TurnContext): AssessmentDeps {
  return turn.actionDeps<unknown>({});
}

/**
 * Runs a press on an assessment; on a state refusal shows it and replaces the pressed message with
 * the assessment's card as it is now (the button was an old one).
 */
/** The assessment as its specialist may correct it (ratings and threat answers, after rating). */
function forCorrection(turn: TurnContext, assessmentId: string) {
  return loadFor(actionDeps(turn), turn.actor, assessmentId, "assessment.conduct", "rate");
}

async function press(turn: TurnContext, assessmentId: string, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    turn.showError(error);
    if (error.code !== "conflict") return;
    const current = await loadAssessment(turn.tx, assessmentId);
    if (current && current.specialistId === turn.actor.id)
      turn.replacePressed(assessmentCard(current, turn.now));
  }
}

/** Starts the dialogue of `step` when the assessment's stage allows it. */
function dialogue(flowId: string, step: AssessmentStep) {
  return (turn: TurnContext, { assessmentId }: { assessmentId: string }) =>
    press(turn, assessmentId, async () => {
      await loadFor(actionDeps(turn), turn.actor, assessmentId, "assessment.conduct", step);
      await turn.startFlow(flowId, { assessmentId });
    });
}

/**
 * Starts an assessment (or shows the one in progress) and asks the planning questions after the
 * planning check. What the start buttons and `/assess <case number>` do.
 */
export async function startInChat(turn: TurnContext, input: StartAssessmentInput): Promise<void> {
  const { assessment, created } = await startAssessment(actionDeps(turn), turn.actor, input);
  if (!created) {
    if (assessment.specialistId !== turn.actor.id) {
      throw conflict("assessment.in_progress_other", "in_progress", "another assessment is in progress", {
        number: assessment.number,
        specialist: shortName(assessment.specialist.fullName),
      });
    }
    return turn.reply(assessmentCard(assessment, turn.now));
  }
  turn.reply(planningCheckMessage(assessment, await planningCheck(turn.tx, assessment, turn.now)));
  await turn.startFlow("assessment_planning", { assessmentId: assessment.id });
}

const LEVELS: Record<"h" | "m" | "l", RiskLevel> = { h: "high", m: "moderate", l: "low" };
const RATING_OF: Record<"h" | "m" | "l" | "n", Rating> = { h: "high", m: "moderate", l: "low", n: "no_info" };

/** Every button of the assessment messages. */
export const assessmentButtons: ButtonDefinition[] = [
  onButton(START_ON_CASE, (turn, { caseId }) => startInChat(turn, { caseId })),
  onButton(START_ON_SIGNAL, (turn, { signalId }) => startInChat(turn, { signalId })),
  onButton(OPEN, async (turn, { assessmentId }) => {
    const assessment = await loadFor(actionDeps(turn), turn.actor, assessmentId, "assessment.read", null);
    turn.reply(assessmentCard(assessment, turn.now));
  }),
  onButton(PLANNING, dialogue("assessment_planning", "plan")),
  onButton(CONTACT, (turn, { assessmentId }) =>
    press(turn, assessmentId, async () => {
      const assessment = await recordContact(actionDeps(turn), turn.actor, { assessmentId });
      turn.replacePressed(assessmentCard(assessment, turn.now));
    }),
  ),
  onButton(SAFETY, dialogue("assessment_safety", "safety")),
  onButton(PLAN, dialogue("safety_plan", "safety_plan")),
  onButton(ADD_ACTION, (turn, { assessmentId }) =>
    press(turn, assessmentId, async () => {
      const assessment = await loadFor(
        actionDeps(turn),
        turn.actor,
        assessmentId,
        "assessment.conduct",
        "safety_plan",
      );
      if (!assessment.planKind) return turn.startFlow("safety_plan", { assessmentId });
      await turn.startFlow("safety_action", { assessmentId });
    }),
  ),
  onButton(REMOVE_ACTION, (turn, { assessmentId, actionId }) =>
    press(turn, assessmentId, async () => {
      const assessment = await removeSafetyAction(actionDeps(turn), turn.actor, { assessmentId, actionId });
      turn.replacePressed(planMessage(assessment));
    }),
  ),
  onButton(PLAN_DONE, (turn, { assessmentId }) =>
    press(turn, assessmentId, async () => {
      const assessment = await completeSafetyPlan(actionDeps(turn), turn.actor, { assessmentId });
      turn.replacePressed(planMessage(assessment));
      turn.reply(assessmentCard(assessment, turn.now));
    }),
  ),
  onButton(ACTION_DONE, async (turn, { actionId }) => {
    const { position } = await completeSafetyAction(actionDeps(turn), turn.actor, { actionId });
    turn.replacePressed({ texts: [{ key: "assessment.notice.action_done", params: { position } }] });
  }),
  onButton(RISK, dialogue("assessment_risk", "rate")),
  onButton(LEVEL, (turn, { assessmentId, level: code }) =>
    press(turn, assessmentId, async () => {
      const assessment = await loadFor(
        actionDeps(turn),
        turn.actor,
        assessmentId,
        "assessment.conduct",
        "overall",
      );
      const level = LEVELS[code];
      const above = factorsAbove(level, ratingsOf(assessment));
      const params = { assessmentId, level };
      if (above.length > 0) {
        turn.reply({
          texts: [
            {
              key: "assessment.overall.lower",
              params: { level: { key: `assessment.level.${level}` }, factors: above.join(", ") },
            },
          ],
        });
        return turn.startFlow("assessment_overall_reasoned", params);
      }
      turn.reply({
        texts: [
          { key: "assessment.overall.chosen", params: { level: { key: `assessment.level.${level}` } } },
        ],
      });
      await turn.startFlow("assessment_overall", params);
    }),
  ),
  onButton(FIX_RATING, (turn, { assessmentId }) =>
    press(turn, assessmentId, async () => {
      const assessment = await forCorrection(turn, assessmentId);
      if (assessment.ratedAt === null) return turn.reply(assessmentCard(assessment, turn.now));
      turn.reply(fixRatingMessage(assessment));
    }),
  ),
  onButton(FIX_FACTOR, (turn, { assessmentId, factor }) =>
    press(turn, assessmentId, async () => {
      if (factor >= RISK_FACTORS.length) return;
      const assessment = await forCorrection(turn, assessmentId);
      turn.replacePressed(fixFactorMessage(assessment, factor));
    }),
  ),
  onButton(FIX_SET, (turn, { assessmentId, factor, rating: code }) =>
    press(turn, assessmentId, async () => {
      const id = RISK_FACTORS[factor];
      if (!id) return;
      const before = await forCorrection(turn, assessmentId);
      const from = ratingsOf(before)[id];
      const rating = RATING_OF[code];
      const assessment = await correctRating(actionDeps(turn), turn.actor, {
        assessmentId,
        factor: id,
        rating,
      });
      turn.replacePressed({
        texts: [
          from === rating
            ? { key: "assessment.fix_rating.same", params: { factor: id } }
            : {
                key: "assessment.fix_rating.done",
                params: {
                  factor: id,
                  from: from ? { key: `assessment.rating.${from}` } : "—",
                  to: { key: `assessment.rating.${rating}` },
                },
              },
        ],
      });
      turn.reply(
        assessment.stage === "overall" ? sideBySideMessage(assessment) : assessmentCard(assessment, turn.now),
      );
    }),
  ),
  onButton(FIX_THREAT, (turn, { assessmentId }) =>
    press(turn, assessmentId, async () => {
      const assessment = await forCorrection(turn, assessmentId);
      turn.reply(fixThreatMessage(assessment));
    }),
  ),
  onButton(FIX_THREAT_ONE, (turn, { assessmentId, threat }) =>
    press(turn, assessmentId, async () => {
      if (threat >= THREATS.length) return;
      const assessment = await forCorrection(turn, assessmentId);
      turn.replacePressed(fixThreatOneMessage(assessment, threat));
    }),
  ),
  onButton(FIX_THREAT_SET, (turn, { assessmentId, threat: index, present: code }) =>
    press(turn, assessmentId, async () => {
      const threat = THREATS[index];
      if (!threat) return;
      const present = code === "y";
      const assessment = await correctThreat(actionDeps(turn), turn.actor, { assessmentId, threat, present });
      const texts: Text[] = [
        {
          key: "assessment.fix_threat.done",
          params: {
            n: index + 1,
            answer: { key: present ? "assessment.fix_threat.yes" : "assessment.fix_threat.no" },
          },
        },
      ];
      if (assessment.stage === "safety_plan") texts.push({ key: "assessment.fix_threat.plan_needed" });
      else texts.push({ key: "assessment.fix_threat.restate" });
      turn.replacePressed({ texts });
      turn.reply(
        assessment.stage === "overall" ? sideBySideMessage(assessment) : assessmentCard(assessment, turn.now),
      );
    }),
  ),
  onButton(HANDOVER_ACK, (turn, { assessmentId }) =>
    press(turn, assessmentId, async () => {
      const assessment = await loadFor(
        actionDeps(turn),
        turn.actor,
        assessmentId,
        "assessment.conduct",
        null,
      );
      if (!assessment.handedOverAt || assessment.acknowledgedAt)
        return turn.reply(assessmentCard(assessment, turn.now));
      await turn.startFlow("assessment_handover_ack", { assessmentId });
    }),
  ),
  onButton(LEVELS_INFO, async (turn) => {
    turn.reply({ texts: [{ key: "assessment.levels_info" }] });
  }),
  onButton(CONCLUSION, dialogue("assessment_conclusion", "conclude")),
  onButton(HANDOVER, dialogue("assessment_handover", "handover")),
  onButton(FORM, async (turn, { assessmentId }) => {
    const { fileId, assessment } = await prepareForm(actionDeps(turn), turn.actor, { assessmentId });
    turn.sendDocument(fileId, { key: "assessment.handover.caption", params: { number: assessment.number } });
  }),
  onButton(REVIEW, async (turn, { assessmentId }) => {
    const assessment = await loadFor(actionDeps(turn), turn.actor, assessmentId, "assessment.review", null);
    assertReviewable(assessment);
    await turn.startFlow("assessment_review", { assessmentId });
  }),
  onButton(CANCEL, dialogue("assessment_cancel", "cancel")),
];
