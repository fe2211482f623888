/**
 * What the signal actions and jobs tell people about, as facts. The chat turns each into messages
 * (src/signals/chat/notices.ts); actions never build messages themselves.
 */

/** A visit step a curator reports. */
export type VisitStep = "accept" | "depart" | "arrive";

/** Facts about a signal worth telling. */
export type SignalNotice =
  /** A reporter sent a signal: every head gets its card. */
  | { type: "signal.submitted"; signalId: string; at: string }
  /**
   * The reporter added details to a signal sent early (completeSignal): the cards that show it
   * are re-rendered. `complete`: nothing more will come.
   */
  | { type: "signal.details_added"; signalId: string; complete: boolean }
  /** A head set or changed the urgency (and with it the visit deadline). */
  | { type: "signal.urgency_set"; signalId: string; byStaffId: string | null; changed: boolean }
  /** A head assigned or reassigned a curator. */
  | {
      type: "signal.assigned";
      signalId: string;
      curatorId: string;
      byStaffId: string | null;
      /** Set when another curator was taken off the signal. */
      previousCuratorId: string | null;
    }
  /** The curator declined the assignment (`text`: their words for "other"); the heads assign again. */
  | {
      type: "signal.declined";
      signalId: string;
      curatorId: string;
      reason: "sick" | "far" | "conflict" | "other";
      text: string | null;
    }
  /** The curator accepted, left, or arrived. */
  | { type: "signal.visit_step"; signalId: string; step: VisitStep; curatorId: string; at: string }
  /** The curator planned (or moved) the visit of a planned signal. */
  | { type: "signal.visit_planned"; signalId: string; at: string; changed: boolean }
  /** The planned visit is in an hour: the curator is reminded. */
  | { type: "signal.visit_reminder"; signalId: string; at: string }
  /** The visit ended in a decision. */
  | {
      type: "signal.decided";
      signalId: string;
      curatorId: string;
      decision: "case_opened" | "not_confirmed";
      caseNumber: string | null;
    }
  /** Nobody has been assigned yet (the n-th reminder). */
  | { type: "signal.assign_reminder"; signalId: string; at: string }
  /** The curator has not accepted yet; the heads are told in `minutes`. */
  | { type: "signal.accept_nudge"; signalId: string; minutes: number }
  /** The curator has not accepted within the time allowed. */
  | { type: "signal.accept_overdue"; signalId: string; minutes: number }
  /** The visit deadline passed without an arrival. */
  | { type: "signal.visit_overdue"; signalId: string; deadline: string };
