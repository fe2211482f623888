/**
 * Console sessions in the database: opening one, finding the live one behind a cookie (with the
 * person, their language and time zone), keeping its activity, its one-time message, its language,
 * ending it. Sign-ins and sign-outs are actions (./actions/), which use this and write the audit.
 */
import { Prisma } from "../generated/prisma/client.ts";
import type { StaffRole } from "../platform/actor.ts";
import type { Db } from "../platform/db/client.ts";
import type { Text } from "../platform/flow/types.ts";
import { pickLocale, type Locale } from "../platform/i18n/index.ts";
import { sessionIsLive, shouldTouch } from "./domain/session.ts";
import { hashSecret, newSecret } from "./secrets.ts";
import type { ConsoleSettings } from "./settings.ts";

/** How a session was opened. */
export type SignInMethod = "link" | "mini_app";

/** A one-time message shown on the next page. */
export interface Flash {
  kind: "done" | "error";
  text: Text;
}

/** The person behind a live session, as pages and actions need them. */
export interface SessionStaff {
  id: string;
  serviceId: string;
  role: StaffRole;
  hospitalId: string | null;
  fullName: string;
}

/** A live session. */
export interface LiveSession {
  id: string;
  staff: SessionStaff;
  locale: Locale;
  /** The zone the person reads times in: their hospital's, else the service's. */
  timeZone: string;
  serviceName: string;
  method: SignInMethod;
  flash: Flash | null;
}

/** Opens a session for `staffId`; returns its id and the secret for the cookie (never stored). */
export async function createSession(
  tx: Db,
  input: { staffId: string; locale: string; method: SignInMethod; now: Date; settings: ConsoleSettings },
): Promise<{ id: string; secret: string; expiresAt: Date }> {
  const secret = newSecret();
  const expiresAt = new Date(input.now.getTime() + input.settings.sessionMaxHours * 3_600_000);
  const row = await tx.consoleSession.create({
    data: {
      staffId: input.staffId,
      tokenHash: hashSecret(secret),
      via: input.method,
      locale: pickLocale(input.locale),
      createdAt: input.now,
      lastSeenAt: input.now,
      expiresAt,
    },
    select: { id: true },
  });
  return { id: row.id, secret, expiresAt };
}

/**
 * The live session behind a cookie's secret, or null (unknown, ended, idle too long, past its
 * end, or its person deactivated). Moves `lastSeenAt` at most once a minute.
 */
export async function findLiveSession(
  db: Db,
  secret: string,
  now: Date,
  settings: ConsoleSettings,
): Promise<LiveSession | null> {
  const row = await db.consoleSession.findUnique({
    where: { tokenHash: hashSecret(secret) },
    select: {
      id: true,
      via: true,
      locale: true,
      lastSeenAt: true,
      expiresAt: true,
      endedAt: true,
      flash: true,
      staff: {
        select: {
          id: true,
          serviceId: true,
          role: true,
          hospitalId: true,
          fullName: true,
          active: true,
          service: { select: { name: true, timeZone: true } },
          hospital: { select: { timeZone: true } },
        },
      },
    },
  });
  if (!row || !row.staff.active || !sessionIsLive(row, now, settings.sessionIdleMinutes)) return null;
  if (shouldTouch(row.lastSeenAt, now)) {
    // Conditional, so parallel requests of one page write once between them.
    await db.consoleSession.updateMany({
      where: { id: row.id, lastSeenAt: row.lastSeenAt },
      data: { lastSeenAt: now },
    });
  }
  const { staff } = row;
  return {
    id: row.id,
    staff: {
      id: staff.id,
      serviceId: staff.serviceId,
      role: staff.role,
      hospitalId: staff.hospitalId,
      fullName: staff.fullName,
    },
    locale: pickLocale(row.locale),
    timeZone: staff.hospital?.timeZone ?? staff.service.timeZone,
    serviceName: staff.service.name,
    method: row.via === "mini_app" ? "mini_app" : "link",
    flash: (row.flash as Flash | null) ?? null,
  };
}

/** Leaves a message for the session's next page (replacing an unread one). */
export async function setFlash(db: Db, sessionId: string, flash: Flash): Promise<void> {
  await db.consoleSession.update({
    where: { id: sessionId },
    data: { flash: flash as unknown as Prisma.InputJsonValue },
  });
}

/** Takes the session's message: it is shown once. */
export async function takeFlash(db: Db, session: LiveSession): Promise<Flash | null> {
  if (!session.flash) return null;
  await db.consoleSession.updateMany({ where: { id: session.id }, data: { flash: Prisma.DbNull } });
  return session.flash;
}

/** The language the session's pages are shown in. */
export async function setSessionLocale(db: Db, sessionId: string, locale: Locale): Promise<void> {
  await db.consoleSession.update({ where: { id: sessionId }, data: { locale } });
}

/** Ends a session; false when it had ended already. */
export async function endSession(db: Db, sessionId: string, reason: string, now: Date): Promise<boolean> {
  const ended = await db.consoleSession.updateMany({
    where: { id: sessionId, endedAt: null },
    data: { endedAt: now, endReason: reason, flash: Prisma.DbNull },
  });
  return ended.count === 1;
}

/** A person's sessions that are still open (for "your sessions"), newest first. */
export async function openSessionsOf(
  db: Db,
  staffId: string,
  now: Date,
  settings: ConsoleSettings,
): Promise<{ id: string; method: SignInMethod; createdAt: Date; lastSeenAt: Date; expiresAt: Date }[]> {
  const rows = await db.consoleSession.findMany({
    where: {
      staffId,
      endedAt: null,
      expiresAt: { gt: now },
      lastSeenAt: { gt: new Date(now.getTime() - settings.sessionIdleMinutes * 60_000) },
    },
    orderBy: { createdAt: "desc" },
    take: 50,
    select: { id: true, via: true, createdAt: true, lastSeenAt: true, expiresAt: true },
  });
  return rows.map((r) => ({ ...r, method: r.via === "mini_app" ? "mini_app" : "link" }));
}
