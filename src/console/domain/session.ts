/**
 * The rules of console sessions, as plain functions: when a session or a sign-in link is still
 * good, and when its last activity is worth writing down. No I/O; callers pass `now`.
 */

/** A session as these rules need it. */
export interface SessionTimes {
  lastSeenAt: Date;
  expiresAt: Date;
  endedAt: Date | null;
}

/** Whether a session still lets its browser in. */
export function sessionIsLive(session: SessionTimes, now: Date, idleMinutes: number): boolean {
  if (session.endedAt !== null) return false;
  if (session.expiresAt <= now) return false;
  return now.getTime() - session.lastSeenAt.getTime() < idleMinutes * 60_000;
}

/** How often at most a session's `lastSeenAt` is written (the idle timeout is coarser anyway). */
export const LAST_SEEN_RESOLUTION_MS = 60_000;

/** Whether a request at `now` should move `lastSeenAt`. */
export function shouldTouch(lastSeenAt: Date, now: Date): boolean {
  return now.getTime() - lastSeenAt.getTime() >= LAST_SEEN_RESOLUTION_MS;
}

/** Why a sign-in credential does not open a session; each has a `console.sign_in.<reason>` text. */
export type SignInRefusal = "invalid" | "used" | "expired" | "not_allowed" | "unknown_user";

/** The state of a one-time link at `now`. */
export function linkState(
  link: { usedAt: Date | null; expiresAt: Date },
  now: Date,
): "usable" | Extract<SignInRefusal, "used" | "expired"> {
  if (link.usedAt !== null) return "used";
  if (link.expiresAt <= now) return "expired";
  return "usable";
}
