/**
 * The report API: the effectiveness figures (JSON, XLSX or PDF) and the hospitals' abandonment
 * counts. Periods are whole days of the service's zone, `to` exclusive (as in the journals).
 *
 * @example
 * GET /api/reports/effectiveness?from=2026-01-01&to=2026-07-01
 * → 200 { period: { from, to }, previousPeriod, timeZone, hospitals, figures: [{ id, total: {
 *         numerator, denominator, ratio, state, missing, pending }, byHospital, previous,
 *         drillDown: { numerator: [{ signal, case, hospitalId }], denominator } }], abandonments }
 * PUT /api/reports/abandonments { hospitalId, from: "2026-01-01", to: "2026-07-01", count: 12 }
 * → 200 { id, hospital, from, to, count, enteredBy, channel, enteredAt, previousCount }
 */
import { Router, type Request, type Response } from "express";
import { z } from "zod";
import { apiActor, requireStaff } from "../../access/http/auth.ts";
import { authorize, type StaffActor } from "../../access/policy.ts";
import { actionRunner, type FeatureDeps } from "../../platform/chat/app.ts";
import { parseInput } from "../../platform/http/app.ts";
import { withZonedTimes } from "../../platform/http/zoned-times.ts";
import { apiError } from "../../platform/errors.ts";
import { pickLocale, type Locale } from "../../platform/i18n/index.ts";
import { runActions } from "../../platform/run-actions.ts";
import { setAbandonmentTotal } from "../actions/set-abandonment-total.ts";
import type { Figure } from "../domain/effectiveness.ts";
import { lastCompleteHalfYear, periodProblem, type DayPeriod } from "../domain/periods.ts";
import { collect, CONTENT_TYPES, documentText, fileName, type DocumentFormat } from "../documents/format.ts";
import { writeReport } from "../documents/report.ts";
import { periodFigures, readEffectiveness, type EffectivenessReport } from "../queries/effectiveness.ts";
import type { RegisterSettings } from "../settings.ts";
import { attachment } from "./register-file.ts";

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be an ISO date (2026-01-01)");

/** Query of `GET /reports/effectiveness`. */
export const reportQuery = z.strictObject({
  from: day.optional(),
  to: day.optional(),
  format: z.enum(["json", "xlsx", "pdf"], { message: "must be one of json, xlsx, pdf" }).optional(),
});

/** Query of `GET /reports/abandonments`. */
export const totalsQuery = z.strictObject({ from: day, to: day });

/** Body of `PUT /reports/abandonments`. */
export const totalBody = z.strictObject({
  hospitalId: z.uuid({ message: "must be a UUID" }),
  from: day,
  to: day,
  count: z
    .number({ message: "must be a whole number" })
    .int("must be a whole number")
    .min(0, "must be at least 0"),
});

/** The period asked for (default: the last complete half-year in the service's zone). */
async function periodOf(
  deps: FeatureDeps,
  serviceId: string,
  query: { from?: string | undefined; to?: string | undefined },
) {
  if ((query.from === undefined) !== (query.to === undefined)) {
    const field = query.from === undefined ? "from" : "to";
    throw apiError(
      "bad_request",
      `${field}: give both from and to, or neither (the last complete half-year)`,
      {
        field,
      },
    );
  }
  let period: DayPeriod;
  if (query.from !== undefined && query.to !== undefined) period = { from: query.from, to: query.to };
  else {
    const service = await deps.db.service.findUniqueOrThrow({
      where: { id: serviceId },
      select: { timeZone: true },
    });
    period = lastCompleteHalfYear(deps.clock(), service.timeZone);
  }
  const problem = periodProblem(period);
  if (problem) throw apiError("bad_request", `${problem.field}: ${problem.reason}`, { field: problem.field });
  return period;
}

function figureJson(f: Figure) {
  return {
    numerator: f.numerator,
    denominator: f.denominator,
    ratio: f.ratio,
    state: f.state,
    missing: f.missing,
    pending: f.pending,
  };
}

/** The report as JSON: only these fields leave. */
export function reportJson(report: EffectivenessReport) {
  return {
    service: { id: report.service.id, name: report.service.name },
    timeZone: report.service.timeZone,
    generatedAt: report.generatedAt,
    period: report.current.period,
    previousPeriod: report.previous.period,
    hospitals: report.hospitals,
    figures: report.current.figures.map((f) => {
      const before = report.previous.figures.find((p) => p.id === f.id)!;
      return {
        id: f.id,
        total: figureJson(f.total),
        byHospital: Object.fromEntries(Object.entries(f.byHospital).map(([id, h]) => [id, figureJson(h)])),
        previous: figureJson(before.total),
        drillDown: { numerator: f.numeratorItems, denominator: f.denominatorItems },
      };
    }),
    abandonments: report.current.abandonments.map((a) => ({
      hospitalId: a.hospitalId,
      count: a.count,
      missing: a.count === null,
      entries: a.entries,
      gaps: a.gaps,
    })),
  };
}

