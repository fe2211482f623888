/**
 * The buttons of signal cards: ids and fields. What each does is in ./buttons.ts; cards build
 * them from these kinds. The callback data keeps the format buttons already sent to chats have
 * (`sg:<op>:<signal>[:<arg>]`), so they still decode after an upgrade.
 */
import { buttonKind, enumField, idField } from "../../platform/chat/buttons.ts";

const signal = { signalId: idField };

/** Head: set the urgency (u: urgent, p: planned). */
export const URGENCY = buttonKind({ id: "sg:u", fields: { ...signal, urgency: enumField(["u", "p"]) } });
/** Head: show the curators to assign. */
export const ASSIGN_LIST = buttonKind({ id: "sg:l", fields: signal });
/** Head: show the curators to reassign to. */
export const REASSIGN_LIST = buttonKind({ id: "sg:rl", fields: signal });
/** Head: back from a list to the card. */
export const BACK_TO_CARD = buttonKind({ id: "sg:k", fields: signal });
/** Head: assign this curator (valid only while nobody is assigned). */
export const ASSIGN = buttonKind({ id: "sg:c", fields: { ...signal, curatorId: idField } });
/** Head: reassign to this curator (only from the explicit reassign list). */
export const REASSIGN = buttonKind({ id: "sg:rc", fields: { ...signal, curatorId: idField } });
/** Curator: accept the assignment. */
export const ACCEPT = buttonKind({ id: "sg:acc", fields: signal });
/** Curator: "on my way". */
export const DEPART = buttonKind({ id: "sg:dep", fields: signal });
/** Curator: "arrived". */
export const ARRIVE = buttonKind({ id: "sg:arr", fields: signal });
/** Curator: start the visit-outcome dialogue. */
export const OUTCOME = buttonKind({ id: "sg:out", fields: signal });
