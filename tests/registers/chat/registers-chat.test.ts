/**
 * /journal, /report and /totals in the bot, through the real runtime and job handlers: the
 * document arrives in the chat as a file; the same document asked for twice at once is made once;
 * a reporter gets only their hospital's journal, whatever button they send; "another period" is a
 * dialogue; the report's missing counts are entered from it.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { idField } from "../../../src/platform/chat/buttons.ts";
import { pdfText } from "../../../src/platform/documents/pdf-text.ts";
import { readXlsx } from "../../../src/platform/documents/xlsx.ts";
import { PICK_FORMAT, PICK_HOSPITAL } from "../../../src/registers/chat/kinds.ts";
import { expireDocuments } from "../../../src/registers/chat/deliver-document.ts";
import { createHarness, type Harness, type HarnessPerson } from "../../helpers/harness.ts";
import { reportSignal } from "../../helpers/signals.ts";

let h: Harness;
let head: HarnessPerson;
let reporter: HarnessPerson;

beforeEach(async () => {
  // 10 December 2026, 12:00 in Moscow.
  h = await createHarness({ start: new Date("2026-12-10T09:00:00Z") });
  head = await h.person("head", "Руководова Анна Сергеевна");
  reporter = await h.person("reporter", "Неонатолова Ольга Петровна");
});
afterEach(() => h.stop());

/** Runs the queued jobs (the document is made and delivered). */
const runJobs = () => h.advance(0);

