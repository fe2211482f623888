/**
 * The journals API: the hospital signal journal, the service registration journal and one
 * signal with its history. Every route needs a personal API token ({@link requireStaff}); who
 * sees what is the access policy's, applied by the queries (../queries/), which also write the
 * audit rows.
 *
 * @example
 * GET /api/journals/service?from=2025-03-01&to=2025-04-01&status=received&page=1&pageSize=50
 * Authorization: Bearer sdk_…
 * → 200 { items: [{ number: "12/2025", hospital: {...}, receivedAt, womanFullName, ... }],
 *         page: 1, pageSize: 50, total: 1 }
 */
import { Router, type Request, type Response } from "express";
import { z } from "zod";
import type { DbClient } from "../../platform/db/client.ts";
import { SIGNAL_STATUSES } from "../domain/lifecycle.ts";
import { readHospitalJournal, readServiceJournal, type JournalFilters } from "../queries/journals.ts";
import { parsePeriodBound } from "../queries/period.ts";
import { readSignal } from "../queries/signal-detail.ts";
import { parseInput } from "../../platform/http/app.ts";
import { apiActor, requireStaff } from "../../access/http/auth.ts";
import { apiError } from "../../platform/errors.ts";

/** Largest page a journal returns. */
export const MAX_PAGE_SIZE = 200;
/** Page size when none is asked for. */
export const DEFAULT_PAGE_SIZE = 50;

