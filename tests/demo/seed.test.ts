/**
 * The demo data: created once, all marked isDemo, bound to simulated users no real Telegram account can be.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DEMO_HOSPITALS, DEMO_SERVICE_NAME, DEMO_USERS, seedDemo } from "../../src/demo/seed.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/db.ts";
import { demoMaxChatId } from "../../src/demo/users.ts";

const NOW = new Date("2026-03-02T09:30:00Z");

describe("seedDemo", () => {
  let t: TestDatabase;
  beforeEach(async () => {
    t = await createTestDatabase();
  });
  afterEach(() => t.drop());

  it("creates the demo service, two hospitals and four staff, all marked isDemo", async () => {
    const result = await seedDemo(t.db, { now: NOW });
    expect(result.created).toBe(true);

    const service = await t.db.service.findUniqueOrThrow({ where: { id: result.serviceId } });
    expect(service).toMatchObject({
      name: DEMO_SERVICE_NAME,
      timeZone: "Europe/Moscow",
      isDemo: true,
      createdAt: NOW,
    });

    const hospitals = await t.db.hospital.findMany({ orderBy: { name: "asc" } });
    expect(hospitals.map((h) => h.name).sort()).toEqual(DEMO_HOSPITALS.map((h) => h.name).sort());
    expect(hospitals.every((h) => h.isDemo && h.serviceId === service.id)).toBe(true);

    const staff = await t.db.staff.findMany({ include: { identities: true } });
    expect(staff).toHaveLength(4);
    expect(staff.every((s) => s.isDemo && s.active && s.serviceId === service.id)).toBe(true);
    expect(staff.map((s) => s.role).sort()).toEqual(["curator", "curator", "head", "reporter"]);
    for (const person of DEMO_USERS) {
      const row = staff.find((s) => s.id === result.staffIds[person.key]);
      expect(row?.fullName).toBe(person.fullName);
      const sorted = [...(row?.identities ?? [])].sort((a, b) => b.messenger.localeCompare(a.messenger));
      expect(sorted).toEqual([
        expect.objectContaining({
          messenger: "telegram",
          externalUserId: String(person.userId),
          chatId: String(person.userId),
        }),
        // The head is one person in two messengers.
        ...(person.alsoOnMax
          ? [
              expect.objectContaining({
                messenger: "max",
                externalUserId: String(person.userId),
                chatId: String(demoMaxChatId(person.userId)),
              }) as unknown,
            ]
          : []),
      ]);
    }
    const reporter = staff.find((s) => s.role === "reporter");
    expect(reporter?.hospitalId).toBe(result.hospitalIds[0]);
    expect(staff.filter((s) => s.role !== "reporter").every((s) => s.hospitalId === null)).toBe(true);
  });

  it("is idempotent: a second run finds the demo service and writes nothing", async () => {
    const first = await seedDemo(t.db, { now: NOW });
    const second = await seedDemo(t.db, { now: new Date(NOW.getTime() + 60_000) });
    expect(second).toEqual({ created: false, serviceId: first.serviceId, hospitalIds: [], staffIds: {} });
    expect(await t.db.service.count()).toBe(1);
    expect(await t.db.hospital.count()).toBe(2);
    expect(await t.db.staff.count()).toBe(4);
    expect(await t.db.messengerIdentity.count()).toBe(5);
    expect(await t.db.auditEvent.count({ where: { action: "demo.seeded" } })).toBe(1);
  });

  it("creates the data once when several processes seed at the same moment", async () => {
    const results = await Promise.all([1, 2, 3].map(() => seedDemo(t.db, { now: NOW })));
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.serviceId)).size).toBe(1);
    expect(await t.db.staff.count()).toBe(4);
  });

  it("leaves other services alone and writes nothing when a demo user id is taken", async () => {
    const other = await t.db.service.create({
      data: { name: "Настоящая служба", timeZone: "Europe/Moscow" },
    });
    const id = String(DEMO_USERS[1]!.userId);
    await t.db.staff.create({
      data: {
        serviceId: other.id,
        role: "head",
        fullName: "Кто-то Другой",
        identities: { create: { messenger: "telegram", externalUserId: id, chatId: id } },
      },
    });
    await expect(seedDemo(t.db, { now: NOW })).rejects.toThrow(/already bound/);
    expect(await t.db.service.count({ where: { isDemo: true } })).toBe(0);
    expect(await t.db.staff.count()).toBe(1);
  });
});

describe("DEMO_USERS", () => {
  it("has a reporter in the first hospital, a head and two curators", () => {
    expect(DEMO_USERS.map((u) => u.role)).toEqual(["reporter", "head", "curator", "curator"]);
    expect(DEMO_USERS[0]!.hospital).toBe(0);
  });

  it("uses ids beyond Telegram's 52-bit user ids that are still exact JavaScript numbers", () => {
    const ids = DEMO_USERS.map((u) => u.userId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) {
      expect(id).toBeGreaterThanOrEqual(2 ** 52);
      expect(Number.isSafeInteger(id)).toBe(true);
      expect(Number(String(id))).toBe(id);
    }
  });
});
