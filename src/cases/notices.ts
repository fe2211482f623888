/**
 * What the case actions and jobs tell people about, as facts. The chat turns each into messages
 * (src/cases/chat/notices.ts); actions never build messages themselves.
 */
import type { CaseCloseReason, PlanKind } from "./domain/case.ts";
import type { ReminderItem } from "./domain/schedule.ts";

/** Facts about a case worth telling. */
export type CaseNotice =
  /** A plan (or a new version of it) was made. */
  | {
      type: "case.plan_made";
      caseId: string;
      planId: string;
      kind: PlanKind;
      version: number;
      byStaffId: string | null;
    }
  /** A monitoring entry was recorded. */
  | { type: "case.monitoring_recorded"; caseId: string; monitoringId: string; byStaffId: string | null }
  /** The case was closed with a reason. */
  | { type: "case.closed"; caseId: string; reason: CaseCloseReason; byStaffId: string | null }
  /** The case moved from stage 3 to accompaniment. */
  | { type: "case.accompaniment"; caseId: string; byStaffId: string | null }
  /** The one-month limit was extended. */
  | { type: "case.extended"; caseId: string; until: string; days: number; byStaffId: string | null }
  /** A psychologist was attached (or detached: null). */
  | {
      type: "case.psychologist";
      caseId: string;
      psychologistId: string | null;
      previousId: string | null;
      byStaffId: string | null;
    }
  /** The case's documents were handed to another organisation. */
  | { type: "case.handed_over"; caseId: string; handoverId: string; byStaffId: string | null }
  /** The recipient confirmed receipt. */
  | { type: "case.acknowledged"; caseId: string; handoverId: string; byStaffId: string | null }
  /** A reminder or escalation fell due (told once, by the sweep). */
  | {
      type: "case.reminder";
      caseId: string;
      kind: ReminderItem["kind"];
      subject: ReminderItem["subject"];
      at: string;
    }
  /** A document is ready for a staff member (the mother's copy of the plan, a hand-over package). */
  | {
      type: "case.document";
      caseId: string;
      fileId: string;
      toStaffId: string;
      purpose: "plan_copy" | "handover_package";
    };
