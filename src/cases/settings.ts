/**
 * Configurable timings of the work on a case. What the standard fixes (weekly monitoring in stage 3,
 * every 3 months in accompaniment, the long-term plan within a month) is in domain/schedule.ts.
 */

/** Settings of the cases area (from the configuration). */
export interface CaseSettings {
  /** The decision-change plan is due this many days after the case is opened. */
  planDays: number;
  /** Stage 3 lasts this many days before the head is asked to close or extend it (standard: a month). */
  limitDays: number;
  /** Receipt of handed-over documents is to be confirmed within this many days. */
  handoverAckDays: number;
}

export const DEFAULT_CASE_SETTINGS: CaseSettings = {
  planDays: 3,
  limitDays: 30,
  handoverAckDays: 5,
};
