/**
 * The assessment's pure rules: the checklist as the seed has it, the child's vulnerability by age,
 * "any threat ⇒ a safety plan", the reasoning rule (the only comparison made with the ratings —
 * nothing computes an overall level), the stages, deadlines of plan actions and the time norms.
 */
import { describe, expect, it } from "vitest";
import {
  CONCLUSIONS,
  FORM_ROWS,
  PROTECTIVE_FACTORS,
  RISK_FACTORS,
  THREATS,
  VULNERABLE_GROUPS,
  type Rating,
  type RiskFactorId,
} from "../../src/assessments/domain/checklist.ts";
import { overdueAt, reminderAt, resolveDeadline } from "../../src/assessments/domain/deadline.ts";
import {
  ageVulnerability,
  canDo,
  conclusionOpensCase,
  factorsAbove,
  reasoningRequired,
  safetyPlanRequired,
  STAGES,
} from "../../src/assessments/domain/rules.ts";
import { nextDue, timings, type AssessmentMoments } from "../../src/assessments/domain/time-norms.ts";

const all = (rating: Rating) =>
  Object.fromEntries(RISK_FACTORS.map((id) => [id, rating])) as Record<RiskFactorId, Rating>;

describe("the checklist", () => {
  it("has the manual's 15 immediate threats, 6 vulnerable groups, 5 protective examples, 4 conclusions", () => {
    expect(THREATS).toHaveLength(15);
    expect(new Set(THREATS).size).toBe(15);
    expect(VULNERABLE_GROUPS).toHaveLength(6);
    expect(PROTECTIVE_FACTORS).toHaveLength(5);
    expect(CONCLUSIONS).toEqual([1, 2, 3, 4]);
  });

  it("rates ten factors, 3 and 6 through their sub-factors, in the form's order", () => {
    expect(RISK_FACTORS).toEqual([
      "1",
      "2",
      "3.1",
      "3.2",
      "3.3",
      "4",
      "5",
      "6.1",
      "6.2",
      "6.3",
      "7",
      "8",
      "9",
      "10",
    ]);
    expect(new Set(RISK_FACTORS.map((id) => id.split(".")[0])).size).toBe(10);
    expect(FORM_ROWS.filter((r) => r.heading).map((r) => r.id)).toEqual(["3", "6"]);
    expect(FORM_ROWS.filter((r) => !r.heading).map((r) => r.id)).toEqual([...RISK_FACTORS]);
  });
});

describe("the child's vulnerability by age", () => {
  it.each([
    ["2026-11-20", "extreme"], // a newborn
    ["2024-11-24", "extreme"], // one day short of two
    ["2024-11-23", "heightened"], // two today
    ["2020-11-24", "heightened"], // one day short of six
    ["2020-11-23", "ordinary"], // six today
    [null, "unknown"],
  ] as const)("born %s → %s on 2026-11-23", (birth, expected) => {
    expect(ageVulnerability(birth, "2026-11-23")).toBe(expected);
  });
});

describe("the safety plan", () => {
  it("is required when any one threat is present, and only then", () => {
    expect(safetyPlanRequired({})).toBe(false);
    expect(safetyPlanRequired(Object.fromEntries(THREATS.map((id) => [id, false])))).toBe(false);
    for (const id of THREATS) expect(safetyPlanRequired({ [id]: true })).toBe(true);
  });
});

describe("the overall level is the specialist's", () => {
  it("asks for a reasoning exactly when the chosen level is below some factor's rating", () => {
    const ratings = { ...all("low"), "7": "high" as const, "6.2": "no_info" as const };
    expect(factorsAbove("moderate", ratings)).toEqual(["7"]);
    expect(reasoningRequired("low", ratings)).toBe(true);
    expect(reasoningRequired("moderate", ratings)).toBe(true);
    expect(reasoningRequired("high", ratings)).toBe(false);
    // "No information" never counts as higher; nothing rated: nothing required.
    expect(reasoningRequired("low", all("no_info"))).toBe(false);
    expect(reasoningRequired("low", {})).toBe(false);
  });

  it("never needs a reasoning for a level above the factors: several moderate factors may amount to high", () => {
    expect(reasoningRequired("high", all("moderate"))).toBe(false);
    expect(reasoningRequired("moderate", all("low"))).toBe(false);
  });

  it("opens a case for conclusions 3 and 4 only", () => {
    expect(CONCLUSIONS.map(conclusionOpensCase)).toEqual([false, false, true, true]);
  });
});

