/**
 * Reading the two journals, for the API and the registers: filters, paging, and the audit row
 * every read of a woman's personal data leaves. Who sees which rows is the access policy's
 * ({@link signalScope}): heads and admins the whole service, a curator their own signals, a
 * reporter their hospital's rows of the hospital journal only.
 *
 * Built to stay fast at a million signals (figures in `npm run bench`):
 * - one statement per page, with every relation joined (hospital, people, the case);
 * - keyset pagination (`cursor`): a page starts where the last one ended, at any depth;
 *   `page` (OFFSET) is kept for older clients and counts the rows, a cursor page does not;
 * - a period's rows are found first through the period indexes and only then ordered by journal
 *   number: numbers follow receipt only roughly, so walking the number order to find a period
 *   reads every row before it. Periods longer than {@link PERIOD_FIRST_MAX_DAYS} (or open at the
 *   start) walk the number order instead, where the period's rows are most of the way.
 *
 * - a search by the woman's name (`name`, the console's) is normalised as the earlier-signals check
 *   normalises names (../domain/names.ts) and found through the name indexes, then ordered: a
 *   name's rows are few, wherever they lie in the number order.
 *
 * The service journal's decisions come from the signal (visit outcome) and its case (opened,
 * moved to accompaniment, closed with a reason, handed over): add a decision by adding a column
 * to {@link CASE_COLUMNS} and {@link CaseDecisions}.
 */
import { signalScope, type StaffActor } from "../../access/policy.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import type { SignalCategory, SignalKind, Urgency, WomanLocation } from "../../generated/prisma/enums.ts";
import type { CaseCloseReason, CaseStatus } from "../../cases/domain/case.ts";
import { writeAudit } from "../../platform/audit.ts";
import type { Db } from "../../platform/db/client.ts";
import { apiError, type DomainError } from "../../platform/errors.ts";
import type { Json } from "../../platform/flow/types.ts";
import type { SignalStatus } from "../domain/lifecycle.ts";
import { nameKey, nameParts } from "../domain/names.ts";
import { hospitalNumber, signalNumber } from "../domain/numbers.ts";
import { resolvePeriod, type Period } from "./period.ts";

/** The journals the service keeps about signals. */
export type JournalName = "hospital" | "service";

/** Filters and paging of a journal, already validated at the edge. */
export interface JournalFilters {
  hospitalId?: string | undefined;
  curatorId?: string | undefined;
  status?: SignalStatus | undefined;
  /** Start of the period, inclusive: an ISO date or date-time (see `parsePeriodBound`). */
  from?: string | undefined;
  /** End of the period, exclusive. */
  to?: string | undefined;
  /** From 1 (OFFSET paging; ignored when `cursor` is given). */
  page: number;
  pageSize: number;
  /** Where the previous page ended (its `nextCursor`): keyset paging, no count. */
  cursor?: string | undefined;
  /**
   * The woman's name to search for: a surname, a surname and first name, or the full name (case,
   * ё/е, punctuation and extra spaces do not matter; a row without a patronymic matches a full
   * name). Personal data: keep it out of addresses and logs; the audit row records only its length.
   */
  name?: string | undefined;
}

/** One page of a journal. */
export interface JournalPage<T> {
  items: T[];
  /** The page number asked for; null for a cursor page. */
  page: number | null;
  pageSize: number;
  /** Rows matching the filters on all pages; null for a cursor page (counted on the first). */
  total: number | null;
  /** Pass as `cursor` for the next page; null after the last. */
  nextCursor: string | null;
  /** The service's zone: the period is read in it and times are shown in it. */
  timeZone: string;
}

/** A person as journals name them. */
export interface PersonRef {
  id: string;
  fullName: string;
}

/** A hospital as journals name it. */
export interface HospitalRef {
  id: string;
  name: string;
}

/** A row of the hospital signal journal (журнал записи сигналов). */
export interface HospitalJournalRow {
  id: string;
  /** "<hospitalNumber>/<hospitalYear>". */
  number: string;
  hospital: HospitalRef;
  /** A newborn, or a threat to a child's life or health (the journals mark it). */
  kind: SignalKind;
  womanFullName: string;
  registeredAddress: string | null;
  actualAddress: string | null;
  ambulanceFrom: string | null;
  /** Brought by ambulance: false when she came otherwise ("not by ambulance"), null when unknown. */
  byAmbulance: boolean | null;
  identifiedAt: Date;
  registeredAt: Date;
  transmittedAt: Date;
  late: boolean;
  reporter: PersonRef;
}

/** What the visit ended in. */
export type SignalDecision = "case_opened" | "not_confirmed";

