/**
 * The console's pages under /console: sign-in (the bot's one-time link, Telegram's Mini App),
 * Today, a signal, the journals, people and places, the reader's sessions. Server-rendered HTML
 * that works without JavaScript; htmx (boosted links and forms) only spares page reloads.
 *
 * Every write goes through the same action functions as the bot and the API (`runActions`), so
 * the same rules and the same refusals apply; a refusal comes back as the DomainError's text in
 * the reader's language on the next page. Reads of personal data are audited by the queries.
 */
import express, { Router, type ErrorRequestHandler, type Request, type Response } from "express";
import { parse as parseCookies } from "cookie";
import type { VNode } from "preact";
import { render } from "preact-render-to-string";
import QRCode from "qrcode";
import { z } from "zod";
import { createHospital } from "../../access/actions/create-hospital.ts";
import { createInvitation } from "../../access/actions/create-invitation.ts";
import { issueToken } from "../../access/actions/issue-api-token.ts";
import { revokeInvitation } from "../../access/actions/revoke-invitation.ts";
import { revokeToken } from "../../access/actions/revoke-api-token.ts";
import { setStaffActive } from "../../access/actions/set-staff-active.ts";
import { shortName } from "../../access/names.ts";
import { authorize, can, staffActor, type Permission, type StaffActor } from "../../access/policy.ts";
import { reviewAssessment } from "../../assessments/actions/review-assessment.ts";
import { formFileName, renderAssessmentForm } from "../../assessments/documents/form.ts";
import { assessmentNotFound } from "../../assessments/actions/refusals.ts";
import { assessmentSubject, loadAssessment } from "../../assessments/queries/assessment-view.ts";
import { readAssessment } from "../../assessments/queries/detail.ts";
import { rehabPlanPdf } from "../../cases/documents/case-pdf.ts";
import type { CaseSettings } from "../../cases/settings.ts";
import { STAFF_ROLES } from "../../platform/actor.ts";
import { writeAudit } from "../../platform/audit.ts";
import { actionRunner, type FeatureDeps } from "../../platform/chat/app.ts";
import { DomainError } from "../../platform/errors.ts";
import type { Text } from "../../platform/flow/types.ts";
import { pickLocale, type Locale } from "../../platform/i18n/index.ts";
import { safeError } from "../../platform/logger.ts";
import { runActions } from "../../platform/run-actions.ts";
import { assignCurator } from "../../signals/actions/assign-curator.ts";
import { reassignCurator } from "../../signals/actions/reassign-curator.ts";
import { setUrgency } from "../../signals/actions/set-urgency.ts";
import { signalNumber } from "../../signals/domain/numbers.ts";
import { journalParams } from "../../signals/http/journals.ts";
import { curatorLoads } from "../../signals/queries/staff.ts";
import { setAbandonmentTotal } from "../../registers/actions/set-abandonment-total.ts";
import { FIGURE_IDS, type FigureId } from "../../registers/domain/effectiveness.ts";
import { inclusivePeriod, isIsoDate, lastDay } from "../../registers/domain/periods.ts";
import { MAX_ABANDONMENTS } from "../../registers/domain/totals.ts";
import { attachment, sendRegister } from "../../registers/http/register-file.ts";
import { sendReport } from "../../registers/http/reports.ts";
import type { SignalSettings } from "../../signals/settings.ts";
import { signInWithLink, signInWithMiniApp, peekSignInLink, type SignInResult } from "../actions/sign-in.ts";
import { endConsoleSession } from "../actions/sign-out.ts";
import type { SignInRefusal } from "../domain/session.ts";
import {
  journalFilterOptions,
  readJournal,
  type JournalFilters,
  type JournalKind,
} from "../queries/journals.ts";
import {
  hospitalChoices,
  listHospitals,
  listInvitations,
  listStaff,
  listTokens,
  tokenHolders,
} from "../queries/people.ts";
import { downloadFile, myDocuments, signalDocuments } from "../queries/files.ts";
import { linkItems, readReport, reportPeriod, serviceZone } from "../queries/report.ts";
import { caseAttention } from "../queries/attention.ts";
import { casePlanForPdf, myCases, readCasePage } from "../queries/case-page.ts";
import { readSignalPage } from "../queries/signal-page.ts";
import { curatorWork, serviceOverview } from "../queries/today.ts";
import { csrfMatches, csrfToken } from "../secrets.ts";
import {
  endSession,
  findLiveSession,
  openSessionsOf,
  setFlash,
  setSessionLocale,
  takeFlash,
  type Flash,
  type LiveSession,
} from "../sessions.ts";
import type { ConsoleSettings } from "../settings.ts";
import { formatDate, viewContext, type Reader, type ShownFlash, type ViewContext } from "../views/context.ts";
import { AssessmentPageView } from "../views/assessment.tsx";
import { CaseListView, CasePageView } from "../views/case.tsx";
import { DocumentsPageView } from "../views/documents.tsx";
import { JOURNAL_PAGE_SIZE, JournalPageView, journalPath } from "../views/journals.tsx";
import { AccountPage, MessagePage, MiniAppPage, SignInPage } from "../views/pages.tsx";
import {
  PEOPLE_SECTIONS,
  PeoplePageView,
  type PeopleData,
  type PeopleSection,
  type ShownInvitation,
} from "../views/people.tsx";
import { DRILL_SHOWN, FigurePageView, ReportPageView } from "../views/report.tsx";
import { SignalPageView } from "../views/signal.tsx";
import { CuratorPage, OverviewPage } from "../views/today.tsx";
import { assetRoutes } from "./assets.ts";
import { clearSessionCookie, cookieName, sameOrigin, securityHeaders, setSessionCookie } from "./security.ts";

