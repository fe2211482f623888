/**
 * What people read when something happens to a signal: each notice of ../notices.ts becomes
 * messages for the heads, the curator and the reporter concerned (never for the person who did it:
 * their own chat shows the result of their press — except the curator's step note, which carries
 * the next step's button), and every live card of the signal is drawn again first (./live.ts).
 */
import type { Db } from "../../platform/db/client.ts";
import type { CardRefresh } from "../../platform/chat/cards.ts";
import type { Delivery, NoticeRenderers } from "../../platform/notify.ts";
import { minutesBetween } from "../domain/lifecycle.ts";
import type { SignalNotice } from "../notices.ts";
import { earlierSignals } from "../queries/earlier.ts";
import { loadSignal, type SignalView } from "../queries/signal-view.ts";
import { activeHeads } from "../queries/staff.ts";
import { acceptOverdueAlert, duration, headCard, notice, shortName, signalNumber } from "./cards.ts";
import { curatorCard, stepNote } from "./curator-cards.ts";
import { declinedAlert } from "./decline.ts";
import { refreshSignalCards, serviceUsesForms } from "./live.ts";

async function signalOf(db: Db, signalId: string): Promise<SignalView> {
  const signal = await loadSignal(db, signalId);
  if (!signal) throw new Error("a notice about a signal that does not exist");
  return signal;
}

/** Whether the service keeps the woman's personal data out of the chat (the secure form). */
const curatorName = (signal: SignalView) => (signal.curator ? shortName(signal.curator.fullName) : "—");

