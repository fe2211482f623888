/**
 * Completions of the curator's channel dialogues: the consent (then the invitation at once), an
 * answer to her, the working hours.
 */
import { z } from "zod";
import { DateTime } from "luxon";
import {
  clientConsentFlow,
  clientHoursFlow,
  clientMeetingFlow,
  clientReplyFlow,
  MEETING_HOURS,
} from "../../../flows/client-contact.ts";
import type { CommandFeature, FlowFeature } from "../../platform/chat/app.ts";
import { createClientInvitation } from "../actions/create-client-invitation.ts";
import { recordConsent } from "../actions/record-consent.ts";
import { replyToClient } from "../actions/relay-message.ts";
import { scheduleMeeting } from "../actions/schedule-meeting.ts";
import { setCuratorHours } from "../actions/set-curator-hours.ts";
import { setEmergencyPhone } from "../actions/set-emergency-phone.ts";
import { hoursText } from "./cards.ts";
import { sendInvitation } from "./invitation.ts";

const caseParams = z.object({ caseId: z.uuid() });

/** The dialogues. */
export const clientFlows: FlowFeature[] = [
  {
    flow: clientConsentFlow,
    permission: "case.client_contact",
    async onComplete(turn, answers, params) {
      const { caseId } = caseParams.parse(params);
      const deps = turn.actionDeps({});
      await recordConsent(deps, turn.actor, {
        caseId,
        givenBy: z.enum(["woman", "representative"]).parse(answers.given_by),
        givenOn: z.string().parse(answers.given_on),
        channel: z.enum(["telegram", "max"]).parse(answers.channel),
      });
      turn.reply({ texts: [{ key: "clients.consent_recorded" }] });
      await sendInvitation(turn, await createClientInvitation(deps, turn.actor, { caseId }));
    },
  },
  {
    flow: clientReplyFlow,
    permission: "case.client_contact",
    async onComplete(turn, answers, params) {
      const { caseId } = caseParams.parse(params);
      const { number } = await replyToClient(turn.actionDeps({}), turn.actor, {
        caseId,
        text: z.string().parse(answers.text),
      });
      turn.reply({ texts: [{ key: "clients.reply_sent", params: { number } }] });
    },
  },
  {
    flow: clientMeetingFlow,
    permission: "case.client_contact",
    async onComplete(turn, answers, params) {
      const { caseId } = caseParams.parse(params);
      const day = z.iso.date().parse(answers.day);
      const hour = Number(z.enum(MEETING_HOURS).parse(answers.hour));
      // Meetings are agreed in the service's time (the mother reads hers in the same zone).
      const at = DateTime.fromISO(day, { zone: turn.staff.serviceTimeZone }).set({ hour }).toJSDate();
      const place = typeof answers.place === "string" ? answers.place : null;
      const { number, connected } = await scheduleMeeting(turn.actionDeps({}), turn.actor, {
        caseId,
        at,
        place,
      });
      turn.reply({
        texts: [
          {
            key: connected ? "clients.meeting_saved" : "clients.meeting_saved_not_connected",
            params: { number, at: { datetime: at.toISOString() } },
          },
        ],
      });
    },
  },
  {
    flow: clientHoursFlow,
    permission: "case.client_contact",
    async onComplete(turn, answers) {
      const last = Number(z.enum(["1-5", "1-6", "1-7"]).parse(answers.days).slice(2));
      const hours = await setCuratorHours(turn.actionDeps({}), turn.actor, {
        days: Array.from({ length: last }, (_, i) => i + 1),
        fromHour: Number(answers.from),
        toHour: Number(answers.to),
      });
      turn.reply({ texts: [{ key: "clients.hours_saved" }, hoursText(hours)] });
    },
  },
];

/** `/hours`: the curator's working hours for the mothers' messages. */
export const hoursCommand: CommandFeature = {
  name: "hours",
  description: "clients.hours_command",
  permission: "case.client_contact",
  run: (turn) => turn.startFlow("client_hours"),
};

/** `/hotline <phone>`: the service's emergency phone for mothers writing outside working hours. */
export const hotlineCommand: CommandFeature = {
  name: "hotline",
  description: "clients.hotline_command",
  permission: "staff.manage",
  run: async (turn, args) => {
    if (!args.trim()) {
      const row = await turn.tx.clientServiceSettings.findUnique({
        where: { serviceId: turn.staff.serviceId },
      });
      turn.reply({
        texts: [
          row?.emergencyPhone
            ? { key: "clients.hotline_current", params: { phone: row.emergencyPhone } }
            : { key: "clients.hotline_none" },
          { key: "clients.hotline_usage" },
        ],
      });
      return;
    }
    const { phone } = await setEmergencyPhone(turn.actionDeps({}), turn.actor, { phone: args });
    turn.reply({ texts: [{ key: "clients.hotline_saved", params: { phone } }] });
  },
};
