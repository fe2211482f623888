/**
 * The form of personal API tokens, shared by issuing (./actions/issue-api-token.ts), the bearer
 * middleware (./http/auth.ts) and the listing (./tokens.ts).
 */
import { createHash } from "node:crypto";

/** Every token starts with this, so a leaked one is recognisable (secret scanners, logs). */
export const TOKEN_SCHEME = "sdk_";
/** Longest label a token may carry. */
export const TOKEN_NAME_MAX = 100;

/** Shape of a well-formed token; anything else is rejected without a database look-up. */
export const TOKEN_PATTERN = /^sdk_[A-Za-z0-9_-]{43}$/;

/** The stored form of a token: sha256, lowercase hex. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}
