/**
 * Stored documents downloaded through the console: only through the record that made them and
 * only to whom the one policy lets read that record; the Russian file name in
 * `Content-Disposition`, ids only in addresses, every download audited, a deleted file said so.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readXlsx } from "../../src/platform/documents/xlsx.ts";
import { storeFile } from "../../src/platform/files.ts";
import { ConsoleBrowser, requestSignInLink, visibleText } from "../helpers/console.ts";
import { createHarness, type Harness, type HarnessPerson } from "../helpers/harness.ts";
import { reportSignal } from "../helpers/signals.ts";

let h: Harness;
let base: string;

beforeEach(async () => {
  // 10 December 2026, 12:00 in Moscow.
  h = await createHarness({
    start: new Date("2026-12-10T09:00:00Z"),
    logSink: (line) => {
      if (line.includes('"level":50')) console.error(line);
    },
  });
  base = (await h.api()).url;
});
afterEach(() => h.stop());

async function signedIn(person: HarnessPerson): Promise<ConsoleBrowser> {
  const browser = new ConsoleBrowser(base);
  expect((await browser.signIn(await requestSignInLink(person))).status).toBe(303);
  return browser;
}

async function download(browser: ConsoleBrowser, path: string) {
  const response = await fetch(`${base}${path}`, {
    headers: {
      cookie: [...browser.cookies].map(([k, v]) => `${k}=${v}`).join("; "),
      "accept-language": "ru",
    },
  });
  return {
    status: response.status,
    headers: response.headers,
    content: Buffer.from(await response.arrayBuffer()),
  };
}

describe("documents asked for in the bot", () => {
  it("the person who asked downloads the register in the console; nobody else does", async () => {
    const reporter = await h.person("reporter", "Неонатолова Ольга Петровна");
    const head = await h.person("head", "Руководова Анна Сергеевна");
    const otherHead = await h.person("head", "Заместитель Мария Ивановна");
    await reportSignal(reporter, { name: "Вымышленная Анна Петровна" });
    await head.send("/journal");
    await head.press("📘 Журнал Службы");
    await head.press("Этот месяц");
    await head.press("📊 XLSX (Excel)");
    await h.advance(0);

    const browser = await signedIn(head);
    const page = await browser.get("/console/documents");
    const text = visibleText(page.text);
    expect(text).toContain("Мои документы");
    expect(text).toContain("Регистрационный журнал Службы · 01.12.2026 – 10.12.2026 · XLSX");
    expect(text).toContain("1 строка");
    const href = /href="(\/console\/files\/([0-9a-f-]{36}))"/.exec(page.text);
    expect(href).not.toBeNull();
    const [, path, fileId] = href!;

    const file = await download(browser, path!);
    expect(file.status).toBe(200);
    const disposition = file.headers.get("content-disposition")!;
    expect(disposition).toMatch(/^attachment; filename="[^"]*2026-12-01_2026-12-10\.xlsx"; /);
    expect(disposition).toContain(
      `filename*=UTF-8''${encodeURIComponent("Регистрационный журнал Службы 2026-12-01_2026-12-10.xlsx")}`,
    );
    expect(file.headers.get("cache-control")).toBe("no-store");
    expect(file.headers.get("x-content-type-options")).toBe("nosniff");
    const rows = (await readXlsx(file.content)).sheets[0]!.rows;
    expect(rows[6]![4]).toBe("Вымышленная Анна Петровна");

    const audit = await h.database.db.auditEvent.findFirstOrThrow({ where: { action: "file.downloaded" } });
    expect(audit).toMatchObject({ actorStaffId: head.staffId, subjectId: fileId });
    expect(audit.details).toMatchObject({ via: "console", purpose: "register_export" });
    expect(JSON.stringify(audit.details)).not.toContain("Регистрационный");

    // Another head of the same service is not told the file exists.
    const theirs = await signedIn(otherHead);
    const refused = await theirs.get(path!);
    expect(refused.status).toBe(404);
    expect(visibleText(refused.text)).toContain("Этого документа нет");
    expect(visibleText((await theirs.get("/console/documents")).text)).toContain(
      "Вы ещё не заказывали документов",
    );

    // Gone from the server: said so on the list and at the link.
    await h.database.db.storedFile.delete({ where: { id: fileId! } });
    expect(visibleText((await browser.get("/console/documents")).text)).toContain("уже удалён с сервера");
    expect((await download(browser, path!)).status).toBe(404);
    expect((await browser.get("/console/files/00000000-0000-4000-8000-000000000000")).status).toBe(404);
    expect((await browser.get("/console/files/not-an-id")).status).toBe(404);
    expect(await h.database.db.auditEvent.count({ where: { action: "file.downloaded" } })).toBe(1);
  });

  it("a file no record names is nobody's to download", async () => {
    const head = await h.person("head", "Руководова Анна Сергеевна");
    const fileId = await storeFile(h.database.db, {
      serviceId: h.serviceId,
      name: "Копия.pdf",
      contentType: "application/pdf",
      content: Buffer.from("%PDF-1.4 test"),
      purpose: "assessment_form_copy",
      deleteAfter: null,
    });
    const browser = await signedIn(head);
    expect((await browser.get(`/console/files/${fileId}`)).status).toBe(404);
  });
});

describe("a signal's documents", () => {
  it("the form handed over with an assessment is on the signal's page for those who may read the assessment", async () => {
    const reporter = await h.person("reporter", "Неонатолова Ольга Петровна");
    const head = await h.person("head", "Руководова Анна Сергеевна");
    const curator = await h.person("curator", "Куратова Вера Ильинична");
    const stranger = await h.person("curator", "Посторонняя Нина Олеговна");
    await reportSignal(reporter, { name: "Вымышленная Анна Петровна" });
    const { db } = h.database;
    const signal = await db.signal.update({
      where: {
        serviceId_serviceYear_serviceNumber: { serviceId: h.serviceId, serviceYear: 2026, serviceNumber: 1 },
      },
      data: { curatorId: curator.staffId, status: "assigned", urgency: "urgent" },
    });
    const fileId = await storeFile(db, {
      serviceId: h.serviceId,
      name: "Форма оценки 1-2026.pdf",
      contentType: "application/pdf",
      content: Buffer.from("%PDF-1.4 a form"),
      purpose: "assessment_form",
      deleteAfter: null,
    });
    await db.assessment.create({
      data: {
        serviceId: h.serviceId,
        number: "1/2026",
        year: 2026,
        seq: 1,
        origin: "signal",
        signalId: signal.id,
        specialistId: curator.staffId,
        checklistVersion: 1,
        status: "completed",
        stage: "done",
        startedAt: h.now(),
        handedOverAt: h.now(),
        handoverRecipient: "Орган опеки (вымышленный)",
        handoverChannel: "email",
        handoverFileId: fileId,
      },
    });

    const browser = await signedIn(head);
    const page = await browser.get(`/console/signals/${signal.id}`);
    expect(visibleText(page.text)).toContain(
      "Форма оценки безопасности и риска № 1/2026 (PDF) передана в орган опеки 10.12.2026 12:00",
    );
    expect(page.text).toContain(`href="/console/files/${fileId}"`);
    const form = await download(browser, `/console/files/${fileId}`);
    expect(form.status).toBe(200);
    expect(form.headers.get("content-type")).toBe("application/pdf");
    expect(form.headers.get("content-disposition")).toContain(
      `filename*=UTF-8''${encodeURIComponent("Форма оценки 1-2026.pdf")}`,
    );
    expect(form.content.toString()).toBe("%PDF-1.4 a form");

    // The assessment's specialist may read it too; a curator not on the case may not.
    const own = await signedIn(curator);
    expect((await download(own, `/console/files/${fileId}`)).status).toBe(200);
    const other = await signedIn(stranger);
    expect((await other.get(`/console/files/${fileId}`)).status).toBe(404);
    const audits = await db.auditEvent.findMany({
      where: { action: "file.downloaded" },
      orderBy: { id: "asc" },
    });
    expect(audits.map((a) => a.actorStaffId)).toEqual([head.staffId, curator.staffId]);
    expect(audits[0]!.details).toMatchObject({ purpose: "assessment_form" });
  });
});
