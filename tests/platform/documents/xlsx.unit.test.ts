/**
 * The XLSX module: title lines, a header row that repeats when printed, page numbers in the
 * footer, Cyrillic text, times shown as the wall clock of their zone, and lines after the table.
 */
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { createXlsx, readXlsx } from "../../../src/platform/documents/xlsx.ts";

async function write(build: (book: ReturnType<typeof createXlsx>) => Promise<void>): Promise<Buffer> {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise((resolve) => stream.on("end", resolve));
  const book = createXlsx(stream);
  await build(book);
  await book.finish();
  await done;
  return Buffer.concat(chunks);
}

describe("createXlsx", () => {
  it("writes titles, a repeating header, rows with zoned times, and signature lines", async () => {
    const content = await write(async (book) => {
      const sheet = book.addSheet({
        name: "Журнал: 2026/1",
        title: ["Журнал записи сигналов", "Период: 01.01.2026 – 30.06.2026"],
        columns: [
          { header: "№", width: 8 },
          { header: "Ф.И.О.", width: 30 },
          { header: "Выявлен", width: 18, kind: "datetime" },
          { header: "Часов", width: 8, kind: "number" },
        ],
        landscape: true,
      });
      sheet.addRow([
        "1/2026",
        "Ёлкина Мария Ивановна",
        { at: new Date("2026-12-01T20:30:00Z"), zone: "Europe/Moscow" },
        2,
      ]);
      sheet.addRow(["2/2026", null, null, null], { fill: "FFE0E0" });
      expect(sheet.rows).toBe(2);
      sheet.addLines(["Ответственное лицо: ____________", "Дата: ____________"]);
      await sheet.commit();
    });
    const book = await readXlsx(content);
    expect(book.sheets).toHaveLength(1);
    const [sheet] = book.sheets;
    expect(sheet!.name).toBe("Журнал  2026 1");
    expect(sheet!.printTitlesRow).toBe("4:4");
    expect(sheet!.footer).toBe("&C&P / &N");
    expect(sheet!.rows[0]![0]).toBe("Журнал записи сигналов");
    expect(sheet!.rows[1]![0]).toBe("Период: 01.01.2026 – 30.06.2026");
    expect(sheet!.rows[3]).toEqual(["№", "Ф.И.О.", "Выявлен", "Часов"]);
    // 20:30 UTC on 1 December is 23:30 in Moscow: the cell shows 01.12.2026 23:30.
    expect(sheet!.rows[4]).toEqual(["1/2026", "Ёлкина Мария Ивановна", new Date("2026-12-01T23:30:00Z"), 2]);
    expect(sheet!.rows[5]![0]).toBe("2/2026");
    expect(sheet!.rows[7]![0]).toBe("Ответственное лицо: ____________");
    expect(sheet!.rows[8]![0]).toBe("Дата: ____________");
  });

  it("writes several sheets", async () => {
    const content = await write(async (book) => {
      for (const name of ["Показатели", "1. Сигналы"]) {
        const sheet = book.addSheet({ name, columns: [{ header: "A", width: 5 }] });
        sheet.addRow([name]);
        await sheet.commit();
      }
    });
    const book = await readXlsx(content);
    expect(book.sheets.map((s) => s.name)).toEqual(["Показатели", "1. Сигналы"]);
    expect(book.sheets[1]!.rows).toEqual([["A"], ["1. Сигналы"]]);
    expect(book.sheets[1]!.printTitlesRow).toBe("1:1");
  });
});
