/**
 * Test harness for the journals API: a fictional organisation seeded straight through Prisma,
 * a token per person, and the API served on 127.0.0.1 on a free port.
 *
 * The signals sit around the edges of March 2025 in Moscow time (UTC+3), so a period computed in
 * the wrong zone picks the wrong rows:
 *
 * | signal | hospital | identified (Moscow)  | transmitted (Moscow) | curator  | status        |
 * |--------|----------|----------------------|----------------------|----------|---------------|
 * | s1     | A  1/25  | 01.03 00:15          | 01.03 01:00          | —        | received      |
 * | s2     | A  2/25  | 31.03 23:30          | 01.04 00:10          | curator1 | assigned      |
 * | s3     | B  1/25  | 15.03 10:00          | 15.03 14:00 (late)   | curator1 | case_opened   |
 * | s4     | A  3/25  | 01.04 00:30          | 01.04 01:00          | curator2 | not_confirmed |
 * | s5     | B  2/25  | 10.02 12:00          | 10.02 12:30          | —        | received      |
 * | other  | another service's hospital                                                       |
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { pino } from "pino";
import { createApi } from "../../src/platform/http/app.ts";
import { journalRoutes } from "../../src/signals/http/journals.ts";
import { issueApiToken, revokeApiToken } from "../../src/access/tokens.ts";
import type { DbClient } from "../../src/platform/db/client.ts";
import { afterAll, beforeAll } from "vitest";
import { createTestDatabase, type TestDatabase } from "./db.ts";
import type { Prisma } from "../../src/generated/prisma/client.ts";

/** "2025-03-01 00:15" Moscow time (UTC+3, no DST) as an instant. */
export function msk(local: string): Date {
  return new Date(`${local.replace(" ", "T")}:00+03:00`);
}

/** Everything a test refers to by name. */
export interface World {
  serviceId: string;
  hospitalA: string;
  hospitalB: string;
  staff: Record<
    | "reporterA"
    | "reporterB"
    | "head"
    | "admin"
    | "curator1"
    | "curator2"
    | "psychologist"
    | "deactivated"
    | "otherHead",
    string
  >;
  /** Bearer tokens by person; `revoked` belongs to the head, `deactivated` to a deactivated curator. */
  tokens: Record<
    | "reporterA"
    | "reporterB"
    | "head"
    | "admin"
    | "curator1"
    | "curator2"
    | "psychologist"
    | "deactivated"
    | "revoked"
    | "otherHead",
    string
  >;
  signals: Record<"s1" | "s2" | "s3" | "s4" | "s5" | "other", string>;
  caseNumber: string;
}

/** The woman's names in the seed: a response or an audit row must never leak them where it should not. */
export const WOMEN = {
  s1: "Смирнова Анна Петровна",
  s2: "Кузнецова Ольга Игоревна",
  s3: "Попова Мария Сергеевна",
  s4: "Васильева Елена Андреевна",
  s5: "Соколова Ирина Викторовна",
  other: "Михайлова Дарья Олеговна",
} as const;