/** The decisions on a case the service journal records, with their dates. */
export interface CaseDecisions {
  id: string;
  number: string;
  status: CaseStatus;
  openedAt: Date;
  accompanimentAt: Date | null;
  closedAt: Date | null;
  closeReason: CaseCloseReason | null;
  handedOverAt: Date | null;
}

/** A row of the service registration journal (регистрационный журнал Службы). */
export interface ServiceJournalRow {
  id: string;
  /** "<serviceNumber>/<serviceYear>". */
  number: string;
  hospital: HospitalRef;
  /** When the service received the signal (its transmittedAt). */
  receivedAt: Date;
  identifiedAt: Date;
  /** A newborn, or a threat to a child's life or health (the journals mark it). */
  kind: SignalKind;
  category: SignalCategory;
  /** Where the woman was when the signal was passed (the place the signal came from). */
  location: WomanLocation;
  womanFullName: string;
  registeredAddress: string | null;
  actualAddress: string | null;
  ambulanceFrom: string | null;
  /** Brought by ambulance: false when she came otherwise ("not by ambulance"), null when unknown. */
  byAmbulance: boolean | null;
  phone: string | null;
  reporter: PersonRef;
  urgency: Urgency | null;
  curator: PersonRef | null;
  assignedAt: Date | null;
  assignedBy: PersonRef | null;
  arrivedAt: Date | null;
  decision: SignalDecision | null;
  decidedAt: Date | null;
  /** The case's number when one was opened (also in `case`). */
  caseNumber: string | null;
  case: CaseDecisions | null;
  late: boolean;
  status: SignalStatus;
}

/** Periods up to this long are read period first (see the module comment). */
export const PERIOD_FIRST_MAX_DAYS = 400;

/** What reads of one journal share. */
interface JournalSpec {
  name: JournalName;
  permission: "journal.hospital.read" | "journal.service.read";
  /** The column a period filters on. */
  periodColumn: Prisma.Sql;
}

const SPECS: Record<JournalName, JournalSpec> = {
  hospital: {
    name: "hospital",
    permission: "journal.hospital.read",
    periodColumn: Prisma.sql`s.identified_at`,
  },
  service: {
    name: "service",
    permission: "journal.service.read",
    periodColumn: Prisma.sql`s.transmitted_at`,
  },
};

/** The position of a row in its journal's order. */
interface Key {
  year: number;
  number: number;
  /** The hospital journal of several hospitals orders by hospital last. */
  hospitalId?: string;
}

/** A journal read, resolved: the rows' conditions and how to order and page them. */
export interface JournalQuery {
  journal: JournalName;
  serviceId: string;
  timeZone: string;
  period: Period;
  /** Conditions on `signals s` (scope, filters, period), with the service: for walking its order. */
  where: Prisma.Sql;
  /** The same rows, driven by the narrowest filter: for finding a period's rows and counting. */
  narrow: Prisma.Sql;
  /** The same rows, for walking the number order between known keys (registers). */
  walk: Prisma.Sql;
  /** The hospital journal of one hospital (its own numbering; no hospital in the key). */
  oneHospital: boolean;
  /** A search by name: its rows are found through the name indexes, then ordered. */
  search: boolean;
  /** Filters as given (for the audit row). */
  filters: JournalFilters;
}

/**
 * The caller's scope plus the filters, or the reason the caller may not read this journal.
 *
 * @throws DomainError `forbidden` (psychologist; a reporter's filter for another hospital, or the
 *   service journal; a curator's filter for another curator), `bad_request` (a bad period, a name
 *   with no letters).
 */
