/**
 * Issuing a personal API token: shown once, stored as its sha256 (see ../tokens.ts).
 */
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { writeAudit } from "../../platform/audit.ts";
import { apiError } from "../../platform/errors.ts";
import { authorize, type Actor } from "../policy.ts";
import { hashToken, TOKEN_NAME_MAX, TOKEN_SCHEME } from "../token-format.ts";
import type { IssuedToken } from "../tokens.ts";
import type { AccessDeps } from "./deps.ts";

/** Random bytes in a token: 32 (256 bits), 43 base64url characters. */
const TOKEN_BYTES = 32;
/** Characters kept as the display prefix: the scheme plus 6 of the random part. */
const PREFIX_LENGTH = TOKEN_SCHEME.length + 6;

export const issueTokenInput = z.object({
  staffId: z.uuid(),
  name: z.string(),
  /** When the token stops working; null or absent: until revoked. */
  expiresAt: z.date().nullable().optional(),
});
export type IssueTokenInput = z.infer<typeof issueTokenInput>;

/**
 * Issues a token for an active staff member and writes the audit row `api_token.issued`.
 *
 * @throws DomainError `not_found` (no such staff member, or one of another service),
 *   `forbidden` (not an admin), `conflict` (deactivated), `bad_request` (empty or too long name).
 */
export async function issueToken(
  deps: AccessDeps,
  actor: Actor,
  input: IssueTokenInput,
): Promise<IssuedToken> {
  const parsed = issueTokenInput.parse(input);
  const name = parsed.name.trim();
  if (name === "") throw apiError("bad_request", "name: must not be empty", { field: "name" });
  if (name.length > TOKEN_NAME_MAX) {
    throw apiError("bad_request", `name: at most ${TOKEN_NAME_MAX} characters`, { field: "name" });
  }
  const { tx, now } = deps;
  const staff = await tx.staff.findUnique({
    where: { id: parsed.staffId },
    select: { id: true, serviceId: true, active: true },
  });
  if (!staff) throw apiError("not_found", "no such staff member");
  authorize(actor, "api_token.manage", staff);
  if (!staff.active) throw apiError("conflict", "the staff member is deactivated");

  const token = TOKEN_SCHEME + randomBytes(TOKEN_BYTES).toString("base64url");
  const prefix = token.slice(0, PREFIX_LENGTH);
  const row = await tx.apiToken.create({
    data: {
      staffId: staff.id,
      name,
      tokenHash: hashToken(token),
      prefix,
      createdAt: now,
      expiresAt: parsed.expiresAt ?? null,
    },
    select: { id: true },
  });
  await writeAudit(tx, {
    actor,
    action: "api_token.issued",
    subjectType: "api_token",
    subjectId: row.id,
    serviceId: staff.serviceId,
    details: { staffId: staff.id, prefix, expiresAt: parsed.expiresAt?.toISOString() ?? null },
    at: now,
  });
  return { id: row.id, token, prefix };
}
