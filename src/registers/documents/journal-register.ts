/**
 * The two registers as documents (seed 000, «Документооборот»): the hospital's journal of signals
 * and the service's registration journal, for a period, as XLSX (streamed: any number of rows in
 * the memory of one batch) or PDF (up to {@link MAX_PDF_ROWS} rows). Both carry a header (the
 * hospital or the service, the period, when it was made and in which zone), numbered pages, a
 * table header repeated on every page, the late mark (3-hour rule) and signature lines.
 */
import type { Writable } from "node:stream";
import type { Content, TableCell } from "pdfmake/interfaces.js";
import { renderPdf } from "../../platform/documents/pdf.ts";
import { createXlsx, type XlsxColumn, type XlsxValue } from "../../platform/documents/xlsx.ts";
import type { Db } from "../../platform/db/client.ts";
import { DomainError } from "../../platform/errors.ts";
import {
  hospitalJournalBatches,
  journalCount,
  serviceJournalBatches,
  type HospitalJournalRow,
  type JournalQuery,
  type ServiceJournalRow,
} from "../../signals/queries/journals.ts";
import { lastDay, type DayPeriod } from "../domain/periods.ts";
import type { DocumentFormat, DocumentText } from "./format.ts";

/** Most rows a PDF register takes (a longer one is refused: XLSX has no limit). */
export const MAX_PDF_ROWS = 3000;

/** Rows read from the database at a time. */
const BATCH = 1000;

/** A register to make. */
export interface RegisterSpec {
  query: JournalQuery;
  format: DocumentFormat;
  text: DocumentText;
  serviceName: string;
  /** The hospital of a hospital register; null for all of the service's hospitals. */
  hospitalName: string | null;
  period: DayPeriod;
  generatedAt: Date;
}

/** Told as rows are written: rows done and rows in all. */
export type Progress = (done: number, total: number) => Promise<void>;

/** Light red behind late rows. */
const LATE_FILL = "FDE2E2";

/**
 * Writes the register to `output` (and ends it). Returns the number of rows.
 *
 * @throws DomainError `unprocessable` (`registers.export.too_many_for_pdf`) for a PDF of more than
 *   {@link MAX_PDF_ROWS} rows, before anything is written.
 */
export async function writeRegister(
  db: Db,
  spec: RegisterSpec,
  output: Writable,
  onProgress: Progress = async () => {},
): Promise<{ rows: number }> {
  const total = await journalCount(db, spec.query);
  if (spec.format === "pdf" && total > MAX_PDF_ROWS) {
    throw new DomainError("unprocessable", "registers.export.too_many_for_pdf", {
      params: { max: MAX_PDF_ROWS, rows: total },
      message: `a PDF register holds at most ${MAX_PDF_ROWS} rows; this period has ${total} (use format=xlsx)`,
      reason: "too_many_rows_for_pdf",
    });
  }
  const layout = spec.query.journal === "hospital" ? hospitalLayout(spec) : serviceLayout(spec);
  const batches =
    spec.query.journal === "hospital"
      ? hospitalJournalBatches(db, spec.query, spec.generatedAt, BATCH)
      : serviceJournalBatches(db, spec.query, spec.generatedAt, BATCH);
  return spec.format === "xlsx"
    ? writeXlsx(spec, layout as Layout<unknown>, batches, output, total, onProgress)
    : writePdf(spec, layout as Layout<unknown>, batches, output, total, onProgress);
}

/** How one register lays out its rows. */
interface Layout<R> {
  title: string;
  columns: XlsxColumn[];
  xlsxRow(row: R): XlsxValue[];
  pdfWidths: (number | string)[];
  pdfHeader: string[];
  pdfRow(row: R): string[];
  late(row: R): boolean;
}

function headerLines(spec: RegisterSpec, title: string): string[] {
  const { text } = spec;
  const where =
    spec.query.journal === "service"
      ? text.t("register.service", { service: spec.serviceName })
      : spec.hospitalName
        ? text.t("register.hospital", { hospital: spec.hospitalName })
        : text.t("register.all_hospitals", { service: spec.serviceName });
  return [
    title,
    where,
    text.t("register.period", { from: text.day(spec.period.from), to: text.day(lastDay(spec.period)) }),
    text.t("register.generated", {
      at: text.dateTime(spec.generatedAt),
      zone: text.zone,
      offset: text.offset(spec.generatedAt),
    }),
  ];
}

function signatureLines(text: DocumentText): string[] {
  return [
    text.t("register.late_legend"),
    "",
    text.t("register.signature.responsible"),
    text.t("register.signature.hint"),
    text.t("register.signature.date"),
  ];
}

/** Where the ambulance brought her from, or "not by ambulance" when she came otherwise. */
function ambulanceOf(
  text: DocumentText,
  r: { ambulanceFrom: string | null; byAmbulance: boolean | null },
): string | null {
  return r.byAmbulance === false ? text.t("register.not_by_ambulance") : r.ambulanceFrom;
}

