/**
 * "My work": the signals a person follows now. A curator: their open signals. A head: every open
 * signal of the service. A reporter: their hospital's signals of the last days (status and curator
 * only; nothing of the visit's outcome is read). Who sees what comes from the access policy's
 * scope, not from roles here.
 */
import type { StaffActor } from "../../platform/actor.ts";
import { signalScope } from "../../access/policy.ts";
import type { Db } from "../../platform/db/client.ts";
import { OPEN_STATUSES, type SignalStatus } from "../domain/lifecycle.ts";

/** How far back a reporter's list goes. */
export const REPORTER_RECENT_DAYS = 30;
/** Longest list of signals `/my` shows. */
export const MAX_WORK_SIGNALS = 60;

/** One signal in a work list. */
export interface WorkSignal {
  id: string;
  serviceNumber: number;
  serviceYear: number;
  hospitalNumber: number;
  hospitalYear: number;
  status: SignalStatus;
  urgency: "urgent" | "planned" | null;
  transmittedAt: Date;
  visitDeadline: Date | null;
  arrivedAt: Date | null;
  hospital: { shortName: string };
  curator: { fullName: string } | null;
}

/** Whose list it is, as the scope says: it decides which signals and how they are shown. */
export type WorkListKind = "own" | "hospital" | "service";

/** The work list's signals and its kind; empty when the actor has none (cases: src/cases/queries/work.ts). */
export async function workList(
  db: Db,
  actor: StaffActor,
  now: Date,
): Promise<{ kind: WorkListKind; signals: WorkSignal[] }> {
  const scope = signalScope(actor, "work.list");
  if (!scope) return { kind: "own", signals: [] };
  const kind: WorkListKind =
    scope.curatorId !== undefined ? "own" : scope.hospitalId !== undefined ? "hospital" : "service";
  const since = new Date(now.getTime() - REPORTER_RECENT_DAYS * 86_400_000);
  const signals = await db.signal.findMany({
    where: {
      ...scope,
      ...(kind === "hospital" ? { transmittedAt: { gte: since } } : { status: { in: OPEN_STATUSES } }),
    },
    orderBy: { transmittedAt: kind === "hospital" ? "desc" : "asc" },
    take: MAX_WORK_SIGNALS,
    select: {
      id: true,
      serviceNumber: true,
      serviceYear: true,
      hospitalNumber: true,
      hospitalYear: true,
      status: true,
      urgency: true,
      transmittedAt: true,
      visitDeadline: true,
      arrivedAt: true,
      hospital: { select: { shortName: true } },
      curator: { select: { fullName: true } },
    },
  });
  return { kind, signals };
}
