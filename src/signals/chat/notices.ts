/**
 * What people read when something happens to a signal: each notice of ../notices.ts becomes
 * messages for the heads, the curator and the reporter concerned (never for the person who did it:
 * their own chat shows the result of their press).
 */
import type { Db } from "../../platform/db/client.ts";
import type { Delivery, NoticeRenderers } from "../../platform/notify.ts";
import { minutesBetween } from "../domain/lifecycle.ts";
import type { SignalNotice } from "../notices.ts";
import { earlierSignals } from "../queries/earlier.ts";
import { loadSignal, type SignalView } from "../queries/signal-view.ts";
import { activeHeads } from "../queries/staff.ts";
import { curatorCard, duration, headCard, notice, shortName, signalButton, signalNumber } from "./cards.ts";
import { ASSIGN_LIST, URGENCY } from "./kinds.ts";

async function signalOf(db: Db, signalId: string): Promise<SignalView> {
  const signal = await loadSignal(db, signalId);
  if (!signal) throw new Error("a notice about a signal that does not exist");
  return signal;
}

/** Whether the service keeps the woman's personal data out of the chat (the secure form). */
async function byForm(db: Db, serviceId: string): Promise<boolean> {
  const service = await db.service.findUnique({
    where: { id: serviceId },
    select: { personalDataByForm: true },
  });
  return service?.personalDataByForm === true;
}

const curatorName = (signal: SignalView) => (signal.curator ? shortName(signal.curator.fullName) : "—");

/** The renderers of every signal notice. */
export const signalNoticeRenderers: NoticeRenderers<SignalNotice> = {
  async "signal.submitted"(db, n) {
    const signal = await signalOf(db, n.signalId);
    const at = new Date(n.at);
    return [
      {
        to: await activeHeads(db, signal.serviceId),
        message: headCard(signal, await earlierSignals(db, signal, at), at),
      },
    ];
  },

  async "signal.assigned"(db, n) {
    const signal = await signalOf(db, n.signalId);
    const number = signalNumber(signal);
    const curator = curatorName(signal);
    const deliveries: Delivery[] = [
      { to: [n.curatorId], message: curatorCard(signal, { byForm: await byForm(db, signal.serviceId) }) },
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

  async "signal.visit_step"(db, n) {
    if (n.step === "depart") return [];
    const signal = await signalOf(db, n.signalId);
    const number = signalNumber(signal);
    const curator = curatorName(signal);
    const heads = await activeHeads(db, signal.serviceId);
    if (n.step === "accept")
      return [{ to: heads, message: notice("signal.heads_accepted", { number, curator }) }];
    return [
      { to: heads, message: notice("signal.heads_arrived", { number, curator, at: { datetime: n.at } }) },
      { to: [signal.reporterId], message: notice("signal.reporter_arrived", { number, curator }) },
    ];
  },

  async "signal.decided"(db, n) {
    const signal = await signalOf(db, n.signalId);
    const number = signalNumber(signal);
    const curator = curatorName(signal);
    const heads = await activeHeads(db, signal.serviceId);
    if (n.decision === "not_confirmed") {
      return [{ to: heads, message: notice("signal.heads_not_confirmed", { number, curator }) }];
    }
    return [
      {
        to: heads,
        message: notice("signal.heads_case_opened", { number, case: n.caseNumber ?? "—", curator }),
      },
    ];
  },

  async "signal.assign_reminder"(db, n) {
    const signal = await signalOf(db, n.signalId);
    const signalId = signal.id;
    return [
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
          ],
          buttons: [
            [
              signal.urgency
                ? signalButton("assign", ASSIGN_LIST.data({ signalId }))
                : signalButton("urgent", URGENCY.data({ signalId, urgency: "u" })),
            ],
          ],
        },
      },
    ];
  },

  async "signal.accept_overdue"(db, n) {
    const signal = await signalOf(db, n.signalId);
    return [
      {
        to: await activeHeads(db, signal.serviceId),
        message: notice("signal.accept_overdue", {
          curator: curatorName(signal),
          number: signalNumber(signal),
          minutes: duration(n.minutes),
        }),
      },
    ];
  },

  async "signal.visit_overdue"(db, n) {
    const signal = await signalOf(db, n.signalId);
    const at = { datetime: n.deadline };
    const number = signalNumber(signal);
    const deliveries: Delivery[] = [];
    if (signal.curatorId) {
      deliveries.push({
        to: [signal.curatorId],
        message: notice("signal.visit_overdue_curator", { number, at }),
      });
    }
    deliveries.push({
      to: await activeHeads(db, signal.serviceId),
      message: notice("signal.visit_overdue_heads", { number, at, curator: curatorName(signal) }),
    });
    return deliveries;
  },
};
