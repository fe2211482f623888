/**
 * What the curator sees about the mother's channel, and what she sees: her menu.
 */
import type { ActionButton, ChatMessage } from "../../platform/chat/app.ts";
import type { Text } from "../../platform/flow/types.ts";
import type { Db } from "../../platform/db/client.ts";
import { activeConsent, type ClientCase } from "../actions/common.ts";
import { curatorHours } from "../actions/relay-message.ts";
import { DEFAULT_HOURS, clock, type WorkingHours } from "../domain/hours.ts";
import { CLIENT_BUTTONS, CONSENT, CONTACT, END_ASK, INVITE, MEETING } from "./kinds.ts";

/** The button on a case's card that opens the channel's card. */
export function contactButton(caseId: string): ActionButton {
  return { text: { key: "clients.card_button" }, data: CONTACT.data({ caseId }) };
}

/** "пн–пт 09:00–18:00" as a text. */
export function hoursText(hours: WorkingHours): Text {
  const last = Math.max(...hours.days);
  return {
    key: "clients.hours_line",
    params: {
      days: { key: `clients.days_to_${last}` },
      from: clock(hours.fromMinute),
      to: clock(hours.toMinute),
    },
  };
}

/** The channel's card for the curator. */
export async function contactCard(db: Db, c: ClientCase, staffId: string, now: Date): Promise<ChatMessage> {
  const identity = await db.clientIdentity.findUnique({ where: { caseId: c.id } });
  const consent = await activeConsent(db, c.id);
  const texts: Text[] = [{ key: "clients.card_title", params: { number: c.number } }];
  const buttons: ActionButton[][] = [];
  if (identity) {
    texts.push({
      key: "clients.card_connected",
      params: { since: { datetime: identity.createdAt.toISOString() } },
    });
    const meetings = await db.clientMeeting.findMany({
      where: { caseId: c.id, cancelledAt: null, at: { gt: now } },
      orderBy: { at: "asc" },
      take: 3,
    });
    for (const m of meetings)
      texts.push({ key: "clients.card_meeting", params: { at: { datetime: m.at.toISOString() } } });
    buttons.push([{ text: { key: "clients.meeting_button" }, data: MEETING.data({ caseId: c.id }) }]);
    buttons.push([{ text: { key: "clients.end_button" }, data: END_ASK.data({ caseId: c.id }) }]);
  } else if (consent) {
    texts.push({
      key: "clients.card_consent",
      params: { on: { date: consent.givenOn.toISOString().slice(0, 10) } },
    });
    buttons.push([{ text: { key: "clients.invite_button" }, data: INVITE.data({ caseId: c.id }) }]);
    buttons.push([{ text: { key: "clients.end_button" }, data: END_ASK.data({ caseId: c.id }) }]);
  } else {
    texts.push({ key: "clients.card_no_consent" });
    buttons.push([{ text: { key: "clients.consent_button" }, data: CONSENT.data({ caseId: c.id }) }]);
  }
  const hours = staffId === c.curatorId ? await curatorHours(db, staffId) : DEFAULT_HOURS;
  texts.push(hoursText(hours), { key: "clients.card_hours_hint" });
  return { texts, buttons };
}

/** Her menu: write, her plan, stop. */
export function clientMenu(): ActionButton[][] {
  return [
    [{ text: { key: "clients.me.write_button" }, data: CLIENT_BUTTONS.write }],
    [{ text: { key: "clients.me.plan_button" }, data: CLIENT_BUTTONS.plan }],
    [{ text: { key: "clients.me.stop_button" }, data: CLIENT_BUTTONS.stopAsk }],
  ];
}
