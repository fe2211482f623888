/**
 * Who reads what the clients' actions tell: the curator learns she joined, wrote or stopped (under
 * the case number, with nothing else about her than her words); she gets her curator's answers,
 * her plan, her reminders and a kind word when the channel ends.
 */
import type { Db } from "../../platform/db/client.ts";
import type { Text } from "../../platform/flow/types.ts";
import type { Delivery, GuestChat, NoticeRenderers } from "../../platform/notify.ts";
import { clientCase } from "../actions/common.ts";
import type { ClientNotice } from "../events.ts";
import { currentClientPlan } from "../actions/common.ts";
import { firstName } from "../domain/names.ts";
import { clientMenu } from "./cards.ts";
import { REPLY } from "./kinds.ts";

/** Her chat, if she is bound. */
async function herChat(db: Db, caseId: string): Promise<{ chat: GuestChat; curatorName: string } | null> {
  const identity = await db.clientIdentity.findUnique({ where: { caseId } });
  const c = await clientCase(db, caseId);
  if (!identity || !c) return null;
  const curator = await db.staff.findUniqueOrThrow({
    where: { id: c.curatorId },
    select: { fullName: true },
  });
  return {
    chat: {
      messenger: identity.messenger,
      chatId: identity.chatId,
      locale: identity.locale,
      timeZone: c.service.timeZone,
    },
    curatorName: firstName(curator.fullName),
  };
}

/** A meeting as she reads it: when, and where if said. */
function meetingLine(meeting: { at: Date; place: string | null }, when: "tomorrow" | "soon" | "set"): Text {
  return {
    key: `clients.me.meeting_${when}`,
    params: {
      at: { datetime: meeting.at.toISOString() },
      place: meeting.place ? { key: "clients.me.meeting_place", params: { place: meeting.place } } : "",
    },
  };
}

function withName(text: Text, name: string): Text {
  return { ...text, params: { ...text.params, name } };
}

/** The renderers. */
export const clientNotices: NoticeRenderers<ClientNotice> = {
  "client.joined": async (db, n): Promise<Delivery[]> => {
    const c = await clientCase(db, n.caseId);
    if (!c) return [];
    return [
      {
        to: [c.curatorId],
        message: { texts: [{ key: "clients.notice.joined", params: { number: c.number } }] },
      },
    ];
  },
  "client.message": async (db, n) => {
    const c = await clientCase(db, n.caseId);
    const m = await db.clientMessage.findUnique({ where: { id: n.messageId } });
    if (!c || !m?.text) return [];
    return [
      {
        to: [c.curatorId],
        message: {
          texts: [{ key: "clients.notice.message", params: { number: c.number, text: m.text } }],
          buttons: [[{ text: { key: "clients.reply_button" }, data: REPLY.data({ caseId: c.id }) }]],
        },
      },
    ];
  },
  "client.reply": async (db, n) => {
    const her = await herChat(db, n.caseId);
    const m = await db.clientMessage.findUnique({ where: { id: n.messageId } });
    if (!her || !m?.text) return [];
    return [
      {
        to: [],
        chats: [her.chat],
        message: {
          texts: [{ key: "clients.me.reply", params: { name: her.curatorName, text: m.text } }],
          buttons: clientMenu(),
        },
      },
    ];
  },
  "client.plan": async (db, n) => {
    const her = await herChat(db, n.caseId);
    if (!her) return [];
    return [
      {
        to: [],
        chats: [her.chat],
        message: {
          texts: [{ key: n.version > 1 ? "clients.me.plan_changed" : "clients.me.plan_caption" }],
          document: { fileId: n.fileId },
        },
      },
    ];
  },
  "client.reminder": async (db, n) => {
    const her = await herChat(db, n.caseId);
    const c = await clientCase(db, n.caseId);
    if (!her || !c) return [];
    const plan = await currentClientPlan(db, c.id, c.status);
    const lines: Text[] = [];
    for (const [i, ref] of n.refs.entries()) {
      const kind = n.kinds[i];
      if (ref.startsWith("meet:")) {
        const meeting = await db.clientMeeting.findUnique({ where: { id: ref.slice(5) } });
        if (meeting && !meeting.cancelledAt)
          lines.push(meetingLine(meeting, kind === "meeting_soon" ? "soon" : "tomorrow"));
        continue;
      }
      const action = plan?.actions.find((a) => a.actionKey === ref);
      if (action)
        lines.push({
          key: kind === "due" ? "clients.me.reminder_today" : "clients.me.reminder_tomorrow",
          params: { what: action.what },
        });
    }
    if (lines.length === 0) return [];
    return [
      {
        to: [],
        chats: [her.chat],
        message: {
          texts: [{ key: "clients.me.reminder_title" }, ...lines, { key: "clients.me.reminder_help" }],
          buttons: clientMenu(),
        },
      },
    ];
  },
  "client.meeting": async (db, n) => {
    const her = await herChat(db, n.caseId);
    const meeting = await db.clientMeeting.findUnique({ where: { id: n.meetingId } });
    if (!her || !meeting) return [];
    return [
      {
        to: [],
        chats: [her.chat],
        message: {
          texts: [withName(meetingLine(meeting, "set"), her.curatorName)],
          buttons: clientMenu(),
        },
      },
    ];
  },
  "client.stopped": async (db, n) => {
    const c = await clientCase(db, n.caseId);
    if (!c) return [];
    // The curator who ended it sees that in their own turn.
    const deliveries: Delivery[] =
      n.how === "curator"
        ? []
        : [
            {
              to: [c.curatorId],
              message: { texts: [{ key: `clients.notice.stopped_${n.how}`, params: { number: c.number } }] },
            },
          ];
    // She stopped herself: her own turn says goodbye. Otherwise she is told kindly.
    if (n.how !== "client_stop")
      deliveries.push({
        to: [],
        chats: [n.chat],
        message: { texts: [{ key: `clients.me.ended_${n.how}` }] },
      });
    return deliveries;
  },
};