/** Seeds the organisation, the signals and a token per person. */
export async function seedWorld(db: DbClient, now: Date): Promise<World> {
  const service = await db.service.create({ data: { name: "Тестовая служба", timeZone: "Europe/Moscow" } });
  const other = await db.service.create({ data: { name: "Другая служба", timeZone: "Asia/Yekaterinburg" } });
  const hospitalA = await db.hospital.create({
    data: { serviceId: service.id, name: "Роддом №1", shortName: "РД1" },
  });
  const hospitalB = await db.hospital.create({
    data: { serviceId: service.id, name: "Роддом №2", shortName: "РД2" },
  });
  const otherHospital = await db.hospital.create({
    data: { serviceId: other.id, name: "Роддом №9", shortName: "РД9" },
  });

  const person = async (
    fullName: string,
    role: Prisma.StaffCreateInput["role"],
    hospitalId: string | null = null,
    serviceId = service.id,
  ) => (await db.staff.create({ data: { serviceId, role, hospitalId, fullName } })).id;
  const staff: World["staff"] = {
    reporterA: await person("Иванова Алла Борисовна", "reporter", hospitalA.id),
    reporterB: await person("Петрова Вера Николаевна", "reporter", hospitalB.id),
    head: await person("Сидорова Галина Павловна", "head"),
    admin: await person("Орлов Дмитрий Ильич", "admin"),
    curator1: await person("Фёдорова Евгения Львовна", "curator"),
    curator2: await person("Морозова Жанна Юрьевна", "curator"),
    psychologist: await person("Волкова Зоя Кирилловна", "psychologist"),
    deactivated: await person("Лебедева Инна Романовна", "curator"),
    otherHead: await person("Егорова Кира Марковна", "head", null, other.id),
  };

  const base = {
    serviceId: service.id,
    category: "intends_to_abandon" as const,
    location: "together_in_ward" as const,
    registeredAddress: "г. Тестовск, ул. Вымышленная, д. 1",
    actualAddress: "г. Тестовск, ул. Придуманная, д. 2",
    ambulanceFrom: "ул. Придуманная, д. 2",
    phone: "+7 900 000-00-00",
  };
  const signal = async (
    data: Omit<
      Prisma.SignalUncheckedCreateInput,
      "serviceId" | "category" | "location" | "womanNameKey" | "registeredAt"
    > & {
      serviceId?: string;
    },
  ) =>
    (
      await db.signal.create({
        data: {
          ...base,
          ...data,
          womanNameKey: data.womanFullName.toLowerCase(),
          registeredAt: data.identifiedAt,
        },
      })
    ).id;

  const s1 = await signal({
    hospitalId: hospitalA.id,
    reporterId: staff.reporterA,
    hospitalYear: 2025,
    hospitalNumber: 1,
    serviceYear: 2025,
    serviceNumber: 1,
    womanFullName: WOMEN.s1,
    identifiedAt: msk("2025-03-01 00:15"),
    transmittedAt: msk("2025-03-01 01:00"),
  });
  const s2 = await signal({
    hospitalId: hospitalA.id,
    reporterId: staff.reporterA,
    hospitalYear: 2025,
    hospitalNumber: 2,
    serviceYear: 2025,
    serviceNumber: 2,
    womanFullName: WOMEN.s2,
    identifiedAt: msk("2025-03-31 23:30"),
    transmittedAt: msk("2025-04-01 00:10"),
    urgency: "urgent",
    status: "assigned",
    curatorId: staff.curator1,
    assignedAt: msk("2025-04-01 00:20"),
    assignedById: staff.head,
  });
  const s3 = await signal({
    hospitalId: hospitalB.id,
    reporterId: staff.reporterB,
    hospitalYear: 2025,
    hospitalNumber: 1,
    serviceYear: 2025,
    serviceNumber: 3,
    womanFullName: WOMEN.s3,
    womanBirthDate: new Date("2001-06-15T00:00:00Z"),
    identifiedAt: msk("2025-03-15 10:00"),
    transmittedAt: msk("2025-03-15 14:00"),
    late: true,
    urgency: "urgent",
    status: "case_opened",
    curatorId: staff.curator1,
    assignedAt: msk("2025-03-15 14:10"),
    assignedById: staff.head,
    acceptedAt: msk("2025-03-15 14:15"),
    departedAt: msk("2025-03-15 14:30"),
    arrivedAt: msk("2025-03-15 15:20"),
    decidedAt: msk("2025-03-15 17:00"),
    outcome: { met: "met", intention: "confirmed", decision: "open_case" },
  });
  const s4 = await signal({
    hospitalId: hospitalA.id,
    reporterId: staff.reporterA,
    hospitalYear: 2025,
    hospitalNumber: 3,
    serviceYear: 2025,
    serviceNumber: 4,
    womanFullName: WOMEN.s4,
    identifiedAt: msk("2025-04-01 00:30"),
    transmittedAt: msk("2025-04-01 01:00"),
    urgency: "planned",
    status: "not_confirmed",
    curatorId: staff.curator2,
    assignedAt: msk("2025-04-01 09:00"),
    assignedById: staff.admin,
    arrivedAt: msk("2025-04-02 11:00"),
    decidedAt: msk("2025-04-02 12:00"),
  });
  const s5 = await signal({
    hospitalId: hospitalB.id,
    reporterId: staff.reporterB,
    hospitalYear: 2025,
    hospitalNumber: 2,
    serviceYear: 2025,
    serviceNumber: 5,
    womanFullName: WOMEN.s5,
    identifiedAt: msk("2025-02-10 12:00"),
    transmittedAt: msk("2025-02-10 12:30"),
  });
  const otherSignal = await signal({
    serviceId: other.id,
    hospitalId: otherHospital.id,
    reporterId: await person("Никитина Лидия Олеговна", "reporter", otherHospital.id, other.id),
    hospitalYear: 2025,
    hospitalNumber: 1,
    serviceYear: 2025,
    serviceNumber: 1,
    womanFullName: WOMEN.other,
    identifiedAt: msk("2025-03-10 10:00"),
    transmittedAt: msk("2025-03-10 10:30"),
  });

  // s3's history, in the order it happened.
  const events: [string, string | null, string, Prisma.InputJsonValue][] = [
    ["registered", staff.reporterB, "2025-03-15 10:05", {}],
    ["transmitted", staff.reporterB, "2025-03-15 14:00", { late: true }],
    ["urgency_set", staff.head, "2025-03-15 14:05", { urgency: "urgent" }],
    ["assigned", staff.head, "2025-03-15 14:10", { curatorId: staff.curator1 }],
    ["accepted", staff.curator1, "2025-03-15 14:15", {}],
    ["departed", staff.curator1, "2025-03-15 14:30", {}],
    ["arrived", staff.curator1, "2025-03-15 15:20", {}],
    ["outcome", staff.curator1, "2025-03-15 17:00", { decision: "open_case" }],
    ["case_opened", staff.curator1, "2025-03-15 17:00", { caseNumber: "1/2025" }],
  ];
  for (const [type, actorStaffId, at, data] of events) {
    await db.signalEvent.create({ data: { signalId: s3, type, actorStaffId, at: msk(at), data } });
  }
  await db.signalEvent.create({
    data: {
      signalId: s1,
      type: "registered",
      actorStaffId: staff.reporterA,
      at: msk("2025-03-01 00:20"),
      data: {},
    },
  });
  const opened = await db.case.create({
    data: {
      serviceId: service.id,
      signalId: s3,
      number: "1/2025",
      caseYear: 2025,
      caseNumber: 1,
      curatorId: staff.curator1,
      openedAt: msk("2025-03-15 17:00"),
    },
  });

  const token = async (staffId: string) => (await issueApiToken(db, { staffId, name: "test", now })).token;
  const revoked = await issueApiToken(db, { staffId: staff.head, name: "old laptop", now });
  await revokeApiToken(db, { id: revoked.id, now });
  const tokens: World["tokens"] = {
    reporterA: await token(staff.reporterA),
    reporterB: await token(staff.reporterB),
    head: await token(staff.head),
    admin: await token(staff.admin),
    curator1: await token(staff.curator1),
    curator2: await token(staff.curator2),
    psychologist: await token(staff.psychologist),
    deactivated: await token(staff.deactivated),
    revoked: revoked.token,
    otherHead: await token(staff.otherHead),
  };
  await db.staff.update({ where: { id: staff.deactivated }, data: { active: false, deactivatedAt: now } });

  return {
    serviceId: service.id,
    hospitalA: hospitalA.id,
    hospitalB: hospitalB.id,
    staff,
    tokens,
    signals: { s1, s2, s3, s4, s5, other: otherSignal },
    caseNumber: opened.number,
  };
}