export async function journalQuery(
  db: Db,
  actor: StaffActor,
  journal: JournalName,
  filters: Omit<JournalFilters, "page" | "pageSize" | "cursor"> & Partial<JournalFilters>,
): Promise<JournalQuery> {
  const spec = SPECS[journal];
  const scope = signalScope(actor, spec.permission);
  if (!scope) throw forbidden(`the ${journal} journal is not available to you`);
  // A filter outside the caller's scope is refused, not silently narrowed.
  if (scope.hospitalId && filters.hospitalId && filters.hospitalId !== scope.hospitalId) {
    throw forbidden("hospitalId: only your own hospital's journal is available", "hospitalId");
  }
  if (scope.curatorId && filters.curatorId && filters.curatorId !== scope.curatorId) {
    throw forbidden("curatorId: only your own signals are available", "curatorId");
  }
  const { timeZone, period } = await resolvePeriod(db, actor.serviceId, filters);
  const hospitalId = scope.hospitalId ?? filters.hospitalId;
  const curatorId = scope.curatorId ?? filters.curatorId;
  const conditions: Prisma.Sql[] = [];
  const guards: Prisma.Sql[] = [];
  if (hospitalId) {
    conditions.push(Prisma.sql`s.hospital_id = ${hospitalId}::uuid`);
    guards.push(
      Prisma.sql`EXISTS (SELECT 1 FROM hospitals g WHERE g.id = ${hospitalId}::uuid AND g.service_id = ${actor.serviceId}::uuid)`,
    );
  }
  if (curatorId) {
    conditions.push(Prisma.sql`s.curator_id = ${curatorId}::uuid`);
    guards.push(
      Prisma.sql`EXISTS (SELECT 1 FROM staff g WHERE g.id = ${curatorId}::uuid AND g.service_id = ${actor.serviceId}::uuid)`,
    );
  }
  if (filters.status) conditions.push(Prisma.sql`s.status = ${filters.status}::signal_status`);
  if (filters.name !== undefined) conditions.push(await nameCondition(db, actor.serviceId, filters.name));
  // Between a period's first and last key the number order is walked; the period is then only a
  // filter, written so that it cannot lead the planner back to the period index.
  const unindexed: Prisma.Sql[] = [...conditions];
  if (period.from) {
    conditions.push(Prisma.sql`${spec.periodColumn} >= ${period.from}`);
    unindexed.push(Prisma.sql`${spec.periodColumn} + interval '0 s' >= ${period.from}`);
  }
  if (period.to) {
    conditions.push(Prisma.sql`${spec.periodColumn} < ${period.to}`);
    unindexed.push(Prisma.sql`${spec.periodColumn} + interval '0 s' < ${period.to}`);
  }
  const service = Prisma.sql`s.service_id = ${actor.serviceId}::uuid`;
  return {
    journal,
    serviceId: actor.serviceId,
    timeZone,
    period,
    where: Prisma.join([service, ...conditions], " AND "),
    walk: Prisma.join([service, ...unindexed], " AND "),
    // A hospital's or a curator's rows are all of one service: checked once (an uncorrelated
    // EXISTS runs once), so the planner drives by the hospital's or curator's own index.
    narrow: Prisma.join(guards.length > 0 ? [...guards, ...conditions] : [service, ...conditions], " AND "),
    oneHospital: hospitalId !== undefined,
    search: filters.name !== undefined,
    filters: { page: 1, pageSize: 0, ...filters },
  };
}

/**
 * The rows of a name, as the earlier-signals check matches names (../domain/names.ts): the same
 * surname (one word given), the same surname and first name (two), and with a patronymic given,
 * the same patronymic or none recorded. Each is answered by an index: a surname by the prefix
 * index on `woman_name_key` ("surname first-name"), a surname and first name by equality on it.
 * A patronymic is not in the key: the key's rows (a handful) are read and compared here, word by
 * word as far as both go (so "Петрова-Водкина Анна", whose first name sits where a patronymic
 * would, finds "Петрова-Водкина Анна Ильинична"), and the matching ids become the condition.
 */
async function nameCondition(db: Db, serviceId: string, name: string): Promise<Prisma.Sql> {
  const parts = nameParts(name);
  if (parts.length === 0) {
    throw apiError("bad_request", "name: give a surname, or a surname and a first name", { field: "name" });
  }
  const surname = parts[0]!;
  if (parts.length === 1) {
    // `^@` (starts with) reaches the SP-GiST index; the exact surname is then checked on those rows.
    return Prisma.sql`s.woman_name_key ^@ ${surname} AND split_part(s.woman_name_key, ' ', 1) = ${surname}`;
  }
  const key = nameKey(name);
  if (parts.length === 2) return Prisma.sql`s.woman_name_key = ${key}`;
  const rest = parts.slice(2);
  const candidates = await db.$queryRaw<{ id: string; woman_full_name: string }[]>`
    SELECT s.id, s.woman_full_name FROM signals s
     WHERE s.service_id = ${serviceId}::uuid AND s.woman_name_key = ${key}`;
  const ids = candidates
    .filter((c) => {
      const recorded = nameParts(c.woman_full_name).slice(2);
      return recorded.every((word, i) => i >= rest.length || word === rest[i]);
    })
    .map((c) => c.id);
  // The key as well: the planner then reads the name's index rather than the ids one by one.
  return ids.length === 0
    ? Prisma.sql`false`
    : Prisma.sql`s.woman_name_key = ${key} AND s.id = ANY(${ids}::uuid[])`;
}

/** How a page is found: a keyset (cursor) or an offset, and how many rows. */
interface Paging {
  after: Key | null;
  offset: number;
  limit: number;
  /** Registers: the rows of one journal year after a number (up to `last`), by the unique index. */
  year?: { year: number; after: number; last: number | null };
}

