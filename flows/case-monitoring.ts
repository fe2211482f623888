/**
 * A monitoring entry (seed 000: weekly in stage 3, every 3 months in accompaniment). Started with
 * `{ caseId, items }`: the current plan's unfinished actions (`{ key, label }`). When all goes as
 * planned the curator answers three questions and saves (five interactions with the button that
 * opened it); otherwise the progress of each action is asked, one row per action. Completed by
 * src/cases/chat/flows.ts (recordMonitoring).
 */
import { PROGRESS_STATUSES } from "../src/cases/domain/plans.ts";
import { DECISIONS_OF_STAGE } from "../src/cases/domain/monitoring.ts";
import type { CaseStage } from "../src/cases/domain/case.ts";
import type { FlowDefinition } from "../src/platform/flow/types.ts";

function buildMonitoringFlow(id: string, stage: CaseStage): FlowDefinition {
  return {
    id,
    version: 1,
    steps: [
      {
        id: "progress",
        prompt: "case.monitoring.progress.prompt",
        label: "case.monitoring.progress.label",
        answer: {
          kind: "choice",
          options: [
            { value: "on_track", label: "case.monitoring.progress.on_track" },
            { value: "per_action", label: "case.monitoring.progress.per_action" },
          ],
        },
      },
      {
        id: "actions",
        prompt: "case.monitoring.actions.prompt",
        label: "case.monitoring.actions.label",
        when: { step: "progress", in: ["per_action"] },
        answer: {
          kind: "group",
          each: { param: "items" },
          rowTitle: "case.monitoring.actions.row",
          steps: [
            {
              id: "status",
              prompt: "case.monitoring.status.prompt",
              label: "case.monitoring.status.label",
              answer: {
                kind: "choice",
                columns: 2,
                options: PROGRESS_STATUSES.map((value) => ({ value, label: `case.action_status.${value}` })),
              },
            },
          ],
        },
      },
      {
        id: "plan_change",
        prompt: "case.monitoring.plan_change.prompt",
        label: "case.monitoring.plan_change.label",
        answer: { kind: "yesno" },
      },
      {
        id: "decision",
        prompt: "case.monitoring.decision.prompt",
        label: "case.monitoring.decision.label",
        answer: {
          kind: "choice",
          options: DECISIONS_OF_STAGE[stage].map((value) => ({ value, label: `case.decision.${value}` })),
        },
      },
      {
        id: "note",
        prompt: "case.monitoring.note.prompt",
        label: "case.monitoring.note.label",
        optional: true,
        when: {
          any: [{ step: "progress", in: ["per_action"] }, { not: { step: "decision", in: ["continue"] } }],
        },
        answer: { kind: "text", maxLength: 1500 },
      },
    ],
    summary: { prompt: "case.monitoring.summary", submitLabel: "case.monitoring.save" },
  };
}

/** Weekly monitoring in stage 3. */
export const monitoringFlow = buildMonitoringFlow("monitoring", "decision_change");
/** Monitoring once every 3 months in accompaniment. */
export const rehabMonitoringFlow = buildMonitoringFlow("rehab_monitoring", "accompaniment");
