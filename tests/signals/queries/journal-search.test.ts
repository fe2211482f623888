/**
 * The journals' search by the woman's name at the query level: names matched as the
 * earlier-signals check matches them, within the reader's scope (a reporter's hospital, a
 * curator's own signals, one service), found through an index whatever the table's size, and the
 * name never written to the audit row.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { staffActor, type StaffActor } from "../../../src/access/policy.ts";
import type { DbClient } from "../../../src/platform/db/client.ts";
import { nameKey } from "../../../src/signals/domain/names.ts";
import {
  explainJournalPage,
  journalQuery,
  readHospitalJournal,
  readServiceJournal,
  type JournalFilters,
} from "../../../src/signals/queries/journals.ts";
import { createTestDatabase, type TestDatabase } from "../../helpers/db.ts";

const NOW = new Date("2026-11-20T09:00:00Z");
let database: TestDatabase;
let db: DbClient;
let head: StaffActor;
let reporterA: StaffActor;
let curator: StaffActor;
let otherHead: StaffActor;

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  const service = await db.service.create({ data: { name: "Служба", timeZone: "Europe/Moscow" } });
  const other = await db.service.create({ data: { name: "Другая служба", timeZone: "Europe/Moscow" } });
  const hospital = async (serviceId: string, shortName: string) =>
    (await db.hospital.create({ data: { serviceId, name: `Роддом ${shortName}`, shortName } })).id;
  const [a, b, c] = [
    await hospital(service.id, "РД1"),
    await hospital(service.id, "РД2"),
    await hospital(other.id, "РД9"),
  ];
  const person = async (
    role: "head" | "reporter" | "curator",
    serviceId: string,
    hospitalId: string | null = null,
  ) => {
    const row = await db.staff.create({
      data: { serviceId, role, hospitalId, fullName: `Сотрудник ${role}` },
    });
    return staffActor(row, "api");
  };
  head = await person("head", service.id);
  reporterA = await person("reporter", service.id, a);
  const reporterB = await person("reporter", service.id, b);
  curator = await person("curator", service.id);
  otherHead = await person("head", other.id);
  const reporterC = await person("reporter", other.id, c);

  let number = 0;
  const signal = async (
    name: string,
    hospitalId: string,
    reporter: StaffActor,
    curatorId: string | null = null,
  ) => {
    number++;
    const at = new Date(Date.UTC(2026, 10, 1, 7, number));
    await db.signal.create({
      data: {
        serviceId: reporter.serviceId,
        hospitalId,
        reporterId: reporter.id,
        hospitalYear: 2026,
        hospitalNumber: number,
        serviceYear: 2026,
        serviceNumber: number,
        womanFullName: name,
        womanNameKey: nameKey(name),
        category: "undecided",
        location: "together_in_ward",
        identifiedAt: at,
        registeredAt: at,
        transmittedAt: at,
        ...(curatorId ? { curatorId, status: "assigned" as const } : {}),
      },
    });
  };
  await signal("Иванова Анна Петровна", a, reporterA); // 1
  await signal("Иванова Анна Петровна", b, reporterB, curator.id); // 2
  await signal("Иванова Анна Сергеевна", a, reporterA); // 3
  await signal("Иванова Анна Петровна", c, reporterC); // 4: another service
  await signal("Ёлкина Анна", b, reporterB); // 5
});
afterAll(() => database?.drop());

const NAME_INDEX = /signals_(service_id_woman_name_key|woman_name_key_prefix)_idx/;
const filters = (f: Partial<JournalFilters>): JournalFilters => ({ page: 1, pageSize: 50, ...f });
const numbers = (items: { number: string }[]) => items.map((i) => i.number);

describe("a journal searched by name", () => {
  it("finds the name within the reader's scope only", async () => {
    const all = await readServiceJournal(db, {
      actor: head,
      filters: filters({ name: "иванова анна петровна" }),
      now: NOW,
    });
    expect(numbers(all.items)).toEqual(["1/2026", "2/2026"]);
    expect(all.total).toBe(2);
    const surname = await readServiceJournal(db, {
      actor: head,
      filters: filters({ name: "ИВАНОВА" }),
      now: NOW,
    });
    expect(numbers(surname.items)).toEqual(["1/2026", "2/2026", "3/2026"]);
    const yo = await readServiceJournal(db, { actor: head, filters: filters({ name: "елкина" }), now: NOW });
    expect(numbers(yo.items)).toEqual(["5/2026"]);

    const own = await readHospitalJournal(db, {
      actor: reporterA,
      filters: filters({ name: "Иванова Анна" }),
      now: NOW,
    });
    expect(own.items.map((i) => i.number)).toEqual(["1/2026", "3/2026"]);
    const mine = await readServiceJournal(db, {
      actor: curator,
      filters: filters({ name: "Иванова" }),
      now: NOW,
    });
    expect(numbers(mine.items)).toEqual(["2/2026"]);
    const theirs = await readServiceJournal(db, {
      actor: otherHead,
      filters: filters({ name: "Иванова" }),
      now: NOW,
    });
    expect(numbers(theirs.items)).toEqual(["4/2026"]);
    // With another filter, and paged by cursor.
    const first = await readServiceJournal(db, {
      actor: head,
      filters: filters({ name: "Иванова", pageSize: 2 }),
      now: NOW,
    });
    expect(numbers(first.items)).toEqual(["1/2026", "2/2026"]);
    const next = await readServiceJournal(db, {
      actor: head,
      filters: filters({ name: "Иванова", pageSize: 2, cursor: first.nextCursor! }),
      now: NOW,
    });
    expect(numbers(next.items)).toEqual(["3/2026"]);
    expect(next.nextCursor).toBeNull();
  });

  it("refuses a name without letters, naming the field", async () => {
    await expect(
      readServiceJournal(db, { actor: head, filters: filters({ name: " 1 2 3 " }), now: NOW }),
    ).rejects.toMatchObject({ code: "bad_request", details: { field: "name" } });
  });

  it("records the search's shape and the rows returned, not the name", async () => {
    await readServiceJournal(db, { actor: head, filters: filters({ name: "Иванова  Анна" }), now: NOW });
    const row = await db.auditEvent.findFirstOrThrow({
      where: { action: "journal.read" },
      orderBy: { id: "desc" },
    });
    expect(row.details).toMatchObject({ search: { words: 2, length: 12 }, count: 3 });
    expect(JSON.stringify(row.details).toLowerCase()).not.toMatch(/иванова|анна/);
  });

  it.each([
    ["a surname", "Иванова", /signals_woman_name_key_prefix_idx/],
    // Equality is served by either name index (the planner's choice).
    ["a surname and first name", "Иванова Анна", NAME_INDEX],
    ["a full name", "Иванова Анна Петровна", NAME_INDEX],
  ])("finds %s through an index, page and count", async (_what, name, index) => {
    // On five rows a sequential scan is cheapest; forbidding it shows whether an index can serve
    // the search at all (at a million rows the planner picks it by itself: `npm run bench`).
    const plan = await db.$transaction(async (tx) => {
      await tx.$executeRaw`SET LOCAL enable_seqscan = off`;
      const query = await journalQuery(tx, head, "service", { name });
      return explainJournalPage(tx, query, { pageSize: 50, count: true }, NOW);
    });
    const [page, count] = plan.split("-- count");
    expect(page).toMatch(index);
    expect(count).toMatch(index);
    expect(plan).not.toMatch(/Seq Scan on signals/);
  });
});
