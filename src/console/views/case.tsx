/**
 * One case: everything known (the woman, the stage and deadlines, people, the signal sheet, every
 * plan version with its actions, monitoring, extensions, hand-overs and their acknowledgement,
 * closure), its assessments, the documents to download and the history (the signal's events
 * before the case, then the case's). And the list of the reader's cases.
 */
import type { ComponentChildren } from "preact";
import { shortName } from "../../access/names.ts";
import { sheetAnswers, type SHEET_OPTIONS } from "../../cases/domain/sheet.ts";
import type { CaseListItem } from "../../cases/queries/case-list.ts";
import type { CaseDocument, CasePage, CaseTimelineEntry } from "../queries/case-page.ts";
import type { ViewContext } from "./context.ts";
import { Layout } from "./layout.tsx";
import { eventText } from "./signal.tsx";
import { DataTable } from "./table.tsx";

function Row({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

const str = (v: unknown) => (typeof v === "string" ? v : "");

/** A case event in words. */
function caseEventText(
  ctx: ViewContext,
  entry: CaseTimelineEntry,
  names: ReadonlyMap<string, string>,
): string {
  const { t } = ctx;
  const data = isRecord(entry.data) ? entry.data : {};
  const name = (id: unknown) =>
    typeof id === "string" ? shortName(names.get(id) ?? t("console.none")) : t("console.none");
  const at = (iso: unknown) => (typeof iso === "string" ? ctx.dateTime(new Date(iso)) : "");
  switch (entry.type) {
    case "opened":
    case "sheet_filled":
    case "sheet_updated":
    case "moved_to_accompaniment":
    case "handover_acknowledged":
      return t(`console.case_page.event.${entry.type}`, {
        complete:
          data.complete === true ? t("console.case_page.sheet_complete") : t("console.case_page.sheet_draft"),
      });
    case "plan_made":
    case "plan_corrected":
    case "plan_copy_sent":
      return t(`console.case_page.event.${entry.type}`, {
        kind: data.kind ? t(`case.plan_kind.${str(data.kind)}`) : "",
        version: typeof data.version === "number" ? data.version : "",
      });
    case "monitoring_recorded":
      return t("console.case_page.event.monitoring_recorded", {
        number: typeof data.number === "number" ? data.number : "",
        decision: data.decision ? t(`case.decision.${str(data.decision)}`) : "",
      });
    case "extended":
      return t("console.case_page.event.extended", { to: at(data.to), days: Number(data.days) || 0 });
    case "closed":
      return t("console.case_page.event.closed", {
        reason: data.reason ? t(`case.close_reason.${str(data.reason)}`) : "",
      });
    case "handed_over":
      return t("console.case_page.event.handed_over", {
        recipient: data.recipientKind ? t(`case.recipient.${str(data.recipientKind)}`) : "",
      });
    case "psychologist_attached":
      return data.psychologistId
        ? t("console.case_page.event.psychologist_attached", { name: name(data.psychologistId) })
        : t("console.case_page.event.psychologist_detached");
    default:
      return t("console.signal.event.other", { type: entry.type });
  }
}

/** The signal sheet's answers, labelled as the sheet dialogue labels them. */
function Sheet({ ctx, page }: { ctx: ViewContext; page: CasePage }) {
  const { t } = ctx;
  const sheet = page.detail.sheet;
  const parsed = sheet ? sheetAnswers.safeParse(sheet.answers) : null;
  if (!sheet || !parsed?.success) return <p class="empty">{t("console.case_page.sheet_none")}</p>;
  const a = parsed.data;
  const label = (step: string) => t(`flows.case_sheet.${step}.label`);
  const option = (step: keyof typeof SHEET_OPTIONS, value: string | undefined) =>
    value ? t(`case.sheet.${step}.${value}`) : null;
  const rows: [string, string | null | undefined][] = [
    [label("potential_level"), option("potential_level", a.potential_level)],
    [label("potential"), a.potential],
    [label("earlier_refusals"), option("earlier_refusals", a.earlier_refusals)],
    [label("deprivation"), option("deprivation", a.deprivation)],
    [label("children"), option("children", a.children)],
    [label("children_note"), a.children_note],
    [label("housing"), option("housing", a.housing)],
    [label("registration"), option("registration", a.registration)],
    [label("income"), option("income", a.income)],
    [
      label("close_people"),
      (a.close_people?.values ?? []).map((v) => t(`case.sheet.close_people.${v}`)).join(", ") || null,
    ],
    [label("circle_position"), option("circle_position", a.circle_position)],
    [label("meeting_woman"), a.meeting_woman],
    [label("meeting_circle"), a.meeting_circle],
  ];
  return (
    <>
      <p class="muted">
        {sheet.complete
          ? t("console.case_page.sheet_filled", { at: ctx.dateTime(sheet.filledAt ?? sheet.updatedAt) })
          : t("console.case_page.sheet_draft")}
      </p>
      <dl class="facts">
        {rows
          .filter(([, v]) => v !== null && v !== undefined && v !== "")
          .map(([k, v]) => (
            <Row label={k}>{v}</Row>
          ))}
      </dl>
    </>
  );
}

function planContentRows(ctx: ViewContext, kind: string, content: unknown): [string, string][] {
  const { t } = ctx;
  if (!isRecord(content)) return [];
  const text = (value: unknown) => (typeof value === "string" && value !== "" ? value : t("console.none"));
  if (kind === "decision_change") {
    const reasons = isRecord(content.reasons) ? content.reasons : {};
    const texts = isRecord(reasons.texts) ? reasons.texts : {};
    const reasonText = (Array.isArray(reasons.values) ? reasons.values : [])
      .filter((v): v is string => typeof v === "string")
      .map((v) => t(`outcome.reasons.${v}`) + (typeof texts[v] === "string" ? ` (${texts[v]})` : ""))
      .join(", ");
    return [
      [t("case.pdf.reasons"), reasonText || t("console.none")],
      [t("case.pdf.strengths"), text(content.strengths)],
      [t("case.pdf.main_goal"), text(content.mainGoal)],
      [t("case.pdf.intermediate_goals"), text(content.intermediateGoals)],
    ];
  }
  return [
    [t("case.pdf.problem"), text(content.problem)],
    [t("case.pdf.goals"), text(content.goals)],
    [t("case.pdf.tasks"), text(content.tasks)],
  ];
}

function Plans({ ctx, page }: { ctx: ViewContext; page: CasePage }) {
  const { t } = ctx;
  const plans = page.detail.plans;
  if (plans.length === 0) return <p class="empty">{t("console.case_page.plans_none")}</p>;
  const latest = new Map<string, number>();
  for (const p of plans) latest.set(p.kind, Math.max(latest.get(p.kind) ?? 0, p.version));
  return (
    <>
      {plans
        .slice()
        .reverse()
        .map((p) => {
          const current = latest.get(p.kind) === p.version;
          return (
            <details class="plan" open={current} data-plan={`${p.kind}-${p.version}`}>
              <summary>
                {t("console.case_page.plan_version", {
                  kind: t(`case.plan_kind.${p.kind}`),
                  version: p.version,
                  at: ctx.dateTime(p.createdAt),
                })}
                {current ? <span class="badge">{t("console.case_page.current")}</span> : null}
              </summary>
              <dl class="facts">
                {planContentRows(ctx, p.kind, p.content).map(([k, v]) => (
                  <Row label={k}>{v}</Row>
                ))}
                {p.createdBy ? (
                  <Row label={t("console.case_page.made_by")}>{shortName(p.createdBy.fullName)}</Row>
                ) : null}
              </dl>
              <div class="table-wrap">
                <table>
                  <caption class="sr-only">{t("console.case_page.actions")}</caption>
                  <thead>
                    <tr>
                      <th scope="col">№</th>
                      <th scope="col">{t("console.case_page.action_what")}</th>
                      <th scope="col">{t("console.case_page.action_who")}</th>
                      <th scope="col">{t("console.case_page.action_due")}</th>
                      <th scope="col">{t("console.case_page.action_status")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {p.actions.map((a, index) => {
                      const late =
                        current &&
                        (a.status === "planned" || a.status === "in_progress") &&
                        a.dueDate < ctx.now.toISOString().slice(0, 10);
                      return (
                        <tr>
                          <td>{index + 1}</td>
                          <td>{a.what}</td>
                          <td>
                            {t(`case.responsible.${a.responsible}`)}
                            {a.organisation ? <div class="muted">{a.organisation}</div> : null}
                          </td>
                          <td class={late ? "overdue" : undefined}>
                            {ctx.date(a.dueDate)}
                            {late ? ` · ${t("console.today.overdue")}` : ""}
                          </td>
                          <td>
                            {t(`case.action_status.${a.status}`)}
                            {a.statusAt ? <div class="muted">{ctx.dateTime(a.statusAt)}</div> : null}
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            </details>
          );
        })}
    </>
  );
}

function Documents({
  ctx,
  documents,
  caseId,
}: {
  ctx: ViewContext;
  documents: CaseDocument[];
  caseId: string;
}) {
  const { t } = ctx;
  if (documents.length === 0) return <p class="empty">{t("console.case_page.documents_none")}</p>;
  return (
    <ul class="documents">
      {documents.map((d) => {
        switch (d.kind) {
          case "plan":
            return (
              <li>
                <a href={`/console/cases/${caseId}/plans/${d.planId}`} hx-boost="false" download>
                  {t("console.case_page.doc_plan", { version: d.version, at: ctx.dateTime(d.createdAt) })}
                </a>
              </li>
            );
          case "handover":
            return (
              <li>
                <a href={`/console/files/${d.fileId}`} hx-boost="false" download>
                  {t("console.case_page.doc_handover", { on: ctx.date(d.handedOn), to: d.recipientName })}
                </a>
              </li>
            );
          case "assessment_form":
            return (
              <li>
                <a
                  href={
                    d.fileId ? `/console/files/${d.fileId}` : `/console/assessments/${d.assessmentId}/form`
                  }
                  hx-boost="false"
                  download
                >
                  {t(d.fileId ? "console.case_page.doc_form_handed" : "console.case_page.doc_form", {
                    number: d.number,
                  })}
                </a>
              </li>
            );
        }
      })}
    </ul>
  );
}

/** The case page. */
export function CasePageView(props: { ctx: ViewContext; page: CasePage }) {
  const { ctx, page } = props;
  const { t } = ctx;
  const c = page.detail;
  const extensions = c.timeline.filter((e) => e.type === "extended");
  return (
    <Layout ctx={ctx} title={t("console.case_page.title", { number: c.number })} section="cases">
      <p>
        <a href="/console/cases">{t("console.case_page.back")}</a> ·{" "}
        <a href={`/console/signals/${c.signal.id}`}>
          {t("console.case_page.signal", { number: c.signal.number })}
        </a>
      </p>
      <p class="status-line">
        <span class="badge">{t(`case.status.${c.status}`)}</span>
        {c.overdueSince && c.overdueSince <= ctx.now ? (
          <span class="badge late">
            {t("console.case_page.overdue_since", { at: ctx.dateTime(c.overdueSince) })}
          </span>
        ) : null}
      </p>

      <div class="columns">
        <section aria-labelledby="case-woman">
          <h2 id="case-woman">{t("console.signal.woman")}</h2>
          <dl class="facts">
            <Row label={t("console.signal.full_name")}>{c.womanFullName}</Row>
            {c.womanBirthDate ? (
              <Row label={t("console.signal.born")}>{ctx.date(c.womanBirthDate)}</Row>
            ) : null}
            {c.womanAge !== null ? <Row label={t("console.signal.age")}>{c.womanAge}</Row> : null}
            <Row label={t("console.signal.hospital")}>{c.hospital.name}</Row>
          </dl>
        </section>

        <section aria-labelledby="case-work">
          <h2 id="case-work">{t("console.case_page.work")}</h2>
          <dl class="facts">
            <Row label={t("console.signal.curator")}>{c.curator.fullName}</Row>
            <Row label={t("console.case_page.psychologist")}>
              {c.psychologist ? c.psychologist.fullName : t("console.case_page.no_psychologist")}
            </Row>
            <Row label={t("console.signal.case_opened_at")}>{ctx.dateTime(c.openedAt)}</Row>
            <Row label={t("console.case_page.plan_due")}>{ctx.dateTime(c.planDueAt)}</Row>
            <Row label={t("console.case_page.limit")}>{ctx.dateTime(c.limitAt)}</Row>
            {c.accompanimentAt ? (
              <Row label={t("console.case_page.accompaniment")}>{ctx.dateTime(c.accompanimentAt)}</Row>
            ) : null}
            {c.closedAt ? (
              <Row label={t("console.signal.case_closed_at")}>
                {ctx.dateTime(c.closedAt)}
                {c.closeReason ? ` — ${t(`case.close_reason.${c.closeReason}`)}` : ""}
              </Row>
            ) : null}
            {c.handedOverAt ? (
              <Row label={t("console.case_page.handed_over_at")}>{ctx.dateTime(c.handedOverAt)}</Row>
            ) : null}
          </dl>
        </section>

        <section aria-labelledby="case-deadlines">
          <h2 id="case-deadlines">{t("console.case_page.deadlines")}</h2>
          {c.deadlines.length === 0 ? (
            <p class="empty">{t("console.case_page.deadlines_none")}</p>
          ) : (
            <ul class="deadlines">
              {c.deadlines.map((d) => (
                <li class={d.overdue ? "overdue" : undefined} data-deadline={d.kind}>
                  {t(`console.case_page.deadline.${d.kind}`)}:{" "}
                  {d.kind === "action" ? ctx.date(d.at.toISOString().slice(0, 10)) : ctx.dateTime(d.at)}
                  {d.overdue ? ` · ${t("console.today.overdue")}` : ""}
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>

      <section aria-labelledby="case-sheet">
        <h2 id="case-sheet">{t("console.case_page.sheet")}</h2>
        <Sheet ctx={ctx} page={page} />
      </section>

      <section aria-labelledby="case-plans">
        <h2 id="case-plans">{t("console.case_page.plans")}</h2>
        <Plans ctx={ctx} page={page} />
      </section>

      <section aria-labelledby="case-monitoring">
        <h2 id="case-monitoring">{t("console.case_page.monitoring")}</h2>
        <DataTable
          rows={c.monitorings.length}
          empty={t("console.case_page.monitoring_none")}
          columns={[
            t("console.case_page.monitoring_when"),
            t("console.case_page.monitoring_stage"),
            t("console.case_page.monitoring_decision"),
            t("console.case_page.monitoring_note"),
          ]}
        >
          {c.monitorings.map((m) => (
            <tr>
              <td>
                {ctx.dateTime(m.recordedAt)}
                {m.recordedBy ? <div class="muted">{shortName(m.recordedBy.fullName)}</div> : null}
              </td>
              <td>
                {t(`console.case_page.stage.${m.stage}`)} · №{m.number}
              </td>
              <td>
                {t(`case.decision.${m.decision}`)}
                {m.planCorrected ? <div class="muted">{t("console.case_page.plan_corrected")}</div> : null}
              </td>
              <td>{m.note ?? t("console.none")}</td>
            </tr>
          ))}
        </DataTable>
      </section>

      {extensions.length > 0 ? (
        <section aria-labelledby="case-extensions">
          <h2 id="case-extensions">{t("console.case_page.extensions")}</h2>
          <ul>
            {extensions.map((e) => {
              const data = isRecord(e.data) ? e.data : {};
              return (
                <li>
                  {t("console.case_page.extension", {
                    at: ctx.dateTime(e.at),
                    to: typeof data.to === "string" ? ctx.dateTime(new Date(data.to)) : "",
                    who: e.actor ? shortName(e.actor.fullName) : t("console.signal.system"),
                    reason: str(data.reason),
                  })}
                </li>
              );
            })}
          </ul>
        </section>
      ) : null}

      {c.handovers.length > 0 ? (
        <section aria-labelledby="case-handovers">
          <h2 id="case-handovers">{t("console.case_page.handovers")}</h2>
          <ul>
            {c.handovers.map((h) => (
              <li data-handover={h.id}>
                {t("console.case_page.handover", {
                  recipient: t(`case.recipient.${h.recipientKind}`),
                  name: h.recipientName,
                  on: ctx.date(h.handedOn),
                  order: h.orderNumber,
                })}{" "}
                {h.acknowledgedAt ? (
                  <span>{t("console.case_page.ack_done", { at: ctx.dateTime(h.acknowledgedAt) })}</span>
                ) : (
                  <span class={h.ackDueAt <= ctx.now ? "overdue" : undefined}>
                    {t(
                      h.ackDueAt <= ctx.now ? "console.case_page.ack_late" : "console.case_page.ack_pending",
                      {
                        at: ctx.dateTime(h.ackDueAt),
                      },
                    )}
                  </span>
                )}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="case-assessments">
        <h2 id="case-assessments">{t("console.case_page.assessments")}</h2>
        {page.assessments.length === 0 ? (
          <p class="empty">{t("console.case_page.assessments_none")}</p>
        ) : (
          <ul>
            {page.assessments.map((a) => (
              <li>
                <a href={`/console/assessments/${a.id}`}>
                  {t("console.case_page.assessment", { number: a.number })}
                </a>{" "}
                — {t(`assessment.status.${a.status}`)}
                {a.overallLevel
                  ? ` · ${t("console.assessment_page.level", { level: t(`assessment.level.${a.overallLevel}`) })}`
                  : ""}
                {a.reviewed ? ` · ${t("console.assessment_page.reviewed_short")}` : ""}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="case-documents">
        <h2 id="case-documents">{t("console.case_page.documents")}</h2>
        <Documents ctx={ctx} documents={page.documents} caseId={c.id} />
      </section>

      <section aria-labelledby="timeline">
        <h2 id="timeline">{t("console.signal.timeline")}</h2>
        <ol class="timeline">
          {page.timeline.map((entry) => (
            <li data-event={`${entry.source}:${entry.type}`}>
              <time dateTime={entry.at.toISOString()}>{ctx.dateTime(entry.at)}</time>
              <span class="what">
                {entry.source === "signal"
                  ? eventText(ctx, { ...entry, id: "" }, page.names)
                  : caseEventText(ctx, entry, page.names)}
              </span>
              <span class="who">
                {entry.actor ? shortName(entry.actor.fullName) : t("console.signal.system")}
              </span>
            </li>
          ))}
        </ol>
      </section>
    </Layout>
  );
}

/** The reader's cases (a curator's own; the service's for heads). */
export function CaseListView(props: { ctx: ViewContext; cases: CaseListItem[] }) {
  const { ctx, cases } = props;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("console.case_page.list_title")} section="cases">
      <DataTable
        rows={cases.length}
        empty={t("console.case_page.list_empty")}
        columns={[
          t("console.col.case"),
          t("console.col.number"),
          t("console.col.status"),
          t("console.col.curator"),
          t("console.col.opened"),
          t("console.case_page.next"),
        ]}
      >
        {cases.map((c) => {
          const overdue = c.overdueSince !== null && c.overdueSince <= ctx.now;
          return (
            <tr data-case={c.number}>
              <td>
                <a
                  href={`/console/cases/${c.id}`}
                  aria-label={t("console.case_page.open", { number: c.number })}
                >
                  {c.number}
                </a>
              </td>
              <td>{c.signal.number}</td>
              <td>{t(`case.status.${c.status}`)}</td>
              <td>{shortName(c.curator.fullName)}</td>
              <td>{ctx.dateTime(c.openedAt)}</td>
              <td class={overdue ? "overdue" : undefined}>
                {overdue
                  ? t("console.case_page.overdue_since", { at: ctx.dateTime(c.overdueSince) })
                  : ctx.dateTime(c.nextDueAt)}
              </td>
            </tr>
          );
        })}
      </DataTable>
    </Layout>
  );
}
