/**
 * Personal API tokens: issuing, revoking (the actions in ./actions/, wrapped here for the command
 * line), listing, and the hashing the auth middleware shares.
 *
 * A token is shown once, when issued; only its sha256 (`tokenHash`) and a short `prefix` for
 * recognising it in a list are stored, so a database leak does not leak usable tokens. SHA-256
 * without a salt is enough here: the token carries 256 random bits, so there is nothing to
 * brute-force or precompute.
 */
import type { Db, DbClient } from "../platform/db/client.ts";
import type { StaffRole } from "../generated/prisma/enums.ts";
import { CLI_ACTOR, inTransaction } from "./actions/deps.ts";
import { issueToken } from "./actions/issue-api-token.ts";
import { revokeToken } from "./actions/revoke-api-token.ts";

export { hashToken, TOKEN_NAME_MAX, TOKEN_PATTERN, TOKEN_SCHEME } from "./token-format.ts";

/** A newly issued token; `token` exists only in this value and is never stored. */
export interface IssuedToken {
  id: string;
  token: string;
  prefix: string;
}

/**
 * Issues a personal API token for an active staff member in a transaction of its own, as the
 * system (the admin command line, tests): the action {@link issueToken} with the audit row
 * `api_token.issued`. The console issues through the action itself, as the administrator.
 *
 * @throws DomainError `not_found` for an unknown staff member, `conflict` for a deactivated one,
 *   `bad_request` for an empty or too long name.
 * @example
 * const { id, token } = await issueApiToken(db, { staffId, name: "laptop", now: new Date() });
 * // show `token` to the person once; store nothing but `id`
 */
export function issueApiToken(
  db: DbClient,
  input: {
    staffId: string;
    name: string;
    now: Date;
    /** When the token stops working; null or absent: until revoked. */
    expiresAt?: Date | null;
  },
): Promise<IssuedToken> {
  return inTransaction(db, input.now, (deps) =>
    issueToken(deps, CLI_ACTOR, {
      staffId: input.staffId,
      name: input.name,
      expiresAt: input.expiresAt ?? null,
    }),
  );
}

/** What {@link revokeApiToken} did. */
export interface RevokedToken {
  id: string;
  revokedAt: Date;
  /** True when the token had been revoked before (nothing was written). */
  alreadyRevoked: boolean;
}

/**
 * Revokes a token as the system (see {@link revokeToken}): its next request is refused. Revoking
 * twice is harmless: the first revocation time is kept and no second audit row is written.
 *
 * @throws DomainError `not_found` for an unknown token id.
 */
export function revokeApiToken(db: DbClient, input: { id: string; now: Date }): Promise<RevokedToken> {
  return inTransaction(db, input.now, (deps) => revokeToken(deps, CLI_ACTOR, { tokenId: input.id }));
}

/** A token as listed: never its hash. */
export interface ApiTokenListItem {
  id: string;
  prefix: string;
  name: string;
  staff: { id: string; fullName: string; role: StaffRole; active: boolean };
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  expiresAt: Date | null;
}

/** The tokens of a service's staff, oldest first. */
export async function listApiTokens(db: Db, input: { serviceId: string }): Promise<ApiTokenListItem[]> {
  return db.apiToken.findMany({
    where: { staff: { serviceId: input.serviceId } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      prefix: true,
      name: true,
      createdAt: true,
      lastUsedAt: true,
      revokedAt: true,
      expiresAt: true,
      staff: { select: { id: true, fullName: true, role: true, active: true } },
    },
  });
}
