/**
 * Submitting a signal of a threat to a child's life or health (seed 003): the intake's answers
 * become a signal of the kind "child_threat" through the same submit action as a newborn signal
 * (journals' rows and numbers, events, audit, the heads' cards and reminders). The parent named
 * takes the place of the woman (the earlier-signals check finds the family by that name).
 */
import { z } from "zod";
import type { Actor } from "../../access/policy.ts";
import { CHILD_LOCATIONS } from "../domain/lifecycle.ts";
import { THREAT_SOURCES } from "../domain/threat.ts";
import type { SignalDeps } from "./deps.ts";
import { submitSignal, type SubmitSignalResult } from "./submit-signal.ts";

const place = z.string().min(1).max(300);

/** The threat intake's answers (threat-signal flow), checked again here. */
export const submitThreatSignalInput = z.object({
  child_name: z.string().min(2).max(200),
  child_birth: z.union([z.literal("unknown"), z.iso.date(), z.number().int().min(0).max(17)]),
  full_name: z.string().min(3).max(200),
  actual_address: place,
  phone: z.union([z.literal("unknown"), z.string().regex(/^\+\d{10,15}$/)]),
  location: z.enum(CHILD_LOCATIONS),
  threat: z.string().trim().min(5).max(1000),
  source: z.enum(THREAT_SOURCES),
  identified_at: z.iso.datetime({ offset: true }),
  comment: z.string().max(1000).nullable().optional(),
  startedAt: z.iso.datetime({ offset: true }),
});
export type SubmitThreatSignalInput = z.infer<typeof submitThreatSignalInput>;

/** Submits a threat signal from a hospital's responsible specialist. */
export async function submitThreatSignal(
  deps: SignalDeps,
  actor: Actor,
  input: SubmitThreatSignalInput,
): Promise<SubmitSignalResult> {
  const a = submitThreatSignalInput.parse(input);
  return submitSignal(deps, actor, {
    full_name: a.full_name,
    birth: "unknown",
    registered_address: "unknown",
    actual_address: a.actual_address,
    ambulance_from: "not_ambulance",
    phone: a.phone,
    category: "child_threat",
    location: a.location,
    identified_at: a.identified_at,
    comment: a.comment ?? null,
    startedAt: a.startedAt,
    kind: "child_threat",
    threat: {
      childName: a.child_name === "unknown" ? null : a.child_name,
      childBirth: a.child_birth === "unknown" ? null : a.child_birth,
      threat: a.threat,
      source: a.source,
    },
  });
}
