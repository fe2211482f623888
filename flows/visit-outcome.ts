/**
 * The curator's visit outcome (stage 2, "the curator visits"): whom they met, whether the
 * woman confirms the intention, the reasons, the rehabilitation potential, and the decision:
 * open a case or close the signal as not confirmed. Started with `{ signalId }`;
 * completed by src/signals/record-outcome.ts.
 */
import type { FlowDefinition } from "../src/platform/flow/types.ts";

const met = { step: "met", in: ["met"] };

export const visitOutcomeFlow: FlowDefinition = {
  id: "visit_outcome",
  version: 1,
  steps: [
    {
      id: "met",
      answer: {
        kind: "choice",
        options: [
          { value: "met", label: "outcome.met.met" },
          { value: "left_hospital", label: "outcome.met.left_hospital" },
          { value: "refused_meeting", label: "outcome.met.refused_meeting" },
        ],
      },
    },
    {
      id: "address_visit",
      when: { step: "met", in: ["left_hospital"] },
      answer: {
        kind: "choice",
        options: [
          { value: "met_at_address", label: "outcome.address_visit.met_at_address" },
          { value: "not_found", label: "outcome.address_visit.not_found" },
        ],
      },
    },
    {
      id: "intention",
      when: { any: [met, { step: "address_visit", in: ["met_at_address"] }] },
      answer: {
        kind: "choice",
        options: [
          { value: "confirmed", label: "outcome.intention.confirmed" },
          { value: "will_take", label: "outcome.intention.will_take" },
          { value: "relatives_take", label: "outcome.intention.relatives_take" },
          { value: "undecided", label: "outcome.intention.undecided" },
        ],
      },
    },
    {
      id: "reasons",
      when: { step: "intention", in: ["confirmed", "relatives_take", "undecided"] },
      answer: {
        kind: "multi",
        options: [
          { value: "housing", label: "outcome.reasons.housing" },
          { value: "money", label: "outcome.reasons.money" },
          { value: "no_support", label: "outcome.reasons.no_support" },
          { value: "child_health", label: "outcome.reasons.child_health" },
          { value: "own_health", label: "outcome.reasons.own_health" },
          { value: "addiction", label: "outcome.reasons.addiction" },
          { value: "age", label: "outcome.reasons.age" },
          { value: "other", label: "outcome.reasons.other", withText: true },
        ],
        columns: 2,
      },
    },
    {
      id: "potential",
      personal: true,
      when: { step: "intention", answered: true },
      answer: { kind: "text", maxLength: 1000 },
    },
    {
      id: "decision",
      answer: {
        kind: "choice",
        options: [
          { value: "open_case", label: "outcome.decision.open_case" },
          { value: "not_confirmed", label: "outcome.decision.not_confirmed" },
        ],
      },
    },
    {
      id: "close_reason",
      personal: true,
      when: { step: "decision", in: ["not_confirmed"] },
      answer: { kind: "text", maxLength: 500 },
    },
  ],
  summary: { prompt: "flows.visit_outcome.summary", submitLabel: "flows.visit_outcome.save" },
};
