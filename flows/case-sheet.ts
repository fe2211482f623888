/**
 * The signal sheet (сигнальный лист, seed 000): what the curator learned at the first meeting.
 * Started with `{ caseId }` and the answers known already (a draft, the sheet being changed, the
 * visit outcome's rehabilitation potential): those are not asked again and show in the summary.
 * Completed by src/cases/chat/flows.ts (saveSheet); left half-way, it is kept as a draft.
 */
import { SHEET_OPTIONS } from "../src/cases/domain/sheet.ts";
import type { ChoiceOption, FlowDefinition } from "../src/platform/flow/types.ts";

const options = (key: keyof typeof SHEET_OPTIONS): ChoiceOption[] =>
  SHEET_OPTIONS[key].map((value) => ({ value, label: `case.sheet.${key}.${value}` }));

export const caseSheetFlow: FlowDefinition = {
  id: "case_sheet",
  version: 1,
  steps: [
    { id: "potential_level", answer: { kind: "choice", options: options("potential_level") } },
    { id: "potential", personal: true, answer: { kind: "text", maxLength: 1000 } },
    { id: "earlier_refusals", answer: { kind: "choice", options: options("earlier_refusals"), columns: 3 } },
    { id: "deprivation", answer: { kind: "choice", options: options("deprivation"), columns: 2 } },
    { id: "children", answer: { kind: "choice", options: options("children") } },
    {
      id: "children_note",
      personal: true,
      when: { not: { step: "children", in: ["none"] } },
      optional: true,
      answer: { kind: "text", maxLength: 500 },
    },
    { id: "housing", answer: { kind: "choice", options: options("housing"), columns: 2 } },
    { id: "registration", answer: { kind: "choice", options: options("registration") } },
    { id: "income", answer: { kind: "choice", options: options("income"), columns: 2 } },
    { id: "close_people", answer: { kind: "multi", options: options("close_people"), columns: 2 } },
    {
      id: "circle_position",
      when: { not: { step: "close_people", in: ["nobody"] } },
      answer: { kind: "choice", options: options("circle_position"), columns: 2 },
    },
    { id: "meeting_woman", personal: true, answer: { kind: "text", maxLength: 1500 } },
    { id: "meeting_circle", personal: true, optional: true, answer: { kind: "text", maxLength: 1500 } },
  ],
  summary: { prompt: "flows.case_sheet.summary", submitLabel: "flows.case_sheet.save" },
};
