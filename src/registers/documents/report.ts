/**
 * The effectiveness report («заключение», seed 000: made every half-year from the journals) as a
 * PDF — the figures with a bar chart of this period beside the previous one, by hospital, the
 * entered abandonment counts, how each figure is counted, the signals and cases behind each, and
 * signature lines — or as an XLSX: one sheet of figures, one per hospital breakdown and counts,
 * one per figure's drill-down.
 */
import type { Writable } from "node:stream";
import type { Content, TableCell } from "pdfmake/interfaces.js";
import { renderPdf } from "../../platform/documents/pdf.ts";
import { createXlsx } from "../../platform/documents/xlsx.ts";
import { FIGURE_IDS, type Figure, type FigureId, type FigureResult } from "../domain/effectiveness.ts";
import { lastDay } from "../domain/periods.ts";
import type { EffectivenessReport } from "../queries/effectiveness.ts";
import type { DocumentFormat, DocumentText } from "./format.ts";

/** Most signal numbers a PDF lists per figure (the XLSX lists all). */
export const PDF_DRILL_LIMIT = 300;

/** A figure's value as people read it: "87,5 % (7 из 8)", or why there is none. */
export function figureValue(text: DocumentText, figure: Figure): string {
  if (figure.state !== "ok") return text.t(`report.${figure.state}`);
  return text.t("report.percent", {
    percent: percent(text, figure.ratio!),
    numerator: figure.numerator!,
    denominator: figure.denominator!,
  });
}

/** "87,5 %" in the document's language. */
export function percent(text: DocumentText, ratio: number): string {
  return new Intl.NumberFormat(text.locale === "ru" ? "ru-RU" : "en-GB", {
    style: "percent",
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  }).format(ratio);
}

/** The value with the count of rows not finished yet, when there are any. */
export function figureWithPending(text: DocumentText, figure: Figure): string {
  const value = figureValue(text, figure);
  return figure.pending > 0 ? `${value}; ${text.t("report.pending_note", { count: figure.pending })}` : value;
}

function byId(figures: FigureResult[], id: FigureId): FigureResult {
  return figures.find((f) => f.id === id)!;
}

/** The hospitals whose abandonment count is missing, by name. */
export function missingTotals(report: EffectivenessReport): string[] {
  return report.current.abandonments
    .filter((a) => a.count === null)
    .map((a) => report.hospitals.find((h) => h.id === a.hospitalId)?.shortName ?? a.hospitalId);
}

/** Writes the report to `output` (and ends it). */
export async function writeReport(
  report: EffectivenessReport,
  format: DocumentFormat,
  text: DocumentText,
  output: Writable,
): Promise<void> {
  if (format === "xlsx") return writeReportXlsx(report, text, output);
  const pdf = await reportPdf(report, text);
  await new Promise<void>((resolve, reject) =>
    output.end(pdf, (error?: Error | null) => (error ? reject(error) : resolve())),
  );
}

function headerLines(report: EffectivenessReport, text: DocumentText): string[] {
  const p = report.current.period;
  const q = report.previous.period;
  return [
    text.t("report.service", { service: report.service.name }),
    text.t("report.period", { from: text.day(p.from), to: text.day(lastDay(p)) }),
    text.t("report.previous", { from: text.day(q.from), to: text.day(lastDay(q)) }),
    text.t("report.generated", {
      at: text.dateTime(report.generatedAt),
      zone: text.zone,
      offset: text.offset(report.generatedAt),
    }),
  ];
}

/** The bar chart: per figure, this period's bar over the previous one's, scaled to the largest. */
function chart(report: EffectivenessReport, text: DocumentText): Content {
  const width = 250;
  const ratios = [...report.current.figures, ...report.previous.figures].map((f) => f.total.ratio ?? 0);
  const scale = Math.max(1, ...ratios);
  const bar = (figure: Figure, y: number, color: string) =>
    figure.ratio === null
      ? []
      : [{ type: "rect" as const, x: 0, y, w: Math.max(0.5, (figure.ratio / scale) * width), h: 7, color }];
  const rows: TableCell[][] = FIGURE_IDS.map((id) => {
    const now = byId(report.current.figures, id).total;
    const before = byId(report.previous.figures, id).total;
    const label = (f: Figure) => (f.ratio === null ? text.t("report.none") : percent(text, f.ratio));
    return [
      { text: text.t(`report.short.${id}`), fontSize: 8 },
      {
        canvas: [
          { type: "rect", x: 0, y: 0, w: width, h: 18, color: "#ffffff" },
          ...bar(now, 1, "#2f5d8a"),
          ...bar(before, 10, "#a9c1d9"),
        ],
      },
      { text: `${label(now)}\n${label(before)}`, fontSize: 7 },
    ];
  });
  return {
    stack: [
      { text: text.t("report.chart_title"), bold: true, margin: [0, 6, 0, 4] },
      {
        columns: [
          { canvas: [{ type: "rect", x: 0, y: 2, w: 10, h: 7, color: "#2f5d8a" }], width: 14 },
          { text: text.t("report.current"), fontSize: 8, width: "auto" },
          {
            canvas: [{ type: "rect", x: 0, y: 2, w: 10, h: 7, color: "#a9c1d9" }],
            width: 14,
            margin: [12, 0, 0, 0],
          },
          { text: text.t("report.before"), fontSize: 8, width: "auto", margin: [12, 0, 0, 0] },
        ],
        margin: [0, 0, 0, 4],
      },
      { table: { widths: [120, width + 4, "*"], body: rows }, layout: "noBorders" },
    ],
  };
}

