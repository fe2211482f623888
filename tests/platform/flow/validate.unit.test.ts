import { describe, expect, it } from "vitest";
import { createChatApp, createProductTranslator } from "../../../src/app/areas.ts";
import { assertValidFlow, flowProblems, FlowDefinitionError } from "../../../src/platform/flow/validate.ts";
import { brokenFlows } from "../../fixtures/broken-flows/index.ts";
import { intakeFlow } from "../../fixtures/flows/intake.ts";
import { intakeTexts } from "../../fixtures/flows/intake.texts.ts";
import { planFlow, progressFlow } from "../../fixtures/flows/plan.ts";
import { planTexts } from "../../fixtures/flows/plan.texts.ts";

// The same registry the runtime serves: every flow of every area of the product.
const flows = createChatApp().flows.map((feature) => feature.flow);
const translator = createProductTranslator();
translator.addTexts("ru", intakeTexts.ru);
translator.addTexts("en", intakeTexts.en);
translator.addTexts("ru", planTexts.ru);
translator.addTexts("en", planTexts.en);

describe("flow validation", () => {
  it.each(flows.map((f) => [f.id, f] as const))(
    "product flow %s is valid with texts in every locale",
    (_id, flow) => {
      expect(flowProblems(flow, translator.keyCheck)).toEqual([]);
    },
  );

  it("the test flows are valid", () => {
    expect(flowProblems(intakeFlow, translator.keyCheck)).toEqual([]);
    expect(flowProblems(planFlow, translator.keyCheck)).toEqual([]);
    expect(flowProblems(progressFlow, translator.keyCheck)).toEqual([]);
  });

  it.each(brokenFlows.map((b) => [b.name, b] as const))("%s", (_name, broken) => {
    const problems = flowProblems(broken.flow, translator.keyCheck);
    expect(problems[0]).toBe(broken.error);
    expect(() => assertValidFlow(broken.flow, translator.keyCheck)).toThrow(FlowDefinitionError);
  });

  it("flow ids are unique", () => {
    const ids = flows.map((f) => f.id);
    expect(ids.length).toBeGreaterThanOrEqual(4);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