function hospitalLayout(spec: RegisterSpec): Layout<HospitalJournalRow> {
  const { text } = spec;
  const c = (key: string) => text.t(`register.columns.${key}`);
  const at = (d: Date) => ({ at: d, zone: text.zone });
  const many = spec.hospitalName === null;
  const late = (r: HospitalJournalRow) => (r.late ? text.t("register.yes") : "");
  const kind = (r: HospitalJournalRow) => text.t(`register.kind.${r.kind}`);
  const numberCell = (r: HospitalJournalRow) => (r.kind === "newborn" ? r.number : `${r.number}\n${kind(r)}`);
  return {
    title: text.t("register.hospital_title"),
    columns: [
      { header: c("number"), width: 10 },
      ...(many ? [{ header: c("hospital"), width: 22 }] : []),
      { header: c("woman"), width: 30 },
      { header: c("registered_address"), width: 34 },
      { header: c("actual_address"), width: 34 },
      { header: c("ambulance_from"), width: 26 },
      { header: c("identified_at"), width: 17, kind: "datetime" },
      { header: c("transmitted_at"), width: 17, kind: "datetime" },
      { header: c("late"), width: 10 },
      { header: c("reporter"), width: 28 },
      { header: c("kind"), width: 24 },
    ],
    xlsxRow: (r) => [
      r.number,
      ...(many ? [r.hospital.name] : []),
      r.womanFullName,
      r.registeredAddress,
      r.actualAddress,
      ambulanceOf(text, r),
      at(r.identifiedAt),
      at(r.transmittedAt),
      late(r),
      r.reporter.fullName,
      kind(r),
    ],
    pdfWidths: [34, ...(many ? [60] : []), "*", "*", "*", 70, 56, 56, 38, 70],
    pdfHeader: [
      c("number"),
      ...(many ? [c("hospital")] : []),
      c("woman"),
      c("registered_address"),
      c("actual_address"),
      c("ambulance_from"),
      c("identified_at"),
      c("transmitted_at"),
      c("late"),
      c("reporter"),
    ],
    pdfRow: (r) => [
      numberCell(r),
      ...(many ? [r.hospital.name] : []),
      r.womanFullName,
      r.registeredAddress ?? "",
      r.actualAddress ?? "",
      ambulanceOf(text, r) ?? "",
      text.dateTime(r.identifiedAt),
      text.dateTime(r.transmittedAt),
      late(r),
      r.reporter.fullName,
    ],
    late: (r) => r.late,
  };
}

function serviceLayout(spec: RegisterSpec): Layout<ServiceJournalRow> {
  const { text } = spec;
  const c = (key: string) => text.t(`register.columns.${key}`);
  const at = (d: Date | null) => (d ? { at: d, zone: text.zone } : null);
  const reason = (r: ServiceJournalRow) =>
    r.case?.closeReason ? text.t(`register.close_reasons.${r.case.closeReason}`) : null;
  const decisionLines = (r: ServiceJournalRow): string[] => {
    const lines: string[] = [];
    const d = (value: Date) => text.dateTime(value);
    if (r.case)
      lines.push(text.t("register.decision_lines.opened", { case: r.case.number, at: d(r.case.openedAt) }));
    else if (r.decision === "not_confirmed" && r.decidedAt)
      lines.push(text.t("register.decision_lines.not_confirmed", { at: d(r.decidedAt) }));
    if (r.case?.accompanimentAt)
      lines.push(text.t("register.decision_lines.accompaniment", { at: d(r.case.accompanimentAt) }));
    if (r.case?.closedAt)
      lines.push(
        text.t("register.decision_lines.closed", { at: d(r.case.closedAt), reason: reason(r) ?? "" }),
      );
    if (r.case?.handedOverAt)
      lines.push(text.t("register.decision_lines.handed_over", { at: d(r.case.handedOverAt) }));
    if (lines.length === 0) lines.push(text.t("register.decision_lines.pending"));
    return lines;
  };
  const addresses = (r: ServiceJournalRow) =>
    [
      r.registeredAddress
        ? text.t("register.address_lines.registered", { value: r.registeredAddress })
        : null,
      r.actualAddress ? text.t("register.address_lines.actual", { value: r.actualAddress }) : null,
      ambulanceOf(text, r)
        ? text.t("register.address_lines.ambulance", { value: ambulanceOf(text, r)! })
        : null,
    ]
      .filter((line) => line !== null)
      .join("\n");
  const place = (r: ServiceJournalRow) => text.t(`place.${r.location}`);
  const kind = (r: ServiceJournalRow) => text.t(`register.kind.${r.kind}`);
  return {
    title: text.t("register.service_title"),
    columns: [
      { header: c("number"), width: 10 },
      { header: c("received_at"), width: 17, kind: "datetime" },
      { header: c("hospital"), width: 24 },
      { header: c("place"), width: 24 },
      { header: c("woman"), width: 30 },
      { header: c("registered_address"), width: 32 },
      { header: c("actual_address"), width: 32 },
      { header: c("ambulance_from"), width: 24 },
      { header: c("phone"), width: 18 },
      { header: c("reporter"), width: 28 },
      { header: c("identified_at"), width: 17, kind: "datetime" },
      { header: c("late"), width: 10 },
      { header: c("curator"), width: 28 },
      { header: c("assigned_at"), width: 17, kind: "datetime" },
      { header: c("decision"), width: 18 },
      { header: c("decided_at"), width: 17, kind: "datetime" },
      { header: c("case_number"), width: 10 },
      { header: c("accompaniment_at"), width: 17, kind: "datetime" },
      { header: c("closed_at"), width: 17, kind: "datetime" },
      { header: c("close_reason"), width: 34 },
      { header: c("handed_over_at"), width: 17, kind: "datetime" },
      { header: c("kind"), width: 24 },
    ],
    xlsxRow: (r) => [
      r.number,
      at(r.receivedAt),
      r.hospital.name,
      place(r),
      r.womanFullName,
      r.registeredAddress,
      r.actualAddress,
      ambulanceOf(text, r),
      r.phone,
      r.reporter.fullName,
      at(r.identifiedAt),
      r.late ? text.t("register.yes") : "",
      r.curator?.fullName ?? null,
      at(r.assignedAt),
      text.t(`register.decision.${r.decision ?? "none"}`),
      at(r.decidedAt),
      r.case?.number ?? null,
      at(r.case?.accompanimentAt ?? null),
      at(r.case?.closedAt ?? null),
      reason(r),
      at(r.case?.handedOverAt ?? null),
      kind(r),
    ],
    pdfWidths: [34, 58, 80, "*", "*", 70, 80, "*"],
    pdfHeader: [
      c("number"),
      c("received_at"),
      c("institution_place"),
      c("woman"),
      c("addresses"),
      c("reporter"),
      c("curator"),
      c("decisions"),
    ],
    pdfRow: (r) => [
      r.kind === "newborn" ? r.number : `${r.number}\n${kind(r)}`,
      r.late ? `${text.dateTime(r.receivedAt)}\n${text.t("register.late")}` : text.dateTime(r.receivedAt),
      `${r.hospital.name}\n${place(r)}`,
      r.womanFullName,
      addresses(r),
      r.reporter.fullName,
      r.curator && r.assignedAt
        ? text.t("register.curator_line", { curator: r.curator.fullName, at: text.dateTime(r.assignedAt) })
        : "",
      decisionLines(r).join("\n"),
    ],
    late: (r) => r.late,
  };
}

