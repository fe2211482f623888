/**
 * The regulation's time norms (seed 003, section 4 and 9) and what follows from them: how long
 * each step of an assessment took against its norm, and which step is due next and by when (an
 * overdue step is reported to the heads). Plain data and functions; callers pass the moments.
 */

/** The norms, in minutes, as the regulation states them. */
export const TIME_NORMS = {
  /** 4.1 Planning: «не превышает 20 мин». */
  planning: 20,
  /** 4.2 When the signal needs an immediate answer: «В течение часа выехать на встречу с семьей». */
  contactWhenUrgent: 60,
  /** 4.2 Establishing contact with the family: «20 мин». */
  engagement: 20,
  /** 4.3 Safety assessment: «30 минут»; with a safety plan and safety measures «в среднем 2 час.». */
  safety: 30,
  safetyWithPlan: 120,
  /** 4.4 Information for the risk assessment: «1 час»; with additional information «1,5 час.». */
  information: 60,
  informationWithMore: 90,
  /** 4.5 Risk assessment: «не превышает 10 мин». */
  risk: 10,
  /** 4.6 Hand-over to the guardianship authority: «не превышает 7 мин». */
  handover: 7,
  /** 9 Supervision: once a quarter, a 40-minute session. */
  supervisionSession: 40,
  supervisionEveryMonths: 3,
} as const;

/**
 * Not the regulation's: until the authority's receipt of the form is recorded, the specialist and
 * the heads are reminded once a day (as a case's hand-over is).
 */
export const HANDOVER_ACK_REMINDER_HOURS = 24;

/** The measured stretches of an assessment, each with a norm. */
export const MEASURED_STEPS = ["planning", "contact", "safety", "risk", "handover"] as const;
export type MeasuredStep = (typeof MEASURED_STEPS)[number];

/** The moments an assessment records (null until reached). */
export interface AssessmentMoments {
  startedAt: Date;
  plannedAt: Date | null;
  contactAt: Date | null;
  safetyAt: Date | null;
  planAt: Date | null;
  concludedAt: Date | null;
  handedOverAt: Date | null;
  /** Whether the signal needs an immediate answer (set at planning). */
  urgent: boolean | null;
  /** Whether the safety assessment found a threat (set with the safety assessment). */
  planRequired: boolean | null;
}

/** The upper norm of a stretch, in minutes; null when there is none (a planned contact is agreed). */
export function normMinutes(
  step: MeasuredStep,
  m: Pick<AssessmentMoments, "urgent" | "planRequired">,
): number | null {
  switch (step) {
    case "planning":
      return TIME_NORMS.planning;
    case "contact":
      return m.urgent ? TIME_NORMS.contactWhenUrgent : null;
    case "safety":
      // Until the checklist is done it is not known whether a plan is needed: the longer norm.
      return (
        TIME_NORMS.engagement + (m.planRequired === false ? TIME_NORMS.safety : TIME_NORMS.safetyWithPlan)
      );
    case "risk":
      return TIME_NORMS.informationWithMore + TIME_NORMS.risk;
    case "handover":
      return TIME_NORMS.handover;
  }
}

/** Where a stretch starts and ends. */
function bounds(step: MeasuredStep, m: AssessmentMoments): [Date | null, Date | null] {
  const safetyDone = m.planRequired ? m.planAt : m.safetyAt;
  switch (step) {
    case "planning":
      return [m.startedAt, m.plannedAt];
    case "contact":
      return [m.plannedAt, m.contactAt];
    case "safety":
      return [m.contactAt, safetyDone];
    case "risk":
      return [safetyDone, m.concludedAt];
    case "handover":
      return [m.concludedAt, m.handedOverAt];
  }
}

/** One measured stretch: how long it took (or has taken so far) against its norm. */
export interface StepTiming {
  step: MeasuredStep;
  /** Whole minutes taken; for a stretch in progress, minutes so far. */
  minutes: number;
  norm: number | null;
  finished: boolean;
  /** Longer than the norm. */
  over: boolean;
}

const minutesBetween = (from: Date, to: Date) =>
  Math.max(0, Math.floor((to.getTime() - from.getTime()) / 60_000));

/** The stretches begun so far, in order, measured at `now` when unfinished. */
export function timings(m: AssessmentMoments, now: Date): StepTiming[] {
  const out: StepTiming[] = [];
  for (const step of MEASURED_STEPS) {
    const [from, to] = bounds(step, m);
    if (!from) continue;
    const minutes = minutesBetween(from, to ?? now);
    const norm = normMinutes(step, m);
    out.push({ step, minutes, norm, finished: to !== null, over: norm !== null && minutes > norm });
  }
  return out;
}

/** The steps whose lateness is reported to the heads. */
export const DUE_STEPS = ["contact", "safety", "risk", "handover"] as const;
export type DueStep = (typeof DUE_STEPS)[number];

/**
 * The step due next and its deadline, or null when none is running with a norm (a planned contact
 * is agreed with the family; a finished assessment has nothing due).
 */
export function nextDue(m: AssessmentMoments): { step: DueStep; at: Date } | null {
  for (const step of DUE_STEPS) {
    const [from, to] = bounds(step, m);
    if (to) continue;
    if (!from) return null;
    const norm = normMinutes(step, m);
    return norm === null ? null : { step, at: new Date(from.getTime() + norm * 60_000) };
  }
  return null;
}
