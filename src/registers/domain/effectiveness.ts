/**
 * The effectiveness figures of the service standard (seed 000, «Оценка эффективности»), computed
 * from plain facts. Pure: no clock, no I/O. Each figure is a numerator over a denominator, per
 * hospital and in total, with the signals and cases behind both (drill-down). A figure whose
 * denominator is zero, or whose input is missing, says so: it never becomes 0 %.
 *
 * What is counted (the seed names the ratios; these are the product's exact readings of them):
 *
 * | id | seed | numerator | denominator |
 * |----|------|-----------|-------------|
 * | `signals_per_abandonment` | поступившие сигналы ÷ все отказы в роддоме | signals received in the period | abandonments the hospitals entered for the period |
 * | `passed_within_1h`, `passed_within_3h` | переданные своевременно (1–3 ч) ÷ все переданные | received within 1 h / 3 h of identification | signals received |
 * | `changed_decision` | изменившие решение ÷ поступившие сигналы | their cases show a changed decision | signals received |
 * | `changed_no_support` | изменили, забрали ребёнка, не нуждаются в сопровождении ÷ изменившие | stage 3 closed with (b) | changed |
 * | `changed_need_support` | изменили и нуждаются в сопровождении ÷ изменившие | moved to accompaniment | changed |
 * | `accompaniment_success` | закрыты в связи с успешной реабилитацией ÷ все сопровождаемые | closed in the period: plan done | cases in accompaniment at some time in the period |
 * | `accompaniment_plan_not_kept` | закрыты из-за невыполнения обязательств ÷ все сопровождаемые | closed in the period: plan not kept | as above |
 * | `accompaniment_child_threat` | закрыты по причине угрозы ребёнку ÷ все сопровождаемые | closed in the period: against the child's interests | as above |
 *
 * The first five follow the signals received in the period (one cohort, as things stand when the
 * report is made): a case still in stage 3 is "pending" — not yet changed, and said so. The
 * accompaniment figures follow the cases accompanied during the period, since accompaniment
 * lasts about six months and outlives the half-year its signal came in; a case still accompanied
 * at the period's end is "pending".
 */
import { decisionChanged, type CaseCloseReason, type CaseStatus } from "../../cases/domain/case.ts";
import type { SignalStatus } from "../../signals/domain/lifecycle.ts";

/** The figures, in the order of the seed. */
export const FIGURE_IDS = [
  "signals_per_abandonment",
  "passed_within_1h",
  "passed_within_3h",
  "changed_decision",
  "changed_no_support",
  "changed_need_support",
  "accompaniment_success",
  "accompaniment_plan_not_kept",
  "accompaniment_child_threat",
] as const;
export type FigureId = (typeof FIGURE_IDS)[number];

/** A case as the figures see it. */
export interface CaseFact {
  number: string;
  status: CaseStatus;
  accompanimentAt: Date | null;
  closedAt: Date | null;
  closeReason: CaseCloseReason | null;
  handedOverAt: Date | null;
}

/** A signal received in the period, with its case. */
export interface SignalFact {
  /** The service journal number, "12/2026". */
  number: string;
  hospitalId: string;
  identifiedAt: Date;
  transmittedAt: Date;
  status: SignalStatus;
  case: CaseFact | null;
}

/** A case accompanied at some time in the period (whenever its signal came). */
export interface AccompaniedFact {
  signalNumber: string;
  hospitalId: string;
  case: CaseFact & { accompanimentAt: Date };
}

/** A hospital's abandonments for the period, or null when not (fully) entered. */
export interface AbandonmentInput {
  hospitalId: string;
  count: number | null;
}

/** What the figures are computed from. */
export interface EffectivenessInput {
  /** The period's instants (from inclusive, to exclusive). */
  from: Date;
  to: Date;
  /** Every hospital reported on (active ones and any a signal came from). */
  hospitalIds: string[];
  signals: SignalFact[];
  accompanied: AccompaniedFact[];
  abandonments: AbandonmentInput[];
}

