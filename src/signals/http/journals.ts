/**
 * The journals API: the hospital signal journal, the service registration journal and one
 * signal with its history. Every route needs a personal API token ({@link requireStaff}); who
 * sees what is the access policy's, applied by the queries (../queries/), which also write the
 * audit rows.
 *
 * Times are ISO instants with the service's offset (`2025-03-15T14:00:00+03:00`) and every
 * journal page names the zone (`timeZone`). Pages: `page` (with `total`), or `cursor` — the
 * previous page's `nextCursor` — which stays fast at any depth and does not count.
 * `format=xlsx|pdf` returns the register as a document instead (src/registers/).
 *
 * @example
 * GET /api/journals/service?from=2025-03-01&to=2025-04-01&status=received&pageSize=50
 * Authorization: Bearer sdk_…
 * → 200 { items: [{ number: "12/2025", hospital: {...}, receivedAt: "2025-03-15T14:00:00+03:00", ... }],
 *         page: 1, pageSize: 50, total: 1, nextCursor: null, timeZone: "Europe/Moscow" }
 */
import { Router, type Request, type Response } from "express";
import { z } from "zod";
import type { DbClient } from "../../platform/db/client.ts";
import { CASE_STATUSES } from "../../cases/domain/case.ts";
import { SIGNAL_CATEGORIES, SIGNAL_KINDS, SIGNAL_STATUSES, WOMAN_LOCATIONS } from "../domain/lifecycle.ts";
import { threatDetails } from "../domain/threat.ts";
import {
  readHospitalJournal,
  readServiceJournal,
  type JournalFilters,
  type JournalName,
} from "../queries/journals.ts";
import { parsePeriodBound } from "../queries/period.ts";
import { readSignal } from "../queries/signal-detail.ts";
import { parseInput } from "../../platform/http/app.ts";
import { withZonedTimes } from "../../platform/http/zoned-times.ts";
import type { Translator } from "../../platform/i18n/index.ts";
import { apiActor, requireStaff } from "../../access/http/auth.ts";
import { apiError } from "../../platform/errors.ts";
import { sendRegister } from "../../registers/http/register-file.ts";

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
    message:
      "must be an ISO date (2025-03-01) or date-time (2025-03-01T10:00, 2025-03-01T10:00:00Z) of the years 1900–2200",
  })
  .optional();

/** Query of both journals. */
export const journalParams = z.object({
  hospitalId: z.uuid({ message: "must be a UUID" }).optional(),
  curatorId: z.uuid({ message: "must be a UUID" }).optional(),
  status: z.enum(SIGNAL_STATUSES, { message: `must be one of ${SIGNAL_STATUSES.join(", ")}` }).optional(),
  from: periodBound,
  to: periodBound,
  page: wholeNumber(1, 1_000_000, 1),
  pageSize: wholeNumber(1, MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE),
  cursor: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,120}$/, "must be the nextCursor of a previous page")
    .optional(),
  /** A document instead of JSON: the register (src/registers/). */
  format: z.enum(["json", "xlsx", "pdf"], { message: "must be one of json, xlsx, pdf" }).optional(),
});

/** What the query of both journals gives. */
export type JournalParams = JournalFilters & { format?: "json" | "xlsx" | "pdf" | undefined };

/** Path parameters of `GET /signals/:id`. */
export const signalParams = z.object({ id: z.uuid({ message: "must be a UUID" }) });

const person = z.object({ id: z.string(), fullName: z.string() });
const hospital = z.object({ id: z.string(), name: z.string() });
const page = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    page: z.number().nullable(),
    pageSize: z.number(),
    total: z.number().nullable(),
    nextCursor: z.string().nullable(),
    timeZone: z.string(),
  });

/**
 * Response of `GET /journals/hospital`. Responses are parsed through their schema before they
 * leave, so only the listed fields can reach the caller.
 */
export const hospitalJournalResponse = page(
  z.object({
    id: z.string(),
    number: z.string(),
    hospital,
    kind: z.enum(SIGNAL_KINDS),
    womanFullName: z.string(),
    registeredAddress: z.string().nullable(),
    actualAddress: z.string().nullable(),
    ambulanceFrom: z.string().nullable(),
    byAmbulance: z.boolean().nullable(),
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
    identifiedAt: z.date(),
    kind: z.enum(SIGNAL_KINDS),
    category: z.enum(SIGNAL_CATEGORIES),
    location: z.enum(WOMAN_LOCATIONS),
    womanFullName: z.string(),
    registeredAddress: z.string().nullable(),
    actualAddress: z.string().nullable(),
    ambulanceFrom: z.string().nullable(),
    byAmbulance: z.boolean().nullable(),
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
    case: z
      .object({
        id: z.string(),
        number: z.string(),
        status: z.enum(CASE_STATUSES),
        openedAt: z.date(),
        accompanimentAt: z.date().nullable(),
        closedAt: z.date().nullable(),
        closeReason: z.string().nullable(),
        handedOverAt: z.date().nullable(),
      })
      .nullable(),
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
  byAmbulance: z.boolean().nullable(),
  phone: z.string().nullable(),
  kind: z.enum(SIGNAL_KINDS),
  threat: threatDetails.nullable(),
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
  /** Texts of the registers (`format=xlsx|pdf`); without it only JSON is served. */
  translator?: Translator;
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

  const document = async (journal: JournalName, params: JournalParams, res: Response) => {
    if (!deps.translator) throw apiError("unavailable", "documents are not available here");
    const { format, ...filters } = params;
    await sendRegister(
      { db, clock, translator: deps.translator },
      { actor: apiActor(res), journal, filters, format: format as "xlsx" | "pdf" },
      res,
    );
  };

  router.get("/journals/hospital", auth, async (req, res) => {
    const { format, ...filters } = parseQuery(req);
    if (format && format !== "json") return document("hospital", { ...filters, format }, res);
    const result = await readHospitalJournal(db, { actor: apiActor(res), filters, now: clock() });
    sendPersonal(res, withZonedTimes(hospitalJournalResponse.parse(result), result.timeZone));
  });

  router.get("/journals/service", auth, async (req, res) => {
    const { format, ...filters } = parseQuery(req);
    if (format && format !== "json") return document("service", { ...filters, format }, res);
    const result = await readServiceJournal(db, { actor: apiActor(res), filters, now: clock() });
    sendPersonal(res, withZonedTimes(serviceJournalResponse.parse(result), result.timeZone));
  });

  router.get("/signals/:id", auth, async (req, res) => {
    const { id } = parseInput(signalParams, req.params);
    const actor = apiActor(res);
    const result = await readSignal(db, { actor, signalId: id, now: clock() });
    const { timeZone } = await db.service.findUniqueOrThrow({
      where: { id: actor.serviceId },
      select: { timeZone: true },
    });
    sendPersonal(res, { ...(withZonedTimes(signalResponse.parse(result), timeZone) as object), timeZone });
  });

  return router;
}

/** The journal query, refusing parameters it does not know (a misspelt filter must not be ignored). */
function parseQuery(req: Request): JournalParams {
  const query = req.query as Record<string, unknown>;
  const known = journalParams.keyof().options as readonly string[];
  const unknown = Object.keys(query).find((key) => !known.includes(key));
  if (unknown !== undefined) {
    const field = unknown.slice(0, 40);
    throw apiError("bad_request", `${field}: unknown parameter`, { field });
  }
  return parseInput(journalParams, query);
}

/** Sends a body with personal data: never to be stored by a browser or a proxy. */
function sendPersonal(res: Response, body: unknown): void {
  res.setHeader("Cache-Control", "no-store");
  res.json(body);
}
