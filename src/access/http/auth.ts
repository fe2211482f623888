/**
 * Authentication of API requests by personal token (`Authorization: Bearer sdk_…`).
 *
 * Apply {@link requireStaff} to each route, not with `router.use()`: every feature router is
 * mounted at /api, so a router-wide guard would also answer 401 for other features' routes.
 */
import type { RequestHandler, Response } from "express";
import type { Db } from "../../platform/db/client.ts";
import { staffActor, type StaffActor, type StaffRole } from "../../platform/actor.ts";
import { apiError } from "../../platform/errors.ts";
import { hashToken, TOKEN_PATTERN } from "../tokens.ts";

/** The authenticated caller, as routes and use cases see it. */
export interface ApiStaff {
  id: string;
  role: StaffRole;
  serviceId: string;
  /** The reporter's hospital; null for the service's own staff. */
  hospitalId: string | null;
  /** The token the request came with (for audit; never the secret). */
  tokenId: string;
}

/** How often at most `lastUsedAt` is written for one token. */
export const LAST_USED_RESOLUTION_MS = 60_000;

const BEARER = /^Bearer +(\S+) *$/i;
const REALM = 'Bearer realm="signal-desk"';

/** Options for {@link requireStaff}. */
export interface RequireStaffOptions {
  /** Defaults to the wall clock; tests pass their own. */
  clock?: () => Date;
}

/**
 * Express middleware: resolves the bearer token to an active staff member and stores it in
 * `res.locals.staff` (read it with {@link currentStaff}). An absent, malformed, unknown, expired
 * or revoked token, or a deactivated staff member, ends the request with 401
 * `{ error: { code: "unauthorized" } }`; the reason is not told apart, so probing learns nothing.
 *
 * @example
 * router.get("/journals/hospital", requireStaff(db), async (req, res) => {
 *   const staff = currentStaff(res);
 * });
 */
export function requireStaff(db: Db, options: RequireStaffOptions = {}): RequestHandler {
  const clock = options.clock ?? (() => new Date());
  return async (req, res, next) => {
    const header = req.get("authorization");
    if (header === undefined) {
      res.setHeader("WWW-Authenticate", REALM);
      throw apiError("unauthorized", "an API token is required (Authorization: Bearer <token>)");
    }
    const token = BEARER.exec(header)?.[1];
    if (!token || !TOKEN_PATTERN.test(token)) return refuse(res);

    const row = await db.apiToken.findUnique({
      where: { tokenHash: hashToken(token) },
      select: {
        id: true,
        revokedAt: true,
        expiresAt: true,
        lastUsedAt: true,
        staff: { select: { id: true, role: true, serviceId: true, hospitalId: true, active: true } },
      },
    });
    const now = clock();
    if (!row || row.revokedAt !== null || !row.staff.active) return refuse(res);
    if (row.expiresAt !== null && row.expiresAt <= now) return refuse(res);

    const staleBefore = new Date(now.getTime() - LAST_USED_RESOLUTION_MS);
    if (row.lastUsedAt === null || row.lastUsedAt < staleBefore) {
      // Conditional, so concurrent requests in the same minute write once between them.
      await db.apiToken.updateMany({
        where: { id: row.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: staleBefore } }] },
        data: { lastUsedAt: now },
      });
    }
    const { id, role, serviceId, hospitalId } = row.staff;
    const staff: ApiStaff = { id, role, serviceId, hospitalId, tokenId: row.id };
    res.locals.staff = staff;
    next();
  };
}

function refuse(res: Response): never {
  res.setHeader("WWW-Authenticate", `${REALM}, error="invalid_token"`);
  throw apiError("unauthorized", "invalid or revoked API token");
}

/** The caller as the access policy and the actions see them. */
export function apiActor(res: Response): StaffActor {
  const staff = currentStaff(res);
  return staffActor(staff, "api", staff.tokenId);
}

/**
 * The caller {@link requireStaff} authenticated. Throws when the route forgot the middleware,
 * which is a programming error, not the caller's.
 */
export function currentStaff(res: Response): ApiStaff {
  const staff = (res.locals as { staff?: ApiStaff }).staff;
  if (!staff) throw new Error("currentStaff: the route is not behind requireStaff()");
  return staff;
}
