/**
 * The cases API: the list with filters and one case with its sheet, plan versions, monitoring
 * entries, hand-overs, deadlines and history. Every route needs a personal API token; who sees
 * what is the access policy's (a curator their own cases, heads everything, reporters nothing),
 * applied by the queries, which also write the audit rows.
 *
 * @example
 * GET /api/cases?status=open&overdue=true&from=2026-11-01&page=1&pageSize=50
 * Authorization: Bearer sdk_…
 * → 200 { items: [{ number: "3/2026", status: "open", stage: "decision_change", overdueSince, … }],
 *         page: 1, pageSize: 50, total: 1 }
 */
import { Router, type Request, type Response } from "express";
import { z } from "zod";
import { apiActor, requireStaff } from "../../access/http/auth.ts";
import type { FeatureDeps } from "../../platform/chat/app.ts";
import { apiError } from "../../platform/errors.ts";
import { parseInput } from "../../platform/http/app.ts";
import { parsePeriodBound } from "../../signals/queries/period.ts";
import { ALL_CLOSE_REASONS, CASE_STAGES, CASE_STATUSES } from "../domain/case.ts";
import { readCase } from "../queries/case-detail.ts";
import { readCases, type CaseFilters } from "../queries/case-list.ts";
import type { CaseSettings } from "../settings.ts";

/** Largest page the list returns. */
export const MAX_PAGE_SIZE = 200;

const wholeNumber = (min: number, max: number, fallback: number) =>
  z
    .string()
    .regex(/^\d{1,9}$/, `must be a whole number from ${min} to ${max}`)
    .transform(Number)
    .pipe(z.number().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`))
    .optional()
    .transform((value) => value ?? fallback);

const periodBound = z
  .string()
  .transform((value) => value.replace(/^(\S+T[\d:.]+) (\d{2}:\d{2})$/, "$1+$2"))
  .refine((value) => parsePeriodBound(value, "UTC") !== null, {
    message: "must be an ISO date (2026-11-01) or date-time (2026-11-01T10:00, 2026-11-01T10:00:00Z)",
  })
  .optional();

/** Query of `GET /cases`. */
export const casesQuery = z.object({
  status: z.enum(CASE_STATUSES, { message: `must be one of ${CASE_STATUSES.join(", ")}` }).optional(),
  curatorId: z.uuid({ message: "must be a UUID" }).optional(),
  from: periodBound,
  to: periodBound,
  overdue: z
    .enum(["true", "false"], { message: "must be true or false" })
    .transform((v) => v === "true")
    .optional(),
  page: wholeNumber(1, 1_000_000, 1),
  pageSize: wholeNumber(1, MAX_PAGE_SIZE, 50),
}) satisfies z.ZodType<CaseFilters, Record<string, unknown>>;

const params = z.object({ id: z.uuid({ message: "must be a UUID" }) });
const person = z.object({ id: z.string(), fullName: z.string() });

const listItem = z.object({
  id: z.string(),
  number: z.string(),
  signal: z.object({ id: z.string(), number: z.string() }),
  hospital: z.object({ id: z.string(), name: z.string() }),
  womanFullName: z.string(),
  status: z.enum(CASE_STATUSES),
  stage: z.enum(CASE_STAGES).nullable(),
  curator: person,
  psychologist: person.nullable(),
  openedAt: z.date(),
  planDueAt: z.date().nullable(),
  limitAt: z.date().nullable(),
  accompanimentAt: z.date().nullable(),
  closedAt: z.date().nullable(),
  closeReason: z.enum(ALL_CLOSE_REASONS as [string, ...string[]]).nullable(),
  handedOverAt: z.date().nullable(),
  nextDueAt: z.date().nullable(),
  overdueSince: z.date().nullable(),
});

/** Response of `GET /cases` (responses are parsed through their schema: only these fields leave). */
export const casesResponse = z.object({
  items: z.array(listItem),
  page: z.number(),
  pageSize: z.number(),
  total: z.number(),
});

/** Response of `GET /cases/:id`. */
export const caseResponse = listItem.extend({
  womanBirthDate: z.string().nullable(),
  womanAge: z.number().nullable(),
  version: z.number(),
  sheet: z
    .object({
      answers: z.unknown(),
      complete: z.boolean(),
      filledAt: z.date().nullable(),
      updatedAt: z.date(),
    })
    .nullable(),
  plans: z.array(
    z.object({
      id: z.string(),
      kind: z.string(),
      version: z.number(),
      createdAt: z.date(),
      createdBy: person.nullable(),
      monitoringId: z.string().nullable(),
      content: z.unknown(),
      actions: z.array(
        z.object({
          key: z.string(),
          position: z.number(),
          what: z.string(),
          responsible: z.string(),
          organisation: z.string().nullable(),
          dueDate: z.string(),
          status: z.string(),
          statusAt: z.date().nullable(),
        }),
      ),
    }),
  ),
  monitorings: z.array(
    z.object({
      id: z.string(),
      stage: z.string(),
      number: z.number(),
      recordedAt: z.date(),
      recordedBy: person.nullable(),
      progress: z.unknown(),
      planCorrected: z.boolean(),
      decision: z.string(),
      note: z.string().nullable(),
    }),
  ),
  handovers: z.array(
    z.object({
      id: z.string(),
      recipientKind: z.string(),
      recipientName: z.string(),
      handedOn: z.string(),
      orderNumber: z.string(),
      ackDueAt: z.date(),
      acknowledgedAt: z.date().nullable(),
      packageReady: z.boolean(),
    }),
  ),
  deadlines: z.array(
    z.object({
      kind: z.string(),
      at: z.date(),
      overdue: z.boolean(),
      actionKey: z.string().optional(),
      handoverId: z.string().optional(),
    }),
  ),
  timeline: z.array(
    z.object({ id: z.string(), type: z.string(), at: z.date(), actor: person.nullable(), data: z.unknown() }),
  ),
});

function parseQuery(req: Request): CaseFilters {
  const query = req.query as Record<string, unknown>;
  const known = casesQuery.keyof().options as readonly string[];
  const unknown = Object.keys(query).find((key) => !known.includes(key));
  if (unknown !== undefined) {
    const field = unknown.slice(0, 40);
    throw apiError("bad_request", `${field}: unknown parameter`, { field });
  }
  return parseInput(casesQuery, query);
}

function sendPersonal(res: Response, body: unknown): void {
  res.setHeader("Cache-Control", "no-store");
  res.json(body);
}

/** The router to mount under /api: `GET /cases`, `GET /cases/:id`. */
export function caseRoutes(deps: FeatureDeps, settings: CaseSettings): Router {
  const { db, clock } = deps;
  const auth = requireStaff(db, { clock });
  const router = Router();

  router.get("/cases", auth, async (req, res) => {
    const filters = parseQuery(req);
    const result = await readCases(db, { actor: apiActor(res), filters, now: clock() });
    sendPersonal(res, casesResponse.parse(result));
  });

  router.get("/cases/:id", auth, async (req, res) => {
    const { id } = parseInput(params, req.params);
    const result = await readCase(db, { actor: apiActor(res), caseId: id, settings, now: clock() });
    sendPersonal(res, caseResponse.parse(result));
  });

  return router;
}
