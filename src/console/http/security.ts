/**
 * The console's security headers (helmet), CSRF protection and its cookie.
 *
 * - Content-Security-Policy: our own scripts and styles only (no inline code, no eval; htmx is
 *   configured for that), no framing (clickjacking), forms post to us only.
 * - HSTS and `upgrade-insecure-requests` only when served over HTTPS (a local run over plain HTTP
 *   must not be told to upgrade).
 * - Referrer-Policy same-origin: a sign-in link's secret never leaves in a Referer header to another
 *   site, while our own forms still carry an `Origin` (under no-referrer browsers send "null").
 * - CSRF: every POST must come from our own pages (`Origin` / `Sec-Fetch-Site`), and a signed-in
 *   session's forms carry a token derived from its cookie (../secrets.ts).
 *
 * The API gets its own headers where the API is built; these apply to /console only.
 */
import type { Request, RequestHandler, Response } from "express";
import helmet from "helmet";

const directives = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", "data:"],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  baseUri: ["'none'"],
  objectSrc: ["'none'"],
};

const overHttps = helmet({
  contentSecurityPolicy: { useDefaults: false, directives: { ...directives, upgradeInsecureRequests: [] } },
  referrerPolicy: { policy: "same-origin" },
  strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true },
});
const overHttp = helmet({
  contentSecurityPolicy: { useDefaults: false, directives },
  referrerPolicy: { policy: "same-origin" },
  strictTransportSecurity: false,
});

/** Security headers for the console's responses. */
export const securityHeaders: RequestHandler = (req, res, next) =>
  (req.secure ? overHttps : overHttp)(req, res, next);

/** Whether a state-changing request comes from our own pages (or from no browser at all). */
export function sameOrigin(req: Request): boolean {
  // Browsers that send Fetch Metadata say it outright.
  const site = req.get("sec-fetch-site");
  if (site !== undefined) return site === "same-origin" || site === "none";
  const origin = req.get("origin");
  if (origin === undefined) return true;
  if (origin === "null") return false;
  try {
    // The host only: behind a TLS proxy our own scheme may read as http.
    return new URL(origin).host === req.get("host");
  } catch {
    return false;
  }
}

/** The session cookie's name: `__Host-` over HTTPS (no Domain, Path=/, Secure: the browser enforces it). */
export function cookieName(req: Request): string {
  return req.secure ? "__Host-sd_console" : "sd_console";
}

/** Sets the session cookie until the session's absolute end. */
export function setSessionCookie(req: Request, res: Response, secret: string, expiresAt: Date): void {
  res.cookie(cookieName(req), secret, {
    httpOnly: true,
    secure: req.secure,
    sameSite: "lax",
    path: "/",
    expires: expiresAt,
  });
}

/** Removes the session cookie. */
export function clearSessionCookie(req: Request, res: Response): void {
  res.clearCookie(cookieName(req), { httpOnly: true, secure: req.secure, sameSite: "lax", path: "/" });
}
