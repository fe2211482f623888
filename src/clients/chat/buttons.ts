/**
 * What the curator's channel buttons do: the card, the consent dialogue, a new invitation, an
 * answer, ending the channel. Each asks the clients' actions (and through them the policy).
 */
import type { ButtonDefinition } from "../../platform/chat/buttons.ts";
import { onButton } from "../../platform/chat/buttons.ts";
import type { TurnContext } from "../../platform/chat/app.ts";
import { DomainError } from "../../platform/errors.ts";
import { caseForContact } from "../actions/common.ts";
import { createClientInvitation } from "../actions/create-client-invitation.ts";
import { stopClientChannel } from "../actions/stop-client-channel.ts";
import { contactCard } from "./cards.ts";
import { sendInvitation } from "./invitation.ts";
import { CONSENT, CONTACT, END, END_ASK, INVITE, MEETING, REPLY } from "./kinds.ts";

/** Runs `work`, showing a refusal on the pressed button. */
async function press(turn: TurnContext, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    turn.showError(error);
  }
}

/** Every button of the curator's side. */
export const clientButtons: ButtonDefinition[] = [
  onButton(CONTACT, (turn, { caseId }) =>
    press(turn, async () => {
      const c = await caseForContact(turn.tx, turn.actor, caseId);
      turn.reply(await contactCard(turn.tx, c, turn.staff.id, turn.now));
    }),
  ),
  onButton(CONSENT, (turn, { caseId }) =>
    press(turn, async () => {
      await caseForContact(turn.tx, turn.actor, caseId);
      await turn.startFlow("client_consent", { caseId });
    }),
  ),
  onButton(INVITE, (turn, { caseId }) =>
    press(turn, async () => {
      const invitation = await createClientInvitation(turn.actionDeps({}), turn.actor, { caseId });
      await sendInvitation(turn, invitation);
    }),
  ),
  onButton(REPLY, (turn, { caseId }) =>
    press(turn, async () => {
      const c = await caseForContact(turn.tx, turn.actor, caseId);
      await turn.startFlow("client_reply", { caseId, number: c.number });
    }),
  ),
  onButton(MEETING, (turn, { caseId }) =>
    press(turn, async () => {
      await caseForContact(turn.tx, turn.actor, caseId);
      await turn.startFlow("client_meeting", { caseId });
    }),
  ),
  onButton(END_ASK, (turn, { caseId }) =>
    press(turn, async () => {
      const c = await caseForContact(turn.tx, turn.actor, caseId);
      turn.reply({
        texts: [{ key: "clients.end_confirm", params: { number: c.number } }],
        buttons: [[{ text: { key: "clients.end_yes" }, data: END.data({ caseId }) }]],
      });
    }),
  ),
  onButton(END, (turn, { caseId }) =>
    press(turn, async () => {
      const c = await caseForContact(turn.tx, turn.actor, caseId);
      await stopClientChannel(turn.actionDeps({}), turn.actor, { caseId, how: "curator" });
      turn.replacePressed({ texts: [{ key: "clients.ended_by_curator", params: { number: c.number } }] });
    }),
  ),
];
