/**
 * "New signal": the hospital's responsible specialist registers a woman at risk of
 * abandoning her newborn and passes the signal to the service (stage 1 of the standard).
 * Completing it creates the hospital journal row and the service journal row
 * (src/signals/actions/submit-signal.ts).
 *
 * The standard asks for the signal within 3 hours; the details can come later. So the four
 * answers the heads need to act come first (who, category, where she is, when the risk was
 * identified), and from then on every question offers "send now": the signal goes at once and
 * the remaining answers complete it (src/signals/actions/complete-signal.ts).
 */
import { z } from "zod";
import { capitalizeName } from "../src/signals/domain/names.ts";
import { MAX_IDENTIFIED_AGE_HOURS, TRANSMIT_LIMIT_MINUTES } from "../src/signals/domain/lifecycle.ts";
import type { FlowDefinition } from "../src/platform/flow/types.ts";

const unknown = { value: "unknown", label: "flows.new_signal.unknown" };
const pregnant = { step: "category", in: ["pregnant_intends"] };

/** The answers a signal is sent with by the urgent short path; the rest complete it. */
export const URGENT_STEPS = ["full_name", "category", "location", "identified_at"];

export const newSignalFlow: FlowDefinition = {
  id: "new_signal",
  version: 2,
  steps: [
    {
      id: "full_name",
      personal: true,
      hint: "flows.new_signal.full_name.hint",
      answer: { kind: "text", maxLength: 200 },
      schema: z
        .string()
        .regex(/\p{L}+[\s.-]+\p{L}+/u, "flows.new_signal.errors.full_name")
        .transform(capitalizeName),
    },
    {
      id: "category",
      answer: {
        kind: "choice",
        options: [
          { value: "intends_to_abandon", label: "signal.category.intends_to_abandon" },
          { value: "undecided", label: "signal.category.undecided" },
          { value: "refusal_written", label: "signal.category.refusal_written" },
          { value: "pregnant_intends", label: "signal.category.pregnant_intends" },
        ],
      },
    },
    {
      id: "location",
      answer: {
        kind: "choice",
        options: [
          { value: "together_in_ward", label: "signal.location.together_in_ward", when: { not: pregnant } },
          { value: "child_in_icu", label: "signal.location.child_in_icu", when: { not: pregnant } },
          { value: "in_hospital_pregnant", label: "signal.location.in_hospital_pregnant", when: pregnant },
          { value: "woman_left", label: "signal.location.woman_left" },
        ],
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
        late: { afterMinutes: TRANSMIT_LIMIT_MINUTES, warning: "flows.new_signal.late_warning" },
      },
    },
    {
      id: "birth",
      personal: true,
      hint: "flows.new_signal.birth.hint",
      answer: {
        kind: "date",
        minYearsAgo: 10,
        maxYearsAgo: 65,
        age: { min: 10, max: 65 },
        presets: [unknown],
      },
    },
    {
      id: "registered_address",
      personal: true,
      answer: { kind: "text", maxLength: 300, presets: [unknown] },
    },
    {
      id: "actual_address",
      personal: true,
      answer: {
        kind: "text",
        maxLength: 300,
        presets: [{ value: "same", label: "flows.new_signal.same_as_registered" }, unknown],
      },
    },
    {
      id: "ambulance_from",
      personal: true,
      answer: {
        kind: "text",
        maxLength: 300,
        presets: [{ value: "not_ambulance", label: "flows.new_signal.not_by_ambulance" }, unknown],
      },
    },
    {
      id: "phone",
      personal: true,
      hint: "flows.new_signal.phone.hint",
      answer: { kind: "contact", presets: [unknown] },
    },
    { id: "comment", personal: true, optional: true, answer: { kind: "text", maxLength: 1000 } },
  ],
  summary: { prompt: "flows.new_signal.summary", submitLabel: "flows.new_signal.send" },
  earlySubmit: { after: URGENT_STEPS, label: "flows.new_signal.send_now" },
  // Version 2 asks the urgent answers first; the answers themselves mean the same.
  migrations: { 1: (answers) => answers },
};
