/**
 * The registers over the API (`format=xlsx|pdf` on the journal endpoints): the seed's columns read
 * back from the XLSX and the PDF, the period read in the service's zone (a signal at 23:30 on the
 * last day belongs to it), the late mark, signature lines and page numbers, and who may export
 * which journal.
 */
import { describe, expect, it } from "vitest";
import { pdfText } from "../../../src/platform/documents/pdf-text.ts";
import { readXlsx } from "../../../src/platform/documents/xlsx.ts";
import { auditCount, WOMEN, useSeededApi } from "../../helpers/api.ts";

const NOW = new Date("2025-04-10T09:00:00Z");
const ctx = useSeededApi(NOW);

/** A wall-clock time as the XLSX stores it (Moscow time written as if UTC). */
const wall = (local: string) => new Date(`${local.replace(" ", "T")}:00Z`);

describe("the hospital register as XLSX", () => {
  it("has the seed's columns, the header lines and the rows of the period in Moscow time", async () => {
    const response = await ctx.api.file(
      `/api/journals/hospital?format=xlsx&hospitalId=${ctx.world.hospitalA}&from=2025-03-01&to=2025-04-01`,
      ctx.world.tokens.head,
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe(
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    );
    expect(response.headers.get("content-disposition")).toContain(
      `filename*=UTF-8''${encodeURIComponent("Журнал записи сигналов (РД1) 2025-03-01_2025-03-31.xlsx")}`,
    );
    expect(response.headers.get("cache-control")).toBe("no-store");
    const [sheet] = (await readXlsx(response.content)).sheets;
    const rows = sheet!.rows;
    expect(rows[0]![0]).toBe("Журнал записи сигналов о случаях риска отказа от новорождённого");
    expect(rows[1]![0]).toBe("Учреждение родовспоможения: Роддом №1");
    expect(rows[2]![0]).toBe("Период: с 01.03.2025 по 31.03.2025 включительно");
    expect(rows[3]![0]).toBe(
      "Сформирован: 10.04.2025 12:00. Время указано по часовому поясу Службы (Europe/Moscow, UTC+03:00).",
    );
    // The header row repeats on every printed page; pages are numbered in the footer.
    expect(sheet!.printTitlesRow).toBe("6:6");
    expect(sheet!.footer).toBe("&CСтр. &P из &N");
    expect(rows[5]).toEqual([
      "№",
      "Ф.И.О. женщины",
      "Адрес регистрации (прописка)",
      "Фактическое место проживания",
      "Откуда доставлена скорой помощью",
      "Время выявления случая",
      "Время передачи сигнала в Службу",
      "Передан позже 3 ч",
      "Кто передал сигнал",
      "Вид сигнала",
    ]);
    // s1 (00:15 on the first day) and s2 (23:30 on the last) are in; s4 (00:30 on 1 April) is not.
    expect(rows[6]).toEqual([
      "1/2025",
      WOMEN.s1,
      "г. Тестовск, ул. Вымышленная, д. 1",
      "г. Тестовск, ул. Придуманная, д. 2",
      "ул. Придуманная, д. 2",
      wall("2025-03-01 00:15"),
      wall("2025-03-01 01:00"),
      null,
      "Иванова Алла Борисовна",
      "риск отказа от новорождённого",
    ]);
    expect(rows[7]!.slice(0, 2)).toEqual(["2/2025", WOMEN.s2]);
    expect(rows[7]![5]).toEqual(wall("2025-03-31 23:30"));
    const rest = rows.slice(8).map((r) => r[0]);
    expect(rest).not.toContain("3/2025");
    expect(rest).toContain("Ответственное лицо: ______________________ / ______________________ /");
    expect(rest).toContain("Дата: «____» ________________ 20____ г.");
    expect(JSON.stringify(rows)).not.toContain(WOMEN.s4);
  });

  it("marks a late signal and shows a reporter's own hospital without a filter", async () => {
    const response = await ctx.api.file(
      "/api/journals/hospital?format=xlsx&from=2025-03-01&to=2025-04-01",
      ctx.world.tokens.reporterB,
    );
    expect(response.status).toBe(200);
    const rows = (await readXlsx(response.content)).sheets[0]!.rows;
    expect(rows[1]![0]).toBe("Учреждение родовспоможения: Роддом №2");
    expect(rows[6]!.slice(0, 2)).toEqual(["1/2025", WOMEN.s3]);
    expect(rows[6]![7]).toBe("да");
    expect(JSON.stringify(rows)).not.toContain(WOMEN.s1);
  });
});

describe("the service register as PDF", () => {
  it("has its header, the decisions, the late mark, signature lines and numbered pages", async () => {
    const response = await ctx.api.file(
      "/api/journals/service?format=pdf&from=2025-03-01&to=2025-04-01",
      ctx.world.tokens.head,
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/pdf");
    const pages = await pdfText(response.content);
    const text = pages.join("\n").replace(/\s+/g, " ");
    expect(text).toContain("Регистрационный журнал Службы профилактики отказов от новорождённых");
    expect(text).toContain("Служба: Тестовая служба");
    expect(text).toContain("Период: с 01.03.2025 по 31.03.2025 включительно");
    for (const column of [
      "Дата и время поступления сигнала",
      "Учреждение и место",
      "Ф.И.О. женщины",
      "Известные адреса",
    ]) {
      expect(text).toContain(column);
    }
    // Received in March: s1 and s3; s2 came at 00:10 on 1 April.
    expect(text).toContain(WOMEN.s1);
    expect(text).toContain(WOMEN.s3);
    expect(text).not.toContain(WOMEN.s2);
    expect(text).toContain("15.03.2025 14:00 позже 3 ч");
    expect(text).toContain("Открыт случай № 1/2025: 15.03.2025 17:00");
    expect(text).toContain("Решение ещё не принято");
    expect(text).toContain("Ответственное лицо:");
    expect(text).toContain(`Стр. 1 из ${pages.length}`);
  });
});

describe("who may export which register", () => {
  it.each([
    ["a reporter, another hospital's journal", "reporterA", `hospital?hospitalId=HB&`, 403],
    ["a reporter, the service journal", "reporterA", "service?", 403],
    ["a curator", "curator1", "service?", 403],
    ["a psychologist", "psychologist", "hospital?", 403],
    ["another service's head, our hospital", "otherHead", "hospital?hospitalId=HA&", 200],
  ] as const)("%s → %s", async (_name, who, path, status) => {
    const query = path.replace("HB", ctx.world.hospitalB).replace("HA", ctx.world.hospitalA);
    const before = await auditCount(ctx.test.db, "register.exported");
    const response = await ctx.api.file(
      `/api/journals/${query}format=xlsx&from=2025-03-01&to=2025-04-01`,
      ctx.world.tokens[who],
    );
    if (status === 200) {
      // Another service's hospital id matches nothing of theirs: an empty register, nothing of ours.
      expect(response.status).toBe(200);
      const rows = (await readXlsx(response.content)).sheets[0]!.rows;
      expect(JSON.stringify(rows)).not.toMatch(/Смирнова|Кузнецова|Попова/);
      expect(JSON.stringify(rows)).toContain("За период записей нет.");
      return;
    }
    expect(response.status).toBe(status);
    expect(JSON.parse(response.content.toString())).toMatchObject({ error: { code: "forbidden" } });
    expect(response.headers.get("content-disposition")).toBeNull();
    expect(await auditCount(ctx.test.db, "register.exported")).toBe(before);
  });

  it("a register needs whole days", async () => {
    for (const [query, field] of [
      ["format=xlsx&to=2025-04-01", "from"],
      ["format=pdf&from=2025-03-01", "to"],
      ["format=pdf&from=2025-03-01T10:00&to=2025-04-01", "from"],
      ["format=doc&from=2025-03-01&to=2025-04-01", "format"],
    ]) {
      const response = await ctx.api.get(`/api/journals/service?${query}`, { token: ctx.world.tokens.head });
      expect(response.status, query).toBe(400);
      expect(response.body).toMatchObject({ error: { code: "bad_request", details: { field } } });
    }
  });

  it("every export leaves an audit row naming the journal and the format, without names", async () => {
    const before = await auditCount(ctx.test.db, "register.exported");
    await ctx.api.file(
      "/api/journals/service?format=xlsx&from=2025-03-01&to=2025-04-01",
      ctx.world.tokens.admin,
    );
    expect(await auditCount(ctx.test.db, "register.exported")).toBe(before + 1);
    const row = await ctx.test.db.auditEvent.findFirstOrThrow({
      where: { action: "register.exported" },
      orderBy: { id: "desc" },
    });
    expect(row).toMatchObject({ actorStaffId: ctx.world.staff.admin, subjectId: "service" });
    expect(row.details).toMatchObject({ journal: "service", format: "xlsx", via: "api" });
    expect(JSON.stringify(row.details)).not.toContain("Смирнова");
  });
});
