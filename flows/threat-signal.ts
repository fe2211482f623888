/**
 * "Threat to a child": a signal of its own kind (seed 003) — information that a child's life or
 * health is under threat. The reporter names the child, the family, what is known of the threat
 * and who told of it; completing it creates the journals' rows like a newborn signal, marked with
 * its kind (src/signals/actions/submit-threat-signal.ts).
 */
import { z } from "zod";
import { CHILD_LOCATIONS, MAX_IDENTIFIED_AGE_HOURS } from "../src/signals/domain/lifecycle.ts";
import { THREAT_SOURCES } from "../src/signals/domain/threat.ts";
import type { FlowDefinition } from "../src/platform/flow/types.ts";

const unknown = { value: "unknown", label: "flows.threat_signal.unknown" };

export const threatSignalFlow: FlowDefinition = {
  id: "threat_signal",
  version: 1,
  steps: [
    {
      id: "child_name",
      hint: "flows.threat_signal.child_name.hint",
      answer: { kind: "text", maxLength: 200, presets: [unknown] },
      schema: z.string().regex(/^unknown$|\p{L}{2,}/u, "flows.threat_signal.errors.child_name"),
    },
    {
      id: "child_birth",
      hint: "flows.threat_signal.child_birth.hint",
      answer: { kind: "date", maxYearsAgo: 18, age: { min: 0, max: 17 }, presets: [unknown] },
    },
    {
      id: "full_name",
      hint: "flows.threat_signal.full_name.hint",
      answer: { kind: "text", maxLength: 200 },
      schema: z.string().regex(/\p{L}+[\s.-]+\p{L}+/u, "flows.threat_signal.errors.full_name"),
    },
    { id: "actual_address", answer: { kind: "text", maxLength: 300, presets: [unknown] } },
    { id: "phone", answer: { kind: "contact", presets: [unknown] } },
    {
      id: "location",
      answer: {
        kind: "choice",
        options: CHILD_LOCATIONS.map((value) => ({ value, label: `signal.location.${value}` })),
      },
    },
    { id: "threat", answer: { kind: "text", minLength: 5, maxLength: 1000 } },
    {
      id: "source",
      answer: {
        kind: "choice",
        columns: 2,
        options: THREAT_SOURCES.map((value) => ({ value, label: `signal.threat_source.${value}` })),
      },
    },
    {
      id: "identified_at",
      answer: {
        kind: "datetime",
        maxAgeHours: MAX_IDENTIFIED_AGE_HOURS,
        relative: [
          { minutesAgo: 0, label: "flows.new_signal.just_now" },
          { minutesAgo: 30, label: "flows.new_signal.min_30" },
          { minutesAgo: 60, label: "flows.new_signal.hour_1" },
        ],
        otherLabel: "flows.new_signal.other_time",
      },
    },
    { id: "comment", optional: true, answer: { kind: "text", maxLength: 1000 } },
  ],
  summary: { prompt: "flows.threat_signal.summary", submitLabel: "flows.new_signal.send" },
};
