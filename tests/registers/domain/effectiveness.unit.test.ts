/**
 * The effectiveness figures on a hand-built data set. Every expected value is counted by hand in
 * the comments next to the data, not computed by the code under test.
 */
import { describe, expect, it } from "vitest";
import {
  effectiveness,
  type AccompaniedFact,
  type CaseFact,
  type EffectivenessInput,
  type FigureId,
  type SignalFact,
} from "../../../src/registers/domain/effectiveness.ts";

const A = "hospital-a";
const B = "hospital-b";
const C = "hospital-c";
/** The first half of 2026 in Moscow time. */
const FROM = new Date("2025-12-31T21:00:00Z");
const TO = new Date("2026-06-30T21:00:00Z");

const at = (iso: string) => new Date(iso);
const minutes = (start: string, m: number) => new Date(at(start).getTime() + m * 60_000);

function kase(number: string, overrides: Partial<CaseFact>): CaseFact {
  return {
    number,
    status: "open",
    accompanimentAt: null,
    closedAt: null,
    closeReason: null,
    handedOverAt: null,
    ...overrides,
  };
}

function signal(
  number: string,
  hospitalId: string,
  passedAfterMinutes: number,
  status: SignalFact["status"],
  c: CaseFact | null = null,
): SignalFact {
  const identifiedAt = at("2026-03-10T07:00:00Z");
  return {
    number,
    hospitalId,
    identifiedAt,
    transmittedAt: minutes("2026-03-10T07:00:00Z", passedAfterMinutes),
    status,
    case: c,
  };
}

// Signals received in the period:
// A1  30 min  not confirmed
// A2  50 min  case 1: stage 3 closed, she did not change her decision (a)
// A3 120 min  case 2: stage 3 closed, changed, problems removed (b)          → changed, no support
// A4 240 min  case 3: moved to accompaniment on 1 Feb, still accompanied       → changed, needs support
// B1  61 min  case 4: still in stage 3                                         → pending
// B2 180 min  case 5: accompaniment from 20 Jan, closed 10 May: plan done      → changed, needs support
// B3 181 min  waiting for a curator                                            → pending
const case3 = kase("3/2026", { status: "accompaniment", accompanimentAt: at("2026-02-01T09:00:00Z") });
const case5 = kase("5/2026", {
  status: "closed",
  accompanimentAt: at("2026-01-20T09:00:00Z"),
  closedAt: at("2026-05-10T09:00:00Z"),
  closeReason: "plan_done",
});
const SIGNALS: SignalFact[] = [
  signal("1/2026", A, 30, "not_confirmed"),
  signal(
    "2/2026",
    A,
    50,
    "case_opened",
    kase("1/2026", { status: "closed", closedAt: at("2026-04-01T09:00:00Z"), closeReason: "not_changed" }),
  ),
  signal(
    "3/2026",
    A,
    120,
    "case_opened",
    kase("2/2026", {
      status: "closed",
      closedAt: at("2026-04-02T09:00:00Z"),
      closeReason: "changed_resolved",
    }),
  ),
  signal("4/2026", A, 240, "case_opened", case3),
  signal("5/2026", B, 61, "case_opened", kase("4/2026", {})),
  signal("6/2026", B, 180, "case_opened", case5),
  signal("7/2026", B, 181, "received"),
];