function keyColumns(query: JournalQuery): Prisma.Sql {
  if (query.journal === "service") return Prisma.sql`s.service_year, s.service_number`;
  return query.oneHospital
    ? Prisma.sql`s.hospital_year, s.hospital_number`
    : Prisma.sql`s.hospital_year, s.hospital_number, s.hospital_id`;
}

function keyValues(query: JournalQuery, key: Key): Prisma.Sql {
  if (query.journal === "service" || query.oneHospital)
    return Prisma.sql`${key.year}::int, ${key.number}::int`;
  return Prisma.sql`${key.year}::int, ${key.number}::int, ${key.hospitalId ?? "00000000-0000-0000-0000-000000000000"}::uuid`;
}

/**
 * The columns a page carries to find its rows: the journal key (and the hospital, which with the
 * hospital numbers makes the hospital journal's unique key). All are in the period indexes, so
 * a period's rows are found from the index alone.
 */
function carried(query: JournalQuery): Prisma.Sql {
  return query.journal === "service"
    ? Prisma.sql`s.service_year, s.service_number`
    : Prisma.sql`s.hospital_year, s.hospital_number, s.hospital_id`;
}

/** Joins a page's rows back to `signals s` by the journal's unique key. */
function joinPage(query: JournalQuery): Prisma.Sql {
  return query.journal === "service"
    ? Prisma.sql`JOIN signals s ON s.service_id = ${query.serviceId}::uuid AND s.service_year = p.service_year AND s.service_number = p.service_number`
    : Prisma.sql`JOIN signals s ON s.hospital_id = p.hospital_id AND s.hospital_year = p.hospital_year AND s.hospital_number = p.hospital_number`;
}

/**
 * One page of keys, in journal order, as SQL fragments (CTE bodies). Period first when the period
 * is short (see the module comment), else the number order walked from the keyset; `bounds`
 * (registers) walks the number order between the period's first and last key.
 */
function pageIds(query: JournalQuery, paging: Paging, now: Date, bounds?: Bounds): Prisma.Sql {
  const key = keyColumns(query);
  const columns = carried(query);
  const after = paging.after ? Prisma.sql` AND (${key}) > (${keyValues(query, paging.after)})` : Prisma.empty;
  const offset = paging.offset > 0 ? Prisma.sql` OFFSET ${paging.offset}` : Prisma.empty;
  const { from, to } = query.period;
  const span = from ? ((to ?? now).getTime() - from.getTime()) / 86_400_000 : Infinity;
  if ((span <= PERIOD_FIRST_MAX_DAYS || query.search) && !bounds) {
    // MATERIALIZED keeps the planner from walking the number order instead (it cannot know that
    // a period's rows, or a name's, sit together there).
    return Prisma.sql`
      matching AS MATERIALIZED (SELECT ${columns} FROM signals s WHERE ${query.narrow}),
      page AS (SELECT s.*, row_number() OVER (ORDER BY ${key}) AS position
                 FROM (SELECT * FROM matching s WHERE true${after} ORDER BY ${key} LIMIT ${paging.limit}${offset}) s)`;
  }
  if (paging.year) {
    // Plain equality and range on the year and number: the planner walks the unique index.
    const [yearColumn, numberColumn] =
      query.journal === "service"
        ? [Prisma.sql`s.service_year`, Prisma.sql`s.service_number`]
        : [Prisma.sql`s.hospital_year`, Prisma.sql`s.hospital_number`];
    const { year, after: from, last } = paging.year;
    const upTo = last !== null ? Prisma.sql` AND ${numberColumn} <= ${last}::int` : Prisma.empty;
    return Prisma.sql`
      page AS (SELECT s.*, row_number() OVER (ORDER BY ${key}) AS position
                 FROM (SELECT ${columns} FROM signals s
                        WHERE ${query.walk} AND ${yearColumn} = ${year}::int AND ${numberColumn} > ${from}::int${upTo}
                        ORDER BY ${numberColumn} LIMIT ${paging.limit}) s)`;
  }
  // One lower bound only: PostgreSQL starts an index scan at one of them, the cursor when there is one.
  const within = bounds
    ? Prisma.sql`${paging.after ? Prisma.empty : Prisma.sql` AND (${key}) >= (${keyValues(query, bounds.first)})`} AND (${key}) <= (${keyValues(query, bounds.last)})`
    : Prisma.empty;
  return Prisma.sql`
      page AS (SELECT s.*, row_number() OVER (ORDER BY ${key}) AS position
                 FROM (SELECT ${columns} FROM signals s WHERE ${bounds ? query.walk : query.where}${within}${after}
                        ORDER BY ${key} LIMIT ${paging.limit}${offset}) s)`;
}

/** The first and the last key of a query's rows in journal order. */
interface Bounds {
  first: Key;
  last: Key;
}

