/**
 * The buttons of case cards, reminders and lists: ids and fields. What each does is in
 * ./buttons.ts; cards build them from these kinds. A button that decides (close, move to
 * accompaniment) carries the case's version, so it works only on the case as it was shown.
 */
import { buttonKind, enumField, idField, intField } from "../../platform/chat/buttons.ts";
import type { CaseCloseReason } from "../domain/case.ts";

const kase = { caseId: idField };

/** Close reasons as short button codes. */
export const REASON_CODES = {
  a3: "not_changed",
  b3: "changed_resolved",
  aa: "plan_done",
  ba: "plan_not_kept",
  ca: "against_child_interests",
} as const satisfies Record<string, CaseCloseReason>;
export type ReasonCode = keyof typeof REASON_CODES;
const reasonField = enumField(Object.keys(REASON_CODES) as ReasonCode[]);

/** The code of a close reason. */
export function reasonCode(reason: CaseCloseReason): ReasonCode {
  return (Object.keys(REASON_CODES) as ReasonCode[]).find((code) => REASON_CODES[code] === reason)!;
}

/** Show the case's card (or redraw it as it is now). */
export const CARD = buttonKind({ id: "cs:v", fields: kase });
/** Curator: fill, continue or change the signal sheet. */
export const SHEET = buttonKind({ id: "cs:sh", fields: kase });
/** Curator: make or correct the plan of the case's stage. */
export const PLAN = buttonKind({ id: "cs:pl", fields: kase });
/** Curator or head: record a monitoring entry. */
export const MONITOR = buttonKind({ id: "cs:mo", fields: kase });
/** Curator or head: the decisions of the case's stage. */
export const DECIDE = buttonKind({ id: "cs:dm", fields: kase });
/** Ask to confirm closing with a reason. */
export const CLOSE_ASK = buttonKind({ id: "cs:ca", fields: { ...kase, reason: reasonField } });
/** Close (confirmed), valid for the version shown. */
export const CLOSE = buttonKind({ id: "cs:cl", fields: { ...kase, reason: reasonField, version: intField } });
/** Ask to confirm moving to accompaniment. */
export const ACCOMPANY_ASK = buttonKind({ id: "cs:aa", fields: kase });
/** Move to accompaniment (confirmed), valid for the version shown. */
export const ACCOMPANY = buttonKind({ id: "cs:ac", fields: { ...kase, version: intField } });
/** Head: extend stage 3 (starts the dialogue). */
export const EXTEND = buttonKind({ id: "cs:ex", fields: kase });
/** The psychologists to attach. */
export const PSY_LIST = buttonKind({ id: "cs:pL", fields: kase });
/** Attach this psychologist. */
export const PSY = buttonKind({ id: "cs:ps", fields: { ...kase, psychologistId: idField } });
/** Detach the psychologist. */
export const PSY_NONE = buttonKind({ id: "cs:p0", fields: kase });
/** Head: hand the case over (starts the dialogue). */
export const HAND_OVER = buttonKind({ id: "cs:ho", fields: kase });
/** Head: the recipient confirmed receipt. */
export const ACK = buttonKind({ id: "cs:ak", fields: { handoverId: idField } });
/** Curator: the client's copy of the long-term plan again. */
export const PLAN_COPY = buttonKind({ id: "cs:pc", fields: kase });
