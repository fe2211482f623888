/**
 * The buttons of signal cards: ids and fields. What each does is in ./buttons.ts; cards build
 * them from these kinds (`sg:<op>:<signal>[:<arg>][:<version>]`).
 *
 * A button that changes the signal carries the signal's version it was drawn for (`v`): a press
 * on a card of an earlier state changes nothing and is told what the signal is now. (Such
 * buttons sent before versions were added no longer decode: the runtime answers "no longer
 * valid", and the live cards already show the buttons valid now.)
 */
import { buttonKind, enumField, idField, intField } from "../../platform/chat/buttons.ts";

const signal = { signalId: idField };
const acting = { signalId: idField, v: intField };

/** Head: set the urgency (u: urgent, p: planned). */
export const URGENCY = buttonKind({ id: "sg:u", fields: { ...acting, urgency: enumField(["u", "p"]) } });
/** Head: change the urgency after assignment (asks to confirm the other one). */
export const URGENCY_CHANGE = buttonKind({ id: "sg:uc", fields: acting });
/** Head: show the curators to assign. */
export const ASSIGN_LIST = buttonKind({ id: "sg:l", fields: signal });
/** Head: show the curators to reassign to. */
export const REASSIGN_LIST = buttonKind({ id: "sg:rl", fields: signal });
/** Head: back from a list to the card. */
export const BACK_TO_CARD = buttonKind({ id: "sg:k", fields: signal });
/** Head: assign this curator (valid only while nobody is assigned). */
export const ASSIGN = buttonKind({ id: "sg:c", fields: { ...acting, curatorId: idField } });
/** Head: reassign to this curator (only from the explicit reassign list). */
export const REASSIGN = buttonKind({ id: "sg:rc", fields: { ...acting, curatorId: idField } });
/** Curator: accept the assignment. */
export const ACCEPT = buttonKind({ id: "sg:acc", fields: acting });
/** Curator: decline the assignment (asks why). */
export const DECLINE = buttonKind({ id: "sg:dec", fields: acting });
/** Curator: "on my way". */
export const DEPART = buttonKind({ id: "sg:dep", fields: acting });
/** Curator: "arrived". */
export const ARRIVE = buttonKind({ id: "sg:arr", fields: acting });
/** Curator: start the visit-outcome dialogue. */
export const OUTCOME = buttonKind({ id: "sg:out", fields: signal });
/** Curator: set or change the planned visit's time (a planned signal, until arrival). */
export const PLAN_VISIT = buttonKind({ id: "sg:pv", fields: acting });