/** The bounds of a query's rows (one pass over the period index), or null when it has none. */
async function keyBounds(db: Db, query: JournalQuery): Promise<Bounds | null> {
  const key = keyColumns(query);
  const desc =
    query.journal === "service"
      ? Prisma.sql`s.service_year DESC, s.service_number DESC`
      : query.oneHospital
        ? Prisma.sql`s.hospital_year DESC, s.hospital_number DESC`
        : Prisma.sql`s.hospital_year DESC, s.hospital_number DESC, s.hospital_id DESC`;
  const rows = await db.$queryRaw<{ y: number; n: number; h: string | null }[]>`
    WITH m AS MATERIALIZED (SELECT ${carried(query)} FROM signals s WHERE ${query.narrow})
    (SELECT ${yearNumber(query)} FROM m s ORDER BY ${key} LIMIT 1)
    UNION ALL
    (SELECT ${yearNumber(query)} FROM m s ORDER BY ${desc} LIMIT 1)`;
  if (rows.length < 2) return null;
  const keyOf = (r: { y: number; n: number; h: string | null }): Key => ({
    year: r.y,
    number: r.n,
    ...(r.h ? { hospitalId: r.h } : {}),
  });
  return { first: keyOf(rows[0]!), last: keyOf(rows[1]!) };
}

/** The last number given in a journal year (of the service, or of the query's one hospital). */
async function lastNumber(db: Db, query: JournalQuery, year: number): Promise<number> {
  const [row] = await db.$queryRaw<{ last: number | null }[]>(
    query.journal === "service"
      ? Prisma.sql`SELECT max(s.service_number) AS last FROM signals s WHERE s.service_id = ${query.serviceId}::uuid AND s.service_year = ${year}::int`
      : Prisma.sql`SELECT max(s.hospital_number) AS last FROM signals s WHERE ${query.narrow} AND s.hospital_year = ${year}::int`,
  );
  return row?.last ?? 0;
}

function yearNumber(query: JournalQuery): Prisma.Sql {
  return query.journal === "service"
    ? Prisma.sql`s.service_year AS y, s.service_number AS n, NULL::uuid AS h`
    : Prisma.sql`s.hospital_year AS y, s.hospital_number AS n, s.hospital_id AS h`;
}

/** The number of rows matching the query (one index-only count). */
async function countRows(db: Db, query: JournalQuery): Promise<number> {
  const [row] = await db.$queryRaw<
    { total: bigint }[]
  >`SELECT count(*) AS total FROM signals s WHERE ${query.narrow}`;
  return Number(row?.total ?? 0);
}

type RawHospitalRow = {
  id: string;
  hospital_year: number;
  hospital_number: number;
  hospital_id: string;
  hospital_name: string;
  kind: SignalKind;
  woman_full_name: string;
  registered_address: string | null;
  actual_address: string | null;
  ambulance_from: string | null;
  by_ambulance: boolean | null;
  identified_at: Date;
  registered_at: Date;
  transmitted_at: Date;
  late: boolean;
  reporter_id: string;
  reporter_name: string;
};

type RawServiceRow = {
  id: string;
  service_year: number;
  service_number: number;
  hospital_id: string;
  hospital_name: string;
  transmitted_at: Date;
  identified_at: Date;
  kind: SignalKind;
  category: SignalCategory;
  location: WomanLocation;
  woman_full_name: string;
  registered_address: string | null;
  actual_address: string | null;
  ambulance_from: string | null;
  by_ambulance: boolean | null;
  phone: string | null;
  reporter_id: string;
  reporter_name: string;
  urgency: Urgency | null;
  curator_id: string | null;
  curator_name: string | null;
  assigned_at: Date | null;
  assigned_by_id: string | null;
  assigned_by_name: string | null;
  arrived_at: Date | null;
  decided_at: Date | null;
  late: boolean;
  status: SignalStatus;
  case_id: string | null;
  case_number: string | null;
  case_status: CaseStatus | null;
  case_opened_at: Date | null;
  case_accompaniment_at: Date | null;
  case_closed_at: Date | null;
  case_close_reason: CaseCloseReason | null;
  case_handed_over_at: Date | null;
};

/** The case's columns in the service journal (add a decision here and in {@link CaseDecisions}). */
const CASE_COLUMNS = Prisma.sql`c.id AS case_id, c.number AS case_number, c.status::text AS case_status,
  c.opened_at AS case_opened_at, c.accompaniment_at AS case_accompaniment_at, c.closed_at AS case_closed_at,
  c.close_reason::text AS case_close_reason, c.handed_over_at AS case_handed_over_at`;

