import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Prisma } from "../../../src/generated/prisma/client.ts";
import type { Db } from "../../../src/platform/db/client.ts";
import { createTestDatabase, type TestDatabase } from "../../helpers/db.ts";

let test: TestDatabase;
beforeAll(async () => {
  test = await createTestDatabase();
});
afterAll(() => test.drop());

/** The smallest valid organisation: a service, a hospital, a reporter. */
async function organisation(db: Db) {
  const service = await db.service.create({ data: { name: "Служба", timeZone: "Europe/Moscow" } });
  const hospital = await db.hospital.create({
    data: { serviceId: service.id, name: "Роддом №1", shortName: "РД1" },
  });
  const reporter = await db.staff.create({
    data: { serviceId: service.id, role: "reporter", hospitalId: hospital.id, fullName: "Иванова А. А." },
  });
  return { service, hospital, reporter };
}

describe("createDb", () => {
  it("writes and reads the model through adapter-pg, defaults included", async () => {
    const { service, hospital, reporter } = await organisation(test.db);
    expect(reporter).toMatchObject({ locale: "ru", active: true, isDemo: false, deactivatedAt: null });

    const signal = await test.db.signal.create({
      data: {
        serviceId: service.id,
        hospitalId: hospital.id,
        reporterId: reporter.id,
        hospitalYear: 2025,
        hospitalNumber: 1,
        serviceYear: 2025,
        serviceNumber: 1,
        womanFullName: "Петрова Мария",
        womanNameKey: "петрова мария",
        womanBirthDate: new Date("1999-04-30T00:00:00Z"),
        category: "intends_to_abandon",
        location: "together_in_ward",
        identifiedAt: new Date("2025-03-01T21:15:00.123Z"),
        registeredAt: new Date("2025-03-01T21:30:00Z"),
        transmittedAt: new Date("2025-03-01T21:31:00Z"),
        outcome: { met: true, notes: ["a;b", "'quoted'"] },
      },
    });
    expect(signal).toMatchObject({ status: "received", version: 0, late: false, urgency: null });
    expect(signal.identifiedAt.toISOString()).toBe("2025-03-01T21:15:00.123Z");
    expect(signal.womanBirthDate?.toISOString()).toBe("1999-04-30T00:00:00.000Z");
    expect(signal.outcome).toEqual({ met: true, notes: ["a;b", "'quoted'"] });

    const first = await test.db.outboxMessage.create({
      data: {
        messenger: "telegram",
        chatId: "42",
        payload: { method: "sendMessage", chatId: "42", text: "hi" },
      },
    });
    const second = await test.db.outboxMessage.create({
      data: { messenger: "telegram", chatId: "42", payload: {} },
    });
    expect(typeof first.id).toBe("bigint");
    expect(second.id).toBeGreaterThan(first.id);
    expect(first).toMatchObject({ status: "pending", attempts: 0, isPrompt: false });
  });

  it("reports unique violations as P2002 and rolls interactive transactions back", async () => {
    const { service } = await organisation(test.db);
    const duplicate = test.db.hospital.create({
      data: { serviceId: service.id, name: "Роддом №1", shortName: "x" },
    });
    await expect(duplicate).rejects.toMatchObject({ code: "P2002" });
    await expect(duplicate).rejects.toBeInstanceOf(Prisma.PrismaClientKnownRequestError);

    await expect(
      test.db.$transaction(async (tx) => {
        await tx.hospital.create({ data: { serviceId: service.id, name: "Роддом №2", shortName: "РД2" } });
        throw new Error("abort");
      }),
    ).rejects.toThrow("abort");
    expect(await test.db.hospital.count({ where: { serviceId: service.id } })).toBe(1);
  });

  it("deletes messenger identities with their staff member, and nothing else cascades", async () => {
    const { service, reporter } = await organisation(test.db);
    await test.db.messengerIdentity.create({
      data: { staffId: reporter.id, messenger: "telegram", externalUserId: "1001", chatId: "1001" },
    });
    await test.db.staff.delete({ where: { id: reporter.id } });
    expect(await test.db.messengerIdentity.count({ where: { staffId: reporter.id } })).toBe(0);

    await expect(test.db.service.delete({ where: { id: service.id } })).rejects.toMatchObject({
      code: "P2003",
    });
  });

  it("runs sessions in UTC", async () => {
    const [row] = await test.db.$queryRaw<{ zone: string }[]>`SELECT current_setting('TimeZone') AS zone`;
    expect(row?.zone).toBe("UTC");
  });
});
