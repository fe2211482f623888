/**
 * The buttons of assessment messages: ids and fields. What each does is in ./buttons.ts. The
 * start buttons are for other areas' cards too: a case card (issue 9) shows
 * `START_ON_CASE.data({ caseId })` to its curator, a signal card `START_ON_SIGNAL.data({ signalId })`.
 */
import { buttonKind, enumField, idField, intField } from "../../platform/chat/buttons.ts";

const assessment = { assessmentId: idField };

/** Start (or continue) an assessment on a case. */
export const START_ON_CASE = buttonKind({ id: "as:c", fields: { caseId: idField } });
/** Start (or continue) an assessment on a signal the curator is on. */
export const START_ON_SIGNAL = buttonKind({ id: "as:s", fields: { signalId: idField } });
/** Show an assessment's card. */
export const OPEN = buttonKind({ id: "as:o", fields: assessment });
/** The planning dialogue. */
export const PLANNING = buttonKind({ id: "as:p", fields: assessment });
/** "Contact with the family made". */
export const CONTACT = buttonKind({ id: "as:k", fields: assessment });
/** The safety assessment dialogue. */
export const SAFETY = buttonKind({ id: "as:y", fields: assessment });
/** The safety plan's form (in the family, or placement). */
export const PLAN = buttonKind({ id: "as:pl", fields: assessment });
/** Add an action to the safety plan. */
export const ADD_ACTION = buttonKind({ id: "as:pa", fields: assessment });
/** Remove an action from the safety plan being drawn up. */
export const REMOVE_ACTION = buttonKind({ id: "as:pr", fields: { ...assessment, actionId: idField } });
/** The safety plan is ready. */
export const PLAN_DONE = buttonKind({ id: "as:pd", fields: assessment });
/** A safety-plan action is done. */
export const ACTION_DONE = buttonKind({ id: "as:ad", fields: { actionId: idField } });
/** The risk ratings dialogue. */
export const RISK = buttonKind({ id: "as:r", fields: assessment });
/** The overall level the specialist states (h, m, l). */
export const LEVEL = buttonKind({
  id: "as:lv",
  fields: { ...assessment, level: enumField(["h", "m", "l"]) },
});
/** Correct one rating: the factors to choose from. */
export const FIX_RATING = buttonKind({ id: "as:fr", fields: assessment });
/** Correct one rating: the factor chosen (its index in the form's order); the levels to choose from. */
export const FIX_FACTOR = buttonKind({ id: "as:ff", fields: { ...assessment, factor: intField } });
/** Correct one rating: the new rating (h, m, l, n: no information). */
export const FIX_SET = buttonKind({
  id: "as:fs",
  fields: { ...assessment, factor: intField, rating: enumField(["h", "m", "l", "n"]) },
});
/** Correct one threat's answer: the threats to choose from. */
export const FIX_THREAT = buttonKind({ id: "as:ft", fields: assessment });
/** Correct one threat's answer: the threat chosen (its index in the checklist). */
export const FIX_THREAT_ONE = buttonKind({ id: "as:f1", fields: { ...assessment, threat: intField } });
/** Correct one threat's answer: the new answer (y: present, n: absent). */
export const FIX_THREAT_SET = buttonKind({
  id: "as:f2",
  fields: { ...assessment, threat: intField, present: enumField(["y", "n"]) },
});
/** The manual's definitions of the risk levels. */
export const LEVELS_INFO = buttonKind({ id: "as:li", fields: assessment });
/** The conclusion dialogue. */
export const CONCLUSION = buttonKind({ id: "as:cn", fields: assessment });
/** The hand-over dialogue. */
export const HANDOVER = buttonKind({ id: "as:h", fields: assessment });
/** The authority confirmed receipt of the form: who confirmed it. */
export const HANDOVER_ACK = buttonKind({ id: "as:ak", fields: assessment });
/** The form as a PDF. */
export const FORM = buttonKind({ id: "as:f", fields: assessment });
/** A head's supervisor review. */
export const REVIEW = buttonKind({ id: "as:rv", fields: assessment });
/** Stop the assessment. */
export const CANCEL = buttonKind({ id: "as:x", fields: assessment });