function hospitalRowsSql(query: JournalQuery, paging: Paging, now: Date, bounds?: Bounds): Prisma.Sql {
  return Prisma.sql`
    WITH ${pageIds(query, paging, now, bounds)}
    SELECT s.id, s.hospital_year, s.hospital_number, s.hospital_id, h.name AS hospital_name, s.kind::text AS kind,
           s.woman_full_name, s.registered_address, s.actual_address, s.ambulance_from, s.by_ambulance, s.identified_at, s.registered_at,
           s.transmitted_at, s.late, r.id AS reporter_id, r.full_name AS reporter_name
      FROM page p
      ${joinPage(query)}
      JOIN hospitals h ON h.id = s.hospital_id
      JOIN staff r ON r.id = s.reporter_id
     ORDER BY p.position`;
}

async function hospitalRows(db: Db, query: JournalQuery, paging: Paging, now: Date, bounds?: Bounds) {
  const rows = await db.$queryRaw<RawHospitalRow[]>(hospitalRowsSql(query, paging, now, bounds));
  return rows.map((s) => ({
    key: { year: s.hospital_year, number: s.hospital_number, hospitalId: s.hospital_id },
    row: {
      id: s.id,
      number: hospitalNumber({ hospitalNumber: s.hospital_number, hospitalYear: s.hospital_year }),
      hospital: { id: s.hospital_id, name: s.hospital_name },
      kind: s.kind,
      womanFullName: s.woman_full_name,
      registeredAddress: s.registered_address,
      actualAddress: s.actual_address,
      ambulanceFrom: s.ambulance_from,
      byAmbulance: s.by_ambulance,
      identifiedAt: s.identified_at,
      registeredAt: s.registered_at,
      transmittedAt: s.transmitted_at,
      late: s.late,
      reporter: { id: s.reporter_id, fullName: s.reporter_name },
    } satisfies HospitalJournalRow,
  }));
}

const person = (id: string | null, fullName: string | null): PersonRef | null =>
  id !== null && fullName !== null ? { id, fullName } : null;

function serviceRowsSql(query: JournalQuery, paging: Paging, now: Date, bounds?: Bounds): Prisma.Sql {
  return Prisma.sql`
    WITH ${pageIds(query, paging, now, bounds)}
    SELECT s.id, s.service_year, s.service_number, s.hospital_id, h.name AS hospital_name, s.transmitted_at,
           s.identified_at, s.kind::text AS kind, s.category::text AS category, s.location::text AS location, s.woman_full_name,
           s.registered_address, s.actual_address, s.ambulance_from, s.by_ambulance, s.phone, r.id AS reporter_id,
           r.full_name AS reporter_name, s.urgency::text AS urgency, cu.id AS curator_id, cu.full_name AS curator_name,
           s.assigned_at, ab.id AS assigned_by_id, ab.full_name AS assigned_by_name, s.arrived_at, s.decided_at,
           s.late, s.status::text AS status, ${CASE_COLUMNS}
      FROM page p
      ${joinPage(query)}
      JOIN hospitals h ON h.id = s.hospital_id
      JOIN staff r ON r.id = s.reporter_id
      LEFT JOIN staff cu ON cu.id = s.curator_id
      LEFT JOIN staff ab ON ab.id = s.assigned_by_id
      LEFT JOIN cases c ON c.signal_id = s.id
     ORDER BY p.position`;
}

async function serviceRows(db: Db, query: JournalQuery, paging: Paging, now: Date, bounds?: Bounds) {
  const rows = await db.$queryRaw<RawServiceRow[]>(serviceRowsSql(query, paging, now, bounds));
  return rows.map((s) => ({
    key: { year: s.service_year, number: s.service_number },
    row: {
      id: s.id,
      number: signalNumber({ serviceNumber: s.service_number, serviceYear: s.service_year }),
      hospital: { id: s.hospital_id, name: s.hospital_name },
      receivedAt: s.transmitted_at,
      identifiedAt: s.identified_at,
      kind: s.kind,
      category: s.category,
      location: s.location,
      womanFullName: s.woman_full_name,
      registeredAddress: s.registered_address,
      actualAddress: s.actual_address,
      ambulanceFrom: s.ambulance_from,
      byAmbulance: s.by_ambulance,
      phone: s.phone,
      reporter: { id: s.reporter_id, fullName: s.reporter_name },
      urgency: s.urgency,
      curator: person(s.curator_id, s.curator_name),
      assignedAt: s.assigned_at,
      assignedBy: person(s.assigned_by_id, s.assigned_by_name),
      arrivedAt: s.arrived_at,
      decision: decisionOf(s.status),
      decidedAt: s.decided_at,
      caseNumber: s.case_number,
      case:
        s.case_id !== null
          ? {
              id: s.case_id,
              number: s.case_number!,
              status: s.case_status!,
              openedAt: s.case_opened_at!,
              accompanimentAt: s.case_accompaniment_at,
              closedAt: s.case_closed_at,
              closeReason: s.case_close_reason,
              handedOverAt: s.case_handed_over_at,
            }
          : null,
      late: s.late,
      status: s.status,
    } satisfies ServiceJournalRow,
  }));
}

