/**
 * The console's secrets: the random part of a sign-in link and of a session cookie, the form they
 * are stored in (sha256: a database leak gives no usable link or session), and the CSRF token a
 * session's forms carry (derived from the cookie's secret, so it needs no storage and another
 * site, which cannot read the cookie, cannot make it).
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/** 32 random bytes, base64url: 43 characters. */
export const SECRET_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** A new secret for a link or a cookie. */
export function newSecret(): string {
  return randomBytes(32).toString("base64url");
}

/** The stored form of a secret: sha256, lowercase hex. */
export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

/** The CSRF token of the session whose cookie holds `secret`. */
export function csrfToken(secret: string): string {
  return createHmac("sha256", secret).update("signal-desk console csrf").digest("base64url");
}

/** Whether `given` is the CSRF token of the session whose cookie holds `secret` (constant time). */
export function csrfMatches(secret: string, given: unknown): boolean {
  if (typeof given !== "string") return false;
  const expected = Buffer.from(csrfToken(secret));
  const actual = Buffer.from(given);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
