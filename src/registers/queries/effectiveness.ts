/**
 * The effectiveness report's data: the facts of a period read in a few statements (signals with
 * their cases, accompanied cases, hospitals' entered totals), the figures computed by the pure
 * domain (../domain/effectiveness.ts), and the previous period beside it. Writes the audit row
 * `report.read`.
 */
import { authorize, type Actor } from "../../access/policy.ts";
import type { CaseCloseReason, CaseStatus } from "../../cases/domain/case.ts";
import { writeAudit } from "../../platform/audit.ts";
import type { Db } from "../../platform/db/client.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import type { SignalStatus } from "../../signals/domain/lifecycle.ts";
import { signalNumber } from "../../signals/domain/numbers.ts";
import {
  effectiveness,
  type AccompaniedFact,
  type FigureResult,
  type SignalFact,
} from "../domain/effectiveness.ts";
import { periodInstants, previousPeriod, type DayPeriod } from "../domain/periods.ts";
import { coverage } from "../domain/totals.ts";

/** A hospital as the report names it. */
export interface ReportHospital {
  id: string;
  name: string;
  shortName: string;
}

/** One entered abandonment count. */
export interface AbandonmentEntry extends DayPeriod {
  count: number;
  enteredBy: { id: string; fullName: string } | null;
  channel: string;
  enteredAt: Date;
}

/** A hospital's abandonments for the period: the sum of entries covering it, or missing. */
export interface HospitalAbandonments {
  hospitalId: string;
  count: number | null;
  entries: AbandonmentEntry[];
  gaps: DayPeriod[];
}

/** The figures of one period. */
export interface PeriodFigures {
  period: DayPeriod;
  figures: FigureResult[];
  abandonments: HospitalAbandonments[];
}

/** The report: this period and the previous one. */
export interface EffectivenessReport {
  service: { id: string; name: string; timeZone: string };
  generatedAt: Date;
  hospitals: ReportHospital[];
  current: PeriodFigures;
  previous: PeriodFigures;
}

type SignalRow = {
  service_number: number;
  service_year: number;
  hospital_id: string;
  identified_at: Date;
  transmitted_at: Date;
  status: SignalStatus;
  case_number: string | null;
  case_status: CaseStatus | null;
  accompaniment_at: Date | null;
  closed_at: Date | null;
  close_reason: CaseCloseReason | null;
  handed_over_at: Date | null;
};

type AccompaniedRow = Omit<SignalRow, "identified_at" | "transmitted_at" | "status"> & {
  case_number: string;
  case_status: CaseStatus;
  accompaniment_at: Date;
};

type TotalRow = {
  hospital_id: string;
  period_from: Date;
  period_to: Date;
  count: number;
  channel: string;
  entered_at: Date;
  entered_by_id: string | null;
  entered_by_name: string | null;
};

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** A row as the JSON arrays of {@link periodFigures} carry it; times in epoch milliseconds. */
type CompactRow = [
  number,
  number,
  string,
  number | null,
  number | null,
  SignalStatus | null,
  string | null,
  CaseStatus | null,
  number | null,
  number | null,
  CaseCloseReason | null,
  number | null,
];

/** An instant as epoch milliseconds in JSON (exact for timestamptz(3)). */
function ms(column: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`(extract(epoch FROM ${column}) * 1000)::bigint`;
}

function fromCompact(r: CompactRow): SignalRow {
  const at = (value: number | null) => (value === null ? null : new Date(value));
  return {
    service_number: r[0],
    service_year: r[1],
    hospital_id: r[2],
    identified_at: at(r[3])!,
    transmitted_at: at(r[4])!,
    status: r[5]!,
    case_number: r[6],
    case_status: r[7],
    accompaniment_at: at(r[8]),
    closed_at: at(r[9]),
    close_reason: r[10],
    handed_over_at: at(r[11]),
  };
}

