/**
 * XLSX documents (registers, report figures): one small module over exceljs (pinned), so the
 * library can be replaced without touching the areas. Rows are streamed: each row is written to
 * the zip stream as it is added and not kept, so a sheet of a hundred thousand rows takes the
 * memory of a few rows, not of the sheet.
 *
 * A sheet has title lines above its table (merged across it), one header row that repeats on
 * every printed page, page numbers in the printed footer, and lines after the table (signature
 * lines). Times are real spreadsheet date-times showing the wall clock of the zone they are
 * given in.
 *
 * @example
 * const book = createXlsx(output);
 * const sheet = book.addSheet({ name: "Журнал", title: ["Журнал записи сигналов"], columns });
 * sheet.addRow(["1/2026", "Иванова А. П.", { at: signal.identifiedAt, zone: "Europe/Moscow" }]);
 * await sheet.commit();
 * await book.finish();
 */
import { createRequire } from "node:module";
import type { Writable } from "node:stream";
import type * as ExcelJSTypes from "exceljs";
import { DateTime } from "luxon";

type ExcelJS = typeof ExcelJSTypes;

let engine: ExcelJS | undefined;

/** exceljs, loaded on first use (it is large, and most processes never write a spreadsheet). */
function exceljs(): ExcelJS {
  if (!engine) engine = createRequire(import.meta.url)("exceljs") as ExcelJS;
  return engine;
}

/** How a column's values are shown. */
export type XlsxColumnKind = "text" | "number" | "datetime" | "date" | "percent";

/** A table column. */
export interface XlsxColumn {
  header: string;
  /** Width in characters. */
  width: number;
  kind?: XlsxColumnKind;
}

/** A time to show as the wall clock of `zone`. */
export interface XlsxInstant {
  at: Date;
  zone: string;
}

/** A cell value; null is an empty cell. */
export type XlsxValue = string | number | XlsxInstant | null;

/** What a row may stand out by. */
export interface XlsxRowStyle {
  bold?: boolean;
  /** Background, "RRGGBB". */
  fill?: string;
}

/** A sheet's layout. */
export interface XlsxSheetOptions {
  /** Sheet name (at most 31 characters; `[]:*?/\` are replaced). */
  name: string;
  /** Lines above the table: title, period, generation time. */
  title?: string[];
  columns: XlsxColumn[];
  landscape?: boolean;
  /** The printed footer; `{page}` and `{pages}` are replaced. Default "{page} / {pages}". */
  footer?: string;
}

/** A sheet being written. */
export interface XlsxSheet {
  /** Adds a table row (written out at once). */
  addRow(values: XlsxValue[], style?: XlsxRowStyle): void;
  /** Adds free lines after the table (a blank line first): signature lines, notes. */
  addLines(lines: string[]): void;
  /** Rows added to the table so far. */
  readonly rows: number;
  /** Finishes the sheet; nothing can be added to it afterwards. */
  commit(): Promise<void>;
}

/** A workbook being written to a stream. */
export interface XlsxBook {
  addSheet(options: XlsxSheetOptions): XlsxSheet;
  /** Finishes the workbook and the stream. */
  finish(): Promise<void>;
}

/** The MIME type of an XLSX file. */
export const XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

const NUMBER_FORMATS: Record<XlsxColumnKind, string | undefined> = {
  text: "@",
  number: "0",
  datetime: "dd.mm.yyyy hh:mm",
  date: "dd.mm.yyyy",
  percent: "0.0%",
};

const THIN = { style: "thin" } as const;
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };

/** An instant as the spreadsheet date whose clock reads the wall clock of its zone. */
function wallClock(value: XlsxInstant): Date {
  const local = DateTime.fromJSDate(value.at, { zone: value.zone });
  return new Date(
    Date.UTC(
      local.year,
      local.month - 1,
      local.day,
      local.hour,
      local.minute,
      local.second,
      local.millisecond,
    ),
  );
}

function sheetName(name: string): string {
  return name.replace(/[[\]:*?/\\]/g, " ").slice(0, 31);
}

