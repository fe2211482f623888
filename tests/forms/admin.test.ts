/** `forms` and `forms:set on|off` in the admin command line: the service setting, audited. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runAdmin, UsageError } from "../../src/cli/admin.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/db.ts";

describe("admin: personal data by secure form", () => {
  let test: TestDatabase;
  let serviceId: string;
  beforeAll(async () => {
    test = await createTestDatabase();
    serviceId = (await test.db.service.create({ data: { name: "Служба", timeZone: "Europe/Moscow" } })).id;
  });
  afterAll(async () => test.drop());

  it("is off by default, switched on and off, each change audited; a wrong value is a usage error", async () => {
    expect(await runAdmin(test.db, ["forms"])).toContain("asked in the chat");
    expect(await runAdmin(test.db, ["forms:set", "on"])).toContain("secure form");
    expect((await test.db.service.findUniqueOrThrow({ where: { id: serviceId } })).personalDataByForm).toBe(
      true,
    );
    expect(await runAdmin(test.db, ["forms"])).toContain("secure form");
    await runAdmin(test.db, ["forms:set", "off"]);
    expect((await test.db.service.findUniqueOrThrow({ where: { id: serviceId } })).personalDataByForm).toBe(
      false,
    );
    await expect(runAdmin(test.db, ["forms:set", "yes"])).rejects.toBeInstanceOf(UsageError);
    const audits = await test.db.auditEvent.findMany({
      where: { action: "service.personal_data_by_form_set" },
    });
    expect(audits.map((a) => (a.details as { personalDataByForm: boolean }).personalDataByForm)).toEqual([
      true,
      false,
    ]);
  });
});