/** Rows of a journal with their keys. */
type Keyed<T> = { key: Key; row: T }[];
type RowsOf<T> = (
  db: Db,
  query: JournalQuery,
  paging: Paging,
  now: Date,
  bounds?: Bounds,
) => Promise<Keyed<T>>;

/** A page of `query`'s rows; `cursor` wins over `page`. */
async function readPage<T>(
  db: Db,
  query: JournalQuery,
  filters: JournalFilters,
  now: Date,
  rowsOf: RowsOf<T>,
): Promise<JournalPage<T>> {
  const after = filters.cursor !== undefined ? decodeCursor(filters.cursor, query) : null;
  const paging: Paging = {
    after,
    offset: after ? 0 : (filters.page - 1) * filters.pageSize,
    limit: filters.pageSize + 1,
  };
  const rows = await rowsOf(db, query, paging, now);
  const more = rows.length > filters.pageSize;
  const items = rows.slice(0, filters.pageSize);
  const last = items.at(-1);
  return {
    items: items.map((r) => r.row),
    page: after ? null : filters.page,
    pageSize: filters.pageSize,
    total: after ? null : await countRows(db, query),
    nextCursor: more && last ? encodeCursor(query, last.key) : null,
    timeZone: query.timeZone,
  };
}

/**
 * The hospital signal journal, ordered by the hospital's numbering; the period filters on
 * identifiedAt. Writes the audit row `journal.read`.
 *
 * @throws DomainError `forbidden` (psychologist; a reporter's filter for another hospital; a
 *   curator's filter for another curator), `bad_request` (a bad period or cursor).
 */
export async function readHospitalJournal(
  db: Db,
  input: { actor: StaffActor; filters: JournalFilters; now: Date },
): Promise<JournalPage<HospitalJournalRow>> {
  const query = await journalQuery(db, input.actor, "hospital", input.filters);
  const page = await readPage(db, query, input.filters, input.now, hospitalRows);
  await auditJournalRead(db, input.actor, "hospital", input.filters, page.items, input.now);
  return page;
}

/**
 * The service registration journal, ordered by the service's numbering; the period filters on
 * transmittedAt (when the service received the signal). Writes the audit row `journal.read`.
 *
 * @throws DomainError `forbidden` (psychologist, reporter; a curator's filter for another
 *   curator), `bad_request` (a bad period or cursor).
 */
export async function readServiceJournal(
  db: Db,
  input: { actor: StaffActor; filters: JournalFilters; now: Date },
): Promise<JournalPage<ServiceJournalRow>> {
  const query = await journalQuery(db, input.actor, "service", input.filters);
  const page = await readPage(db, query, input.filters, input.now, serviceRows);
  await auditJournalRead(db, input.actor, "service", input.filters, page.items, input.now);
  return page;
}

/**
 * Every row of a resolved hospital-journal query, in journal order, in batches read by keyset (for
 * the registers: memory stays that of one batch whatever the period). Writes no audit row: the
 * caller writes one for the whole document.
 */
export function hospitalJournalBatches(
  db: Db,
  query: JournalQuery,
  now: Date,
  batchSize = 1000,
): AsyncGenerator<HospitalJournalRow[]> {
  return batches(db, query, now, batchSize, hospitalRows);
}

/** Every row of a resolved service-journal query, in batches (see {@link hospitalJournalBatches}). */
export function serviceJournalBatches(
  db: Db,
  query: JournalQuery,
  now: Date,
  batchSize = 1000,
): AsyncGenerator<ServiceJournalRow[]> {
  return batches(db, query, now, batchSize, serviceRows);
}

async function* batches<T>(
  db: Db,
  query: JournalQuery,
  now: Date,
  batchSize: number,
  rowsOf: RowsOf<T>,
): AsyncGenerator<T[]> {
  // Between the period's first and last key, the number order is walked batch by batch: each
  // batch reads about its own rows, however long the period.
  const bounds = await keyBounds(db, query);
  if (!bounds) return;
  if (query.journal === "service" || query.oneHospital) {
    // One journal year at a time, in ranges of numbers (numbers run from 1 without gaps each
    // year): a narrow range of the unique key is read through its index, whatever the planner
    // thinks of the period, and a range with no row of the period simply yields nothing.
    for (let year = bounds.first.year; year <= bounds.last.year; year++) {
      const start = year === bounds.first.year ? bounds.first.number - 1 : 0;
      const end = year === bounds.last.year ? bounds.last.number : await lastNumber(db, query, year);
      for (let after = start; after < end; after += batchSize) {
        const last = Math.min(after + batchSize, end);
        const paging: Paging = { after: null, offset: 0, limit: batchSize, year: { year, after, last } };
        const rows = await rowsOf(db, query, paging, now, bounds);
        if (rows.length > 0) yield rows.map((r) => r.row);
      }
    }
    return;
  }
  let after: Key | null = null;
  for (;;) {
    const rows = await rowsOf(db, query, { after, offset: 0, limit: batchSize }, now, bounds);
    if (rows.length > 0) yield rows.map((r) => r.row);
    if (rows.length < batchSize) return;
    after = rows.at(-1)!.key;
  }
}