function columnLetter(index: number): string {
  let n = index + 1;
  let letters = "";
  while (n > 0) {
    const rest = (n - 1) % 26;
    letters = String.fromCharCode(65 + rest) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** Starts a workbook written to `output` as rows are added. */
export function createXlsx(output: Writable): XlsxBook {
  const book = new (exceljs().stream.xlsx.WorkbookWriter)({
    stream: output,
    useStyles: true,
    useSharedStrings: false,
  });
  return {
    addSheet(options) {
      const titleLines = options.title ?? [];
      const headerRow = titleLines.length + (titleLines.length > 0 ? 2 : 1);
      const footer = (options.footer ?? "{page} / {pages}").replace("{page}", "&P").replace("{pages}", "&N");
      const sheet = book.addWorksheet(sheetName(options.name), {
        pageSetup: {
          paperSize: 9,
          orientation: options.landscape ? "landscape" : "portrait",
          fitToPage: true,
          fitToWidth: 1,
          fitToHeight: 0,
          printTitlesRow: `${headerRow}:${headerRow}`,
        },
        headerFooter: { oddFooter: `&C${footer}`, evenFooter: `&C${footer}` },
        views: [{ state: "frozen", ySplit: headerRow }],
      });
      sheet.columns = options.columns.map((c) => ({ width: c.width }));
      const last = columnLetter(options.columns.length - 1);
      titleLines.forEach((line, index) => {
        const row = sheet.addRow([line]);
        row.font = { bold: index === 0, size: index === 0 ? 13 : 11 };
        sheet.mergeCells(`A${index + 1}:${last}${index + 1}`);
        row.commit();
      });
      if (titleLines.length > 0) sheet.addRow([]).commit();
      const header = sheet.addRow(options.columns.map((c) => c.header));
      header.eachCell((cell) => {
        cell.font = { bold: true };
        cell.alignment = { wrapText: true, vertical: "middle", horizontal: "center" };
        cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFEEEEEE" } };
        cell.border = BORDER;
      });
      header.commit();
      let rows = 0;
      return {
        get rows() {
          return rows;
        },
        addRow(values, style) {
          const row = sheet.addRow(
            values.map((value) =>
              value !== null && typeof value === "object" ? wallClock(value) : (value ?? null),
            ),
          );
          options.columns.forEach((column, index) => {
            const cell = row.getCell(index + 1);
            const format = NUMBER_FORMATS[column.kind ?? "text"];
            if (format && column.kind && column.kind !== "text") cell.numFmt = format;
            cell.alignment = { wrapText: true, vertical: "top" };
            cell.border = BORDER;
            if (style?.bold) cell.font = { bold: true };
            if (style?.fill)
              cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: `FF${style.fill}` } };
          });
          row.commit();
          rows++;
        },
        addLines(lines) {
          sheet.addRow([]).commit();
          for (const line of lines) sheet.addRow([line]).commit();
        },
        async commit() {
          sheet.commit();
        },
      };
    },
    async finish() {
      await book.commit();
    },
  };
}

/** A workbook as read back (tests, checks): each sheet's rows as plain values. */
export interface XlsxContent {
  sheets: {
    name: string;
    rows: (string | number | Date | null)[][];
    /** The printed header rows ("5:5"). */
    printTitlesRow: string | undefined;
    footer: string | undefined;
  }[];
}

/** Reads an XLSX file back into plain values (dates as the Date exceljs reads: wall clock in UTC). */
export async function readXlsx(content: Buffer): Promise<XlsxContent> {
  const book = new (exceljs().Workbook)();
  await book.xlsx.load(content as unknown as ArrayBuffer);
  return {
    sheets: book.worksheets.map((sheet) => {
      const rows: (string | number | Date | null)[][] = [];
      sheet.eachRow({ includeEmpty: true }, (row, number) => {
        // Array.from: the values array has holes where cells are empty, which map() would keep.
        const values = Array.from((row.values as unknown[]).slice(1), (v): string | number | Date | null => {
          if (v === undefined || v === null) return null;
          if (typeof v === "string" || typeof v === "number" || v instanceof Date) return v;
          return JSON.stringify(v);
        });
        rows[number - 1] = values;
      });
      // Every row as wide as the sheet: a row's trailing empty cells are not stored in the file.
      const width = sheet.columnCount;
      for (let i = 0; i < rows.length; i++) {
        const row = (rows[i] ??= []);
        while (row.length < width) row.push(null);
      }
      return {
        name: sheet.name,
        rows,
        printTitlesRow: sheet.pageSetup.printTitlesRow,
        footer: sheet.headerFooter?.oddFooter,
      };
    }),
  };
}
