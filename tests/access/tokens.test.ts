/**
 * Personal API tokens: issuing and revoking (with their audit rows), the bearer middleware's
 * refusals and its once-a-minute `lastUsedAt`, and the admin commands.
 */
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DomainError } from "../../src/platform/errors.ts";
import { issueApiToken, revokeApiToken, TOKEN_PATTERN } from "../../src/access/tokens.ts";
import { runAdmin, UsageError } from "../../src/cli/admin.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/db.ts";
import { startApi, type RunningApi } from "../helpers/api.ts";

const T0 = new Date("2025-05-01T10:00:00Z");

let test: TestDatabase;
let api: RunningApi;
let now = T0;
let serviceId: string;

beforeAll(async () => {
  test = await createTestDatabase();
  const service = await test.db.service.create({
    data: { name: "Тестовая служба", timeZone: "Europe/Moscow" },
  });
  serviceId = service.id;
  api = await startApi(test.db, () => now);
});
afterAll(async () => {
  await api?.close();
  await test?.drop();
});

async function newStaff(active = true): Promise<string> {
  const staff = await test.db.staff.create({
    data: { serviceId, role: "curator", fullName: "Фёдорова Евгения Львовна", active },
  });
  return staff.id;
}

async function appError(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

describe("issueApiToken", () => {
  it("returns the token once and stores only its sha256 and a prefix, with an audit row", async () => {
    const staffId = await newStaff();
    const issued = await issueApiToken(test.db, { staffId, name: "  ноутбук  ", now: T0 });
    expect(issued.token).toMatch(TOKEN_PATTERN);
    expect(Buffer.from(issued.token.slice(4), "base64url")).toHaveLength(32);

    const row = await test.db.apiToken.findUniqueOrThrow({ where: { id: issued.id } });
    expect(row).toMatchObject({
      staffId,
      name: "ноутбук",
      tokenHash: createHash("sha256").update(issued.token).digest("hex"),
      prefix: issued.token.slice(0, 10),
      createdAt: T0,
      lastUsedAt: null,
      revokedAt: null,
    });
    expect(JSON.stringify(row)).not.toContain(issued.token.slice(10));

    const audit = await test.db.auditEvent.findFirstOrThrow({
      where: { action: "api_token.issued", subjectId: issued.id },
    });
    expect(audit).toMatchObject({
      serviceId,
      subjectType: "api_token",
      details: { staffId, prefix: row.prefix },
    });
    expect(JSON.stringify(audit.details)).not.toContain(issued.token.slice(10));
  });

  it("issues distinct tokens", async () => {
    const staffId = await newStaff();
    const a = await issueApiToken(test.db, { staffId, name: "a", now: T0 });
    const b = await issueApiToken(test.db, { staffId, name: "b", now: T0 });
    expect(a.token).not.toBe(b.token);
  });

  it("refuses an unknown or deactivated staff member and a bad name", async () => {
    const unknown = await appError(
      issueApiToken(test.db, { staffId: "00000000-0000-4000-8000-000000000000", name: "x", now: T0 }),
    );
    expect(unknown.code).toBe("not_found");
    const inactive = await appError(
      issueApiToken(test.db, { staffId: await newStaff(false), name: "x", now: T0 }),
    );
    expect(inactive.code).toBe("conflict");
    const staffId = await newStaff();
    expect((await appError(issueApiToken(test.db, { staffId, name: "  ", now: T0 }))).code).toBe(
      "bad_request",
    );
    expect((await appError(issueApiToken(test.db, { staffId, name: "x".repeat(101), now: T0 }))).code).toBe(
      "bad_request",
    );
    expect(await test.db.apiToken.count({ where: { staffId } })).toBe(0);
  });
});

describe("revokeApiToken", () => {
  it("sets revokedAt once and writes one audit row; a second revocation changes nothing", async () => {
    const { id } = await issueApiToken(test.db, { staffId: await newStaff(), name: "x", now: T0 });
    const later = new Date(T0.getTime() + 3_600_000);
    expect(await revokeApiToken(test.db, { id, now: T0 })).toEqual({
      id,
      revokedAt: T0,
      alreadyRevoked: false,
    });
    expect(await revokeApiToken(test.db, { id, now: later })).toEqual({
      id,
      revokedAt: T0,
      alreadyRevoked: true,
    });
    expect((await test.db.apiToken.findUniqueOrThrow({ where: { id } })).revokedAt).toEqual(T0);
    expect(await test.db.auditEvent.count({ where: { action: "api_token.revoked", subjectId: id } })).toBe(1);
  });

  it("refuses an unknown token id", async () => {
    const error = await appError(
      revokeApiToken(test.db, { id: "00000000-0000-4000-8000-000000000000", now: T0 }),
    );
    expect(error.code).toBe("not_found");
  });
});

describe("requireStaff", () => {
  const probe = "/api/journals/service";

  it("refuses a token once it is revoked, and once its staff member is deactivated", async () => {
    const staffId = await newStaff();
    const { id, token } = await issueApiToken(test.db, { staffId, name: "x", now: T0 });
    expect((await api.get(probe, { token })).status).toBe(200);
    await revokeApiToken(test.db, { id, now: T0 });
    const revoked = await api.get(probe, { token });
    expect(revoked.status).toBe(401);
    expect(revoked.headers.get("www-authenticate")).toBe('Bearer realm="signal-desk", error="invalid_token"');

    const other = await issueApiToken(test.db, { staffId, name: "y", now: T0 });
    expect((await api.get(probe, { token: other.token })).status).toBe(200);
    await test.db.staff.update({ where: { id: staffId }, data: { active: false, deactivatedAt: T0 } });
    expect((await api.get(probe, { token: other.token })).status).toBe(401);
  });

  it.each([
    ["no header", undefined],
    ["no token", { header: "Bearer " }],
    ["another scheme", { header: "Token sdk_abc" }],
    ["two tokens", { header: `Bearer sdk_${"a".repeat(43)} sdk_${"b".repeat(43)}` }],
    ["not our format", { header: "Bearer abc.def.ghi" }],
    ["unknown token", { token: `sdk_${"z".repeat(43)}` }],
  ])("answers 401 for %s", async (_label, auth) => {
    const response = await api.get(probe, auth);
    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({ error: { code: "unauthorized" } });
  });

  it("accepts the scheme in any case", async () => {
    const { token } = await issueApiToken(test.db, { staffId: await newStaff(), name: "x", now: T0 });
    expect((await api.get(probe, { header: `bearer ${token}` })).status).toBe(200);
  });

  it("writes lastUsedAt at most once a minute", async () => {
    const { id, token } = await issueApiToken(test.db, { staffId: await newStaff(), name: "x", now: T0 });
    const lastUsed = async () => (await test.db.apiToken.findUniqueOrThrow({ where: { id } })).lastUsedAt;
    const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

    now = at(0);
    await api.get(probe, { token });
    expect(await lastUsed()).toEqual(at(0));
    now = at(59);
    await api.get(probe, { token });
    expect(await lastUsed()).toEqual(at(0));
    now = at(61);
    await api.get(probe, { token });
    expect(await lastUsed()).toEqual(at(61));
    now = at(90);
    await api.get(probe, { token });
    expect(await lastUsed()).toEqual(at(61));
    now = T0;
  });
});

describe("token expiry", () => {
  it("a token works until its expiry and is refused from then on, like a revoked one", async () => {
    const staffId = await newStaff();
    const expiresAt = new Date(T0.getTime() + 60 * 60_000);
    const { token } = await issueApiToken(test.db, { staffId, name: "на час", now: T0, expiresAt });
    now = new Date(T0.getTime() + 59 * 60_000);
    expect((await api.get("/api/journals/service", { token })).status).toBe(200);
    now = expiresAt;
    const refused = await api.get("/api/journals/service", { token });
    expect(refused.status).toBe(401);
    expect(refused.body).toMatchObject({ error: { code: "unauthorized" } });
    now = T0;
  });

  it("token:create gives 90 days unless told otherwise; --days 0 means no expiry; tokens shows it", async () => {
    const staffId = await newStaff();
    const created = await runAdmin(test.db, ["token:create", "--staff", staffId, "--name", "ноутбук"], T0);
    expect(created).toContain("valid until 2025-07-30T10:00Z");
    const id = created.match(/^Token ([0-9a-f-]{36})/)![1]!;
    expect((await test.db.apiToken.findUniqueOrThrow({ where: { id } })).expiresAt).toEqual(
      new Date("2025-07-30T10:00:00Z"),
    );
    const forever = await runAdmin(
      test.db,
      ["token:create", "--staff", staffId, "--name", "сервер", "--days", "0"],
      T0,
    );
    expect(forever).toContain("without expiry");
    const listing = await runAdmin(test.db, ["tokens"], new Date("2025-08-01T00:00:00Z"));
    expect(listing.split("\n").find((l) => l.startsWith(id))).toMatch(/EXPIRED 2025-07-30T10:00Z$/);
    await expect(
      runAdmin(test.db, ["token:create", "--staff", staffId, "--name", "x", "--days", "400"], T0),
    ).rejects.toThrow("--days must be a whole number from 0 (no expiry) to 365.");
    const audit = await test.db.auditEvent.findFirstOrThrow({
      where: { action: "api_token.issued", subjectId: id },
    });
    expect(audit.details).toMatchObject({ via: "cli", expiresAt: "2025-07-30T10:00:00.000Z" });
  });
});

describe("admin commands", () => {
  it("token:create prints the token once; it works; tokens lists it without the secret; token:revoke stops it", async () => {
    const staffId = await newStaff();
    const created = await runAdmin(test.db, ["token:create", "--staff", staffId, "--name", "ноутбук"], T0);
    const token = created.match(/sdk_[A-Za-z0-9_-]{43}/)?.[0];
    expect(token).toBeDefined();
    const id = created.match(/^Token ([0-9a-f-]{36})/)?.[1];
    expect(id).toBeDefined();
    expect((await api.get("/api/journals/service", { token: token! })).status).toBe(200);

    const listing = await runAdmin(test.db, ["tokens"], T0);
    const line = listing.split("\n").find((l) => l.startsWith(id!));
    expect(line).toContain(`${token!.slice(0, 10)}…`);
    expect(line).toContain('"ноутбук"');
    expect(line).toContain(`staff ${staffId} curator`);
    expect(line).toContain("created 2025-05-01T10:00Z");
    expect(line).toMatch(/last used \S+/);
    expect(line).toMatch(/active until 2025-07-30T10:00Z$/);
    expect(listing).not.toContain(token!.slice(10));

    expect(await runAdmin(test.db, ["token:revoke", id!], T0)).toBe(
      `Token ${id} revoked: its next request is refused.`,
    );
    expect(await runAdmin(test.db, ["token:revoke", id!], T0)).toMatch(/already revoked/);
    expect(await runAdmin(test.db, ["tokens"], T0)).toContain("REVOKED 2025-05-01T10:00Z");
    expect((await api.get("/api/journals/service", { token: token! })).status).toBe(401);
  });

  it.each([
    [["token:create", "--name", "x"], /--staff is required/],
    [["token:create", "--staff", "nope", "--name", "x"], /--staff: give the staff id/],
    [
      ["token:create", "--staff", "00000000-0000-4000-8000-000000000000", "--name", "x"],
      /no such staff member/,
    ],
    [["token:create", "--staff", "00000000-0000-4000-8000-000000000000"], /--name is required/],
    [["token:revoke"], /Give the token id/],
    [["token:revoke", "00000000-0000-4000-8000-000000000000"], /no such token/],
  ])("%j is a usage error", async (argv, message) => {
    await expect(runAdmin(test.db, argv, T0)).rejects.toThrow(UsageError);
    await expect(runAdmin(test.db, argv, T0)).rejects.toThrow(message);
  });

  it("tokens: says so when there are none in the service", async () => {
    const fresh = await createTestDatabase();
    try {
      await fresh.db.service.create({ data: { name: "Пустая служба", timeZone: "Europe/Moscow" } });
      expect(await runAdmin(fresh.db, ["tokens"], T0)).toBe("No tokens.");
    } finally {
      await fresh.drop();
    }
  });
});