/** The renderers of every signal notice. */
export const signalNoticeRenderers: NoticeRenderers<SignalNotice> = {
  async "signal.submitted"(db, n) {
    const signal = await signalOf(db, n.signalId);
    return [
      {
        to: await activeHeads(db, signal.serviceId),
        message: headCard(signal, await earlierSignals(db, signal, signal.transmittedAt), undefined, {
          byForm: await serviceUsesForms(db, signal.serviceId),
        }),
      },
    ];
  },

  // Each completion is a change of the signal: every card of the signal is re-rendered on it;
  // only the last one tells the heads and the curator, so six answers are not six messages.
  async "signal.details_added"(db, n) {
    const signal = await signalOf(db, n.signalId);
    const cards = refreshSignalCards(db, signal.id);
    if (!n.complete) return [cards];
    const to = [
      ...(await activeHeads(db, signal.serviceId)),
      ...(signal.curatorId ? [signal.curatorId] : []),
    ];
    return [cards, { to, message: notice("signal.details_added_notice", { number: signalNumber(signal) }) }];
  },

  async "signal.urgency_set"(db, n) {
    const signal = await signalOf(db, n.signalId);
    const deliveries: (Delivery | CardRefresh)[] = [refreshSignalCards(db, signal.id)];
    if (n.changed && signal.curatorId && signal.urgency) {
      deliveries.push({
        to: [signal.curatorId],
        message: {
          texts: [
            {
              key: "signal.urgency_changed",
              params: { number: signalNumber(signal), urgency: { key: `signal.urgency.${signal.urgency}` } },
            },
            ...(signal.visitDeadline
              ? [
                  {
                    key: "signal.curator_card.deadline",
                    params: { at: { datetime: signal.visitDeadline.toISOString() } },
                  },
                ]
              : []),
          ],
        },
      });
    }
    return deliveries;
  },

  async "signal.assigned"(db, n) {
    const signal = await signalOf(db, n.signalId);
    const number = signalNumber(signal);
    const curator = curatorName(signal);
    const deliveries: (Delivery | CardRefresh)[] = [
      refreshSignalCards(db, signal.id, { incoming: n.curatorId }),
      {
        to: [n.curatorId],
        message: curatorCard(signal, { byForm: await serviceUsesForms(db, signal.serviceId) }),
      },
      { to: [signal.reporterId], message: notice("signal.reporter_assigned", { number, curator }) },
      {
        to: (await activeHeads(db, signal.serviceId)).filter((id) => id !== n.byStaffId),
        message: notice("signal.assigned_notice", {
          number,
          head: signal.assignedBy ? shortName(signal.assignedBy.fullName) : "—",
          curator,
        }),
      },
    ];
    if (n.previousCuratorId) {
      deliveries.push({
        to: [n.previousCuratorId],
        message: notice("signal.reassigned_notice", { number, curator }),
      });
    }
    return deliveries;
  },

  async "signal.declined"(db, n) {
    const signal = await signalOf(db, n.signalId);
    const curator = await db.staff.findUnique({ where: { id: n.curatorId }, select: { fullName: true } });
    const data = { curator: curator ? shortName(curator.fullName) : "—", reason: n.reason, text: n.text };
    // The head cards turn assignable again (with the curator list); each head is told at once.
    return [
      refreshSignalCards(db, signal.id),
      { to: await activeHeads(db, signal.serviceId), message: declinedAlert(signal, data) },
    ];
  },

  async "signal.visit_step"(db, n) {
    const signal = await signalOf(db, n.signalId);
    const cards: (Delivery | CardRefresh)[] = [
      refreshSignalCards(db, signal.id, { incoming: n.curatorId }),
      { to: [n.curatorId], message: stepNote(signal, n.step, n.at) },
    ];
    if (n.step === "depart") return cards;
    const number = signalNumber(signal);
    const curator = curatorName(signal);
    const heads = await activeHeads(db, signal.serviceId);
    if (n.step === "accept")
      return [...cards, { to: heads, message: notice("signal.heads_accepted", { number, curator }) }];
    return [
      ...cards,
      { to: heads, message: notice("signal.heads_arrived", { number, curator, at: { datetime: n.at } }) },
      {
        to: [signal.reporterId],
        // She has left the hospital: the curator went to her addresses, not to the hospital.
        message: notice(
          signal.location === "woman_left" ? "signal.reporter_visited_addresses" : "signal.reporter_arrived",
          { number, curator },
        ),
      },
    ];
  },

  // Every card shows the planned time; the heads are told once, when it is first set or moved.
  async "signal.visit_planned"(db, n) {
    const signal = await signalOf(db, n.signalId);
    return [
      refreshSignalCards(db, signal.id),
      {
        to: await activeHeads(db, signal.serviceId),
        message: notice(n.changed ? "signal.heads_visit_moved" : "signal.heads_visit_planned", {
          number: signalNumber(signal),
          curator: curatorName(signal),
          at: { datetime: n.at },
        }),
      },
    ];
  },

  async "signal.visit_reminder"(db, n) {
    const signal = await signalOf(db, n.signalId);
    if (!signal.curatorId) return [];
    return [
      {
        to: [signal.curatorId],
        message: notice("signal.visit_reminder", {
          number: signalNumber(signal),
          at: { datetime: n.at },
          hospital: signal.hospital.shortName,
        }),
      },
    ];
  },

  async "signal.decided"(db, n) {
    const signal = await signalOf(db, n.signalId);
    const number = signalNumber(signal);
    const curator = curatorName(signal);
    const heads = await activeHeads(db, signal.serviceId);
    const refresh = refreshSignalCards(db, signal.id);
    if (n.decision === "not_confirmed") {
      return [refresh, { to: heads, message: notice("signal.heads_not_confirmed", { number, curator }) }];
    }
    return [
      refresh,
      {
        to: heads,
        message: notice("signal.heads_case_opened", { number, case: n.caseNumber ?? "—", curator }),
      },
    ];
  },

  async "signal.assign_reminder"(db, n) {
    const signal = await signalOf(db, n.signalId);
    // A short note, not a second card: the buttons stay on the card, which is drawn again.
    return [
      refreshSignalCards(db, signal.id),
      {
        to: await activeHeads(db, signal.serviceId),
        message: {
          texts: [
            {
              key: "signal.reminder",
              params: {
                number: signalNumber(signal),
                hospital: signal.hospital.shortName,
                minutes: duration(minutesBetween(signal.transmittedAt, new Date(n.at))),
              },
            },
            { key: "signal.reminder_hint" },
          ],
        },
      },
    ];
  },

  async "signal.accept_nudge"(db, n) {
    const signal = await signalOf(db, n.signalId);
    if (!signal.curatorId) return [];
    return [
      {
        to: [signal.curatorId],
        message: notice("signal.accept_nudge", {
          number: signalNumber(signal),
          minutes: duration(n.minutes),
        }),
      },
    ];
  },

  async "signal.accept_overdue"(db, n) {
    const signal = await signalOf(db, n.signalId);
    // A live card: «Переназначить» while the curator still has not accepted, then a plain note.
    return [
      {
        to: await activeHeads(db, signal.serviceId),
        message: acceptOverdueAlert(signal, {
          curator: curatorName(signal),
          curatorId: signal.curatorId,
          minutes: n.minutes,
        }),
      },
    ];
  },

  async "signal.visit_overdue"(db, n) {
    const signal = await signalOf(db, n.signalId);
    const at = { datetime: n.deadline };
    const number = signalNumber(signal);
    // A threat to a child: the deadline is the contact with the family (1 hour).
    const what = signal.kind === "child_threat" ? "contact_overdue" : "visit_overdue";
    const deliveries: Delivery[] = [];
    if (signal.curatorId) {
      deliveries.push({
        to: [signal.curatorId],
        message: notice(`signal.${what}_curator`, { number, at }),
      });
    }
    deliveries.push({
      to: await activeHeads(db, signal.serviceId),
      message: notice(`signal.${what}_heads`, { number, at, curator: curatorName(signal) }),
    });
    return deliveries;
  },
};
