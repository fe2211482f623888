/**
 * The two plans of seed 000 and their actions. Stage 3's plan for changing the decision (план по
 * изменению решения об отказе): the reasons for abandonment, strengths (rehabilitation
 * possibilities), the main and intermediate goals, and actions with who is responsible and a
 * deadline. Accompaniment's long-term rehabilitation plan (реабилитационный план): the nature of
 * the problem (the in-depth assessment), goals, tasks, and actions likewise. Pure.
 */
import { z } from "zod";
import type { PlanKind } from "./case.ts";

/** Who carries out an action (the database enum `case_action_responsible`). */
export const ACTION_RESPONSIBLE = ["curator", "psychologist", "woman", "relatives", "organisation"] as const;
export type ActionResponsible = (typeof ACTION_RESPONSIBLE)[number];

/** How an action stands (the database enum `case_action_status`). */
export const ACTION_STATUSES = ["planned", "in_progress", "done", "not_done", "dropped"] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

/** Statuses a monitoring entry records (an action is "planned" only until its first monitoring). */
export const PROGRESS_STATUSES = ["done", "in_progress", "not_done", "dropped"] as const;
export type ProgressStatus = (typeof PROGRESS_STATUSES)[number];

/** Statuses after which an action needs no more reminders. */
export const FINISHED_ACTION_STATUSES: readonly ActionStatus[] = ["done", "dropped"];

/** The reasons for abandonment (the same choices as the visit outcome's). */
export const ABANDONMENT_REASONS = [
  "housing",
  "money",
  "no_support",
  "child_health",
  "own_health",
  "addiction",
  "age",
  "other",
] as const;

const day = z.iso.date();
const text = (max: number) => z.string().min(1).max(max);

/** One action as a plan is made with it. `key` ties it to the same action of earlier versions. */
export const planActionInput = z.object({
  key: z.uuid().optional(),
  what: text(300),
  responsible: z.enum(ACTION_RESPONSIBLE),
  organisation: text(200).nullable().optional(),
  dueDate: day,
});
export type PlanActionInput = z.infer<typeof planActionInput>;

const reasons = z.object({
  values: z.array(z.enum(ABANDONMENT_REASONS)).min(1),
  texts: z.record(z.string(), z.string().max(300)),
});

/** The content of a decision-change plan (besides its actions). */
export const decisionPlanContent = z.object({
  reasons,
  strengths: text(1500),
  mainGoal: text(500),
  intermediateGoals: text(1500),
});

/** The content of a long-term rehabilitation plan (besides its actions). */
export const rehabPlanContent = z.object({
  problem: text(1500),
  goals: text(1500),
  tasks: text(1500),
});

export type DecisionPlanContent = z.infer<typeof decisionPlanContent>;
export type RehabPlanContent = z.infer<typeof rehabPlanContent>;

/** The content schema of each plan kind. */
export const PLAN_CONTENT = {
  decision_change: decisionPlanContent,
  rehabilitation: rehabPlanContent,
} as const satisfies Record<PlanKind, z.ZodType>;

/** Most actions in one plan. */
export const MAX_PLAN_ACTIONS = 15;

/** How far ahead an action's deadline may be, by plan (stage 3 lasts a month; accompaniment about half a year). */
export const ACTION_HORIZON_DAYS: Record<PlanKind, number> = { decision_change: 90, rehabilitation: 365 };