const wholeNumber = (min: number, max: number, fallback: number) =>
  z
    .string()
    .regex(/^\d{1,9}$/, `must be a whole number from ${min} to ${max}`)
    .transform(Number)
    .pipe(z.number().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`))
    .optional()
    .transform((value) => value ?? fallback);

/**
 * A period bound: checked for form here; turned into an instant in the service's zone by the
 * query. A "+" in an offset arrives as a space when the client did not encode it; put it back.
 */
const periodBound = z
  .string()
  .transform((value) => value.replace(/^(\S+T[\d:.]+) (\d{2}:\d{2})$/, "$1+$2"))
  .refine((value) => parsePeriodBound(value, "UTC") !== null, {
    message: "must be an ISO date (2025-03-01) or date-time (2025-03-01T10:00, 2025-03-01T10:00:00Z)",
  })
  .optional();

/** Query of both journals. */
export const journalQuery = z.object({
  hospitalId: z.uuid({ message: "must be a UUID" }).optional(),
  curatorId: z.uuid({ message: "must be a UUID" }).optional(),
  status: z.enum(SIGNAL_STATUSES, { message: `must be one of ${SIGNAL_STATUSES.join(", ")}` }).optional(),
  from: periodBound,
  to: periodBound,
  page: wholeNumber(1, 1_000_000, 1),
  pageSize: wholeNumber(1, MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE),
}) satisfies z.ZodType<JournalFilters, Record<string, unknown>>;

/** Path parameters of `GET /signals/:id`. */
export const signalParams = z.object({ id: z.uuid({ message: "must be a UUID" }) });

const person = z.object({ id: z.string(), fullName: z.string() });
const hospital = z.object({ id: z.string(), name: z.string() });
const page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), page: z.number(), pageSize: z.number(), total: z.number() });

/**
 * Response of `GET /journals/hospital`. Responses are parsed through their schema before they
 * leave, so only the listed fields can reach the caller.
 */
export const hospitalJournalResponse = page(
  z.object({
    id: z.string(),
    number: z.string(),
    hospital,
    womanFullName: z.string(),
    registeredAddress: z.string().nullable(),
    actualAddress: z.string().nullable(),
    ambulanceFrom: z.string().nullable(),
    identifiedAt: z.date(),
    registeredAt: z.date(),
    transmittedAt: z.date(),
    late: z.boolean(),
    reporter: person,
  }),
);

/** Response of `GET /journals/service`. */
export const serviceJournalResponse = page(
  z.object({
    id: z.string(),
    number: z.string(),
    hospital,
    receivedAt: z.date(),
    womanFullName: z.string(),
    registeredAddress: z.string().nullable(),
    actualAddress: z.string().nullable(),
    ambulanceFrom: z.string().nullable(),
    phone: z.string().nullable(),
    reporter: person,
    urgency: z.enum(["urgent", "planned"]).nullable(),
    curator: person.nullable(),
    assignedAt: z.date().nullable(),
    assignedBy: person.nullable(),
    arrivedAt: z.date().nullable(),
    decision: z.enum(["case_opened", "not_confirmed"]).nullable(),
    decidedAt: z.date().nullable(),
    caseNumber: z.string().nullable(),
    late: z.boolean(),
    status: z.enum(SIGNAL_STATUSES),
  }),
);

/** Response of `GET /signals/:id`. */
export const signalResponse = z.object({
  id: z.string(),
  number: z.string(),
  hospitalNumber: z.string(),
  hospital: hospital.extend({ shortName: z.string() }),
  reporter: person,
  womanFullName: z.string(),
  womanBirthDate: z.string().nullable(),
  womanAge: z.number().nullable(),
  registeredAddress: z.string().nullable(),
  actualAddress: z.string().nullable(),
  ambulanceFrom: z.string().nullable(),
  phone: z.string().nullable(),
  category: z.string(),
  location: z.string(),
  comment: z.string().nullable(),
  identifiedAt: z.date(),
  registeredAt: z.date(),
  transmittedAt: z.date(),
  late: z.boolean(),
  urgency: z.enum(["urgent", "planned"]).nullable(),
  status: z.enum(SIGNAL_STATUSES),
  curator: person.nullable(),
  assignedAt: z.date().nullable(),
  assignedBy: person.nullable(),
  acceptedAt: z.date().nullable(),
  departedAt: z.date().nullable(),
  arrivedAt: z.date().nullable(),
  visitDeadline: z.date().nullable(),
  outcome: z.unknown(),
  decision: z.enum(["case_opened", "not_confirmed"]).nullable(),
  decidedAt: z.date().nullable(),
  isDemo: z.boolean(),
  createdAt: z.date(),
  version: z.number(),
  case: z
    .object({
      id: z.string(),
      number: z.string(),
      status: z.string(),
      curator: person,
      openedAt: z.date(),
      closedAt: z.date().nullable(),
      closeReason: z.string().nullable(),
    })
    .nullable(),
  timeline: z.array(
    z.object({ id: z.string(), type: z.string(), at: z.date(), actor: person.nullable(), data: z.unknown() }),
  ),
});

/** What the journal routes need. */
export interface JournalDeps {
  db: DbClient;
  clock: () => Date;
}

/**
 * The router to mount under /api: `GET /journals/hospital`, `GET /journals/service`,
 * `GET /signals/:id`.
 *
 * @example
 * createApi({ logger, health, routers: [journalRoutes({ db, clock })] });
 */
export function journalRoutes(deps: JournalDeps): Router {
  const { db, clock } = deps;
  const auth = requireStaff(db, { clock });
  const router = Router();

  router.get("/journals/hospital", auth, async (req, res) => {
    const filters = parseQuery(req);
    const result = await readHospitalJournal(db, { actor: apiActor(res), filters, now: clock() });
    sendPersonal(res, hospitalJournalResponse.parse(result));
  });

  router.get("/journals/service", auth, async (req, res) => {
    const filters = parseQuery(req);
    const result = await readServiceJournal(db, { actor: apiActor(res), filters, now: clock() });
    sendPersonal(res, serviceJournalResponse.parse(result));
  });

  router.get("/signals/:id", auth, async (req, res) => {
    const { id } = parseInput(signalParams, req.params);
    const result = await readSignal(db, { actor: apiActor(res), signalId: id, now: clock() });
    sendPersonal(res, signalResponse.parse(result));
  });

  return router;
}

/** The journal query, refusing parameters it does not know (a misspelt filter must not be ignored). */
function parseQuery(req: Request): JournalFilters {
  const query = req.query as Record<string, unknown>;
  const known = journalQuery.keyof().options as readonly string[];
  const unknown = Object.keys(query).find((key) => !known.includes(key));
  if (unknown !== undefined) {
    const field = unknown.slice(0, 40);
    throw apiError("bad_request", `${field}: unknown parameter`, { field });
  }
  return parseInput(journalQuery, query);
}

/** Sends a body with personal data: never to be stored by a browser or a proxy. */
function sendPersonal(res: Response, body: unknown): void {
  res.setHeader("Cache-Control", "no-store");
  res.json(body);
}
