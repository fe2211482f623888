/**
 * Abandonment counts from the admin command line: entered without a person (the audit says
 * "cli"), listed with what is missing, overlaps and bad numbers refused as usage errors.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runAdmin, UsageError } from "../../src/cli/admin.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/db.ts";

let test: TestDatabase;
const now = new Date("2026-07-03T09:00:00Z");
const admin = (...argv: string[]) => runAdmin(test.db, argv, now);

beforeAll(async () => {
  test = await createTestDatabase();
  await admin("service:create", "--name", "Служба (тест)", "--tz", "Europe/Moscow");
  await admin("hospital:create", "--name", "Роддом №1", "--short", "РД1");
  await admin("hospital:create", "--name", "Роддом №2", "--short", "РД2");
});
afterAll(() => test.drop());

describe("admin abandonments", () => {
  it("enters a count, replaces it, and lists each hospital's count or that it is missing", async () => {
    expect(
      await admin(
        "abandonments:set",
        "--hospital",
        "РД1",
        "--from",
        "2026-01-01",
        "--to",
        "2026-07-01",
        "--count",
        "7",
      ),
    ).toBe("РД1: 7 abandonment(s) from 2026-01-01 to 2026-07-01 (exclusive).");
    expect(
      await admin(
        "abandonments:set",
        "--hospital",
        "РД1",
        "--from",
        "2026-01-01",
        "--to",
        "2026-07-01",
        "--count",
        "8",
      ),
    ).toBe("РД1: 8 abandonment(s) from 2026-01-01 to 2026-07-01 (exclusive), was 7.");
    const list = await admin("abandonments", "--from", "2026-01-01", "--to", "2026-07-01");
    expect(list.split("\n")).toEqual([
      "РД1          8  [2026-01-01..2026-07-01: 8 by the command line (cli)]",
      "РД2          missing",
    ]);
    const audit = await test.db.auditEvent.findFirstOrThrow({
      where: { action: "abandonments.entered" },
      orderBy: { id: "desc" },
    });
    expect(audit).toMatchObject({ actorStaffId: null, details: { count: 8, previousCount: 7, via: "cli" } });
  });

  it("refuses overlaps, bad counts and bad periods as usage errors", async () => {
    await expect(
      admin(
        "abandonments:set",
        "--hospital",
        "РД1",
        "--from",
        "2026-03-01",
        "--to",
        "2026-04-01",
        "--count",
        "1",
      ),
    ).rejects.toThrow(/overlapping period \(2026-01-01 to 2026-07-01\)/);
    await expect(
      admin(
        "abandonments:set",
        "--hospital",
        "РД2",
        "--from",
        "2026-01-01",
        "--to",
        "2026-07-01",
        "--count",
        "-1",
      ),
    ).rejects.toBeInstanceOf(UsageError);
    await expect(
      admin(
        "abandonments:set",
        "--hospital",
        "РД2",
        "--from",
        "2026-07-01",
        "--to",
        "2026-01-01",
        "--count",
        "1",
      ),
    ).rejects.toThrow(/to: must be later than from/);
    await expect(admin("abandonments", "--from", "2026-01-01")).rejects.toThrow(/--to is required/);
  });
});
