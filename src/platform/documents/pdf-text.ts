/**
 * Text of a PDF, page by page: how tests (and checks of generated documents) read what a document
 * says. Uses pdf-parse (pdf.js), loaded on first use.
 */

/** The text of each page of `pdf`. */
export async function pdfText(pdf: Buffer): Promise<string[]> {
  const { PDFParse } = await import("pdf-parse");
  const parser = new PDFParse({ data: new Uint8Array(pdf) });
  try {
    const result = await parser.getText();
    return result.pages.map((page) => page.text);
  } finally {
    await parser.destroy();
  }
}