/** The number of rows a resolved query matches. */
export function journalCount(db: Db, query: JournalQuery): Promise<number> {
  return countRows(db, query);
}

/**
 * The plan PostgreSQL runs for a page of `query` (EXPLAIN ANALYZE): for the benchmark's report
 * and for looking into a slow page. Runs the query.
 */
export async function explainJournalPage(
  db: Db,
  query: JournalQuery,
  options: { cursor?: string; pageSize: number; count?: boolean },
  now: Date,
): Promise<string> {
  const after = options.cursor ? decodeCursor(options.cursor, query) : null;
  const paging: Paging = { after, offset: 0, limit: options.pageSize + 1 };
  const explain = async (sql: Prisma.Sql) =>
    (await db.$queryRaw<{ "QUERY PLAN": string }[]>`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${sql}`)
      .map((r) => r["QUERY PLAN"])
      .join("\n");
  const page = await explain(
    query.journal === "hospital" ? hospitalRowsSql(query, paging, now) : serviceRowsSql(query, paging, now),
  );
  if (!options.count) return page;
  return `${page}\n-- count\n${await explain(Prisma.sql`SELECT count(*) FROM signals s WHERE ${query.narrow}`)}`;
}

/** What the visit ended in, from the signal's status. */
export function decisionOf(status: SignalStatus): SignalDecision | null {
  return status === "case_opened" || status === "not_confirmed" ? status : null;
}

const CURSOR = /^(h|s):(\d{4}):(\d{1,9})(?::([0-9a-f-]{36}))?$/;

/** An opaque cursor: the journal and the key of the last row shown. */
function encodeCursor(query: JournalQuery, key: Key): string {
  const parts = [query.journal === "hospital" ? "h" : "s", key.year, key.number];
  if (query.journal === "hospital" && !query.oneHospital && key.hospitalId) parts.push(key.hospitalId);
  return Buffer.from(parts.join(":")).toString("base64url");
}

function decodeCursor(cursor: string, query: JournalQuery): Key {
  const bad = () => apiError("bad_request", "cursor: not a cursor of this journal", { field: "cursor" });
  if (!/^[A-Za-z0-9_-]{1,120}$/.test(cursor)) throw bad();
  const match = CURSOR.exec(Buffer.from(cursor, "base64url").toString("utf8"));
  if (!match || match[1] !== (query.journal === "hospital" ? "h" : "s")) throw bad();
  const needsHospital = query.journal === "hospital" && !query.oneHospital;
  if (needsHospital !== (match[4] !== undefined)) throw bad();
  return {
    year: Number(match[2]),
    number: Number(match[3]),
    ...(match[4] ? { hospitalId: match[4] } : {}),
  };
}

function forbidden(message: string, field?: string): DomainError {
  return apiError("forbidden", message, field ? { field } : undefined);
}

async function auditJournalRead(
  db: Db,
  actor: StaffActor,
  journal: JournalName,
  filters: JournalFilters,
  rows: { id: string }[],
  now: Date,
): Promise<void> {
  // Ids, statuses, dates and paging only. A searched name is personal data: the row says that a
  // search happened, how long it was, and (with every read) the ids it returned.
  const recorded: Record<string, Json> = {};
  for (const [key, value] of Object.entries(filters)) {
    if (value !== undefined && key !== "name") recorded[key] = value as Json;
  }
  const search = filters.name !== undefined ? searchDetails(filters.name) : undefined;
  await writeAudit(db, {
    actor,
    action: "journal.read",
    subjectType: "journal",
    subjectId: journal,
    details: {
      journal,
      count: rows.length,
      filters: recorded,
      ...(search ? { search } : {}),
      signalIds: rows.map((r) => r.id),
    },
    at: now,
  });
}

/** What the audit keeps of a name searched for: its shape, never its letters. */
export function searchDetails(name: string): { words: number; length: number } {
  const parts = nameParts(name);
  return { words: parts.length, length: parts.join(" ").length };
}