describe("/journal", () => {
  it("a head gets the service register of this month as XLSX in the chat", async () => {
    await reportSignal(reporter, { name: "Вымышленная Анна Петровна" });
    await head.send("/journal");
    expect(head.last().text).toBe("Какой журнал выгрузить?");
    await head.press("📘 Журнал Службы");
    expect(head.last().text).toBe("Регистрационный журнал Службы: за какой период?");
    expect(
      head
        .last()
        .buttons.flat()
        .map((b) => b.text),
    ).toEqual(["Этот месяц", "Прошлый месяц", "Это полугодие", "Прошлое полугодие", "Другой период…"]);
    await head.press("Этот месяц");
    expect(head.last().text).toBe(
      "Регистрационный журнал Службы за 01.12.2026 – 10.12.2026. В каком формате?",
    );
    await head.press("📊 XLSX (Excel)");
    expect(head.last().text).toBe(
      "⏳ Готовлю: Регистрационный журнал Службы, 01.12.2026 – 10.12.2026. Пришлю файлом в этот чат.",
    );
    await runJobs();
    const texts = head.messages().map((m) => m.text);
    expect(texts.at(-2)).toBe("✅ Готово: Регистрационный журнал Службы, строк: 1.");
    const name = "Регистрационный журнал Службы 2026-12-01_2026-12-10.xlsx";
    expect(texts.at(-1)).toBe(
      `[${name}] Регистрационный журнал Службы, 01.12.2026 – 10.12.2026. Копия на сервере удалится через 24 ч.`,
    );
    const rows = (await readXlsx(h.messenger.files.get(name)!)).sheets[0]!.rows;
    expect(rows[6]!.slice(0, 5)).toEqual([
      "1/2026",
      new Date("2026-12-10T12:00:00Z"),
      "Роддом №1 (тест)",
      "палата, вместе с ребёнком",
      "Вымышленная Анна Петровна",
    ]);

    // The stored file is deleted a configured time after delivery: the harness ran the periodic
    // sweep with the jobs, which dated it from the delivery; a second sweep has nothing to do.
    const file = await h.database.db.storedFile.findFirstOrThrow({ where: { purpose: "register_export" } });
    const sent = await h.database.db.outboxMessage.findFirstOrThrow({
      where: { status: "sent", payload: { path: ["method"], equals: "sendDocument" } },
    });
    expect(file.deleteAfter).toEqual(new Date(sent.sentAt!.getTime() + 24 * 3_600_000));
    const deps = { db: h.database.db, clock: () => h.now() } as Parameters<typeof expireDocuments>[0];
    expect(await expireDocuments(deps, { keepHours: 24, progressMinRows: 5000 })).toBe(0);
    // The audit knows who asked and what was made.
    expect(
      await h.database.db.auditEvent.count({
        where: { action: "document.requested", actorStaffId: head.staffId },
      }),
    ).toBe(1);
    expect(
      await h.database.db.auditEvent.count({
        where: { action: "document.made", actorStaffId: head.staffId },
      }),
    ).toBe(1);
  });

  it("the same document asked for twice at once is made once", async () => {
    await head.send("/journal");
    await head.press("📘 Журнал Службы");
    await head.press("Этот месяц");
    const menu = head.last();
    const xlsx = menu.buttons.flat().find((b) => b.text === "📊 XLSX (Excel)")!;
    // Two presses of the same button at the same moment (a double tap, two devices).
    await Promise.all(
      [1, 2].map((n) =>
        h.deliver(head.userId, {
          kind: "callback",
          data: xlsx.data!,
          callbackQueryId: `twice${n}`,
          messageId: menu.id,
        }),
      ),
    );
    expect(await h.database.db.documentExport.count()).toBe(1);
    const alerts = h.messenger.callbackAnswers.filter((a) => a.id.startsWith("twice"));
    expect(alerts).toHaveLength(2);
    expect(alerts.filter((a) => a.text === undefined)).toHaveLength(1);
    expect(
      alerts.filter((a) => a.text === "Этот документ уже готовится — пришлю его, как только он будет готов."),
    ).toHaveLength(1);
    await runJobs();
    expect(head.messages().filter((m) => m.text.startsWith("[")).length).toBe(1);
    // Once it is made, asking again makes a new one.
    await head.press("📄 PDF");
    await head.press("📄 PDF");
    expect(await h.database.db.documentExport.count()).toBe(2);
    await runJobs();
    expect(head.messages().filter((m) => m.text.startsWith("[")).length).toBe(2);
  });

  it("a reporter goes straight to their hospital's journal and cannot ask for another's", async () => {
    const other = await h.database.db.hospital.create({
      data: { serviceId: h.serviceId, name: "Роддом №2 (тест)", shortName: "РД2" },
    });
    await reportSignal(reporter, { name: "Вымышленная Анна Петровна" });
    await reporter.send("/journal");
    expect(reporter.last().text).toBe("Журнал записи сигналов (РД1): за какой период?");
    await reporter.press("Этот месяц");
    await reporter.press("📄 PDF");
    await runJobs();
    const name = "Журнал записи сигналов (РД1) 2026-12-01_2026-12-10.pdf";
    const text = (await pdfText(h.messenger.files.get(name)!)).join(" ").replace(/\s+/g, " ");
    expect(text).toContain("Учреждение родовспоможения: Роддом №1 (тест)");
    expect(text).toContain("Вымышленная Анна Петровна");
    expect(text).toContain("Ответственное лицо:");

    // Buttons made up for another hospital are refused, and nothing is queued.
    const before = await h.database.db.documentExport.count();
    for (const data of [
      PICK_HOSPITAL.data({ hospitalId: other.id }),
      PICK_FORMAT.data({ purpose: "h", hospitalId: other.id, from: 20261201, last: 20261210, format: "x" }),
      PICK_FORMAT.data({
        purpose: "s",
        hospitalId: "00000000-0000-0000-0000-000000000000",
        from: 20261201,
        last: 20261210,
        format: "x",
      }),
    ]) {
      await h.deliver(reporter.userId, {
        kind: "callback",
        data,
        callbackQueryId: `forged-${data}`,
        messageId: 1,
      });
    }
    const refusals = h.messenger.callbackAnswers.filter((a) => a.id.startsWith("forged-"));
    expect(refusals).toHaveLength(3);
    for (const refusal of refusals) expect(refusal).toMatchObject({ showAlert: true });
    expect(await h.database.db.documentExport.count()).toBe(before);
    expect(idField.decode(idField.encode(other.id))).toBe(other.id);
  });

  it("another period is typed as two dates; a bad order is said plainly", async () => {
    await head.send("/journal");
    await head.press("🏥 Журнал роддома");
    await head.press("Роддом №1 (тест)");
    await head.press("Другой период…");
    expect(head.last().text).toContain("С какого дня?");
    await head.send("01.11.2026");
    expect(head.last().text).toContain("По какой день включительно?");
    await head.send("завтра");
    expect(head.last().text).not.toContain("В каком формате");
    await head.send("30.11.2026");
    expect(head.last().text).toBe(
      "Журнал записи сигналов (РД1) за 01.11.2026 – 30.11.2026. В каком формате?",
    );
    await head.press("Другой период…");
    await head.send("10.11.2026");
    await head.send("01.11.2026");
    expect(head.last().text).toBe("Последний день раньше первого. Начните заново: /journal или /report.");
  });
});

