/**
 * Erasure on request (152-ФЗ art. 21): a woman asks the service to destroy her personal data. The
 * administrator finds her signals ({@link findPersonSignals}) and anonymises them
 * ({@link erasePerson}); one audit row records the request. The journals keep their numbered rows
 * (numbers, dates, hospital, category, decisions), with nothing left that identifies her.
 *
 * Work still in progress (an open signal or case) is refused unless `force` is given: erasing it
 * ends what the curator can do for her, which must be a decision, not a slip.
 */
import type { Actor } from "../../platform/actor.ts";
import { writeAudit } from "../../platform/audit.ts";
import type { Db } from "../../platform/db/client.ts";
import { apiError } from "../../platform/errors.ts";
import { nameKey } from "../../signals/domain/names.ts";
import { anonymiseSignals, type AnonymiseDeps } from "./anonymise-signals.ts";

/** A signal found for an erasure request: enough to recognise it, nothing more. */
export interface PersonSignal {
  id: string;
  number: string;
  hospital: string;
  transmittedAt: Date;
  status: string;
  caseStatus: string | null;
  birthDate: string | null;
  anonymised: boolean;
}

/** The signals of one service about a woman of this name (and birth date, when given). */
export async function findPersonSignals(
  db: Db,
  input: { serviceId: string; fullName: string; birthDate?: string },
): Promise<PersonSignal[]> {
  const rows = await db.signal.findMany({
    where: {
      serviceId: input.serviceId,
      womanNameKey: nameKey(input.fullName),
      ...(input.birthDate
        ? { OR: [{ womanBirthDate: new Date(`${input.birthDate}T00:00:00Z`) }, { womanBirthDate: null }] }
        : {}),
    },
    orderBy: { transmittedAt: "asc" },
    select: {
      id: true,
      serviceNumber: true,
      serviceYear: true,
      transmittedAt: true,
      status: true,
      womanBirthDate: true,
      hospital: { select: { shortName: true } },
      case: { select: { status: true } },
    },
  });
  const done = new Set(
    (await db.anonymisation.findMany({ where: { signalId: { in: rows.map((r) => r.id) } } })).map(
      (a) => a.signalId,
    ),
  );
  return rows.map((r) => ({
    id: r.id,
    number: `${r.serviceNumber}/${r.serviceYear}`,
    hospital: r.hospital.shortName,
    transmittedAt: r.transmittedAt,
    status: r.status,
    caseStatus: r.case?.status ?? null,
    birthDate: r.womanBirthDate?.toISOString().slice(0, 10) ?? null,
    anonymised: done.has(r.id),
  }));
}

/** Signal statuses and case statuses in which work with her still goes on. */
const OPEN_SIGNAL = new Set(["received", "assigned", "accepted", "on_the_way", "arrived"]);
const OPEN_CASE = new Set(["open", "accompaniment"]);

/**
 * Anonymises the given signals of `serviceId` on the woman's request; returns the ids anonymised now.
 * @throws DomainError `conflict` for work in progress without `force`, `not_found` for an id of
 *   another service.
 */
export async function erasePerson(
  deps: AnonymiseDeps,
  actor: Actor,
  input: { serviceId: string; signalIds: string[]; force?: boolean },
): Promise<string[]> {
  const signals = await deps.tx.signal.findMany({
    where: { id: { in: input.signalIds }, serviceId: input.serviceId },
    select: {
      id: true,
      status: true,
      serviceNumber: true,
      serviceYear: true,
      case: { select: { status: true } },
    },
  });
  if (signals.length !== new Set(input.signalIds).size)
    throw apiError("not_found", "no such signal in the service");
  const done = new Set(
    (await deps.tx.anonymisation.findMany({ where: { signalId: { in: signals.map((s) => s.id) } } })).map(
      (a) => a.signalId,
    ),
  );
  const open = signals.filter(
    (s) => !done.has(s.id) && (OPEN_SIGNAL.has(s.status) || (s.case && OPEN_CASE.has(s.case.status))),
  );
  if (open.length > 0 && !input.force) {
    throw apiError(
      "conflict",
      `work is still in progress on ${open.map((s) => `${s.serviceNumber}/${s.serviceYear}`).join(", ")}: close it first, or confirm with --force`,
    );
  }
  const anonymised = await anonymiseSignals(deps, actor, {
    signalIds: signals.map((s) => s.id),
    reason: "request",
  });
  await writeAudit(deps.tx, {
    actor,
    action: "person.erased",
    subjectType: "service",
    subjectId: input.serviceId,
    serviceId: input.serviceId,
    details: {
      signalIds: signals.map((s) => s.id),
      anonymisedNow: anonymised.length,
      forced: open.length > 0,
    },
    at: deps.now,
  });
  return anonymised;
}
