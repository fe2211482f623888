/**
 * The effectiveness report (seed 000, «Оценка эффективности»): the figures of a period with their
 * numerators and denominators, the previous period beside them, a bar chart drawn on the server
 * (SVG: no chart library, no script), the documents to download, each figure's drill-down, and
 * the hospitals' abandonment counts with the form to enter one. A figure without a value says why
 * in words; it is never shown as 0 %.
 */
import { shortName } from "../../access/names.ts";
import {
  FIGURE_IDS,
  type Figure,
  type FigureId,
  type FigureResult,
} from "../../registers/domain/effectiveness.ts";
import { lastDay, type DayPeriod } from "../../registers/domain/periods.ts";
import type { EffectivenessReport, ReportHospital } from "../../registers/queries/effectiveness.ts";
import { periodParams, REPORT_PRESETS, type LinkedItem } from "../queries/report.ts";
import type { ViewContext } from "./context.ts";
import { Back, Csrf, Layout } from "./layout.tsx";

/** The address of a report page for a period. */
export function reportPath(period: DayPeriod, rest = ""): string {
  const { from, last } = periodParams(period);
  return `/console/report${rest}?from=${from}&last=${last}`;
}

function figureOf(figures: FigureResult[], id: FigureId): FigureResult {
  return figures.find((f) => f.id === id)!;
}

/** "87,5 %" in the reader's language. */
function percent(ctx: ViewContext, ratio: number): string {
  return new Intl.NumberFormat(ctx.locale === "ru" ? "ru-RU" : "en-GB", {
    style: "percent",
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  }).format(ratio);
}

function hospitalNames(report: EffectivenessReport, ids: string[]): string {
  return ids.map((id) => report.hospitals.find((h) => h.id === id)?.shortName ?? "?").join(", ");
}

/** A figure's value in words: "87,5 % (7 из 8)", or why there is none. */
function value(ctx: ViewContext, report: EffectivenessReport, f: Figure): string {
  if (f.state === "ok") {
    return ctx.t("registers.report.percent", {
      percent: percent(ctx, f.ratio!),
      numerator: f.numerator!,
      denominator: f.denominator!,
    });
  }
  if (f.state === "missing_input" && f.missing.length > 0) {
    return ctx.t("console.report.missing_for", { hospitals: hospitalNames(report, f.missing) });
  }
  return ctx.t(`registers.report.${f.state}`);
}

function Value({ ctx, report, figure }: { ctx: ViewContext; report: EffectivenessReport; figure: Figure }) {
  return <span class={figure.state === "ok" ? undefined : "no-value"}>{value(ctx, report, figure)}</span>;
}

/** Chart geometry (SVG user units; the picture scales to the page's width). */
const CHART = { width: 560, barsFrom: 0, barsTo: 470, block: 58, top: 34 } as const;

/**
 * The bar chart: per figure its short name, this period's bar over the previous one's, scaled to
 * the largest ratio (at least 100 %). A figure without a value gets no bar but the words why.
 */
export function Chart({ ctx, report }: { ctx: ViewContext; report: EffectivenessReport }) {
  const { t } = ctx;
  const ratios = [...report.current.figures, ...report.previous.figures].map((f) => f.total.ratio ?? 0);
  const scale = Math.max(1, ...ratios);
  const span = CHART.barsTo - CHART.barsFrom;
  const height = CHART.top + FIGURE_IDS.length * CHART.block;
  const bar = (f: Figure, y: number, kind: "now" | "before") => {
    if (f.ratio === null) {
      return (
        <text x={CHART.barsFrom} y={y + 10} class="chart-none">
          {t(`console.report.chart_${f.state}`)}
        </text>
      );
    }
    const width = Math.max(1, (f.ratio / scale) * span);
    return (
      <>
        <rect x={CHART.barsFrom} y={y} width={width.toFixed(1)} height={12} rx={2} class={`bar-${kind}`} />
        <text x={(CHART.barsFrom + width + 6).toFixed(1)} y={y + 10} class="chart-value">
          {percent(ctx, f.ratio)}
        </text>
      </>
    );
  };
  return (
    <figure class="chart">
      <svg
        viewBox={`0 0 ${CHART.width} ${height}`}
        role="img"
        aria-labelledby="chart-title"
        aria-describedby="chart-note"
        xmlns="http://www.w3.org/2000/svg"
      >
        <title id="chart-title">{t("registers.report.chart_title")}</title>
        <rect x={0} y={4} width={14} height={12} class="bar-now" />
        <text x={20} y={14} class="chart-legend">
          {t("registers.report.current")}
        </text>
        <rect x={200} y={4} width={14} height={12} class="bar-before" />
        <text x={220} y={14} class="chart-legend">
          {t("registers.report.before")}
        </text>
        {FIGURE_IDS.map((id, i) => {
          const y = CHART.top + i * CHART.block;
          return (
            <g data-figure={id}>
              <text x={0} y={y + 10} class="chart-label">
                {t(`registers.report.short.${id}`)}
              </text>
              {bar(figureOf(report.current.figures, id).total, y + 16, "now")}
              {bar(figureOf(report.previous.figures, id).total, y + 31, "before")}
            </g>
          );
        })}
      </svg>
      <figcaption id="chart-note" class="muted">
        {t("console.report.chart_note")}
      </figcaption>
    </figure>
  );
}