describe("a long register", () => {
  it("shows a progress message while it is made, then the file", async () => {
    const long = await createHarness({
      start: new Date("2026-12-10T09:00:00Z"),
      registers: { keepHours: 24, progressMinRows: 1000 },
    });
    try {
      const boss = await long.person("head", "Руководова Анна Сергеевна");
      const author = await long.person("reporter", "Неонатолова Ольга Петровна");
      // 1,200 fictional signals received this month: more than one batch of 1,000 rows.
      await long.database.db.$executeRaw`
        INSERT INTO signals (id, service_id, hospital_id, reporter_id, hospital_year, hospital_number, service_year,
                             service_number, woman_full_name, woman_name_key, category, location, identified_at,
                             registered_at, transmitted_at)
        SELECT gen_random_uuid(), ${long.serviceId}::uuid, ${long.hospitalId}::uuid, ${author.staffId}::uuid, 2026, n,
               2026, n, 'Вымышленная-' || n || ' Анна', 'вымышленная-' || n || ' анна', 'undecided', 'together_in_ward',
               timestamptz '2026-12-02 10:00+03' + n * interval '1 minute', timestamptz '2026-12-02 10:30+03' + n * interval '1 minute',
               timestamptz '2026-12-02 10:30+03' + n * interval '1 minute'
          FROM generate_series(1, 1200) n`;
      await boss.send("/journal");
      await boss.press("📘 Журнал Службы");
      await boss.press("Этот месяц");
      await boss.press("📊 XLSX (Excel)");
      await long.advance(0);
      const exported = await long.database.db.documentExport.findFirstOrThrow();
      expect(exported).toMatchObject({ status: "done", rows: 1200, activeKey: null });
      expect(exported.progressOutboxId).not.toBeNull();
      const progress = await long.database.db.outboxMessage.findUniqueOrThrow({
        where: { id: exported.progressOutboxId! },
      });
      expect(progress.status).toBe("sent");
      // The progress message said how far it was; once done it is edited to say so (or, when it
      // had not been sent yet at that moment, "done" follows it as a message of its own).
      const texts = boss.messages().map((m) => m.text);
      const done = "✅ Готово: Регистрационный журнал Службы, строк: 1200.";
      const shown = boss.messages().find((m) => m.id === progress.resultMessageId)!.text;
      expect([done, "⏳ Готовлю: Регистрационный журнал Службы — 1000 из 1200 строк."]).toContain(shown);
      expect(texts.filter((t) => t === done)).toHaveLength(1);
      expect(texts.at(-1)).toMatch(/^\[Регистрационный журнал Службы 2026-12-01_2026-12-10\.xlsx\]/);
      const rows = (
        await readXlsx(long.messenger.files.get("Регистрационный журнал Службы 2026-12-01_2026-12-10.xlsx")!)
      ).sheets[0]!.rows;
      expect(rows.filter((r) => typeof r[0] === "string" && /^\d+\/2026$/.test(r[0]))).toHaveLength(1200);
      expect(rows[6]![0]).toBe("1/2026");
      expect(rows[1205]![0]).toBe("1200/2026");
    } finally {
      await long.stop();
    }
  });
});

describe("/report and /totals", () => {
  it("shows the figures for the last half-year; missing counts are entered from it", async () => {
    await head.send("/report");
    expect(head.last().text).toBe("Отчёт об эффективности: за какой период?");
    await head.press("Прошлое полугодие");
    const summary = head.last().text;
    expect(summary).toContain("📈 Эффективность Службы, 01.01.2026 – 30.06.2026");
    expect(summary).toContain("1. Сигналы / отказы: нет данных: не внесено число отказов");
    expect(summary).toContain("3. Изменили решение: нет данных: знаменатель 0");
    expect(summary).toContain("⚠ Не внесено число отказов: РД1.");
    await head.press("✍ Внести число отказов");
    expect(head.last().text).toBe("01.01.2026 – 30.06.2026. Выберите роддом:");
    await head.press("Роддом №1 (тест) — не внесено");
    expect(head.last().text).toContain("Сколько отказов от новорождённых было в роддоме за этот период?");
    await head.send("двенадцать");
    expect(head.last().text).not.toContain("Записано");
    await head.send("12");
    expect(head.last().text).toBe(
      "✅ Записано: Роддом №1 (тест), 01.01.2026 – 30.06.2026 — отказов: 12. Внес(ла): Руководова Анна Сергеевна, 10.12.2026 12:00.",
    );
    await head.send("/report");
    await head.press("Прошлое полугодие");
    expect(head.last().text).toContain("1. Сигналы / отказы: 0,0\u00a0% (0 из 12)");
    expect(head.last().text).not.toContain("Не внесено");
    await head.press("📄 PDF");
    await runJobs();
    expect(head.last().text).toMatch(/^\[Отчёт об эффективности 2026-01-01_2026-06-30\.pdf\]/);

    await head.send("/totals");
    await head.press("Прошлое полугодие");
    expect(
      head
        .last()
        .buttons.flat()
        .map((b) => b.text),
    ).toEqual(["Роддом №1 (тест) — 12"]);
  });

  it("is not offered to a reporter or a curator", async () => {
    const curator = await h.person("curator", "Куратова Вера Ильинична");
    for (const person of [reporter, curator]) {
      await person.send("/report");
      expect(person.last().text).not.toContain("за какой период");
      await person.send("/totals");
      expect(person.last().text).not.toContain("за какой период");
    }
    await curator.send("/journal");
    expect(curator.last().text).not.toContain("журнал");
  });
});
