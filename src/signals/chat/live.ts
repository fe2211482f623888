/**
 * The signal's live cards (src/platform/chat/cards.ts): every head's card, the curator's card and
 * the curator's step notes are drawn again, in place, whenever the signal changes — so each shows
 * the present and only the buttons valid now. In a curator's chat only the newest message about
 * the signal carries the next step's button; a curator taken off the signal finds a short note
 * without personal data where their card was.
 */
import type { CardRefresh, CardRow } from "../../platform/chat/cards.ts";
import type { ChatMessage } from "../../platform/chat/app.ts";
import type { Db } from "../../platform/db/client.ts";
import { earlierSignals, type EarlierSignal } from "../queries/earlier.ts";
import type { CuratorLoad } from "../domain/lifecycle.ts";
import { loadSignal, type SignalView } from "../queries/signal-view.ts";
import { curatorLoads } from "../queries/staff.ts";
import { declinedAlert, declinedNote } from "./decline.ts";
import { acceptOverdueAlert, headCard } from "./cards.ts";
import { curatorCard, stepNote, takenOffNote, type StepNote } from "./curator-cards.ts";

const CURATOR_SIDE = new Set(["curator", "step"]);

/** When the step of a note was recorded. */
const stepAt = (card: CardRow): string => (typeof card.data.at === "string" ? card.data.at : "");

/** Whether no later curator-side card of the signal is in the same chat. */
function newestInChat(card: CardRow, all: readonly CardRow[]): boolean {
  return !all.some(
    (c) =>
      c.id > card.id &&
      CURATOR_SIDE.has(c.kind) &&
      c.messenger === card.messenger &&
      c.chatId === card.chatId,
  );
}

/**
 * How one card of the signal reads now. `incoming`: a curator about to get a newer message about
 * the signal (its buttons move there).
 */
export function renderSignalCard(
  signal: SignalView,
  earlier: EarlierSignal[],
  curators: CuratorLoad[],
  card: CardRow,
  all: readonly CardRow[],
  incoming?: string,
  byForm = false,
): ChatMessage | null {
  if (card.kind === "head") return headCard(signal, earlier, curators, { byForm });
  if (card.kind === "head_alert") {
    const { curator, curatorId, minutes } = card.data;
    return acceptOverdueAlert(signal, {
      curator: typeof curator === "string" ? curator : "—",
      curatorId: typeof curatorId === "string" ? curatorId : null,
      minutes: typeof minutes === "number" ? minutes : 0,
    });
  }
  if (card.kind === "head_declined") {
    const { curator, reason, text } = card.data;
    return declinedAlert(signal, {
      curator: typeof curator === "string" ? curator : "—",
      reason: typeof reason === "string" ? reason : "other",
      text: typeof text === "string" ? text : null,
    });
  }
  if (!CURATOR_SIDE.has(card.kind)) return null;
  if (signal.curatorId !== card.staffId) {
    // Taken off: the card goes; an old step note stays as it was, without buttons.
    // Nobody on it: this curator declined (taken off otherwise).
    if (card.kind === "curator") return signal.curatorId ? takenOffNote(signal) : declinedNote(signal);
    return stepNote(signal, card.data.step as StepNote, stepAt(card), { buttons: false });
  }
  const buttons = incoming !== card.staffId && newestInChat(card, all);
  if (card.kind === "curator") return curatorCard(signal, { buttons, byForm });
  return stepNote(signal, card.data.step as StepNote, stepAt(card), { buttons });
}

/** Whether the service keeps the woman's personal data out of chats (src/forms: the secure form). */
export async function serviceUsesForms(db: Db, serviceId: string): Promise<boolean> {
  const service = await db.service.findUnique({
    where: { id: serviceId },
    select: { personalDataByForm: true },
  });
  return service?.personalDataByForm === true;
}

/** The signal's cards with the message ids known so far (sent ones). */
export async function cardsOf(db: Db, signalId: string): Promise<(CardRow & { messageId: number | null })[]> {
  const rows = await db.$queryRaw<(CardRow & { messageId: number | null })[]>`
    SELECT c.id, c.kind, c.staff_id AS "staffId", c.messenger, c.chat_id AS "chatId", c.data,
           COALESCE(c.message_id, o.result_message_id) AS "messageId"
      FROM chat_cards c LEFT JOIN outbox_messages o ON o.id = c.outbox_id
     WHERE c.subject_type = 'signal' AND c.subject_id = ${signalId}::uuid
     ORDER BY c.id`;
  return rows;
}

/** Draws every card of the signal again (in the transaction of the change). */
export function refreshSignalCards(
  db: Db,
  signalId: string,
  options: { incoming?: string } = {},
): CardRefresh {
  let loaded:
    | Promise<{ signal: SignalView; earlier: EarlierSignal[]; curators: CuratorLoad[]; byForm: boolean }>
    | undefined;
  const load = async () => {
    const signal = await loadSignal(db, signalId);
    if (!signal) throw new Error("cards of a signal that does not exist");
    return {
      signal,
      earlier: await earlierSignals(db, signal, signal.transmittedAt),
      byForm: await serviceUsesForms(db, signal.serviceId),
      curators: signal.status === "received" ? await curatorLoads(db, signal.serviceId) : [],
    };
  };
  return {
    refresh: {
      subjectType: "signal",
      subjectId: signalId,
      render: async (card, all) => {
        const { signal, earlier, curators, byForm } = await (loaded ??= load());
        return renderSignalCard(signal, earlier, curators, card, all, options.incoming, byForm);
      },
    },
  };
}
