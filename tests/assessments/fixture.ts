/**
 * An assessment as `loadAssessment` returns it, built in memory for tests of pure rendering (cards,
 * the form): fictional people, every stage reachable by overriding fields.
 */
import type { AssessmentView } from "../../src/assessments/queries/assessment-view.ts";
import { RISK_FACTORS, THREATS, type Rating } from "../../src/assessments/domain/checklist.ts";

export const IDS = {
  assessment: "0b8e1f5e-1c2d-4e3f-8a9b-0c1d2e3f4a5b",
  service: "11111111-1111-4111-8111-111111111111",
  case: "22222222-2222-4222-8222-222222222222",
  signal: "33333333-3333-4333-8333-333333333333",
  specialist: "44444444-4444-4444-8444-444444444444",
  head: "55555555-5555-4555-8555-555555555555",
  action: "66666666-6666-4666-8666-666666666666",
};

const at = (iso: string) => new Date(iso);

/** Ratings from a 14-letter string (h, m, l, n) in the form's order. */
export function ratings(code: string): Record<string, Rating> {
  const of = { h: "high", m: "moderate", l: "low", n: "no_info" } as const;
  return Object.fromEntries(RISK_FACTORS.map((id, i) => [id, of[code[i] as keyof typeof of]]));
}

/** A finished assessment with a plan of one action (override any field). */
export function assessmentView(overrides: Partial<AssessmentView> = {}): AssessmentView {
  const threats = Object.fromEntries(THREATS.map((id) => [id, id === "t06_intoxication"]));
  const base: AssessmentView = {
    id: IDS.assessment,
    serviceId: IDS.service,
    number: "1/2026",
    year: 2026,
    seq: 1,
    origin: "signal",
    caseId: IDS.case,
    signalId: IDS.signal,
    specialistId: IDS.specialist,
    status: "completed",
    stage: "handover",
    checklistVersion: 1,
    urgency: "immediate",
    childFullName: "Тестов Пётр Алексеевич",
    childBirthDate: at("2026-11-20T00:00:00Z"),
    parentsText: null,
    parentsFromSignal: true,
    homeAddress: null,
    addressFromSignal: true,
    factsText: "Соседи сообщили о криках ребёнка по ночам",
    safety: {
      threats,
      vulnerability: { values: ["young_or_low_development"], texts: {} },
      protective: {
        values: ["family_aware", "other"],
        texts: { other: "Тётя живёт рядом и заходит каждый день" },
      },
    },
    familyHistory: "Ранее семья в поле зрения органов не попадала",
    planRequired: true,
    planKind: "in_family",
    placementText: null,
    ratings: ratings("hmhmlmmhnlhllm"),
    overallLevel: "moderate",
    overallReasoning: "Отец выехал, бабушка постоянно с ребёнком",
    conclusion: 3,
    recommendedServices: null,
    caseOpened: true,
    startedAt: at("2026-11-23T09:00:00Z"),
    plannedAt: at("2026-11-23T09:12:00Z"),
    contactDeadline: at("2026-11-23T10:12:00Z"),
    contactAt: at("2026-11-23T09:52:00Z"),
    safetyAt: at("2026-11-23T10:30:00Z"),
    planAt: at("2026-11-23T11:12:00Z"),
    ratedAt: at("2026-11-23T11:50:00Z"),
    overallAt: at("2026-11-23T11:55:00Z"),
    concludedAt: at("2026-11-23T11:57:00Z"),
    handedOverAt: null,
    handoverRecipient: null,
    handoverChannel: null,
    handoverFileId: null,
    acknowledgedAt: null,
    acknowledgedByName: null,
    reviewedAt: null,
    reviewedById: null,
    reviewComment: null,
    cancelledAt: null,
    cancelReason: null,
    dueStep: "handover",
    dueAt: at("2026-11-23T12:04:00Z"),
    createdAt: at("2026-11-23T09:00:00Z"),
    version: 12,
    service: { id: IDS.service, timeZone: "Europe/Moscow" },
    case: { id: IDS.case, number: "1/2026", curatorId: IDS.specialist, signalId: IDS.signal, status: "open" },
    signal: {
      id: IDS.signal,
      serviceNumber: 2,
      serviceYear: 2026,
      curatorId: IDS.specialist,
      status: "case_opened",
      womanFullName: "Тестова Анна Петровна",
      womanBirthDate: at("1995-03-12T00:00:00Z"),
      womanAge: null,
      actualAddress: "г. Москва, ул. Тестовая, 1",
      registeredAddress: null,
    },
    specialist: { id: IDS.specialist, fullName: "Петрова Анна Сергеевна" },
    reviewedBy: null,
    actions: [
      {
        id: IDS.action,
        assessmentId: IDS.assessment,
        position: 1,
        actionText: "Отец не остаётся с ребёнком наедине",
        dueDate: at("2026-11-24T00:00:00Z"),
        responsible: "Мать",
        monitoring: "Ежедневный звонок специалиста в 10:00",
        doneAt: null,
        removedAt: null,
        createdAt: at("2026-11-23T10:40:00Z"),
      },
    ],
  };
  return { ...base, ...overrides };
}
