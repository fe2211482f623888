/** What the head's card suggests from the answers: the woman's age and the recommended urgency. */
import { describe, expect, it } from "vitest";
import { suggestedUrgency, womanAgeAt } from "../../../src/signals/domain/suggest.ts";

const identifiedAt = new Date("2026-11-23T21:30:00Z"); // 24.11 00:30 in Moscow

describe("suggestions on the head's card", () => {
  it("the age counts from the birth date on the day the risk was identified, in the service's zone", () => {
    const signal = { womanBirthDate: new Date("2009-11-24T00:00:00Z"), womanAge: null, identifiedAt };
    expect(womanAgeAt(signal, "Europe/Moscow")).toBe(17);
    expect(womanAgeAt(signal, "UTC")).toBe(16); // still 23.11 in UTC: her birthday is tomorrow
    expect(womanAgeAt({ womanBirthDate: null, womanAge: 25, identifiedAt }, "UTC")).toBe(25);
    expect(womanAgeAt({ womanBirthDate: null, womanAge: null, identifiedAt }, "UTC")).toBeNull();
  });

  it("urgent is recommended only when she intends to abandon and is in the hospital with the child", () => {
    for (const category of ["intends_to_abandon", "refusal_written"])
      for (const location of ["together_in_ward", "child_in_icu"])
        expect(suggestedUrgency({ category, location }), `${category} ${location}`).toBe("urgent");
    expect(suggestedUrgency({ category: "undecided", location: "together_in_ward" })).toBeNull();
    expect(suggestedUrgency({ category: "pregnant_intends", location: "together_in_ward" })).toBeNull();
    expect(suggestedUrgency({ category: "intends_to_abandon", location: "woman_left" })).toBeNull();
    expect(suggestedUrgency({ category: "refusal_written", location: "child_in_hospital" })).toBeNull();
  });
});