/** The signed-in request's session and the cookie's secret (for the CSRF token). */
interface PageSession {
  session: LiveSession;
  secret: string;
  actor: StaffActor;
}

const uuid = z.uuid();

/** HTTP status of a sign-in refusal. */
const REFUSAL_STATUS: Record<SignInRefusal, number> = {
  invalid: 404,
  used: 410,
  expired: 410,
  not_allowed: 403,
  unknown_user: 403,
};

/** Which permission opens which people section. */
const SECTION_PERMISSION: Record<PeopleSection, Permission> = {
  staff: "staff.manage",
  invitations: "staff.manage",
  hospitals: "hospital.manage",
  tokens: "api_token.manage",
};

/** A refusal of a form field, shown as "check the field «…»". */
function badInput(labelKey: string): DomainError {
  return new DomainError("bad_request", "console.errors.bad_input", {
    params: { field: { key: labelKey } },
    message: `bad input: ${labelKey}`,
  });
}

/** Parses a form with zod; a bad field becomes {@link badInput} with that field's label. */
function parseForm<S extends z.ZodType>(
  schema: S,
  body: unknown,
  labels: Record<string, string>,
): z.infer<S> {
  const parsed = schema.safeParse(body ?? {});
  if (parsed.success) return parsed.data;
  const field = String(parsed.error.issues[0]?.path[0] ?? "");
  throw badInput(labels[field] ?? "console.errors.title");
}

/** A form's empty field is an absent one. */
const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .optional();

/** Where to go back after an action: a console page, never another site. */
function safeBack(value: unknown, fallback: string): string {
  return typeof value === "string" && /^\/console(\/[A-Za-z0-9/_-]*)?(\?[A-Za-z0-9=&%._:+-]*)?$/.test(value)
    ? value
    : fallback;
}

function sendPage(res: Response, page: VNode, status = 200): void {
  res
    .status(status)
    .type("html")
    .send(`<!doctype html>${render(page)}`);
}

