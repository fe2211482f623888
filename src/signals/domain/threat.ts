/**
 * A signal of a threat to a child's life or health (seed 003): what its intake records besides the
 * journal's columns. Plain data; personal data (the child's name and birth, the threat's wording)
 * is cleared by anonymisation.
 */
import { z } from "zod";

/** Who told of the threat. */
export const THREAT_SOURCES = [
  "hospital_staff",
  "relatives",
  "neighbours",
  "agency",
  "child",
  "anonymous",
] as const;
export type ThreatSource = (typeof THREAT_SOURCES)[number];

/** The threat signal's own answers, as stored in `signals.threat`. */
export const threatDetails = z.object({
  childName: z.string().min(2).max(200).nullable(),
  /** A date ("YYYY-MM-DD"), an age in years, or null when unknown. */
  childBirth: z.union([z.iso.date(), z.number().int().min(0).max(17)]).nullable(),
  threat: z.string().min(5).max(1000),
  source: z.enum(THREAT_SOURCES),
});
export type ThreatDetails = z.infer<typeof threatDetails>;

/** The stored details, or null when the row has none (a newborn signal, or anonymised). */
export function readThreat(value: unknown): ThreatDetails | null {
  const parsed = threatDetails.safeParse(value);
  return parsed.success ? parsed.data : null;
}
