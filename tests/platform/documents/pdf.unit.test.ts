/**
 * The PDF module: Cyrillic, «№» and «ё» come out as text (fonts embedded), long tables repeat
 * their header on every page, pages are numbered, and documents cannot reach URLs or files.
 */
import { describe, expect, it } from "vitest";
import { renderPdf } from "../../../src/platform/documents/pdf.ts";
import { pdfText } from "../../../src/platform/documents/pdf-text.ts";

describe("renderPdf", () => {
  it("renders Russian text, repeats table headers and numbers the pages", async () => {
    const rows = Array.from({ length: 80 }, (_, i) => [String(i + 1), "Тестова Мария Ёжикова"]);
    const pdf = await renderPdf({
      content: [
        { text: "Журнал записи сигналов № 12", style: "title" },
        { table: { headerRows: 1, body: [["№", "Ф.И.О."], ...rows] } },
      ],
    });
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    const pages = await pdfText(pdf);
    expect(pages.length).toBe(2);
    expect(pages[0]).toContain("Журнал записи сигналов № 12");
    expect(pages[0]).toContain("1 Тестова Мария Ёжикова");
    expect(pages[1]!.startsWith("№ Ф.И.О.")).toBe(true);
    expect(pages[1]).toContain("80 Тестова Мария Ёжикова");
    expect(pages[0]).toContain("1 / 2");
    expect(pages[1]).toContain("2 / 2");
  });

  it("refuses images from URLs and local files", async () => {
    await expect(
      renderPdf({ content: [{ image: "https://example.org/x.png", width: 10 }] }),
    ).rejects.toThrow();
    await expect(renderPdf({ content: [{ image: "/etc/passwd", width: 10 }] })).rejects.toThrow();
  });
});