describe("stages", () => {
  it("allow each step only where it belongs", () => {
    expect(STAGES.filter((s) => canDo(s, "contact"))).toEqual(["contact"]);
    expect(STAGES.filter((s) => canDo(s, "rate"))).toEqual(["risk", "overall", "conclusion"]);
    expect(STAGES.filter((s) => canDo(s, "overall"))).toEqual(["overall", "conclusion"]);
    expect(STAGES.filter((s) => canDo(s, "cancel"))).not.toContain("handover");
    expect(STAGES.filter((s) => canDo(s, "handover"))).toEqual(["handover"]);
  });
});

describe("safety-plan deadlines", () => {
  const today = "2026-11-23";
  it.each([
    ["+0", { ok: true, date: "2026-11-23" }],
    ["+1", { ok: true, date: "2026-11-24" }],
    ["+7", { ok: true, date: "2026-11-30" }],
    ["25.11", { ok: true, date: "2026-11-25" }],
    ["25.11.2026", { ok: true, date: "2026-11-25" }],
    ["25.11.26", { ok: true, date: "2026-11-25" }],
    ["2026-12-01", { ok: true, date: "2026-12-01" }],
    ["05.01", { ok: true, date: "2027-01-05" }],
    ["22.11", { ok: false, reason: "past" }],
    ["01.01.2026", { ok: false, reason: "past" }],
    ["01.06.2027", { ok: false, reason: "too_far" }],
    ["31.02", { ok: false, reason: "invalid" }],
    ["35.13.2026", { ok: false, reason: "invalid" }],
    ["завтра", { ok: false, reason: "invalid" }],
  ] as const)("%s → %j", (answer, expected) => {
    expect(resolveDeadline(answer, today)).toEqual(expected);
  });

  it("reads a date without a year as next year's only when it is near (typed on 28.12)", () => {
    expect(resolveDeadline("05.01", "2026-12-28")).toEqual({ ok: true, date: "2027-01-05" });
    expect(resolveDeadline("27.12", "2026-12-28")).toEqual({ ok: false, reason: "past" });
  });

  it("reminds at 09:00 on the day and reports overdue when the day ends, in the service's zone", () => {
    expect(reminderAt("2026-11-24", "Europe/Moscow").toISOString()).toBe("2026-11-24T06:00:00.000Z");
    expect(overdueAt("2026-11-24", "Europe/Moscow").toISOString()).toBe("2026-11-24T21:00:00.000Z");
    expect(overdueAt("2026-11-24", "Asia/Vladivostok").toISOString()).toBe("2026-11-24T14:00:00.000Z");
  });
});

describe("time norms", () => {
  const at = (minutes: number) => new Date(Date.UTC(2026, 10, 23, 9, minutes));
  const base: AssessmentMoments = {
    startedAt: at(0),
    plannedAt: null,
    contactAt: null,
    safetyAt: null,
    planAt: null,
    concludedAt: null,
    handedOverAt: null,
    urgent: null,
    planRequired: null,
  };

  it("watches contact within an hour only when the answer must be immediate", () => {
    expect(nextDue({ ...base, plannedAt: at(15), urgent: true })).toEqual({ step: "contact", at: at(75) });
    expect(nextDue({ ...base, plannedAt: at(15), urgent: false })).toBeNull();
  });

  it("then the safety assessment (2 h 20 min until the checklist says no plan is needed), the risk assessment, the hand-over", () => {
    const contact = { ...base, plannedAt: at(15), urgent: true, contactAt: at(40) };
    expect(nextDue(contact)).toEqual({ step: "safety", at: at(40 + 140) });
    const withPlan = { ...contact, safetyAt: at(80), planRequired: true };
    expect(nextDue(withPlan)).toEqual({ step: "safety", at: at(40 + 140) });
    const planned = { ...withPlan, planAt: at(150) };
    expect(nextDue(planned)).toEqual({ step: "risk", at: at(150 + 100) });
    const noPlan = { ...contact, safetyAt: at(80), planRequired: false };
    expect(nextDue(noPlan)).toEqual({ step: "risk", at: at(80 + 100) });
    const concluded = { ...noPlan, concludedAt: at(200) };
    expect(nextDue(concluded)).toEqual({ step: "handover", at: at(207) });
    expect(nextDue({ ...concluded, handedOverAt: at(205) })).toBeNull();
  });

  it("measures each stretch against its norm", () => {
    const m = {
      ...base,
      plannedAt: at(25),
      urgent: true,
      contactAt: at(70),
      safetyAt: at(100),
      planRequired: false,
    };
    expect(timings(m, at(130))).toEqual([
      { step: "planning", minutes: 25, norm: 20, finished: true, over: true },
      { step: "contact", minutes: 45, norm: 60, finished: true, over: false },
      { step: "safety", minutes: 30, norm: 50, finished: true, over: false },
      { step: "risk", minutes: 30, norm: 100, finished: false, over: false },
    ]);
  });
});
