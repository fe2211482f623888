/**
 * The audit trail: who did or read what, when, and through which channel. Append-only rows in
 * `audit_events`, written in the same transaction as the change (or the read) they record.
 * Details carry ids, kinds and counts, never personal data.
 */
import type { Actor } from "./actor.ts";
import type { Db } from "./db/client.ts";
import type { Json } from "./flow/types.ts";

/** One audit row. */
export interface AuditEntry {
  actor: Actor;
  /** Dotted verb, e.g. "signal.assigned", "journal.read". */
  action: string;
  subjectType: string;
  subjectId: string;
  /** The service the subject belongs to (the actor's, unless the system acts). */
  serviceId?: string | null;
  details?: Record<string, Json>;
  at: Date;
}

/** Appends one audit row. */
export async function writeAudit(db: Db, entry: AuditEntry): Promise<void> {
  const { actor } = entry;
  const staff = actor.kind === "staff" ? actor : null;
  await db.auditEvent.create({
    data: {
      serviceId: entry.serviceId ?? staff?.serviceId ?? null,
      actorStaffId: staff?.id ?? null,
      action: entry.action,
      subjectType: entry.subjectType,
      subjectId: entry.subjectId,
      details: {
        ...(entry.details ?? {}),
        via: actor.channel,
        ...(staff?.tokenId ? { tokenId: staff.tokenId } : {}),
      },
      at: entry.at,
    },
  });
}
