/**
 * PDF documents (registers, plans, assessment forms, hand-over packages): one small module over
 * pdfmake (pinned), so the library can be replaced without touching the areas. Cyrillic text, «№»
 * and «ё» render with the bundled Roboto, embedded and subset in every file.
 *
 * pdfmake can fetch images from URLs and read local files named in a document; both are refused
 * here (the documents are built from our own data only).
 *
 * @example
 * const pdf = await renderPdf({
 *   content: [{ text: "Журнал записи сигналов", style: "title" }, table],
 *   info: { title: "Журнал записи сигналов" },
 * });
 */
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { TDocumentDefinitions } from "pdfmake/interfaces.js";

/** A document definition (pdfmake's). */
export type PdfDocument = TDocumentDefinitions;

type PdfMake = {
  setFonts(fonts: Record<string, Record<string, string>>): void;
  setUrlAccessPolicy(callback: (url: string) => boolean): void;
  setLocalAccessPolicy(callback: (path: string) => boolean): void;
  createPdf(doc: PdfDocument): { getBuffer(): Promise<Buffer> };
};

let engine: PdfMake | undefined;

/** The configured pdfmake instance (loaded on first use). */
function pdfmake(): PdfMake {
  if (engine) return engine;
  const require = createRequire(import.meta.url);
  const instance = require("pdfmake") as PdfMake;
  const fonts = join(dirname(require.resolve("pdfmake/package.json")), "fonts", "Roboto");
  const files = {
    normal: join(fonts, "Roboto-Regular.ttf"),
    bold: join(fonts, "Roboto-Medium.ttf"),
    italics: join(fonts, "Roboto-Italic.ttf"),
    bolditalics: join(fonts, "Roboto-MediumItalic.ttf"),
  };
  instance.setFonts({ Roboto: files });
  const allowed = new Set(Object.values(files));
  instance.setUrlAccessPolicy(() => false);
  instance.setLocalAccessPolicy((path) => allowed.has(path));
  engine = instance;
  return instance;
}

/** Base styles every document shares (A4, 10 pt text, a title and table headers). */
export const BASE_STYLES: NonNullable<PdfDocument["styles"]> = {
  title: { fontSize: 14, bold: true, alignment: "center", margin: [0, 0, 0, 8] },
  subtitle: { fontSize: 10, alignment: "center", margin: [0, 0, 0, 12] },
  tableHeader: { bold: true, fillColor: "#eeeeee" },
  small: { fontSize: 8 },
};

/** Renders a document to PDF bytes; page numbers are added unless the document has a footer. */
export async function renderPdf(doc: PdfDocument): Promise<Buffer> {
  const full: PdfDocument = {
    pageSize: "A4",
    pageMargins: [40, 40, 40, 50],
    defaultStyle: { font: "Roboto", fontSize: 10 },
    footer: (page: number, pages: number) => ({
      text: `${page} / ${pages}`,
      alignment: "center",
      fontSize: 8,
      margin: [0, 15, 0, 0],
    }),
    ...doc,
    styles: { ...BASE_STYLES, ...(doc.styles ?? {}) },
  };
  return Buffer.from(await pdfmake().createPdf(full).getBuffer());
}
