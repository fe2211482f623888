/**
 * Monitoring of a plan (мониторинг): weekly in stage 3, once every 3 months in accompaniment. An
 * entry records how each action goes, whether the plan is to be corrected, and a decision: go on,
 * close with a reason of the stage, or (stage 3) move to accompaniment. Pure.
 */
import { z } from "zod";
import type { CaseCloseReason, CaseStage } from "./case.ts";
import type { MonitoringDecision } from "./events.ts";
import { PROGRESS_STATUSES } from "./plans.ts";

/** The decisions an entry may take in each stage. */
export const DECISIONS_OF_STAGE = {
  decision_change: ["continue", "close_not_changed", "close_changed_resolved", "to_accompaniment"],
  accompaniment: ["continue", "close_plan_done", "close_plan_not_kept", "close_against_child_interests"],
} as const satisfies Record<CaseStage, readonly MonitoringDecision[]>;

/** What a decision does to the case. */
export type DecisionEffect =
  { type: "continue" } | { type: "close"; reason: CaseCloseReason } | { type: "to_accompaniment" };

/** The effect of `decision`. */
export function effectOf(decision: MonitoringDecision): DecisionEffect {
  switch (decision) {
    case "continue":
      return { type: "continue" };
    case "to_accompaniment":
      return { type: "to_accompaniment" };
    case "close_not_changed":
      return { type: "close", reason: "not_changed" };
    case "close_changed_resolved":
      return { type: "close", reason: "changed_resolved" };
    case "close_plan_done":
      return { type: "close", reason: "plan_done" };
    case "close_plan_not_kept":
      return { type: "close", reason: "plan_not_kept" };
    case "close_against_child_interests":
      return { type: "close", reason: "against_child_interests" };
  }
}

/** Progress of one action as an entry records it. */
export const actionProgress = z.object({ actionKey: z.uuid(), status: z.enum(PROGRESS_STATUSES) });
export type ActionProgress = z.infer<typeof actionProgress>;

/** The progress part of an entry: "all as planned", or a status per action. */
export const monitoringProgress = z.object({
  onTrack: z.boolean(),
  actions: z.array(actionProgress),
});
export type MonitoringProgress = z.infer<typeof monitoringProgress>;