function PeriodForm({ ctx, period }: { ctx: ViewContext; period: DayPeriod }) {
  const { t } = ctx;
  return (
    <form method="get" action="/console/report" class="filters">
      <fieldset>
        <legend>{t("console.report.period")}</legend>
        <label>
          <span>{t("console.report.from")}</span>
          <input type="date" name="from" value={period.from} required />
        </label>
        <label>
          <span>{t("console.report.last")}</span>
          <input type="date" name="last" value={lastDay(period)} required />
        </label>
        <div class="buttons">
          <button type="submit">{t("console.report.show")}</button>
          {REPORT_PRESETS.map((preset) => (
            <a href={`/console/report?preset=${preset}`}>{t(`registers.periods.${preset}`)}</a>
          ))}
        </div>
      </fieldset>
    </form>
  );
}

function FiguresTable({ ctx, report }: { ctx: ViewContext; report: EffectivenessReport }) {
  const { t } = ctx;
  const period = report.current.period;
  return (
    <div class="table-wrap">
      <table class="figures">
        <caption class="sr-only">{t("console.report.figures")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("registers.report.figure")}</th>
            <th scope="col">{t("registers.report.current")}</th>
            <th scope="col">{t("registers.report.numerator")}</th>
            <th scope="col">{t("registers.report.denominator")}</th>
            <th scope="col">{t("registers.report.pending")}</th>
            <th scope="col">{t("registers.report.before")}</th>
          </tr>
        </thead>
        <tbody>
          {FIGURE_IDS.map((id) => {
            const now = figureOf(report.current.figures, id).total;
            const before = figureOf(report.previous.figures, id).total;
            return (
              <tr data-figure={id}>
                <th scope="row">
                  <a href={reportPath(period, `/figures/${id}`)}>{t(`registers.report.short.${id}`)}</a>
                  <div class="muted small">{t(`registers.report.figures.${id}`)}</div>
                </th>
                <td>
                  <Value ctx={ctx} report={report} figure={now} />
                </td>
                <td>{now.numerator ?? t("console.none")}</td>
                <td>{now.denominator ?? t("console.none")}</td>
                <td>{now.pending > 0 ? now.pending : t("console.none")}</td>
                <td>
                  <Value ctx={ctx} report={report} figure={before} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function Downloads({ ctx, period }: { ctx: ViewContext; period: DayPeriod }) {
  const { t } = ctx;
  const href = (format: "pdf" | "xlsx") => `${reportPath(period, "/download")}&format=${format}`;
  return (
    <section class="downloads" aria-labelledby="report-downloads">
      <h2 id="report-downloads">{t("console.report.downloads")}</h2>
      <p class="buttons">
        <a class="button" href={href("pdf")} hx-boost="false" download>
          {t("console.report.pdf")}
        </a>
        <a class="button" href={href("xlsx")} hx-boost="false" download>
          {t("console.report.xlsx")}
        </a>
      </p>
    </section>
  );
}

function Totals(props: { ctx: ViewContext; report: EffectivenessReport; canEnter: boolean }) {
  const { ctx, report, canEnter } = props;
  const { t } = ctx;
  const period = report.current.period;
  const day = (iso: string) => ctx.date(iso);
  return (
    <section aria-labelledby="totals">
      <h2 id="totals">{t("console.report.totals.title")}</h2>
      <p class="muted">{t("console.report.totals.lead")}</p>
      <div class="table-wrap">
        <table class="totals">
          <thead>
            <tr>
              <th scope="col">{t("registers.report.hospital")}</th>
              <th scope="col">{t("console.report.totals.count")}</th>
              <th scope="col">{t("console.report.totals.entered")}</th>
            </tr>
          </thead>
          <tbody>
            {report.current.abandonments.map((a) => {
              const hospital = report.hospitals.find((h) => h.id === a.hospitalId);
              return (
                <tr data-hospital={a.hospitalId}>
                  <th scope="row">{hospital?.name ?? "?"}</th>
                  <td>
                    {a.count === null ? (
                      <span class="no-value">{t("console.report.totals.missing")}</span>
                    ) : (
                      a.count
                    )}
                  </td>
                  <td>
                    {a.entries.map((e) => (
                      <div>
                        {t("console.report.totals.entry", {
                          count: e.count,
                          from: day(e.from),
                          to: day(lastDay(e)),
                          who: e.enteredBy ? shortName(e.enteredBy.fullName) : t("registers.report.system"),
                          at: ctx.dateTime(e.enteredAt),
                          channel: t(`console.report.totals.channels.${channelKey(e.channel)}`),
                        })}
                      </div>
                    ))}
                    {a.count === null && a.gaps.length > 0 ? (
                      <div class="muted">
                        {t("console.report.totals.gaps", {
                          periods: a.gaps.map((g) => `${day(g.from)} – ${day(lastDay(g))}`).join(", "),
                        })}
                      </div>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {canEnter ? <TotalForm ctx={ctx} hospitals={report.hospitals} period={period} /> : null}
    </section>
  );
}

const CHANNELS = ["chat", "api", "cli", "console"] as const;
function channelKey(channel: string): string {
  return (CHANNELS as readonly string[]).includes(channel) ? channel : "other";
}

function TotalForm(props: { ctx: ViewContext; hospitals: ReportHospital[]; period: DayPeriod }) {
  const { ctx, hospitals, period } = props;
  const { t } = ctx;
  return (
    <form method="post" action="/console/report/totals" class="stack" aria-labelledby="total-form">
      <h2 id="total-form">{t("console.report.totals.form")}</h2>
      <Csrf ctx={ctx} />
      <Back ctx={ctx} />
      <label>
        <span>{t("registers.report.hospital")}</span>
        <select name="hospitalId" required>
          {hospitals.map((h) => (
            <option value={h.id}>{h.name}</option>
          ))}
        </select>
      </label>
      <label>
        <span>{t("console.report.from")}</span>
        <input type="date" name="from" value={period.from} required />
      </label>
      <label>
        <span>{t("console.report.last")}</span>
        <input type="date" name="last" value={lastDay(period)} required />
      </label>
      <label>
        <span>{t("console.report.totals.count_input")}</span>
        <input type="number" name="count" min={0} max={100000} step={1} inputmode="numeric" required />
      </label>
      <p class="muted small">{t("console.report.totals.replace_note")}</p>
      <div>
        <button type="submit">{t("console.report.totals.save")}</button>
      </div>
    </form>
  );
}

/** The report page. */
export function ReportPageView(props: { ctx: ViewContext; report: EffectivenessReport; canEnter: boolean }) {
  const { ctx, report, canEnter } = props;
  const { t } = ctx;
  const { period } = report.current;
  const previous = report.previous.period;
  const missing = report.current.abandonments.filter((a) => a.count === null).map((a) => a.hospitalId);
  return (
    <Layout ctx={ctx} title={t("console.report.title")} section="report">
      <PeriodForm ctx={ctx} period={period} />
      <p class="lead">
        {t("console.report.lead", {
          from: ctx.date(period.from),
          to: ctx.date(lastDay(period)),
          pfrom: ctx.date(previous.from),
          pto: ctx.date(lastDay(previous)),
        })}{" "}
        {t("console.report.as_of", { at: ctx.dateTime(report.generatedAt) })}
      </p>
      {missing.length > 0 ? (
        <p class="note" role="note">
          {t("registers.report.missing_totals", { hospitals: hospitalNames(report, missing) })}{" "}
          {canEnter ? <a href="#total-form">{t("console.report.totals.enter_link")}</a> : null}
        </p>
      ) : null}
      <FiguresTable ctx={ctx} report={report} />
      <Chart ctx={ctx} report={report} />
      <Downloads ctx={ctx} period={period} />
      <Totals ctx={ctx} report={report} canEnter={canEnter} />
      <details class="definitions">
        <summary>{t("registers.report.definitions_title")}</summary>
        <ul>
          {["cohort", "on_time", "accompaniment", "zero"].map((k) => (
            <li>{t(`registers.report.definitions.${k}`)}</li>
          ))}
        </ul>
      </details>
    </Layout>
  );
}

/** Most rows a drill-down list shows (the XLSX has them all). */
export const DRILL_SHOWN = 500;

function ItemsTable(props: {
  ctx: ViewContext;
  report: EffectivenessReport;
  items: LinkedItem[];
  total: number;
  inNumerator?: Set<string>;
  id: string;
}) {
  const { ctx, report, items, total, inNumerator, id } = props;
  const { t } = ctx;
  if (total === 0) return <p class="empty">{t("console.report.drill.none")}</p>;
  return (
    <>
      {total > items.length ? (
        <p class="muted">{t("console.report.drill.shown_first", { shown: items.length, count: total })}</p>
      ) : null}
      <div class="table-wrap">
        <table id={id}>
          <thead>
            <tr>
              <th scope="col">{t("registers.report.signal")}</th>
              <th scope="col">{t("registers.report.case")}</th>
              <th scope="col">{t("registers.report.hospital")}</th>
              {inNumerator ? <th scope="col">{t("registers.report.drill_numerator")}</th> : null}
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr>
                <td>
                  {item.signalId ? (
                    <a
                      href={`/console/signals/${item.signalId}`}
                      aria-label={t("console.journals.open", { number: item.signal })}
                    >
                      {item.signal}
                    </a>
                  ) : (
                    item.signal
                  )}
                </td>
                <td>{item.case ?? t("console.none")}</td>
                <td>{report.hospitals.find((h) => h.id === item.hospitalId)?.shortName ?? "?"}</td>
                {inNumerator ? (
                  <td>
                    {inNumerator.has(`${item.signal}|${item.case ?? ""}`)
                      ? t("console.yes")
                      : t("console.no")}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** One figure: its value, per hospital, and the signals and cases behind it. */
export function FigurePageView(props: {
  ctx: ViewContext;
  report: EffectivenessReport;
  figure: FigureId;
  numerator: LinkedItem[];
  denominator: LinkedItem[];
}) {
  const { ctx, report, figure, numerator, denominator } = props;
  const { t } = ctx;
  const result = figureOf(report.current.figures, figure);
  const before = figureOf(report.previous.figures, figure).total;
  const period = report.current.period;
  const inNumerator = new Set(result.numeratorItems.map((i) => `${i.signal}|${i.case ?? ""}`));
  return (
    <Layout ctx={ctx} title={t(`registers.report.short.${figure}`)} section="report">
      <p>
        <a href={reportPath(period)}>{t("console.report.drill.back")}</a>
      </p>
      <p class="lead">{t(`registers.report.figures.${figure}`)}</p>
      <dl class="facts">
        <div>
          <dt>
            {t("console.report.drill.period", { from: ctx.date(period.from), to: ctx.date(lastDay(period)) })}
          </dt>
          <dd>
            <Value ctx={ctx} report={report} figure={result.total} />
            {result.total.pending > 0 ? (
              <div class="muted">{t("registers.report.pending_note", { count: result.total.pending })}</div>
            ) : null}
          </dd>
        </div>
        <div>
          <dt>{t("registers.report.before")}</dt>
          <dd>
            <Value ctx={ctx} report={report} figure={before} />
          </dd>
        </div>
      </dl>

      <h2 id="by-hospital">{t("registers.report.by_hospital")}</h2>
      <div class="table-wrap">
        <table aria-labelledby="by-hospital">
          <thead>
            <tr>
              <th scope="col">{t("registers.report.hospital")}</th>
              <th scope="col">{t("registers.report.numerator")}</th>
              <th scope="col">{t("registers.report.denominator")}</th>
              <th scope="col">{t("registers.report.value")}</th>
            </tr>
          </thead>
          <tbody>
            {report.hospitals.map((h) => {
              const f = result.byHospital[h.id]!;
              return (
                <tr>
                  <th scope="row">{h.name}</th>
                  <td>{f.numerator ?? t("console.none")}</td>
                  <td>{f.denominator ?? t("console.none")}</td>
                  <td>
                    <Value ctx={ctx} report={report} figure={f} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>

      <h2 id="numerator">{t("console.report.drill.numerator", { count: result.numeratorItems.length })}</h2>
      <ItemsTable
        ctx={ctx}
        report={report}
        items={numerator}
        total={result.numeratorItems.length}
        id="numerator-items"
      />
      {figure === "signals_per_abandonment" ? (
        <p class="muted">{t("console.report.drill.abandonments")}</p>
      ) : (
        <>
          <h2 id="denominator">
            {t("console.report.drill.denominator", { count: result.denominatorItems.length })}
          </h2>
          <ItemsTable
            ctx={ctx}
            report={report}
            items={denominator}
            total={result.denominatorItems.length}
            inNumerator={inNumerator}
            id="denominator-items"
          />
        </>
      )}
    </Layout>
  );
}