/** The figures of one period of a service. */
export async function periodFigures(
  db: Db,
  service: { id: string; timeZone: string },
  period: DayPeriod,
  hospitals: ReportHospital[],
): Promise<PeriodFigures> {
  const { from, to } = periodInstants(period, service.timeZone);
  // The period's signals with their cases, and the cases accompanied at some time in the period
  // (whenever their signal came). The figures are the newborn standard's: signals of a threat to a
  // child (seed 003, their own kind) and their cases are not counted. Each comes back as one JSON
  // array of compact rows: at tens of thousands of rows, one value to parse costs far less than as
  // many rows through the driver.
  const [signalRows] = await db.$queryRaw<{ rows: CompactRow[] }[]>`
    SELECT COALESCE(json_agg(json_build_array(
             s.service_number, s.service_year, s.hospital_id, ${ms(Prisma.sql`s.identified_at`)},
             ${ms(Prisma.sql`s.transmitted_at`)}, s.status, c.number, c.status, ${ms(Prisma.sql`c.accompaniment_at`)},
             ${ms(Prisma.sql`c.closed_at`)}, c.close_reason, ${ms(Prisma.sql`c.handed_over_at`)})
             ORDER BY s.service_year, s.service_number), '[]') AS rows
      FROM signals s LEFT JOIN cases c ON c.signal_id = s.id
     WHERE s.service_id = ${service.id}::uuid AND s.transmitted_at >= ${from} AND s.transmitted_at < ${to}
       AND s.kind = 'newborn'`;
  const [accompaniedRows] = await db.$queryRaw<{ rows: CompactRow[] }[]>`
    SELECT COALESCE(json_agg(json_build_array(
             s.service_number, s.service_year, s.hospital_id, NULL, NULL, NULL, c.number, c.status,
             ${ms(Prisma.sql`c.accompaniment_at`)}, ${ms(Prisma.sql`c.closed_at`)}, c.close_reason,
             ${ms(Prisma.sql`c.handed_over_at`)})
             ORDER BY c.accompaniment_at, c.number), '[]') AS rows
      FROM cases c JOIN signals s ON s.id = c.signal_id
     WHERE c.service_id = ${service.id}::uuid AND c.accompaniment_at < ${to} AND s.kind = 'newborn'
       AND (COALESCE(c.closed_at, c.handed_over_at) IS NULL OR COALESCE(c.closed_at, c.handed_over_at) >= ${from})`;
  const signals = (signalRows?.rows ?? []).map(fromCompact);
  const accompanied = (accompaniedRows?.rows ?? []).map(fromCompact) as AccompaniedRow[];
  const totals = await db.$queryRaw<TotalRow[]>`
    SELECT t.hospital_id, t.period_from, t.period_to, t.count, t.channel, t.entered_at,
           p.id AS entered_by_id, p.full_name AS entered_by_name
      FROM abandonment_totals t LEFT JOIN staff p ON p.id = t.entered_by_id
     WHERE t.service_id = ${service.id}::uuid AND t.period_from >= ${period.from}::date AND t.period_to <= ${period.to}::date
     ORDER BY t.period_from`;

  const caseOf = (r: Omit<SignalRow, "identified_at" | "transmitted_at" | "status">) =>
    r.case_number !== null && r.case_status !== null
      ? {
          number: r.case_number,
          status: r.case_status,
          accompanimentAt: r.accompaniment_at,
          closedAt: r.closed_at,
          closeReason: r.close_reason,
          handedOverAt: r.handed_over_at,
        }
      : null;
  const signalFacts: SignalFact[] = signals.map((r) => ({
    number: signalNumber({ serviceNumber: r.service_number, serviceYear: r.service_year }),
    hospitalId: r.hospital_id,
    identifiedAt: r.identified_at,
    transmittedAt: r.transmitted_at,
    status: r.status,
    case: caseOf(r),
  }));
  const accompaniedFacts: AccompaniedFact[] = accompanied.map((r) => ({
    signalNumber: signalNumber({ serviceNumber: r.service_number, serviceYear: r.service_year }),
    hospitalId: r.hospital_id,
    case: { ...caseOf(r)!, accompanimentAt: r.accompaniment_at },
  }));
  const abandonments: HospitalAbandonments[] = hospitals.map((h) => {
    const entries: AbandonmentEntry[] = totals
      .filter((t) => t.hospital_id === h.id)
      .map((t) => ({
        from: isoDay(t.period_from),
        to: isoDay(t.period_to),
        count: t.count,
        channel: t.channel,
        enteredAt: t.entered_at,
        enteredBy:
          t.entered_by_id !== null && t.entered_by_name !== null
            ? { id: t.entered_by_id, fullName: t.entered_by_name }
            : null,
      }));
    const covered = coverage(period, entries);
    return { hospitalId: h.id, count: covered.count, entries: covered.used, gaps: covered.gaps };
  });
  const figures = effectiveness({
    from,
    to,
    hospitalIds: hospitals.map((h) => h.id),
    signals: signalFacts,
    accompanied: accompaniedFacts,
    abandonments: abandonments.map((a) => ({ hospitalId: a.hospitalId, count: a.count })),
  });
  return { period, figures, abandonments };
}

/**
 * The report for `period` with the previous period beside it. Hospitals reported on: the active
 * ones and any that a signal of either period came from.
 *
 * @throws DomainError `forbidden` unless the actor may read reports.
 */
export async function readEffectiveness(
  db: Db,
  input: { actor: Actor; serviceId: string; period: DayPeriod; now: Date },
): Promise<EffectivenessReport> {
  authorize(input.actor, "report.read", { serviceId: input.serviceId });
  const service = await db.service.findUniqueOrThrow({
    where: { id: input.serviceId },
    select: { id: true, name: true, timeZone: true },
  });
  const previous = previousPeriod(input.period);
  const span = periodInstants({ from: previous.from, to: input.period.to }, service.timeZone);
  const hospitals = await db.$queryRaw<ReportHospital[]>`
    SELECT h.id, h.name, h.short_name AS "shortName" FROM hospitals h
     WHERE h.service_id = ${service.id}::uuid
       AND (h.active OR EXISTS (SELECT 1 FROM signals s WHERE s.hospital_id = h.id
                                  AND s.transmitted_at >= ${span.from} AND s.transmitted_at < ${span.to}))
     ORDER BY h.name`;
  const current = await periodFigures(db, service, input.period, hospitals);
  const before = await periodFigures(db, service, previous, hospitals);
  if (input.actor.kind === "staff") {
    await writeAudit(db, {
      actor: input.actor,
      action: "report.read",
      subjectType: "report",
      subjectId: "effectiveness",
      details: { period: { ...input.period }, previous: { ...previous } },
      at: input.now,
    });
  }
  return { service, generatedAt: input.now, hospitals, current, previous: before };
}