/** A signal or case behind a figure. */
export interface DrillItem {
  signal: string;
  case: string | null;
  hospitalId: string;
}

/** Why a figure has no value. */
export type FigureState = "ok" | "zero_denominator" | "missing_input";

/** One figure for one hospital or in total. */
export interface Figure {
  numerator: number | null;
  denominator: number | null;
  /** numerator ÷ denominator; null unless `state` is "ok". */
  ratio: number | null;
  state: FigureState;
  /** Hospitals whose input is missing (`missing_input`). */
  missing: string[];
  /** Rows of the denominator whose outcome is not known yet (still in stage 3, still accompanied). */
  pending: number;
}

/** A figure in total, per hospital, and what is behind it. */
export interface FigureResult {
  id: FigureId;
  total: Figure;
  byHospital: Record<string, Figure>;
  numeratorItems: DrillItem[];
  denominatorItems: DrillItem[];
}

/** Minutes between identification and receipt that count as "on time" (seed: 1–3 hours). */
export const ON_TIME_MINUTES = { passed_within_1h: 60, passed_within_3h: 180 } as const;

interface Counted {
  numerator: DrillItem[];
  denominator: DrillItem[];
  pending: DrillItem[];
}

function figure(numerator: number, denominator: number, pending: number): Figure {
  if (denominator === 0)
    return { numerator, denominator, ratio: null, state: "zero_denominator", missing: [], pending };
  return { numerator, denominator, ratio: numerator / denominator, state: "ok", missing: [], pending };
}

/** How many items each hospital has (one pass, whatever the number of hospitals). */
function perHospital(items: { hospitalId: string }[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const i of items) counts.set(i.hospitalId, (counts.get(i.hospitalId) ?? 0) + 1);
  return counts;
}

function split(hospitalIds: string[], counted: Counted, id: FigureId): FigureResult {
  const byHospital: Record<string, Figure> = {};
  const numerators = perHospital(counted.numerator);
  const denominators = perHospital(counted.denominator);
  const pending = perHospital(counted.pending);
  for (const hospitalId of hospitalIds) {
    byHospital[hospitalId] = figure(
      numerators.get(hospitalId) ?? 0,
      denominators.get(hospitalId) ?? 0,
      pending.get(hospitalId) ?? 0,
    );
  }
  return {
    id,
    total: figure(counted.numerator.length, counted.denominator.length, counted.pending.length),
    byHospital,
    numeratorItems: counted.numerator,
    denominatorItems: counted.denominator,
  };
}

const item = (s: SignalFact): DrillItem => ({
  signal: s.number,
  case: s.case?.number ?? null,
  hospitalId: s.hospitalId,
});

/** Whether the visit and stage 3 are over, so a changed decision would show by now. */
function decisionKnown(s: SignalFact): boolean {
  if (s.status === "not_confirmed") return true;
  if (s.status !== "case_opened" || !s.case) return false;
  // Still in stage 3 (open, no close reason, not moved on): she may yet change her mind.
  return !(s.case.status === "open" && s.case.accompanimentAt === null);
}

/** The first figure: signals received ÷ abandonments entered by the hospitals. */
function signalsPerAbandonment(input: EffectivenessInput): FigureResult {
  const byHospital: Record<string, Figure> = {};
  const entered = new Map(input.abandonments.map((a) => [a.hospitalId, a.count]));
  const missing: string[] = [];
  let denominator = 0;
  const received = perHospital(input.signals);
  for (const hospitalId of input.hospitalIds) {
    const numerator = received.get(hospitalId) ?? 0;
    const count = entered.get(hospitalId) ?? null;
    if (count === null) {
      missing.push(hospitalId);
      byHospital[hospitalId] = {
        numerator,
        denominator: null,
        ratio: null,
        state: "missing_input",
        missing: [hospitalId],
        pending: 0,
      };
      continue;
    }
    denominator += count;
    byHospital[hospitalId] = figure(numerator, count, 0);
  }
  const numerator = input.signals.length;
  const total: Figure =
    missing.length > 0
      ? { numerator, denominator: null, ratio: null, state: "missing_input", missing, pending: 0 }
      : figure(numerator, denominator, 0);
  return {
    id: "signals_per_abandonment",
    total,
    byHospital,
    numeratorItems: input.signals.map(item),
    denominatorItems: [],
  };
}

