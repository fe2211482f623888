/**
 * The console's nightly clean-up: credentials a day after they stopped working, sessions a month
 * after they ended; nothing still in use.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cleanUpConsole } from "../../src/console/jobs/cleanup.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/db.ts";

const NOW = new Date("2026-12-01T03:41:00Z");
const daysAgo = (d: number) => new Date(NOW.getTime() - d * 86_400_000);

let test: TestDatabase;
beforeAll(async () => {
  test = await createTestDatabase();
});
afterAll(() => test.drop());

describe("cleanUpConsole", () => {
  it("deletes what stopped working long enough ago, and only that", async () => {
    const { db } = test;
    const service = await db.service.create({ data: { name: "Служба", timeZone: "Europe/Moscow" } });
    const staff = await db.staff.create({
      data: { serviceId: service.id, role: "head", fullName: "Орлова Е. Н." },
    });
    let n = 0;
    const session = (endedAt: Date | null, expiresAt: Date) =>
      db.consoleSession.create({
        data: {
          staffId: staff.id,
          tokenHash: `s${n++}`,
          via: "link",
          locale: "ru",
          createdAt: daysAgo(40),
          lastSeenAt: daysAgo(40),
          expiresAt,
          endedAt,
        },
      });
    const oldEnded = await session(daysAgo(31), daysAgo(30));
    await session(null, daysAgo(31));
    const recentEnded = await session(daysAgo(2), daysAgo(1));
    const live = await session(null, daysAgo(-1));
    const link = (expiresAt: Date, sessionId: string | null = null) =>
      db.consoleSignInLink.create({
        data: {
          staffId: staff.id,
          via: "link",
          tokenHash: `l${n++}`,
          createdAt: expiresAt,
          expiresAt,
          sessionId,
        },
      });
    await link(daysAgo(2), oldEnded.id);
    const freshLink = await link(daysAgo(0.5));

    expect(await cleanUpConsole(db, NOW)).toEqual({ links: 1, sessions: 2 });
    expect(
      (await db.consoleSession.findMany({ orderBy: { tokenHash: "asc" } })).map((s) => s.id).sort(),
    ).toEqual([recentEnded.id, live.id].sort());
    expect((await db.consoleSignInLink.findMany()).map((l) => l.id)).toEqual([freshLink.id]);
    // Running it again changes nothing.
    expect(await cleanUpConsole(db, NOW)).toEqual({ links: 0, sessions: 0 });
  });
});