// Cases with an accompaniment, whenever their signal came:
// A4's case 3   accompanied, not ended                          → in, pending
// B2's case 5   closed 10 May 2026: plan done                   → in, success
// X  90/2025 A  from Sep 2025, closed 1 Mar 2026: plan not kept → in, plan not kept
// Y  91/2025 B  from Aug 2025, closed 20 Dec 2025: plan done    → out (ended before the period)
// Z  92/2025 B  from Oct 2025, closed 15 Jun 2026: child threat → in, threat
// W  93/2025 A  from Nov 2025, handed over 1 Apr 2026           → in, no numerator
// V  20/2026 A  from 20 Jun 2026, closed 5 Jul 2026: plan done  → in (closed after the period), pending
function accompanied(
  signalNumber: string,
  hospitalId: string,
  c: Partial<CaseFact> & { accompanimentAt: Date },
): AccompaniedFact {
  return { signalNumber, hospitalId, case: { ...kase(`c-${signalNumber}`, {}), ...c } };
}
const ACCOMPANIED: AccompaniedFact[] = [
  { signalNumber: "4/2026", hospitalId: A, case: { ...case3, accompanimentAt: case3.accompanimentAt! } },
  { signalNumber: "6/2026", hospitalId: B, case: { ...case5, accompanimentAt: case5.accompanimentAt! } },
  accompanied("90/2025", A, {
    status: "closed",
    accompanimentAt: at("2025-09-01T09:00:00Z"),
    closedAt: at("2026-03-01T09:00:00Z"),
    closeReason: "plan_not_kept",
  }),
  accompanied("91/2025", B, {
    status: "closed",
    accompanimentAt: at("2025-08-01T09:00:00Z"),
    closedAt: at("2025-12-20T09:00:00Z"),
    closeReason: "plan_done",
  }),
  accompanied("92/2025", B, {
    status: "closed",
    accompanimentAt: at("2025-10-01T09:00:00Z"),
    closedAt: at("2026-06-15T09:00:00Z"),
    closeReason: "against_child_interests",
  }),
  accompanied("93/2025", A, {
    status: "handed_over",
    accompanimentAt: at("2025-11-01T09:00:00Z"),
    handedOverAt: at("2026-04-01T09:00:00Z"),
  }),
  accompanied("20/2026", A, {
    status: "closed",
    accompanimentAt: at("2026-06-20T09:00:00Z"),
    closedAt: at("2026-07-05T09:00:00Z"),
    closeReason: "plan_done",
  }),
];

const INPUT: EffectivenessInput = {
  from: FROM,
  to: TO,
  hospitalIds: [A, B],
  signals: SIGNALS,
  accompanied: ACCOMPANIED,
  // A had 8 abandonments in the half-year, B none.
  abandonments: [
    { hospitalId: A, count: 8 },
    { hospitalId: B, count: 0 },
  ],
};

function figures(input: EffectivenessInput) {
  const result = effectiveness(input);
  return (id: FigureId) => result.find((f) => f.id === id)!;
}

/** numerator/denominator (pending), or the state when there is no value. */
function short(f: { numerator: number | null; denominator: number | null; state: string; pending: number }) {
  return f.state === "ok"
    ? `${f.numerator}/${f.denominator}${f.pending ? ` (${f.pending} pending)` : ""}`
    : f.state;
}

