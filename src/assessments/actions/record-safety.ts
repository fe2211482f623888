/**
 * The safety assessment (regulation 4.3): the 15 immediate threats, the child's vulnerability, the
 * protective capacities and the family's history. Any threat present makes a safety plan the next
 * stage; otherwise the risk assessment follows.
 */
import { z } from "zod";
import type { Actor } from "../../access/policy.ts";
import { PROTECTIVE_FACTORS, THREATS, VULNERABLE_GROUPS, type ThreatId } from "../domain/checklist.ts";
import { presentThreats, safetyPlanRequired, stageAfterSafety } from "../domain/rules.ts";
import type { AssessmentView } from "../queries/assessment-view.ts";
import type { AssessmentDeps } from "./deps.ts";
import { applyChange, loadFor } from "./step.ts";

const choices = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .object({
      values: z.array(z.enum(values)).min(1),
      texts: z.record(z.string(), z.string().trim().min(1).max(300)),
    })
    .refine((v) => !(v.values.includes("none") && v.values.length > 1), "none must be alone");

export const recordSafetyInput = z.object({
  assessmentId: z.uuid(),
  /** Every threat answered: true when present. */
  threats: z.strictObject(
    Object.fromEntries(THREATS.map((id) => [id, z.boolean()])) as Record<ThreatId, z.ZodBoolean>,
  ),
  vulnerability: choices([...VULNERABLE_GROUPS, "none"]),
  protective: choices([...PROTECTIVE_FACTORS, "other", "none"]),
  history: z.string().trim().min(1).max(1500).nullable(),
});
export type RecordSafetyInput = z.infer<typeof recordSafetyInput>;

/** Records the safety assessment; returns the assessment as it is now. */
export async function recordSafety(
  deps: AssessmentDeps,
  actor: Actor,
  input: RecordSafetyInput,
): Promise<AssessmentView> {
  const safety = recordSafetyInput.parse(input);
  const assessment = await loadFor(deps, actor, safety.assessmentId, "assessment.conduct", "safety");
  const planRequired = safetyPlanRequired(safety.threats);
  return applyChange(deps, actor, assessment, {
    data: {
      safety: { threats: safety.threats, vulnerability: safety.vulnerability, protective: safety.protective },
      familyHistory: safety.history,
      planRequired,
      safetyAt: deps.now,
      stage: stageAfterSafety(planRequired),
    },
    event: "safety_recorded",
    eventData: { threats: presentThreats(safety.threats), planRequired },
    audit: { threats: presentThreats(safety.threats).length },
  });
}