function figuresTable(report: EffectivenessReport, text: DocumentText): Content {
  const body: TableCell[][] = [
    [text.t("report.figure"), text.t("report.current"), text.t("report.before")].map((t) => ({
      text: t,
      style: "tableHeader",
    })),
    ...FIGURE_IDS.map((id) => [
      { text: text.t(`report.figures.${id}`), fontSize: 8 },
      { text: figureWithPending(text, byId(report.current.figures, id).total), fontSize: 8 },
      { text: figureWithPending(text, byId(report.previous.figures, id).total), fontSize: 8 },
    ]),
  ];
  return { table: { headerRows: 1, widths: ["*", 110, 110], body }, margin: [0, 10, 0, 0] };
}

function hospitalsTable(report: EffectivenessReport, text: DocumentText): Content {
  const cell = (f: Figure | undefined) =>
    !f
      ? ""
      : f.state === "ok"
        ? `${percent(text, f.ratio!)}\n${f.numerator}/${f.denominator}`
        : f.state === "zero_denominator"
          ? `${text.t("report.none")}\n${f.numerator}/0`
          : text.t("report.none");
  const body: TableCell[][] = [
    [
      { text: text.t("report.hospital"), style: "tableHeader" },
      ...FIGURE_IDS.map((id) => ({
        text: text.t(`report.short.${id}`).split(".")[0]!,
        style: "tableHeader",
      })),
    ],
    ...report.hospitals.map((h) => [
      { text: h.shortName },
      ...FIGURE_IDS.map((id) => ({ text: cell(byId(report.current.figures, id).byHospital[h.id]) })),
    ]),
    [
      { text: text.t("report.total"), bold: true },
      ...FIGURE_IDS.map((id) => ({ text: cell(byId(report.current.figures, id).total), bold: true })),
    ],
  ];
  return {
    stack: [
      { text: text.t("report.by_hospital"), bold: true, margin: [0, 12, 0, 4] },
      { table: { headerRows: 1, widths: [70, ...FIGURE_IDS.map(() => "*")], body }, fontSize: 7 },
    ],
  };
}

function abandonmentLines(report: EffectivenessReport, text: DocumentText): string[] {
  return report.current.abandonments.flatMap((a) => {
    const hospital = report.hospitals.find((h) => h.id === a.hospitalId)?.shortName ?? a.hospitalId;
    if (a.count === null) return [text.t("report.abandonment_missing", { hospital })];
    return a.entries.map((e) =>
      text.t("report.abandonment_entry", {
        hospital,
        count: e.count,
        from: text.day(e.from),
        to: text.day(lastDay(e)),
        who: e.enteredBy?.fullName ?? text.t("report.system"),
        at: text.dateTime(e.enteredAt),
      }),
    );
  });
}

function drillText(items: { signal: string; case: string | null }[], text: DocumentText): string {
  if (items.length === 0) return text.t("report.none");
  const shown = items
    .slice(0, PDF_DRILL_LIMIT)
    .map((i) => (i.case ? `${i.signal} (${i.case})` : i.signal))
    .join(", ");
  return items.length > PDF_DRILL_LIMIT ? `${shown} … (+${items.length - PDF_DRILL_LIMIT}, XLSX)` : shown;
}

async function reportPdf(report: EffectivenessReport, text: DocumentText): Promise<Buffer> {
  const missing = missingTotals(report);
  const content: Content[] = [
    { text: text.t("report.title"), style: "title" },
    { text: headerLines(report, text).join("\n"), style: "subtitle" },
    ...(missing.length > 0
      ? [
          {
            text: text.t("report.missing_totals", { hospitals: missing.join(", ") }),
            color: "#a01818",
            margin: [0, 0, 0, 6],
          } as Content,
        ]
      : []),
    chart(report, text),
    figuresTable(report, text),
    hospitalsTable(report, text),
    { text: text.t("report.abandonments"), bold: true, margin: [0, 12, 0, 4] },
    { ul: abandonmentLines(report, text), fontSize: 8 },
    { text: text.t("report.definitions_title"), bold: true, margin: [0, 12, 0, 4] },
    {
      ul: ["cohort", "on_time", "accompaniment", "zero"].map((k) => text.t(`report.definitions.${k}`)),
      fontSize: 8,
    },
    { text: text.t("report.drill_title"), bold: true, margin: [0, 12, 0, 4], pageBreak: "before" },
    ...FIGURE_IDS.flatMap((id): Content[] => {
      const f = byId(report.current.figures, id);
      return [
        { text: text.t(`report.short.${id}`), bold: true, fontSize: 8, margin: [0, 6, 0, 2] },
        { text: `${text.t("report.drill_numerator")}: ${drillText(f.numeratorItems, text)}`, fontSize: 7 },
        ...(id === "signals_per_abandonment"
          ? []
          : [
              {
                text: `${text.t("report.drill_denominator")}: ${drillText(f.denominatorItems, text)}`,
                fontSize: 7,
              } as Content,
            ]),
      ];
    }),
    {
      text: [text.t("report.signature.head"), text.t("report.signature.date")].join("\n\n"),
      margin: [0, 24, 0, 0],
      unbreakable: true,
    },
  ];
  return renderPdf({
    content,
    info: { title: text.t("report.title") },
    footer: (page: number, pages: number) => ({
      text: text.t("register.page", { page, pages }),
      alignment: "center",
      fontSize: 8,
      margin: [0, 15, 0, 0],
    }),
  });
}

