/**
 * Demo data: a fictional service with two hospitals and four staff bound to simulated Telegram users
 * (see ./users.ts), so that `npm start` on a fresh machine can be tried at once on the /sim page.
 *
 * Everything created is marked `isDemo`. Seeding happens once: if any demo service exists, nothing is
 * written — a demo that was played with keeps its signals, and a deleted demo person stays deleted.
 */
import type { Db, DbClient } from "../platform/db/client.ts";

type Tx = Db;
import {
  DEMO_HOSPITALS,
  DEMO_SERVICE_NAME,
  DEMO_TIME_ZONE,
  DEMO_USERS,
  demoMaxChatId,
  type DemoUserKey,
} from "./users.ts";

export { DEMO_HOSPITALS, DEMO_SERVICE_NAME, DEMO_USERS, DEMO_USER_ID_BASE } from "./users.ts";
export type { DemoHospital, DemoUser, DemoUserKey } from "./users.ts";

/** Serialises concurrent seeders (two processes starting on one database) on a transaction lock. */
const SEED_LOCK_KEY = 0x5d_de_30;

/** Options of {@link seedDemo}. */
export interface SeedDemoOptions {
  /** Creation time of the rows. */
  now: Date;
}

/** What {@link seedDemo} found or made. */
export interface SeedDemoResult {
  /** False when a demo service already existed and nothing was written. */
  created: boolean;
  serviceId: string;
  /** Hospital ids in {@link DEMO_HOSPITALS} order (empty when nothing was created). */
  hospitalIds: string[];
  /** Staff ids by demo person (empty when nothing was created). */
  staffIds: Partial<Record<DemoUserKey, string>>;
}

/**
 * Creates the demo service, hospitals and staff, unless a demo service exists already.
 *
 * Runs in one transaction under an advisory lock, so it is all-or-nothing and safe to call from
 * several processes at once.
 *
 * @throws Error when a demo user id is already bound to someone else's staff record (the data would be
 * inconsistent; nothing is written).
 *
 * @example
 * if (config.demoSeed) await seedDemo(db, { now: clock() });
 */
export async function seedDemo(db: DbClient, options: SeedDemoOptions): Promise<SeedDemoResult> {
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SEED_LOCK_KEY}::bigint)`;
    return seedIn(tx, options.now);
  });
}

/**
 * Starts the demo afresh (the /sim page's "reset demo"): the demo service played with so far is
 * set aside — renamed as an archive, no longer the demo, its people switched off and unbound from
 * the simulated accounts, their open dialogues dropped — and a new demo service is seeded, all in
 * one transaction. Nothing is deleted: journals and audit rows stay as they were written.
 */
export async function resetDemo(db: DbClient, options: SeedDemoOptions): Promise<SeedDemoResult> {
  const { now } = options;
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SEED_LOCK_KEY}::bigint)`;
    const services = await tx.service.findMany({ where: { isDemo: true } });
    const serviceIds = services.map((s) => s.id);
    const staff = await tx.staff.findMany({
      where: { serviceId: { in: serviceIds } },
      select: { id: true, identities: { select: { messenger: true, chatId: true } } },
    });
    const staffIds = staff.map((s) => s.id);
    const chats = staff.flatMap((s) => s.identities);
    if (chats.length > 0) {
      await tx.dialogueSession.deleteMany({
        where: { OR: chats.map((c) => ({ messenger: c.messenger, chatId: c.chatId })) },
      });
    }
    await tx.messengerIdentity.deleteMany({ where: { staffId: { in: staffIds } } });
    await tx.staff.updateMany({ where: { id: { in: staffIds } }, data: { active: false } });
    const stamp = now.toISOString().slice(0, 16).replace("T", " ");
    for (const service of services) {
      await tx.service.update({
        where: { id: service.id },
        data: { isDemo: false, name: `${service.name} (архив ${stamp} UTC)` },
      });
      await tx.auditEvent.create({
        data: {
          serviceId: service.id,
          action: "demo.reset",
          subjectType: "service",
          subjectId: service.id,
          details: { staff: staffIds.length },
          at: now,
        },
      });
    }
    return seedIn(tx, now);
  });
}

/** Creates the demo data in `tx` (under the seed lock), unless a demo service exists. */
async function seedIn(tx: Tx, now: Date): Promise<SeedDemoResult> {
  const existing = await tx.service.findFirst({ where: { isDemo: true }, orderBy: { createdAt: "asc" } });
  if (existing) return { created: false, serviceId: existing.id, hospitalIds: [], staffIds: {} };

  const taken = await tx.messengerIdentity.findMany({
    where: { messenger: "telegram", externalUserId: { in: DEMO_USERS.map((u) => String(u.userId)) } },
    select: { externalUserId: true },
  });
  if (taken.length > 0) {
    const ids = taken.map((t) => t.externalUserId).join(", ");
    throw new Error(`demo seed: Telegram user ids ${ids} are already bound to staff outside a demo service`);
  }

  const service = await tx.service.create({
    data: { name: DEMO_SERVICE_NAME, timeZone: DEMO_TIME_ZONE, isDemo: true, createdAt: now },
  });
  const hospitalIds: string[] = [];
  for (const hospital of DEMO_HOSPITALS) {
    const created = await tx.hospital.create({
      data: { serviceId: service.id, ...hospital, isDemo: true, createdAt: now },
    });
    hospitalIds.push(created.id);
  }
  const staffIds: Partial<Record<DemoUserKey, string>> = {};
  for (const user of DEMO_USERS) {
    const id = String(user.userId);
    const staff = await tx.staff.create({
      data: {
        serviceId: service.id,
        role: user.role,
        hospitalId: user.hospital === undefined ? null : (hospitalIds[user.hospital] ?? null),
        fullName: user.fullName,
        locale: "ru",
        isDemo: true,
        createdAt: now,
        identities: {
          create: [
            { messenger: "telegram", externalUserId: id, chatId: id, createdAt: now },
            ...(user.alsoOnMax
              ? [
                  {
                    messenger: "max",
                    externalUserId: id,
                    chatId: String(demoMaxChatId(user.userId)),
                    createdAt: now,
                  },
                ]
              : []),
          ],
        },
      },
    });
    staffIds[user.key] = staff.id;
  }
  await tx.auditEvent.create({
    data: {
      serviceId: service.id,
      action: "demo.seeded",
      subjectType: "service",
      subjectId: service.id,
      details: { hospitals: hospitalIds.length, staff: DEMO_USERS.length },
      at: now,
    },
  });
  return { created: true, serviceId: service.id, hospitalIds, staffIds };
}