/** Whether an accompanied case ended (closed or handed over) before `to`. */
function endedBy(c: CaseFact, to: Date): boolean {
  const end = c.closedAt ?? c.handedOverAt;
  return end !== null && end < to;
}

/**
 * Every figure for the period.
 *
 * @example
 * const figures = effectiveness({ from, to, hospitalIds, signals, accompanied, abandonments });
 * figures.find((f) => f.id === "changed_decision")!.total; // { numerator: 3, denominator: 10, ratio: 0.3, ... }
 */
export function effectiveness(input: EffectivenessInput): FigureResult[] {
  const { hospitalIds, signals } = input;
  const results: FigureResult[] = [signalsPerAbandonment(input)];

  for (const id of ["passed_within_1h", "passed_within_3h"] as const) {
    const limit = ON_TIME_MINUTES[id] * 60_000;
    results.push(
      split(
        hospitalIds,
        {
          numerator: signals
            .filter((s) => s.transmittedAt.getTime() - s.identifiedAt.getTime() <= limit)
            .map(item),
          denominator: signals.map(item),
          pending: [],
        },
        id,
      ),
    );
  }

  const changed = signals.filter((s) => s.case !== null && decisionChanged(s.case));
  results.push(
    split(
      hospitalIds,
      {
        numerator: changed.map(item),
        denominator: signals.map(item),
        pending: signals.filter((s) => !decisionKnown(s)).map(item),
      },
      "changed_decision",
    ),
  );
  results.push(
    split(
      hospitalIds,
      {
        numerator: changed
          .filter((s) => s.case!.closeReason === "changed_resolved" && s.case!.accompanimentAt === null)
          .map(item),
        denominator: changed.map(item),
        pending: [],
      },
      "changed_no_support",
    ),
  );
  results.push(
    split(
      hospitalIds,
      {
        numerator: changed.filter((s) => s.case!.accompanimentAt !== null).map(item),
        denominator: changed.map(item),
        pending: [],
      },
      "changed_need_support",
    ),
  );

  // Accompanied at some time in the period: moved before its end, not ended before its start.
  const accompanied = input.accompanied.filter(
    (a) => a.case.accompanimentAt < input.to && !endedBy(a.case, input.from),
  );
  const accompaniedItem = (a: AccompaniedFact): DrillItem => ({
    signal: a.signalNumber,
    case: a.case.number,
    hospitalId: a.hospitalId,
  });
  const closedInPeriod = (reason: CaseCloseReason) =>
    accompanied
      .filter(
        (a) =>
          a.case.closeReason === reason &&
          a.case.closedAt !== null &&
          a.case.closedAt >= input.from &&
          a.case.closedAt < input.to,
      )
      .map(accompaniedItem);
  const stillAccompanied = accompanied.filter((a) => !endedBy(a.case, input.to)).map(accompaniedItem);
  for (const [id, reason] of [
    ["accompaniment_success", "plan_done"],
    ["accompaniment_plan_not_kept", "plan_not_kept"],
    ["accompaniment_child_threat", "against_child_interests"],
  ] as const) {
    results.push(
      split(
        hospitalIds,
        {
          numerator: closedInPeriod(reason),
          denominator: accompanied.map(accompaniedItem),
          pending: stillAccompanied,
        },
        id,
      ),
    );
  }
  return results;
}
