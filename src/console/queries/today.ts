/**
 * "Today": what the service has to do now. For heads and administrators (`service.overview`):
 * signals waiting for a curator, visits to be made, each curator's load out of 9. For a curator:
 * their own open signals and cases (the bot's `/my`). No woman's personal data is read here (the
 * signal page shows it, audited), so these reads leave no audit row.
 *
 * Issue 9 adds overdue monitoring and actions and hand-overs waiting for acknowledgement as
 * further sections of this page.
 */
import { authorize, type StaffActor } from "../../access/policy.ts";
import { OPEN_CASE_STATUSES } from "../../cases/domain/case.ts";
import type { SignalCategory, Urgency, WomanLocation } from "../../generated/prisma/enums.ts";
import type { Db } from "../../platform/db/client.ts";
import type { SignalStatus } from "../../signals/domain/lifecycle.ts";
import { curatorLoads } from "../../signals/queries/staff.ts";

/** A signal in a Today list. */
export interface TodaySignal {
  id: string;
  serviceNumber: number;
  serviceYear: number;
  hospital: { shortName: string; name: string };
  category: SignalCategory;
  location: WomanLocation;
  urgency: Urgency | null;
  status: SignalStatus;
  transmittedAt: Date;
  late: boolean;
  visitDeadline: Date | null;
  curator: { id: string; fullName: string } | null;
  isDemo: boolean;
}

/** A curator with their load. */
export interface CuratorLoadRow {
  id: string;
  fullName: string;
  /** Open cases (the standard allows 9). */
  openCases: number;
  /** Signals they are on that are not decided yet. */
  activeSignals: number;
}

/** The head's view of the service now. */
export interface ServiceOverview {
  waiting: TodaySignal[];
  visits: TodaySignal[];
  curators: CuratorLoadRow[];
}

const LIST_LIMIT = 200;

const SIGNAL_ROW = {
  id: true,
  serviceNumber: true,
  serviceYear: true,
  category: true,
  location: true,
  urgency: true,
  status: true,
  transmittedAt: true,
  late: true,
  visitDeadline: true,
  isDemo: true,
  hospital: { select: { shortName: true, name: true } },
  curator: { select: { id: true, fullName: true } },
} as const;

/**
 * Signals waiting for a curator (oldest first), visits still to be made (nearest deadline
 * first), and the curators' loads (by name).
 *
 * @throws DomainError `forbidden` for roles without `service.overview`.
 */
export async function serviceOverview(db: Db, actor: StaffActor): Promise<ServiceOverview> {
  authorize(actor, "service.overview");
  const serviceId = actor.serviceId;
  const [waiting, visits, loads, active] = await Promise.all([
    db.signal.findMany({
      where: { serviceId, status: "received" },
      orderBy: [{ transmittedAt: "asc" }, { serviceNumber: "asc" }],
      take: LIST_LIMIT,
      select: SIGNAL_ROW,
    }),
    db.signal.findMany({
      where: { serviceId, status: { in: ["assigned", "accepted", "on_the_way"] } },
      orderBy: [{ visitDeadline: { sort: "asc", nulls: "last" } }, { assignedAt: "asc" }],
      take: LIST_LIMIT,
      select: SIGNAL_ROW,
    }),
    curatorLoads(db, serviceId),
    db.signal.groupBy({
      by: ["curatorId"],
      where: { serviceId, status: { in: ["assigned", "accepted", "on_the_way", "arrived"] } },
      _count: { _all: true },
    }),
  ]);
  const activeBy = new Map(active.map((row) => [row.curatorId, row._count._all]));
  return {
    waiting,
    visits,
    curators: loads.map((c) => ({ ...c, activeSignals: activeBy.get(c.id) ?? 0 })),
  };
}

/** A curator's own work: open signals and open cases. */
export interface CuratorWork {
  signals: TodaySignal[];
  cases: {
    id: string;
    number: string;
    openedAt: Date;
    signalId: string;
    serviceNumber: number;
    serviceYear: number;
  }[];
}

/** The actor's own open signals (nearest deadline first) and open cases. */
export async function curatorWork(db: Db, actor: StaffActor): Promise<CuratorWork> {
  authorize(actor, "work.list");
  const [signals, cases] = await Promise.all([
    db.signal.findMany({
      where: {
        serviceId: actor.serviceId,
        curatorId: actor.id,
        status: { in: ["assigned", "accepted", "on_the_way", "arrived"] },
      },
      orderBy: [{ visitDeadline: { sort: "asc", nulls: "last" } }, { transmittedAt: "asc" }],
      take: LIST_LIMIT,
      select: SIGNAL_ROW,
    }),
    db.case.findMany({
      where: { serviceId: actor.serviceId, curatorId: actor.id, status: { in: [...OPEN_CASE_STATUSES] } },
      orderBy: { openedAt: "asc" },
      take: LIST_LIMIT,
      select: {
        id: true,
        number: true,
        openedAt: true,
        signal: { select: { id: true, serviceNumber: true, serviceYear: true } },
      },
    }),
  ]);
  return {
    signals,
    cases: cases.map((c) => ({
      id: c.id,
      number: c.number,
      openedAt: c.openedAt,
      signalId: c.signal.id,
      serviceNumber: c.signal.serviceNumber,
      serviceYear: c.signal.serviceYear,
    })),
  };
}

/** Curators to choose from when assigning (the same list and loads as the bot's). */
export { curatorLoads };