async function writeXlsx<R>(
  spec: RegisterSpec,
  layout: Layout<R>,
  batches: AsyncGenerator<R[]>,
  output: Writable,
  total: number,
  onProgress: Progress,
): Promise<{ rows: number }> {
  const book = createXlsx(output);
  const sheet = book.addSheet({
    name: layout.title,
    title: headerLines(spec, layout.title),
    columns: layout.columns,
    landscape: true,
    footer: spec.text.t("register.page", { page: "{page}", pages: "{pages}" }),
  });
  for await (const batch of batches) {
    for (const row of batch)
      sheet.addRow(layout.xlsxRow(row), layout.late(row) ? { fill: LATE_FILL } : undefined);
    await onProgress(sheet.rows, total);
  }
  if (sheet.rows === 0) sheet.addLines([spec.text.t("register.empty")]);
  sheet.addLines(signatureLines(spec.text));
  await sheet.commit();
  await book.finish();
  return { rows: sheet.rows };
}

async function writePdf<R>(
  spec: RegisterSpec,
  layout: Layout<R>,
  batches: AsyncGenerator<R[]>,
  output: Writable,
  total: number,
  onProgress: Progress,
): Promise<{ rows: number }> {
  const body: TableCell[][] = [layout.pdfHeader.map((text) => ({ text, style: "tableHeader" }))];
  let rows = 0;
  for await (const batch of batches) {
    for (const row of batch) {
      const fill = layout.late(row) ? `#${LATE_FILL}` : undefined;
      body.push(layout.pdfRow(row).map((text) => (fill ? { text, fillColor: fill } : { text })));
      rows++;
    }
    await onProgress(rows, total);
  }
  const [title, ...subtitle] = headerLines(spec, layout.title);
  const content: Content[] = [
    { text: title!, style: "title" },
    { text: subtitle.join("\n"), style: "subtitle" },
    rows > 0
      ? { table: { headerRows: 1, dontBreakRows: true, widths: layout.pdfWidths, body }, style: "register" }
      : { text: spec.text.t("register.empty"), margin: [0, 8, 0, 8] },
    {
      text: signatureLines(spec.text).join("\n"),
      margin: [0, 18, 0, 0],
      unbreakable: true,
      preserveLeadingSpaces: true,
    },
  ];
  const pdf = await renderPdf({
    pageOrientation: "landscape",
    pageMargins: [28, 32, 28, 40],
    content,
    styles: { register: { fontSize: 7.5 } },
    info: { title: layout.title },
    footer: (page: number, pages: number) => ({
      text: spec.text.t("register.page", { page, pages }),
      alignment: "center",
      fontSize: 8,
      margin: [0, 12, 0, 0],
    }),
  });
  await new Promise<void>((resolve, reject) =>
    output.end(pdf, (error?: Error | null) => (error ? reject(error) : resolve())),
  );
  return { rows };
}
