/**
 * The buttons of /journal, /report and /totals: ids and fields. What each does is in
 * ./buttons.ts. Periods travel as their first and last day (yyyymmdd), fixed when the button was
 * shown, so an old button means the period it said.
 */
import { buttonKind, enumField, idField, intField } from "../../platform/chat/buttons.ts";

/** No hospital (the service journal, the report): the nil UUID. */
export const NO_HOSPITAL = "00000000-0000-0000-0000-000000000000";

/** What a period is for: h hospital journal, s service journal, r report, t abandonment totals. */
export const PURPOSES = ["h", "s", "r", "t"] as const;
export type Purpose = (typeof PURPOSES)[number];

/** Preset periods and "other": this/last month, this/last half-year. */
export const PRESET_CODES = ["tm", "lm", "th", "lh", "ot"] as const;

/** Head: which journal (h or s). */
export const PICK_JOURNAL = buttonKind({ id: "rg:j", fields: { journal: enumField(["h", "s"]) } });
/** Head: the hospital of a hospital journal. */
export const PICK_HOSPITAL = buttonKind({ id: "rg:h", fields: { hospitalId: idField } });
/** A period for a purpose (and a hospital). */
export const PICK_PERIOD = buttonKind({
  id: "rg:p",
  fields: { purpose: enumField(PURPOSES), hospitalId: idField, preset: enumField(PRESET_CODES) },
});
/** The format of a document: the document is asked for. */
export const PICK_FORMAT = buttonKind({
  id: "rg:f",
  fields: {
    purpose: enumField(["h", "s", "r"]),
    hospitalId: idField,
    from: intField,
    last: intField,
    format: enumField(["x", "p"]),
  },
});
/** Totals: the hospital whose count to enter for a period. */
export const TOTALS_HOSPITAL = buttonKind({
  id: "rg:t",
  fields: { hospitalId: idField, from: intField, last: intField },
});
/** From the report: enter the missing counts of its period. */
export const TOTALS_FOR_PERIOD = buttonKind({ id: "rg:e", fields: { from: intField, last: intField } });