/** The API on a free port of 127.0.0.1. */
export interface RunningApi {
  /** Base URL, e.g. "http://127.0.0.1:41234". */
  url: string;
  /** GET `path` with the token (or raw Authorization header) given. */
  get(
    path: string,
    auth?: { token: string } | { header: string },
  ): Promise<{ status: number; body: unknown; headers: Headers }>;
  close(): Promise<void>;
}

/** Serves `createApi` with the journal routers. */
export async function startApi(db: DbClient, clock: () => Date): Promise<RunningApi> {
  const app = createApi({
    logger: pino({ level: "silent" }),
    health: {},
    routers: [journalRoutes({ db, clock })],
  });
  const server: Server = createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    get: async (path, auth) => {
      const headers: Record<string, string> = {};
      if (auth && "token" in auth) headers.authorization = `Bearer ${auth.token}`;
      if (auth && "header" in auth) headers.authorization = auth.header;
      const response = await fetch(url + path, { headers });
      const text = await response.text();
      return {
        status: response.status,
        body: text ? (JSON.parse(text) as unknown) : null,
        headers: response.headers,
      };
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** The number of audit rows, optionally of one action. */
export function auditCount(db: DbClient, action?: string): Promise<number> {
  return db.auditEvent.count({ where: action ? { action } : {} });
}

/** A seeded database and the API on it, filled in before the file's tests run. */
export interface SeededApi {
  test: TestDatabase;
  api: RunningApi;
  world: World;
}

/** Registers beforeAll/afterAll: a fresh database seeded with the world, and the API on it at `now`. */
export function useSeededApi(now: Date): SeededApi {
  const ctx = {} as SeededApi;
  beforeAll(async () => {
    ctx.test = await createTestDatabase();
    ctx.world = await seedWorld(ctx.test.db, now);
    ctx.api = await startApi(ctx.test.db, () => now);
  });
  afterAll(async () => {
    await ctx.api?.close();
    await ctx.test?.drop();
  });
  return ctx;
}