function strictQuery<S extends z.ZodType>(schema: S, req: Request): z.infer<S> {
  for (const [key, value] of Object.entries(req.query)) {
    if (typeof value !== "string")
      throw apiError("bad_request", `${key.slice(0, 40)}: give it once`, { field: key });
  }
  const parsed = schema.safeParse(req.query);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field =
      issue.code === "unrecognized_keys"
        ? String(issue.keys[0]).slice(0, 40)
        : issue.path.join(".") || "query";
    const message = issue.code === "unrecognized_keys" ? "unknown parameter" : issue.message;
    throw apiError("bad_request", `${field}: ${message}`, { field });
  }
  return parsed.data;
}

function sendPersonal(res: Response, body: unknown): void {
  res.setHeader("Cache-Control", "no-store");
  res.json(body);
}

/**
 * The report (read already, audited) as a PDF or XLSX file in the response, in `locale` (default:
 * the person's own), with its Russian or English file name. The API's `format=` and the console's
 * downloads both answer with it.
 */
export async function sendReport(
  deps: Pick<FeatureDeps, "db" | "translator">,
  request: { actor: StaffActor; report: EffectivenessReport; format: DocumentFormat; locale?: Locale },
  res: Response,
): Promise<void> {
  const { actor, report, format } = request;
  const staff = await deps.db.staff.findUniqueOrThrow({ where: { id: actor.id }, select: { locale: true } });
  const text = documentText(
    deps.translator,
    request.locale ?? pickLocale(staff.locale),
    report.service.timeZone,
  );
  const output = collect();
  await writeReport(report, format, text, output.stream);
  const content = await output.done;
  res.setHeader("Content-Type", CONTENT_TYPES[format]);
  res.setHeader(
    "Content-Disposition",
    attachment(fileName(text.t("documents.effectiveness"), report.current.period, format)),
  );
  res.setHeader("Cache-Control", "no-store");
  res.end(content);
}

/** The router mounted under /api. */
export function reportRoutes(deps: FeatureDeps, settings: RegisterSettings): Router {
  const { db, clock } = deps;
  const auth = requireStaff(db, { clock });
  const router = Router();

  router.get("/reports/effectiveness", auth, async (req, res) => {
    const query = strictQuery(reportQuery, req);
    const actor = apiActor(res);
    authorize(actor, "report.read");
    const period = await periodOf(deps, actor.serviceId, query);
    const report = await readEffectiveness(db, { actor, serviceId: actor.serviceId, period, now: clock() });
    const format = query.format ?? "json";
    if (format === "json")
      return sendPersonal(res, withZonedTimes(reportJson(report), report.service.timeZone));
    await sendReport(deps, { actor, report, format }, res);
  });

  router.get("/reports/abandonments", auth, async (req, res) => {
    const query = strictQuery(totalsQuery, req);
    const actor = apiActor(res);
    authorize(actor, "report.read");
    const period = await periodOf(deps, actor.serviceId, query);
    const service = await db.service.findUniqueOrThrow({
      where: { id: actor.serviceId },
      select: { id: true, timeZone: true },
    });
    const hospitals = await db.hospital.findMany({
      where: { serviceId: actor.serviceId, active: true },
      select: { id: true, name: true, shortName: true },
      orderBy: { name: "asc" },
    });
    const figures = await periodFigures(db, service, period, hospitals);
    sendPersonal(
      res,
      withZonedTimes(
        {
          period,
          timeZone: service.timeZone,
          hospitals: figures.abandonments.map((a) => ({
            hospital: hospitals.find((h) => h.id === a.hospitalId),
            count: a.count,
            missing: a.count === null,
            entries: a.entries,
            gaps: a.gaps,
          })),
        },
        service.timeZone,
      ),
    );
  });

  router.put("/reports/abandonments", auth, async (req, res) => {
    const body = parseInput(totalBody, req.body);
    const actor = apiActor(res);
    const saved = await runActions(actionRunner(deps, { registers: settings }), (d) =>
      setAbandonmentTotal(d, actor, body),
    );
    const { timeZone } = await db.service.findUniqueOrThrow({
      where: { id: actor.serviceId },
      select: { timeZone: true },
    });
    res.json(withZonedTimes(saved, timeZone));
  });

  return router;
}