describe("effectiveness", () => {
  const figure = figures(INPUT);

  it("lists the nine figures in the seed's order", () => {
    expect(effectiveness(INPUT).map((f) => f.id)).toEqual([
      "signals_per_abandonment",
      "passed_within_1h",
      "passed_within_3h",
      "changed_decision",
      "changed_no_support",
      "changed_need_support",
      "accompaniment_success",
      "accompaniment_plan_not_kept",
      "accompaniment_child_threat",
    ]);
  });

  it("1: signals received ÷ abandonments entered (B's zero is said, not 0 %)", () => {
    const f = figure("signals_per_abandonment");
    expect(short(f.total)).toBe("7/8");
    expect(f.total.ratio).toBe(0.875);
    expect(short(f.byHospital[A]!)).toBe("4/8");
    expect(f.byHospital[B]).toMatchObject({
      numerator: 3,
      denominator: 0,
      ratio: null,
      state: "zero_denominator",
    });
    expect(f.numeratorItems.map((i) => i.signal)).toEqual([
      "1/2026",
      "2/2026",
      "3/2026",
      "4/2026",
      "5/2026",
      "6/2026",
      "7/2026",
    ]);
  });

  it("2: passed within 1 hour and within 3 hours of identification (180 min is on time, 181 is not)", () => {
    const hour = figure("passed_within_1h");
    expect(short(hour.total)).toBe("2/7");
    expect(hour.numeratorItems.map((i) => i.signal)).toEqual(["1/2026", "2/2026"]);
    expect(short(hour.byHospital[A]!)).toBe("2/4");
    // B passed none within an hour: a real 0 of 3, shown as 0 %.
    expect(hour.byHospital[B]).toMatchObject({ numerator: 0, denominator: 3, ratio: 0, state: "ok" });
    const three = figure("passed_within_3h");
    expect(short(three.total)).toBe("5/7");
    expect(three.numeratorItems.map((i) => i.signal)).toEqual([
      "1/2026",
      "2/2026",
      "3/2026",
      "5/2026",
      "6/2026",
    ]);
    expect(short(three.byHospital[A]!)).toBe("3/4");
    expect(short(three.byHospital[B]!)).toBe("2/3");
    expect(three.denominatorItems).toHaveLength(7);
  });

  it("3: changed the decision ÷ signals received, with the undecided counted as pending", () => {
    const f = figure("changed_decision");
    expect(short(f.total)).toBe("3/7 (2 pending)");
    expect(f.numeratorItems).toEqual([
      { signal: "3/2026", case: "2/2026", hospitalId: A },
      { signal: "4/2026", case: "3/2026", hospitalId: A },
      { signal: "6/2026", case: "5/2026", hospitalId: B },
    ]);
    expect(short(f.byHospital[A]!)).toBe("2/4");
    expect(short(f.byHospital[B]!)).toBe("1/3 (2 pending)");
  });

  it("4 and 5: of those who changed, without and with further support", () => {
    const none = figure("changed_no_support");
    expect(short(none.total)).toBe("1/3");
    expect(none.numeratorItems.map((i) => i.case)).toEqual(["2/2026"]);
    expect(short(none.byHospital[A]!)).toBe("1/2");
    expect(short(none.byHospital[B]!)).toBe("0/1");
    const support = figure("changed_need_support");
    expect(short(support.total)).toBe("2/3");
    expect(support.numeratorItems.map((i) => i.case)).toEqual(["3/2026", "5/2026"]);
    expect(short(support.byHospital[B]!)).toBe("1/1");
  });

  it("6–8: accompaniment closed in the period by reason ÷ cases accompanied during it", () => {
    const success = figure("accompaniment_success");
    expect(short(success.total)).toBe("1/6 (2 pending)");
    expect(success.denominatorItems.map((i) => i.signal)).toEqual([
      "4/2026",
      "6/2026",
      "90/2025",
      "92/2025",
      "93/2025",
      "20/2026",
    ]);
    expect(success.numeratorItems.map((i) => i.signal)).toEqual(["6/2026"]);
    expect(short(success.byHospital[A]!)).toBe("0/4 (2 pending)");
    expect(short(success.byHospital[B]!)).toBe("1/2");
    const notKept = figure("accompaniment_plan_not_kept");
    expect(short(notKept.total)).toBe("1/6 (2 pending)");
    expect(notKept.numeratorItems.map((i) => i.signal)).toEqual(["90/2025"]);
    expect(short(notKept.byHospital[A]!)).toBe("1/4 (2 pending)");
    const threat = figure("accompaniment_child_threat");
    expect(short(threat.total)).toBe("1/6 (2 pending)");
    expect(threat.numeratorItems.map((i) => i.signal)).toEqual(["92/2025"]);
    expect(short(threat.byHospital[B]!)).toBe("1/2");
  });

  it("a hospital without its total makes the first figure missing, naming it; the others still count", () => {
    const f = figures({ ...INPUT, hospitalIds: [A, B, C] })("signals_per_abandonment");
    expect(f.total).toEqual({
      numerator: 7,
      denominator: null,
      ratio: null,
      state: "missing_input",
      missing: [C],
      pending: 0,
    });
    expect(f.byHospital[C]).toMatchObject({ numerator: 0, state: "missing_input", missing: [C] });
    expect(short(f.byHospital[A]!)).toBe("4/8");
  });

  it("no signals and no accompaniment: every figure says zero denominator, none is 0 %", () => {
    const result = effectiveness({
      ...INPUT,
      signals: [],
      accompanied: [],
      abandonments: [
        { hospitalId: A, count: 0 },
        { hospitalId: B, count: 0 },
      ],
    });
    for (const f of result) {
      expect(f.total, f.id).toMatchObject({ ratio: null, state: "zero_denominator" });
      expect(f.total.numerator, f.id).toBe(0);
    }
  });
});
