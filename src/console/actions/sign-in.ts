/**
 * Signing in to the console without a password: with the one-time link the bot sent
 * ({@link signInWithLink}), or with a Mini App's signed launch data ({@link signInWithMiniApp}).
 * Either credential works once. The person must be active and their role must have the console
 * (the access policy's `console.sign_in`). Every sign-in and every refusal of a known credential
 * is audited; a refusal is returned, not thrown, so its audit row commits.
 *
 * These are the actions of someone not yet known: the credential names the actor.
 */
import { can, staffActor } from "../../access/policy.ts";
import { writeAudit } from "../../platform/audit.ts";
import type { Db } from "../../platform/db/client.ts";
import { checkWebAppData } from "../../platform/web-app-data.ts";
import { linkState, type SignInRefusal } from "../domain/session.ts";
import { hashSecret, SECRET_PATTERN } from "../secrets.ts";
import { createSession, type SignInMethod } from "../sessions.ts";
import type { ConsoleDeps } from "./deps.ts";

/** A session just opened: the cookie's secret is only here. */
export interface OpenedSession {
  sessionId: string;
  staffId: string;
  secret: string;
  expiresAt: Date;
}

/** What a sign-in gives. */
export type SignInResult = { ok: true; session: OpenedSession } | { ok: false; reason: SignInRefusal };

/** What the sign-in page shows for a link before it is used (it does not use it up). */
export async function peekSignInLink(db: Db, secret: string, now: Date): Promise<"usable" | SignInRefusal> {
  if (!SECRET_PATTERN.test(secret)) return "invalid";
  const link = await db.consoleSignInLink.findUnique({
    where: { tokenHash: hashSecret(secret) },
    select: { via: true, usedAt: true, expiresAt: true },
  });
  if (!link || link.via !== "link") return "invalid";
  return linkState(link, now);
}

/** Uses a link up and opens a session for its person. */
export async function signInWithLink(deps: ConsoleDeps, input: { secret: string }): Promise<SignInResult> {
  const { tx, now } = deps;
  if (!SECRET_PATTERN.test(input.secret)) return { ok: false, reason: "invalid" };
  const link = await tx.consoleSignInLink.findUnique({
    where: { tokenHash: hashSecret(input.secret) },
    select: { id: true, via: true, staffId: true, usedAt: true, expiresAt: true },
  });
  if (!link || link.via !== "link") return { ok: false, reason: "invalid" };
  // Conditional: of two presses of one link (two tabs, a double click), exactly one signs in.
  const used = await tx.consoleSignInLink.updateMany({
    where: { id: link.id, usedAt: null, expiresAt: { gt: now } },
    data: { usedAt: now },
  });
  if (used.count === 0) {
    const current = await tx.consoleSignInLink.findUniqueOrThrow({
      where: { id: link.id },
      select: { usedAt: true, expiresAt: true },
    });
    const state = linkState(current, now);
    return refuse(deps, link.staffId, "link", state === "usable" ? "used" : state, link.id);
  }
  return openFor(deps, link.staffId, "link", link.id);
}

/** Why Mini App launch data was refused, as the audit records it. */
export async function signInWithMiniApp(
  deps: ConsoleDeps,
  input: { initData: string; messenger: "telegram" | "max" },
): Promise<SignInResult> {
  const { tx, now, settings } = deps;
  const botToken = input.messenger === "telegram" ? settings.telegramBotToken() : undefined;
  if (!botToken) return { ok: false, reason: "invalid" };
  const checked = checkWebAppData(input.initData, {
    botToken,
    now,
    maxAgeSeconds: settings.miniAppMaxAgeSeconds,
  });
  if (!checked.ok) return { ok: false, reason: checked.reason === "expired" ? "expired" : "invalid" };
  const identity = await tx.messengerIdentity.findUnique({
    where: { messenger_externalUserId: { messenger: input.messenger, externalUserId: checked.data.user.id } },
    select: { staffId: true },
  });
  if (!identity) return { ok: false, reason: "unknown_user" };
  // The launch is recorded as a used credential: the same launch data never signs in twice.
  const expiresAt = new Date(checked.data.authDate.getTime() + settings.miniAppMaxAgeSeconds * 1000);
  const tokenHash = hashSecret(`mini_app:${checked.data.hash}`);
  const recorded = await tx.consoleSignInLink.createMany({
    data: [{ staffId: identity.staffId, via: "mini_app", tokenHash, createdAt: now, expiresAt, usedAt: now }],
    skipDuplicates: true,
  });
  const credential = await tx.consoleSignInLink.findUniqueOrThrow({
    where: { tokenHash },
    select: { id: true },
  });
  if (recorded.count === 0) return refuse(deps, identity.staffId, "mini_app", "used", credential.id);
  return openFor(deps, identity.staffId, "mini_app", credential.id);
}

async function openFor(
  deps: ConsoleDeps,
  staffId: string,
  method: SignInMethod,
  credentialId: string,
): Promise<SignInResult> {
  const { tx, now, settings } = deps;
  const staff = await tx.staff.findUniqueOrThrow({
    where: { id: staffId },
    select: { id: true, role: true, serviceId: true, hospitalId: true, active: true, locale: true },
  });
  const actor = staffActor(staff, "console");
  if (!staff.active || !can(actor, "console.sign_in")) {
    return refuse(deps, staffId, method, "not_allowed", credentialId);
  }
  const session = await createSession(tx, { staffId, locale: staff.locale, method, now, settings });
  await tx.consoleSignInLink.update({ where: { id: credentialId }, data: { sessionId: session.id } });
  await writeAudit(tx, {
    actor,
    action: "console.signed_in",
    subjectType: "console_session",
    subjectId: session.id,
    details: { method, credentialId },
    at: now,
  });
  return {
    ok: true,
    session: { sessionId: session.id, staffId, secret: session.secret, expiresAt: session.expiresAt },
  };
}

/** Records a refused sign-in with a credential that names a person (nobody acted: no actor). */
async function refuse(
  deps: ConsoleDeps,
  staffId: string,
  method: SignInMethod,
  reason: SignInRefusal,
  credentialId: string,
): Promise<SignInResult> {
  const staff = await deps.tx.staff.findUniqueOrThrow({
    where: { id: staffId },
    select: { serviceId: true },
  });
  await deps.tx.auditEvent.create({
    data: {
      serviceId: staff.serviceId,
      actorStaffId: null,
      action: "console.sign_in_refused",
      subjectType: "console_sign_in_link",
      subjectId: credentialId,
      details: { method, reason, staffId, via: "console" },
      at: deps.now,
    },
  });
  return { ok: false, reason };
}