async function writeReportXlsx(
  report: EffectivenessReport,
  text: DocumentText,
  output: Writable,
): Promise<void> {
  const book = createXlsx(output);
  const footer = text.t("register.page", { page: "{page}", pages: "{pages}" });
  const title = [text.t("report.title"), ...headerLines(report, text)];
  const note = (f: Figure) =>
    [
      f.state === "ok" ? "" : text.t(`report.${f.state}`),
      f.pending > 0 ? text.t("report.pending_note", { count: f.pending }) : "",
    ]
      .filter(Boolean)
      .join("; ");

  const figures = book.addSheet({
    name: text.t("report.sheet_figures"),
    title,
    footer,
    landscape: true,
    columns: [
      { header: text.t("report.figure"), width: 70 },
      { header: text.t("report.numerator"), width: 12, kind: "number" },
      { header: text.t("report.denominator"), width: 12, kind: "number" },
      { header: text.t("report.value"), width: 12, kind: "percent" },
      { header: text.t("report.pending"), width: 34 },
      { header: `${text.t("report.before")}: ${text.t("report.numerator")}`, width: 14, kind: "number" },
      { header: `${text.t("report.before")}: ${text.t("report.denominator")}`, width: 14, kind: "number" },
      { header: `${text.t("report.before")}: ${text.t("report.value")}`, width: 14, kind: "percent" },
      { header: text.t("report.before"), width: 34 },
    ],
  });
  for (const id of FIGURE_IDS) {
    const now = byId(report.current.figures, id).total;
    const before = byId(report.previous.figures, id).total;
    figures.addRow([
      text.t(`report.figures.${id}`),
      now.numerator,
      now.denominator,
      now.ratio,
      note(now),
      before.numerator,
      before.denominator,
      before.ratio,
      note(before),
    ]);
  }
  const missing = missingTotals(report);
  figures.addLines([
    ...(missing.length > 0 ? [text.t("report.missing_totals", { hospitals: missing.join(", ") })] : []),
    text.t("report.abandonments"),
    ...abandonmentLines(report, text),
    "",
    text.t("report.definitions_title"),
    ...["cohort", "on_time", "accompaniment", "zero"].map((k) => text.t(`report.definitions.${k}`)),
    "",
    text.t("report.signature.head"),
    text.t("report.signature.date"),
  ]);
  await figures.commit();

  const hospitals = book.addSheet({
    name: text.t("report.by_hospital"),
    footer,
    columns: [
      { header: text.t("report.hospital"), width: 28 },
      { header: text.t("report.figure"), width: 30 },
      { header: text.t("report.numerator"), width: 12, kind: "number" },
      { header: text.t("report.denominator"), width: 12, kind: "number" },
      { header: text.t("report.value"), width: 12, kind: "percent" },
      { header: text.t("report.pending"), width: 34 },
    ],
  });
  for (const h of report.hospitals) {
    for (const id of FIGURE_IDS) {
      const f = byId(report.current.figures, id).byHospital[h.id]!;
      hospitals.addRow([h.name, text.t(`report.short.${id}`), f.numerator, f.denominator, f.ratio, note(f)]);
    }
  }
  await hospitals.commit();

  const hospitalName = (id: string) => report.hospitals.find((h) => h.id === id)?.shortName ?? id;
  for (const id of FIGURE_IDS) {
    const f = byId(report.current.figures, id);
    const inNumerator = new Set(f.numeratorItems.map((i) => `${i.signal}|${i.case ?? ""}`));
    const sheet = book.addSheet({
      name: text.t(`report.short.${id}`),
      title: [text.t(`report.figures.${id}`), figureWithPending(text, f.total)],
      footer,
      columns: [
        { header: text.t("report.signal"), width: 12 },
        { header: text.t("report.case"), width: 12 },
        { header: text.t("report.hospital"), width: 20 },
        { header: text.t("report.drill_numerator"), width: 14 },
      ],
    });
    const rows = id === "signals_per_abandonment" ? f.numeratorItems : f.denominatorItems;
    for (const item of rows) {
      sheet.addRow([
        item.signal,
        item.case,
        hospitalName(item.hospitalId),
        inNumerator.has(`${item.signal}|${item.case ?? ""}`) ? text.t("register.yes") : "",
      ]);
    }
    await sheet.commit();
  }
  await book.finish();
}
