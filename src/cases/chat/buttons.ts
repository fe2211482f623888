/**
 * What the case buttons do in the chat: check, then start a dialogue or call an action, and show
 * the result. The rules (who may, in which state, race safety) are the actions'; a refusal is shown
 * as an alert and the pressed card is redrawn as the case is now, so an old card never misleads.
 */
import { authorize } from "../../access/policy.ts";
import { shortName } from "../../access/names.ts";
import type { ActionButton, TurnContext } from "../../platform/chat/app.ts";
import { onButton, type ButtonDefinition } from "../../platform/chat/buttons.ts";
import { DomainError } from "../../platform/errors.ts";
import type { Text } from "../../platform/flow/types.ts";
import { attachPsychologist } from "../actions/attach-psychologist.ts";
import { caseFor, caseSubject } from "../actions/change.ts";
import { closeCase, moveToAccompaniment } from "../actions/close-case.ts";
import type { CaseDeps } from "../actions/deps.ts";
import { acknowledgeHandover } from "../actions/hand-over.ts";
import { caseNotFound, notForStage } from "../actions/refusals.ts";
import { sendPlanCopy } from "../actions/send-plan-copy.ts";
import { closesStage, handOverAfterClosing, REASONS_PASSED_ON, stageOf } from "../domain/case.ts";
import { alreadyDecided } from "../actions/refusals.ts";
import { loadCase } from "../queries/case-view.ts";
import type { CaseSettings } from "../settings.ts";
import { caseButton, caseCard, confirmAccompaniment, confirmClose, decisionMenu } from "./cards.ts";
import { startMonitoring, startPlan, startSheet } from "./flows.ts";
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
  PSY,
  PSY_LIST,
  PSY_NONE,
  REASON_CODES,
  SHEET,
} from "./kinds.ts";

