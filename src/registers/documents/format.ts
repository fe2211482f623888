/**
 * What the registers and the report share: formats, texts in the reader's language, times in the
 * service's zone, and where the bytes go.
 */
import { PassThrough, type Writable } from "node:stream";
import { DateTime } from "luxon";
import type { Locale, Translator } from "../../platform/i18n/index.ts";
import type { TextParam } from "../../platform/flow/types.ts";
import { XLSX_CONTENT_TYPE } from "../../platform/documents/xlsx.ts";
import { lastDay, type DayPeriod } from "../domain/periods.ts";

/** Formats a document can be made in. */
export const DOCUMENT_FORMATS = ["xlsx", "pdf"] as const;
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number];

/** MIME types by format. */
export const CONTENT_TYPES: Record<DocumentFormat, string> = {
  xlsx: XLSX_CONTENT_TYPE,
  pdf: "application/pdf",
};

/** Texts and times of one document. */
export interface DocumentText {
  locale: Locale;
  zone: string;
  /** A text by key (under `registers.`). */
  t(key: string, params?: Record<string, TextParam>): string;
  /** "02.12.2026 02:13" in the zone. */
  dateTime(at: Date): string;
  /** "02.12.2026" from an ISO date. */
  day(iso: string): string;
  /** The zone's offset at `at`: "+03:00". */
  offset(at: Date): string;
  /** "01.01.2026 – 30.06.2026". */
  period(period: DayPeriod): string;
}

/** The texts of a document for `locale`, times in `zone`. */
export function documentText(translator: Translator, locale: Locale, zone: string): DocumentText {
  const day = (iso: string) => DateTime.fromISO(iso).toFormat("dd.MM.yyyy");
  return {
    locale,
    zone,
    t: (key, params) =>
      translator.render({ key: `registers.${key}`, ...(params ? { params } : {}) }, locale, zone),
    dateTime: (at) => DateTime.fromJSDate(at, { zone }).toFormat("dd.MM.yyyy HH:mm"),
    day,
    offset: (at) => DateTime.fromJSDate(at, { zone }).toFormat("ZZ"),
    period: (p) =>
      translator.render(
        { key: "registers.periods.range", params: { from: day(p.from), to: day(lastDay(p)) } },
        locale,
        zone,
      ),
  };
}

/** A file name safe everywhere: letters, digits, spaces, dots, dashes. */
export function fileName(base: string, period: DayPeriod, format: DocumentFormat): string {
  const clean = base
    .replace(/[^\p{L}\p{N} .()-]+/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
  return `${clean} ${period.from}_${lastDay(period)}.${format}`;
}

/** A stream that collects what is written into one buffer (for storing a document). */
export function collect(): { stream: Writable; done: Promise<Buffer> } {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    stream.on("end", () => resolve(Buffer.concat(chunks)));
    stream.on("error", reject);
  });
  return { stream, done };
}
