/**
 * One case with what actions check, cards show and the schedule needs: its signal (number, the
 * woman, the visit outcome), people, sheet, every plan version with its actions, monitoring
 * entries and hand-overs.
 */
import type { Prisma } from "../../generated/prisma/client.ts";
import type { Db } from "../../platform/db/client.ts";
import type { PlanKind } from "../domain/case.ts";

const PERSON = { select: { id: true, fullName: true } } as const;

/** What a case is loaded with. */
export const CASE_INCLUDE = {
  signal: {
    select: {
      id: true,
      serviceNumber: true,
      serviceYear: true,
      womanFullName: true,
      womanBirthDate: true,
      womanAge: true,
      outcome: true,
      hospital: { select: { name: true, shortName: true } },
    },
  },
  service: { select: { name: true, timeZone: true } },
  curator: PERSON,
  psychologist: PERSON,
  sheet: true,
  plans: {
    orderBy: [{ kind: "asc" }, { version: "asc" }],
    include: { actions: { orderBy: { position: "asc" } }, createdBy: PERSON },
  },
  monitorings: { orderBy: [{ recordedAt: "asc" }, { number: "asc" }], include: { recordedBy: PERSON } },
  handovers: { orderBy: { createdAt: "asc" } },
} satisfies Prisma.CaseInclude;

/** Loads a case; null when there is none. */
export function loadCase(db: Db, id: string) {
  return db.case.findUnique({ where: { id }, include: CASE_INCLUDE });
}

/** A case as {@link loadCase} returns it. */
export type CaseView = NonNullable<Awaited<ReturnType<typeof loadCase>>>;

/** A plan version of a case as {@link loadCase} returns it. */
export type CasePlanView = CaseView["plans"][number];

/** The newest version of a plan kind, or null when none was made. */
export function currentPlan(c: Pick<CaseView, "plans">, kind: PlanKind): CasePlanView | null {
  return c.plans.filter((p) => p.kind === kind).at(-1) ?? null;
}

/** The first version of a plan kind, or null. */
export function firstPlan(c: Pick<CaseView, "plans">, kind: PlanKind): CasePlanView | null {
  return c.plans.find((p) => p.kind === kind) ?? null;
}

/** Finds a case by its display number in a service. */
export function findCaseByNumber(db: Db, serviceId: string, number: string) {
  return db.case.findUnique({ where: { serviceId_number: { serviceId, number } }, select: { id: true } });
}
