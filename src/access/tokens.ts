/**
 * Personal API tokens: issuing, revoking, listing, and the hashing the auth middleware shares.
 *
 * A token is shown once, when issued; only its sha256 (`tokenHash`) and a short `prefix` for
 * recognising it in a list are stored, so a database leak does not leak usable tokens. SHA-256
 * without a salt is enough here: the token carries 256 random bits, so there is nothing to
 * brute-force or precompute.
 */
import { createHash, randomBytes } from "node:crypto";
import type { Db, DbClient } from "../platform/db/client.ts";
import type { StaffRole } from "../generated/prisma/enums.ts";
import { apiError } from "../platform/errors.ts";

/** Every token starts with this, so a leaked one is recognisable (secret scanners, logs). */
export const TOKEN_SCHEME = "sdk_";
/** Random bytes in a token: 32 (256 bits), 43 base64url characters. */
const TOKEN_BYTES = 32;
/** Characters kept as the display prefix: the scheme plus 6 of the random part. */
const PREFIX_LENGTH = TOKEN_SCHEME.length + 6;
/** Longest label a token may carry. */
export const TOKEN_NAME_MAX = 100;

/** Shape of a well-formed token; anything else is rejected without a database look-up. */
export const TOKEN_PATTERN = /^sdk_[A-Za-z0-9_-]{43}$/;

/** The stored form of a token: sha256, lowercase hex. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** A newly issued token; `token` exists only in this value and is never stored. */
export interface IssuedToken {
  id: string;
  token: string;
  prefix: string;
}

/**
 * Issues a personal API token for an active staff member and writes the audit row
 * `api_token.issued` in the same transaction.
 *
 * @throws DomainError `not_found` for an unknown staff member, `conflict` for a deactivated one,
 *   `bad_request` for an empty or too long name.
 * @example
 * const { id, token } = await issueApiToken(db, { staffId, name: "laptop", now: new Date() });
 * // show `token` to the person once; store nothing but `id`
 */
export async function issueApiToken(
  db: DbClient,
  input: {
    staffId: string;
    name: string;
    now: Date;
    actorStaffId?: string | null;
    /** When the token stops working; null or absent: until revoked. */
    expiresAt?: Date | null;
    /** The channel issuing it, for the audit row ("cli", "console"). */
    via?: string;
  },
): Promise<IssuedToken> {
  const name = input.name.trim();
  if (name === "") throw apiError("bad_request", "name: must not be empty", { field: "name" });
  if (name.length > TOKEN_NAME_MAX) {
    throw apiError("bad_request", `name: at most ${TOKEN_NAME_MAX} characters`, { field: "name" });
  }
  const staff = await db.staff.findUnique({
    where: { id: input.staffId },
    select: { id: true, serviceId: true, active: true },
  });
  if (!staff) throw apiError("not_found", "no such staff member");
  if (!staff.active) throw apiError("conflict", "the staff member is deactivated");

  const token = TOKEN_SCHEME + randomBytes(TOKEN_BYTES).toString("base64url");
  const prefix = token.slice(0, PREFIX_LENGTH);
  const created = await db.$transaction(async (tx) => {
    const row = await tx.apiToken.create({
      data: {
        staffId: staff.id,
        name,
        tokenHash: hashToken(token),
        prefix,
        createdAt: input.now,
        expiresAt: input.expiresAt ?? null,
      },
      select: { id: true },
    });
    await tx.auditEvent.create({
      data: {
        serviceId: staff.serviceId,
        actorStaffId: input.actorStaffId ?? null,
        action: "api_token.issued",
        subjectType: "api_token",
        subjectId: row.id,
        details: {
          staffId: staff.id,
          prefix,
          expiresAt: input.expiresAt?.toISOString() ?? null,
          ...(input.via ? { via: input.via } : {}),
        },
        at: input.now,
      },
    });
    return row;
  });
  return { id: created.id, token, prefix };
}

/** What {@link revokeApiToken} did. */
export interface RevokedToken {
  id: string;
  revokedAt: Date;
  /** True when the token had been revoked before (nothing was written). */
  alreadyRevoked: boolean;
}

/**
 * Revokes a token: its next request is refused. Revoking twice is harmless: the first
 * revocation time is kept and no second audit row is written.
 *
 * @throws DomainError `not_found` for an unknown token id.
 */
export async function revokeApiToken(
  db: DbClient,
  input: { id: string; now: Date; actorStaffId?: string | null; via?: string },
): Promise<RevokedToken> {
  return db.$transaction(async (tx) => {
    const token = await tx.apiToken.findUnique({
      where: { id: input.id },
      select: { id: true, revokedAt: true, prefix: true, staff: { select: { id: true, serviceId: true } } },
    });
    if (!token) throw apiError("not_found", "no such token");
    if (token.revokedAt) return { id: token.id, revokedAt: token.revokedAt, alreadyRevoked: true };
    // Conditional, so two concurrent revocations write one audit row between them.
    const updated = await tx.apiToken.updateMany({
      where: { id: token.id, revokedAt: null },
      data: { revokedAt: input.now },
    });
    if (updated.count === 0) {
      const again = await tx.apiToken.findUniqueOrThrow({
        where: { id: token.id },
        select: { revokedAt: true },
      });
      return { id: token.id, revokedAt: again.revokedAt ?? input.now, alreadyRevoked: true };
    }
    await tx.auditEvent.create({
      data: {
        serviceId: token.staff.serviceId,
        actorStaffId: input.actorStaffId ?? null,
        action: "api_token.revoked",
        subjectType: "api_token",
        subjectId: token.id,
        details: { staffId: token.staff.id, prefix: token.prefix, ...(input.via ? { via: input.via } : {}) },
        at: input.now,
      },
    });
    return { id: token.id, revokedAt: input.now, alreadyRevoked: false };
  });
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