/** Every button of the case cards, reminders and lists. */
export function caseButtons(settings: CaseSettings): ButtonDefinition[] {
  const deps = (turn: TurnContext): CaseDeps => turn.actionDeps({ cases: settings });

  /** Redraws the pressed message as the case's card now. */
  const redraw = async (turn: TurnContext, caseId: string) => {
    const c = await loadCase(turn.tx, caseId);
    if (c) turn.replacePressed(caseCard(c, turn.actor, settings, turn.now));
  };

  /** Runs a press; a refusal is shown, and after a conflict the card is redrawn as it is now. */
  const press = async (turn: TurnContext, caseId: string, work: () => Promise<void>) => {
    try {
      await work();
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      turn.showError(error);
      if (error.code === "conflict") await redraw(turn, caseId);
    }
  };

  return [
    onButton(CARD, async (turn, { caseId }) => {
      const c = await loadCase(turn.tx, caseId);
      if (!c) throw caseNotFound();
      authorize(turn.actor, "case.read", caseSubject(c));
      turn.replacePressed(caseCard(c, turn.actor, settings, turn.now));
    }),
    onButton(SHEET, (turn, { caseId }) =>
      press(turn, caseId, async () =>
        startSheet(turn, await caseFor(turn.tx, turn.actor, caseId, "case.sheet", "fill_sheet")),
      ),
    ),
    onButton(PLAN, (turn, { caseId }) =>
      press(turn, caseId, async () =>
        startPlan(turn, await caseFor(turn.tx, turn.actor, caseId, "case.plan", "make_plan")),
      ),
    ),
    onButton(MONITOR, (turn, { caseId }) =>
      press(turn, caseId, async () =>
        startMonitoring(turn, await caseFor(turn.tx, turn.actor, caseId, "case.monitor", "monitor")),
      ),
    ),
    onButton(DECIDE, (turn, { caseId }) =>
      press(turn, caseId, async () => {
        const c = await caseFor(turn.tx, turn.actor, caseId, "case.close", "close");
        turn.replacePressed(decisionMenu(c));
      }),
    ),
    onButton(CLOSE_ASK, (turn, { caseId, reason }) =>
      press(turn, caseId, async () => {
        const c = await caseFor(turn.tx, turn.actor, caseId, "case.close", "close");
        if (!closesStage(REASON_CODES[reason], stageOf(c.status)!)) throw notForStage("reason");
        turn.replacePressed(confirmClose(c, REASON_CODES[reason]));
      }),
    ),
    onButton(CLOSE, (turn, { caseId, reason, version }) =>
      press(turn, caseId, async () => {
        const closing = REASON_CODES[reason];
        const { number } = await closeCase(deps(turn), turn.actor, { caseId, reason: closing, version });
        await redraw(turn, caseId);
        const texts: Text[] = [
          { key: "case.closed_reply", params: { number, reason: { key: `case.close_reason.${closing}` } } },
        ];
        if (REASONS_PASSED_ON.includes(closing)) texts.push({ key: "case.pass_on_hint" });
        turn.reply({ texts });
      }),
    ),
    onButton(ACCOMPANY_ASK, (turn, { caseId }) =>
      press(turn, caseId, async () => {
        const c = await caseFor(turn.tx, turn.actor, caseId, "case.close", "to_accompaniment");
        turn.replacePressed(confirmAccompaniment(c));
      }),
    ),
    onButton(ACCOMPANY, (turn, { caseId, version }) =>
      press(turn, caseId, async () => {
        const { number } = await moveToAccompaniment(deps(turn), turn.actor, { caseId, version });
        await redraw(turn, caseId);
        turn.reply({ texts: [{ key: "case.accompaniment_reply", params: { number } }] });
      }),
    ),
    onButton(EXTEND, (turn, { caseId }) =>
      press(turn, caseId, async () => {
        await caseFor(turn.tx, turn.actor, caseId, "case.extend", "extend");
        await turn.startFlow("case_extend", { caseId });
      }),
    ),
    onButton(PSY_LIST, (turn, { caseId }) =>
      press(turn, caseId, async () => {
        const c = await caseFor(
          turn.tx,
          turn.actor,
          caseId,
          "case.attach_psychologist",
          "attach_psychologist",
        );
        const psychologists = await turn.tx.staff.findMany({
          where: { serviceId: c.serviceId, role: "psychologist", active: true },
          orderBy: { fullName: "asc" },
          select: { id: true, fullName: true },
        });
        const others = psychologists.filter((p) => p.id !== c.psychologistId);
        if (others.length === 0 && !c.psychologistId) {
          turn.answerCallback({ key: "case.no_psychologists" }, true);
          return;
        }
        const buttons: ActionButton[][] = others.map((p) => [
          {
            text: { key: "case.card.psychologist", params: { name: shortName(p.fullName) } },
            data: PSY.data({ caseId, psychologistId: p.id }),
          },
        ]);
        if (c.psychologistId) buttons.push([caseButton("no_psychologist", PSY_NONE.data({ caseId }))]);
        buttons.push([caseButton("back", CARD.data({ caseId }))]);
        turn.replacePressed({
          texts: [{ key: "case.choose_psychologist", params: { number: c.number } }],
          buttons,
        });
      }),
    ),
    onButton(PSY, (turn, { caseId, psychologistId }) =>
      press(turn, caseId, async () => {
        const { number, psychologist } = await attachPsychologist(deps(turn), turn.actor, {
          caseId,
          psychologistId,
        });
        await redraw(turn, caseId);
        turn.reply({
          texts: [
            {
              key: "case.psychologist_reply",
              params: { number, name: psychologist ? shortName(psychologist.fullName) : "—" },
            },
          ],
        });
      }),
    ),
    onButton(PSY_NONE, (turn, { caseId }) =>
      press(turn, caseId, async () => {
        const { number } = await attachPsychologist(deps(turn), turn.actor, { caseId, psychologistId: null });
        await redraw(turn, caseId);
        turn.reply({ texts: [{ key: "case.psychologist_removed_reply", params: { number } }] });
      }),
    ),
    onButton(HAND_OVER, (turn, { caseId }) =>
      press(turn, caseId, async () => {
        const c = await caseFor(turn.tx, turn.actor, caseId, "case.hand_over", "hand_over");
        if (c.status === "closed" && !handOverAfterClosing(c.closeReason))
          throw await alreadyDecided(turn.tx, c.id);
        await turn.startFlow("case_handover", { caseId });
      }),
    ),
    onButton(ACK, async (turn, { handoverId }) => {
      try {
        const { number, caseId } = await acknowledgeHandover(deps(turn), turn.actor, { handoverId });
        await redraw(turn, caseId);
        turn.reply({ texts: [{ key: "case.acknowledged_reply", params: { number } }] });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        turn.showError(error);
      }
    }),
    onButton(PLAN_COPY, (turn, { caseId }) =>
      press(turn, caseId, async () => {
        const { number, version } = await sendPlanCopy(deps(turn), turn.actor, { caseId });
        turn.reply({ texts: [{ key: "case.plan_copy_requested", params: { number, version } }] });
      }),
    ),
  ];
}