/** The console router, mounted at the top level by the area. */
export function consoleRouter(
  deps: FeatureDeps,
  settings: ConsoleSettings,
  signals: SignalSettings,
  cases: CaseSettings,
): Router {
  const { db, clock, translator, logger } = deps;
  const signalRunner = actionRunner(deps, { signals });
  const assessmentRunner = actionRunner<unknown>(deps, {});
  const consoleRunner = actionRunner(deps, settings);

  /** The anonymous reader's language: the browser's. */
  const browserLocale = (req: Request): Locale => pickLocale(req.acceptsLanguages("ru", "en") || "ru");

  const anonymousContext = (req: Request, locale = browserLocale(req)): ViewContext =>
    viewContext({ translator, locale, timeZone: "UTC", now: clock(), path: req.originalUrl });

  const readerOf = (ps: PageSession): Reader => {
    const { actor } = ps;
    return {
      fullName: ps.session.staff.fullName,
      role: ps.session.staff.role,
      serviceName: ps.session.serviceName,
      csrf: csrfToken(ps.secret),
      menu: {
        today: can(actor, "service.overview") || can(actor, "work.list"),
        cases: can(actor, "case.list"),
        journals: can(actor, "journal.service.read") || can(actor, "journal.hospital.read"),
        report: can(actor, "report.read"),
        documents: can(actor, "register.export") || can(actor, "report.read"),
        people: PEOPLE_SECTIONS.some((s) => can(actor, SECTION_PERMISSION[s])),
      },
    };
  };

  const renderFlash = (flash: Flash | null, locale: Locale, timeZone: string): ShownFlash | undefined =>
    flash ? { kind: flash.kind, text: translator.render(flash.text, locale, timeZone) } : undefined;

  /** The context of a signed-in page; takes the session's one-time message. */
  const pageContext = async (req: Request, ps: PageSession, extra?: Flash): Promise<ViewContext> => {
    const { session } = ps;
    const flash = extra ?? (await takeFlash(db, session));
    const shown = renderFlash(flash, session.locale, session.timeZone);
    return viewContext({
      translator,
      locale: session.locale,
      timeZone: session.timeZone,
      now: clock(),
      path: req.originalUrl,
      reader: readerOf(ps),
      ...(shown ? { flash: shown } : {}),
    });
  };

  const pageSession = (res: Response): PageSession => {
    const ps = (res.locals as { console?: PageSession }).console;
    if (!ps) throw new Error("consoleRouter: the route is not behind requireSession");
    return ps;
  };

  /** Runs a form's work, leaves its outcome (or its refusal) for the next page, and goes back. */
  const action =
    (fallback: string, work: (req: Request, ps: PageSession) => Promise<Text>) =>
    async (req: Request, res: Response) => {
      const ps = pageSession(res);
      let flash: Flash;
      try {
        flash = { kind: "done", text: await work(req, ps) };
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        flash = { kind: "error", text: error.text };
      }
      await setFlash(db, ps.session.id, flash);
      res.redirect(303, safeBack((req.body as { back?: unknown } | undefined)?.back, fallback));
    };

  const signedIn = (req: Request, res: Response, result: Extract<SignInResult, { ok: true }>) => {
    setSessionCookie(req, res, result.session.secret, result.session.expiresAt);
  };

  const router = Router();
  const page = Router();
  router.use("/console", page);

  page.use(securityHeaders);
  page.use(assetRoutes());
  page.use((_req, res, next) => {
    // Pages carry personal data: never stored by a browser or a proxy.
    res.setHeader("Cache-Control", "no-store");
    next();
  });
  page.use(express.urlencoded({ extended: false, limit: "32kb", parameterLimit: 50 }));
  page.use(express.json({ limit: "16kb" }));
  page.use((req, _res, next) => {
    if (req.method !== "GET" && req.method !== "HEAD" && !sameOrigin(req)) {
      return next(new DomainError("forbidden", "console.errors.csrf", { message: "cross-site request" }));
    }
    next();
  });

  // Who is there: the live session behind the cookie, if any.
  page.use(async (req, res, next) => {
    const secret = parseCookies(req.headers.cookie ?? "")[cookieName(req)];
    if (!secret) return next();
    const session = await findLiveSession(db, secret, clock(), settings);
    if (!session) {
      clearSessionCookie(req, res);
      (res.locals as { endedSession?: boolean }).endedSession = true;
      return next();
    }
    const actor = staffActor(session.staff, "console");
    if (!can(actor, "console.sign_in")) {
      // The role changed since sign-in: the session ends here.
      await endSession(db, session.id, "not_allowed", clock());
      clearSessionCookie(req, res);
      (res.locals as { endedSession?: boolean }).endedSession = true;
      return next();
    }
    (res.locals as { console?: PageSession }).console = { session, secret, actor };
    next();
  });

  // ---- signing in ----

  page.get("/sign-in", async (req, res) => {
    const ctx = anonymousContext(req);
    const token = typeof req.query.token === "string" ? req.query.token : "";
    const state = await peekSignInLink(db, token, clock());
    if (state !== "usable") {
      return sendPage(
        res,
        <MessagePage
          ctx={ctx}
          title={ctx.t("console.sign_in.title")}
          message={ctx.t(`console.sign_in.${state}`)}
        />,
        REFUSAL_STATUS[state],
      );
    }
    sendPage(res, <SignInPage ctx={ctx} token={token} />);
  });

  page.post("/sign-in", async (req, res) => {
    const token = (req.body as { token?: unknown } | undefined)?.token;
    const secret = typeof token === "string" ? token : "";
    const result = await runActions(consoleRunner, (d) => signInWithLink(d, { secret }));
    if (!result.ok) {
      const ctx = anonymousContext(req);
      return sendPage(
        res,
        <MessagePage
          ctx={ctx}
          title={ctx.t("console.sign_in.title")}
          message={ctx.t(`console.sign_in.${result.reason}`)}
        />,
        REFUSAL_STATUS[result.reason],
      );
    }
    // A browser signing in as someone else leaves the previous session behind, ended.
    const previous = (res.locals as { console?: PageSession }).console;
    if (previous) await endSession(db, previous.session.id, "replaced", clock());
    signedIn(req, res, result);
    res.redirect(303, "/console");
  });

  page.get("/mini-app", (req, res) => {
    const ps = (res.locals as { console?: PageSession }).console;
    if (ps) return res.redirect(303, "/console");
    sendPage(res, <MiniAppPage ctx={anonymousContext(req)} />);
  });

  page.post("/mini-app", async (req, res) => {
    const body = z.object({ initData: z.string().max(8192) }).safeParse(req.body);
    const result: SignInResult = body.success
      ? await runActions(consoleRunner, (d) =>
          signInWithMiniApp(d, { initData: body.data.initData, messenger: "telegram" }),
        )
      : { ok: false, reason: "invalid" };
    if (!result.ok) {
      const ctx = anonymousContext(req);
      res
        .status(REFUSAL_STATUS[result.reason])
        .json({ reason: result.reason, message: ctx.t(`console.sign_in.${result.reason}`) });
      return;
    }
    signedIn(req, res, result);
    res.json({ next: "/console" });
  });

  page.get("/signed-out", (req, res) => {
    const ctx = anonymousContext(req);
    sendPage(
      res,
      <MessagePage
        ctx={ctx}
        title={ctx.t("console.sign_in.title")}
        message={ctx.t("console.sign_in.signed_out")}
      />,
    );
  });

  // ---- everything else needs a session; forms need its CSRF token ----

  page.use((req, res, next) => {
    const ps = (res.locals as { console?: PageSession }).console;
    if (!ps) {
      const ctx = anonymousContext(req);
      const ended = (res.locals as { endedSession?: boolean }).endedSession === true;
      return sendPage(
        res,
        <MessagePage
          ctx={ctx}
          title={ctx.t("console.sign_in.needed_title")}
          message={ctx.t(ended ? "console.sign_in.ended" : "console.sign_in.needed", {
            minutes: settings.linkMinutes,
          })}
        />,
        401,
      );
    }
    if (
      req.method === "POST" &&
      !csrfMatches(ps.secret, (req.body as { _csrf?: unknown } | undefined)?._csrf)
    ) {
      return next(
        new DomainError("forbidden", "console.errors.csrf", { message: "missing or wrong CSRF token" }),
      );
    }
    next();
  });

  page.post("/sign-out", async (req, res) => {
    const ps = pageSession(res);
    await runActions(consoleRunner, (d) =>
      endConsoleSession(d, ps.actor, { sessionId: ps.session.id, currentSessionId: ps.session.id }),
    );
    clearSessionCookie(req, res);
    res.redirect(303, "/console/signed-out");
  });

  page.post("/language", async (req, res) => {
    const ps = pageSession(res);
    const locale = (req.body as { locale?: unknown } | undefined)?.locale;
    if (locale === "ru" || locale === "en") await setSessionLocale(db, ps.session.id, locale);
    res.redirect(303, safeBack((req.body as { back?: unknown } | undefined)?.back, "/console"));
  });

  // ---- Today ----

  page.get("/", async (req, res) => {
    const ps = pageSession(res);
    const { actor } = ps;
    if (can(actor, "service.overview")) {
      const [overview, attention] = await Promise.all([
        serviceOverview(db, actor),
        caseAttention(db, actor, cases, clock()),
      ]);
      return sendPage(
        res,
        <OverviewPage
          ctx={await pageContext(req, ps)}
          overview={overview}
          allowed={allowedOf(actor)}
          attention={attention}
        />,
      );
    }
    if (can(actor, "work.list")) {
      const [work, attention] = await Promise.all([
        curatorWork(db, actor),
        caseAttention(db, actor, cases, clock()),
      ]);
      return sendPage(
        res,
        <CuratorPage ctx={await pageContext(req, ps)} work={work} attention={attention} />,
      );
    }
    res.redirect(303, "/console/account");
  });

  // ---- a signal ----

  page.get("/signals/:id", async (req, res) => {
    const ps = pageSession(res);
    const id = uuid.safeParse(req.params.id);
    if (!id.success) throw new DomainError("not_found", "console.errors.not_found");
    const { signal, names } = await readSignalPage(db, ps.actor, id.data, clock());
    const allowed = allowedOf(ps.actor);
    const curators = allowed.assign || allowed.reassign ? await curatorLoads(db, ps.actor.serviceId) : [];
    const documents = await signalDocuments(db, ps.actor, { id: signal.id, caseId: signal.case?.id ?? null });
    sendPage(
      res,
      <SignalPageView
        ctx={await pageContext(req, ps)}
        signal={signal}
        names={names}
        curators={curators}
        allowed={allowed}
        documents={documents}
        showOutcome={can(ps.actor, "signal.read_outcome", {
          serviceId: ps.actor.serviceId,
          hospitalId: signal.hospital.id,
          curatorId: signal.curator?.id ?? null,
        })}
      />,
    );
  });

  const signalParams = (req: Request): string => {
    const id = uuid.safeParse(req.params.id);
    if (!id.success) throw new DomainError("not_found", "errors.not_found");
    return id.data;
  };
  const curatorForm = z.object({
    curatorId: z.uuid(),
    overrideReason: optionalText.pipe(z.string().min(5).max(500).optional()),
  });
  const curatorLabels = {
    curatorId: "console.col.curator",
    overrideReason: "console.actions.override_reason",
  };

  page.post(
    "/signals/:id/urgency",
    action("/console", async (req, ps) => {
      const signalId = signalParams(req);
      const { urgency } = parseForm(z.object({ urgency: z.enum(["urgent", "planned"]) }), req.body, {
        urgency: "console.col.urgency",
      });
      const { signal } = await runActions(signalRunner, (d) =>
        setUrgency(d, ps.actor, { signalId, urgency }),
      );
      return {
        key: "console.actions.done_urgency",
        params: { number: signalNumber(signal), urgency: { key: `signal.urgency.${urgency}` } },
      };
    }),
  );

  for (const kind of ["assign", "reassign"] as const) {
    page.post(
      `/signals/:id/${kind}`,
      action("/console", async (req, ps) => {
        const signalId = signalParams(req);
        const form = parseForm(curatorForm, req.body, curatorLabels);
        const input = {
          signalId,
          curatorId: form.curatorId,
          ...(form.overrideReason ? { overrideReason: form.overrideReason } : {}),
        };
        const { signal, curator } = await runActions(signalRunner, (d) =>
          kind === "assign" ? assignCurator(d, ps.actor, input) : reassignCurator(d, ps.actor, input),
        );
        return {
          key: kind === "assign" ? "console.actions.done_assigned" : "console.actions.done_reassigned",
          params: { number: signalNumber(signal), curator: shortName(curator.fullName) },
        };
      }),
    );
  }

  // ---- cases and assessments ----

  const idParam = (value: unknown): string => {
    const id = uuid.safeParse(value);
    if (!id.success) throw new DomainError("not_found", "console.errors.not_found");
    return id.data;
  };

  // The reader's cases: a curator their own, heads and admins the service's (audited as a list read).
  page.get("/cases", async (req, res) => {
    const ps = pageSession(res);
    authorize(ps.actor, "case.list");
    const list = await myCases(db, ps.actor, clock());
    sendPage(res, <CaseListView ctx={await pageContext(req, ps)} cases={list} />);
  });

  page.get("/cases/:id", async (req, res) => {
    const ps = pageSession(res);
    const caseId = idParam(req.params.id);
    const casePage = await readCasePage(db, ps.actor, caseId, cases, clock());
    sendPage(res, <CasePageView ctx={await pageContext(req, ps)} page={casePage} />);
  });

  // The client's copy of a long-term plan version, made now from the stored plan (in Russian, as
  // the bot sends it); audited as a read of the case's document.
  page.get("/cases/:id/plans/:planId", async (req, res) => {
    const ps = pageSession(res);
    const caseId = idParam(req.params.id);
    const planId = idParam(req.params.planId);
    const { c, plan } = await casePlanForPdf(db, ps.actor, caseId, planId);
    const pdf = await rehabPlanPdf(c, plan, translator);
    await writeAudit(db, {
      actor: ps.actor,
      action: "case.plan_downloaded",
      subjectType: "case",
      subjectId: c.id,
      details: { planId: plan.id, version: plan.version },
      at: clock(),
    });
    res.setHeader("Content-Type", "application/pdf");
    res.setHeader(
      "Content-Disposition",
      attachment(`Реабилитационный план ${c.number.replace("/", "-")} v${plan.version}.pdf`),
    );
    res.send(pdf);
  });

  page.get("/assessments/:id", async (req, res) => {
    const ps = pageSession(res);
    const id = idParam(req.params.id);
    const detail = await readAssessment(db, ps.actor, id, clock());
    sendPage(
      res,
      <AssessmentPageView
        ctx={await pageContext(req, ps)}
        a={detail}
        canReview={can(ps.actor, "assessment.review")}
      />,
    );
  });

  // The assessment's form as it stands now (the API's form.pdf), audited as `assessment.form_read`.
  page.get("/assessments/:id/form", async (req, res) => {
    const ps = pageSession(res);
    const id = idParam(req.params.id);
    const now = clock();
    const assessment = await loadAssessment(db, id);
    if (!assessment || assessment.serviceId !== ps.actor.serviceId) throw assessmentNotFound();
    authorize(ps.actor, "assessment.read", assessmentSubject(assessment));
    const pdf = await renderAssessmentForm(db, id, now);
    if (!pdf) throw assessmentNotFound();
    await writeAudit(db, {
      actor: ps.actor,
      action: "assessment.form_read",
      subjectType: "assessment",
      subjectId: assessment.id,
      serviceId: assessment.serviceId,
      at: now,
    });
    res.setHeader("Content-Type", "application/pdf");
    res.setHeader("Content-Disposition", attachment(formFileName(assessment)));
    res.send(pdf);
  });

  // The head's supervision review: the same action as the bot's.
  page.post("/assessments/:id/review", (req, res, next) => {
    const back = `/console/assessments/${idParam(req.params.id)}`;
    return action(back, async (r, ps) => {
      const assessmentId = idParam(r.params.id);
      const { comment } = parseForm(z.object({ comment: z.string().trim().min(3).max(2000) }), r.body, {
        comment: "console.assessment_page.review_comment",
      });
      const reviewed = await runActions(assessmentRunner, (d) =>
        reviewAssessment(d, ps.actor, { assessmentId, comment }),
      );
      return { key: "console.assessment_page.review_done", params: { number: reviewed.number } };
    })(req, res).catch(next);
  });

  // ---- journals ----

  const journalKinds = (actor: StaffActor): JournalKind[] => [
    ...(can(actor, "journal.service.read") ? (["service"] as const) : []),
    ...(can(actor, "journal.hospital.read") ? (["hospital"] as const) : []),
  ];
  const filterLabels: Record<string, string> = {
    from: "console.journals.from",
    to: "console.journals.to",
    hospitalId: "console.journals.hospital_filter",
    curatorId: "console.journals.curator_filter",
    status: "console.journals.status_filter",
    cursor: "console.journals.paging",
    n: "console.journals.paging",
    name: "console.journals.search.label",
  };
  // The API's own filter schema (keyset paging only: a later page is reached by its cursor), and
  // the position of the page for showing it ("page 3").
  const consoleJournalParams = journalParams.omit({ page: true, pageSize: true, format: true }).extend({
    n: z.coerce.number().int().min(1).max(1_000_000).optional(),
    name: z.string().trim().max(200).optional(),
  });

  const journalKind = (actor: StaffActor, value: string | undefined): JournalKind => {
    const kind = value as JournalKind;
    if (!journalKinds(actor).includes(kind)) {
      throw kind === "service" || kind === "hospital"
        ? new DomainError("forbidden", "errors.forbidden")
        : new DomainError("not_found", "console.errors.not_found");
    }
    return kind;
  };

  /** The journal's fields of a query or a form: strings only, empty ones absent. */
  const journalFields = (source: unknown): Record<string, string> => {
    const raw: Record<string, string> = {};
    const values = (source ?? {}) as Record<string, unknown>;
    for (const key of Object.keys(filterLabels)) {
      const value = values[key];
      if (typeof value === "string" && value.trim() !== "") raw[key] = value.trim();
    }
    return raw;
  };

  const renderJournal = async (
    req: Request,
    res: Response,
    kind: JournalKind,
    raw: Record<string, string>,
  ) => {
    const ps = pageSession(res);
    const fresh: JournalFilters = { page: 1, pageSize: JOURNAL_PAGE_SIZE };
    let filters = fresh;
    let n = 1;
    let problem: Flash | undefined;
    const parsed = consoleJournalParams.safeParse(raw);
    if (parsed.success) {
      const { n: position, cursor, name, ...rest } = parsed.data;
      filters = {
        ...fresh,
        ...rest,
        ...(cursor ? { cursor } : {}),
        ...(name ? { name } : {}),
      };
      n = cursor ? (position ?? 2) : 1;
    } else {
      problem = {
        kind: "error",
        text: badInput(filterLabels[String(parsed.error.issues[0]?.path[0])] ?? "console.journals.filters")
          .text,
      };
    }
    const read = async (f: JournalFilters) => readJournal(db, ps.actor, kind, f, clock());
    let result;
    try {
      result = await read(filters);
    } catch (error) {
      // A filter the query refuses (a period ending before it starts, another curator's signals,
      // a stale cursor, a name without letters): said so, and the journal's first page instead.
      if (!(error instanceof DomainError) || (error.code !== "bad_request" && error.code !== "forbidden"))
        throw error;
      const field = typeof error.details?.field === "string" ? error.details.field : "";
      problem = { kind: "error", text: badInput(filterLabels[field] ?? "console.journals.filters").text };
      filters = fresh;
      n = 1;
      result = await read(filters);
    }
    const options = await journalFilterOptions(db, ps.actor);
    sendPage(
      res,
      <JournalPageView
        ctx={await pageContext(req, ps, problem)}
        kinds={journalKinds(ps.actor)}
        result={result}
        filters={filters}
        options={options}
        n={n}
        canExport={can(ps.actor, "register.export")}
      />,
    );
  };

  page.get("/journals", (_req, res) => {
    const kinds = journalKinds(pageSession(res).actor);
    if (kinds.length === 0) throw new DomainError("forbidden", "errors.forbidden");
    res.redirect(303, `/console/journals/${kinds[0]}`);
  });

  page.get("/journals/:kind", async (req, res) => {
    const kind = journalKind(pageSession(res).actor, req.params.kind);
    // A name is searched by a posted form only: one in the address is ignored.
    const { name: _ignored, ...raw } = journalFields(req.query);
    await renderJournal(req, res, kind, raw);
  });

  // The search by name (and its pages): posted, so that the name stays out of addresses, browser
  // history and server logs. Answered with the page itself.
  page.post("/journals/:kind", async (req, res) => {
    const kind = journalKind(pageSession(res).actor, req.params.kind);
    const raw = journalFields(req.body);
    if (raw.name === undefined) return res.redirect(303, journalPath(kind, raw));
    await renderJournal(req, res, kind, raw);
  });

  // The register of the journal's filters as a file: the registers' streaming path, as the API's
  // `format=xlsx|pdf` (audited there as `register.exported`).
  page.get("/journals/:kind/export", async (req, res) => {
    const ps = pageSession(res);
    const kind = journalKind(ps.actor, req.params.kind);
    const raw = journalFields(req.query);
    const format = req.query.format === "pdf" ? "pdf" : req.query.format === "xlsx" ? "xlsx" : null;
    const back = journalPath(kind, raw);
    const parsed = consoleJournalParams.omit({ cursor: true, n: true, name: true }).safeParse(raw);
    try {
      if (!format) throw badInput("console.journals.export.title");
      if (!parsed.success) {
        throw badInput(filterLabels[String(parsed.error.issues[0]?.path[0])] ?? "console.journals.filters");
      }
      if (!can(ps.actor, "register.export"))
        throw new DomainError("forbidden", "registers.export.not_allowed");
      await sendRegister(
        { db, clock, translator },
        {
          actor: ps.actor,
          journal: kind,
          filters: { page: 1, pageSize: JOURNAL_PAGE_SIZE, ...parsed.data },
          format,
          locale: ps.session.locale,
        },
        res,
      );
    } catch (error) {
      if (!(error instanceof DomainError) || res.headersSent) throw error;
      // Back to the journal, which says why (a period of dates is needed, too many rows for a PDF…).
      const field = typeof error.details?.field === "string" ? filterLabels[error.details.field] : undefined;
      const text = error.code === "bad_request" && field ? badInput(field).text : error.text;
      await setFlash(db, ps.session.id, { kind: "error", text });
      res.redirect(303, back);
    }
  });

  // ---- the effectiveness report ----

  /** The report's period from the address; a bad one is said on the page, and the default shown. */
  const askedPeriod = async (req: Request, ps: PageSession) => {
    const zone = await serviceZone(db, ps.actor.serviceId);
    const { period, problem } = reportPeriod(req.query, clock(), zone);
    const flash: Flash | undefined = problem
      ? { kind: "error", text: badInput(`console.report.${problem}`).text }
      : undefined;
    return { period, flash };
  };

  page.get("/report", async (req, res) => {
    const ps = pageSession(res);
    authorize(ps.actor, "report.read");
    const { period, flash } = await askedPeriod(req, ps);
    const report = await readReport(db, ps.actor, period, clock());
    sendPage(
      res,
      <ReportPageView
        ctx={await pageContext(req, ps, flash)}
        report={report}
        canEnter={can(ps.actor, "abandonments.enter")}
      />,
    );
  });

  page.get("/report/figures/:figure", async (req, res) => {
    const ps = pageSession(res);
    authorize(ps.actor, "report.read");
    const figure = req.params.figure as FigureId;
    if (!FIGURE_IDS.includes(figure)) throw new DomainError("not_found", "console.errors.not_found");
    const { period, flash } = await askedPeriod(req, ps);
    const report = await readReport(db, ps.actor, period, clock());
    const result = report.current.figures.find((f) => f.id === figure)!;
    const [numerator, denominator] = await Promise.all([
      linkItems(db, ps.actor.serviceId, result.numeratorItems.slice(0, DRILL_SHOWN)),
      linkItems(db, ps.actor.serviceId, result.denominatorItems.slice(0, DRILL_SHOWN)),
    ]);
    sendPage(
      res,
      <FigurePageView
        ctx={await pageContext(req, ps, flash)}
        report={report}
        figure={figure}
        numerator={numerator}
        denominator={denominator}
      />,
    );
  });

  // The report as a document: the registers' own writer, in the page's language.
  page.get("/report/download", async (req, res) => {
    const ps = pageSession(res);
    authorize(ps.actor, "report.read");
    const format = req.query.format === "pdf" ? "pdf" : req.query.format === "xlsx" ? "xlsx" : null;
    if (!format) throw new DomainError("not_found", "console.errors.not_found");
    const { period, flash } = await askedPeriod(req, ps);
    if (flash) {
      await setFlash(db, ps.session.id, flash);
      return res.redirect(303, "/console/report");
    }
    const report = await readReport(db, ps.actor, period, clock());
    await sendReport({ db, translator }, { actor: ps.actor, report, format, locale: ps.session.locale }, res);
  });

  // A hospital's abandonment count for a period: the registers' action, with who and when.
  page.post(
    "/report/totals",
    action("/console/report", async (req, ps) => {
      const form = parseForm(
        z.object({
          hospitalId: z.uuid(),
          from: z.string().refine(isIsoDate),
          last: z.string().refine(isIsoDate),
          count: z.coerce.number().int().min(0).max(MAX_ABANDONMENTS),
        }),
        req.body,
        {
          hospitalId: "registers.report.hospital",
          from: "console.report.from",
          last: "console.report.last",
          count: "console.report.totals.count_input",
        },
      );
      if (form.last < form.from) throw badInput("console.report.last");
      const period = inclusivePeriod(form.from, form.last);
      const saved = await runActions(signalRunner, (d) =>
        setAbandonmentTotal(d, ps.actor, { hospitalId: form.hospitalId, ...period, count: form.count }),
      );
      const day = (iso: string) => formatDate(iso, ps.session.locale);
      const params = {
        hospital: saved.hospital.shortName,
        period: `${day(saved.from)} – ${day(lastDay(saved))}`,
        count: saved.count,
      };
      return saved.previousCount === null
        ? { key: "console.report.totals.saved", params }
        : { key: "console.report.totals.replaced", params: { ...params, previous: saved.previousCount } };
    }),
  );

  // ---- stored documents ----

  page.get("/documents", async (req, res) => {
    const ps = pageSession(res);
    sendPage(
      res,
      <DocumentsPageView ctx={await pageContext(req, ps)} documents={await myDocuments(db, ps.actor)} />,
    );
  });

  // A stored file, if the one policy lets the reader read the record it belongs to (../queries/files.ts).
  page.get("/files/:id", async (req, res) => {
    const ps = pageSession(res);
    const id = uuid.safeParse(req.params.id);
    if (!id.success) throw new DomainError("not_found", "console.files.gone");
    const file = await downloadFile(db, ps.actor, id.data, clock());
    res.setHeader("Content-Type", file.contentType);
    res.setHeader("Content-Disposition", attachment(file.name));
    res.send(file.content);
  });

  // ---- people and places ----

  const peopleSections = (actor: StaffActor) =>
    PEOPLE_SECTIONS.filter((s) => can(actor, SECTION_PERMISSION[s]));

  const renderPeople = async (
    req: Request,
    res: Response,
    section: PeopleSection,
    extra: { issued?: string } = {},
  ) => {
    const ps = pageSession(res);
    const { actor } = ps;
    const now = clock();
    let data: PeopleData;
    switch (section) {
      case "hospitals":
        data = { section, hospitals: await listHospitals(db, actor) };
        break;
      case "staff":
        data = { section, staff: await listStaff(db, actor) };
        break;
      case "invitations": {
        const rows = await listInvitations(db, actor, now);
        const invitations: ShownInvitation[] = await Promise.all(
          rows.map(async (row) => {
            const link = row.code ? `https://t.me/${deps.botUsername}?start=${row.code}` : null;
            const qrSvg = link
              ? await QRCode.toString(link, { type: "svg", errorCorrectionLevel: "M", margin: 2 })
              : null;
            return { ...row, link, qrSvg };
          }),
        );
        const show =
          typeof req.query.show === "string" && uuid.safeParse(req.query.show).success
            ? req.query.show
            : null;
        data = { section, invitations, hospitals: await hospitalChoices(db, actor), highlight: show };
        break;
      }
      case "tokens":
        data = {
          section,
          tokens: await listTokens(db, actor),
          holders: await tokenHolders(db, actor),
          issued: extra.issued ?? null,
        };
        break;
    }
    sendPage(
      res,
      <PeoplePageView ctx={await pageContext(req, ps)} sections={peopleSections(actor)} data={data} />,
    );
  };

  page.get("/people", (_req, res) => {
    const sections = peopleSections(pageSession(res).actor);
    if (sections.length === 0) throw new DomainError("forbidden", "errors.forbidden");
    res.redirect(303, `/console/people/${sections[0]}`);
  });

  page.get("/people/:section", async (req, res) => {
    const section = req.params.section as PeopleSection;
    if (!PEOPLE_SECTIONS.includes(section)) throw new DomainError("not_found", "console.errors.not_found");
    await renderPeople(req, res, section);
  });

  page.post(
    "/people/hospitals",
    action("/console/people/hospitals", async (req, ps) => {
      const form = parseForm(
        z.object({
          name: z.string().trim().min(1).max(200),
          shortName: z.string().trim().min(1).max(30),
          timeZone: optionalText,
          address: z.string().trim().max(300).optional(),
        }),
        req.body,
        {
          name: "console.people.hospital.name",
          shortName: "console.people.hospital.short",
          timeZone: "console.people.hospital.zone",
          address: "console.people.hospital.address",
        },
      );
      const hospital = await runActions(signalRunner, async (d) => {
        try {
          const { address, ...rest } = form;
          return await createHospital(d, ps.actor, {
            serviceId: ps.actor.serviceId,
            ...rest,
            ...(address ? { address } : {}),
          });
        } catch (error) {
          if (error instanceof z.ZodError) throw badInput("console.people.hospital.zone");
          throw error;
        }
      });
      return { key: "console.people.hospital.created", params: { name: hospital.name } };
    }),
  );

  page.post(
    "/people/staff/:id/access",
    action("/console/people/staff", async (req, ps) => {
      const staffId = signalParams(req);
      const { active } = parseForm(z.object({ active: z.enum(["true", "false"]) }), req.body, {
        active: "console.people.staff_list.access",
      });
      const result = await runActions(signalRunner, (d) =>
        setStaffActive(d, ps.actor, { staffId, active: active === "true" }),
      );
      const person = await db.staff.findUniqueOrThrow({ where: { id: staffId }, select: { fullName: true } });
      const key = !result.changed ? "unchanged" : result.active ? "activated" : "deactivated";
      return { key: `console.people.staff_list.${key}`, params: { name: shortName(person.fullName) } };
    }),
  );

  page.post("/people/invitations", async (req, res) => {
    const ps = pageSession(res);
    let flash: Flash;
    let back = "/console/people/invitations";
    try {
      const form = parseForm(
        z.object({
          fullName: z.string().trim().min(1).max(200),
          role: z.enum(STAFF_ROLES),
          hospitalId: optionalText.pipe(z.uuid().optional()),
          validDays: z.coerce.number().int().min(1).max(90),
        }),
        req.body,
        {
          fullName: "console.people.invitation.name",
          role: "console.people.invitation.role",
          hospitalId: "console.people.invitation.hospital",
          validDays: "console.people.invitation.days",
        },
      );
      const invitation = await runActions(signalRunner, (d) =>
        createInvitation(d, ps.actor, { serviceId: ps.actor.serviceId, ...form }),
      );
      flash = {
        kind: "done",
        text: { key: "console.people.invitation.created", params: { name: invitation.fullName } },
      };
      back = `/console/people/invitations?show=${invitation.id}#invitation-${invitation.id}`;
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      flash = { kind: "error", text: error.text };
    }
    await setFlash(db, ps.session.id, flash);
    res.redirect(303, back);
  });

  page.post(
    "/people/invitations/:id/revoke",
    action("/console/people/invitations", async (req, ps) => {
      const invitationId = signalParams(req);
      await runActions(signalRunner, (d) => revokeInvitation(d, ps.actor, { invitationId }));
      return { key: "console.people.invitation.revoked" };
    }),
  );

  page.post("/people/tokens", async (req, res) => {
    const ps = pageSession(res);
    try {
      const form = parseForm(
        z.object({ staffId: z.uuid(), name: z.string().trim().min(1).max(100) }),
        req.body,
        {
          staffId: "console.people.token.staff",
          name: "console.people.token.name",
        },
      );
      const issued = await runActions(signalRunner, (d) => issueToken(d, ps.actor, form));
      // Shown on this response only: a redirect would have to keep the token somewhere.
      await renderPeople(req, res, "tokens", { issued: issued.token });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      await setFlash(db, ps.session.id, { kind: "error", text: error.text });
      res.redirect(303, "/console/people/tokens");
    }
  });

  page.post(
    "/people/tokens/:id/revoke",
    action("/console/people/tokens", async (req, ps) => {
      const tokenId = signalParams(req);
      const revoked = await runActions(signalRunner, (d) => revokeToken(d, ps.actor, { tokenId }));
      return {
        key: revoked.alreadyRevoked ? "console.people.token.already_revoked" : "console.people.token.revoked",
      };
    }),
  );

  // ---- the reader's sessions ----

  page.get("/account", async (req, res) => {
    const ps = pageSession(res);
    const sessions = await openSessionsOf(db, ps.session.staff.id, clock(), settings);
    sendPage(
      res,
      <AccountPage
        ctx={await pageContext(req, ps)}
        sessions={sessions.map((s) => ({ ...s, current: s.id === ps.session.id }))}
      />,
    );
  });

  page.post("/account/sessions/:id/end", async (req, res) => {
    const ps = pageSession(res);
    const sessionId = signalParams(req);
    const { signedOut } = await runActions(consoleRunner, (d) =>
      endConsoleSession(d, ps.actor, { sessionId, currentSessionId: ps.session.id }),
    );
    if (signedOut) {
      clearSessionCookie(req, res);
      return res.redirect(303, "/console/signed-out");
    }
    await setFlash(db, ps.session.id, { kind: "done", text: { key: "console.account.ended" } });
    res.redirect(303, "/console/account");
  });

  // ---- what is not found, and what went wrong: HTML, in the reader's language ----

  page.use(() => {
    throw new DomainError("not_found", "console.errors.not_found");
  });

  const errors: ErrorRequestHandler = async (error: unknown, req, res, _next) => {
    const ps = (res.locals as { console?: PageSession }).console;
    let status = 500;
    let text: Text = { key: "console.errors.internal" };
    if (error instanceof DomainError) {
      status = error.status;
      text = error.text;
    } else if (
      typeof error === "object" &&
      error !== null &&
      "status" in error &&
      typeof error.status === "number" &&
      error.status >= 400 &&
      error.status < 500
    ) {
      // The body parsers: too large, malformed.
      status = error.status;
      text = { key: `errors.${status === 413 ? "payload_too_large" : "bad_request"}` };
    } else {
      logger.error({ err: safeError(error), path: req.path }, "console request failed");
    }
    try {
      const ctx = ps
        ? viewContext({
            translator,
            locale: ps.session.locale,
            timeZone: ps.session.timeZone,
            now: clock(),
            path: req.originalUrl,
            reader: readerOf(ps),
          })
        : anonymousContext(req);
      if (req.is("application/json")) {
        res.status(status).json({ message: translator.render(text, ctx.locale, ctx.timeZone) });
        return;
      }
      sendPage(
        res,
        <MessagePage
          ctx={ctx}
          title={ctx.t("console.errors.title")}
          message={translator.render(text, ctx.locale, ctx.timeZone)}
          home={ps !== undefined}
        />,
        status,
      );
    } catch (renderError) {
      logger.error({ err: safeError(renderError) }, "console error page failed");
      if (!res.headersSent) res.status(500).type("text").send("internal error");
    }
  };
  page.use(errors);

  return router;
}

/** What the reader's role may do to signals (the forms are shown by this and the signal's state). */
function allowedOf(actor: StaffActor) {
  return {
    urgency: can(actor, "signal.set_urgency"),
    assign: can(actor, "signal.assign"),
    reassign: can(actor, "signal.reassign"),
  };
}
