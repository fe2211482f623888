/**
 * Who performs an action or a read: a staff member through a channel, or the system itself. The
 * access policy (src/access/policy.ts) decides what each may do; audit rows record them.
 */

/** Staff roles (the database enum `staff_role`). */
export const STAFF_ROLES = ["reporter", "head", "curator", "psychologist", "admin"] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** How a request reached us; audit rows record it. */
export type Channel = "chat" | "api" | "console" | "cli" | "job";

/** A staff member acting through a channel. */
export interface StaffActor {
  kind: "staff";
  id: string;
  role: StaffRole;
  serviceId: string;
  /** A reporter's hospital; null for the service's own staff. */
  hospitalId: string | null;
  channel: Channel;
  /** The API token the request came with (audit), never the secret. */
  tokenId?: string;
}

/** The system itself (a job, the admin command line). */
export interface SystemActor {
  kind: "system";
  channel: Extract<Channel, "job" | "cli">;
}

/**
 * A mother writing to her curator through the bot (src/clients/): bound to one case by her
 * invitation, never a staff member. The access policy grants her none of the staff permissions;
 * what she may do is only what the clients area offers her, always about her own case.
 */
export interface ClientActor {
  kind: "client";
  /** Her client identity (`client_identities`). */
  id: string;
  caseId: string;
  serviceId: string;
  channel: Extract<Channel, "chat">;
}

/** Whoever performs an action. */
export type Actor = StaffActor | SystemActor | ClientActor;

/** Builds a staff actor (from the chat's staff row, an API token's staff, a console session). */
export function staffActor(
  staff: { id: string; role: StaffRole; serviceId: string; hospitalId: string | null },
  channel: Channel,
  tokenId?: string,
): StaffActor {
  return {
    kind: "staff",
    id: staff.id,
    role: staff.role,
    serviceId: staff.serviceId,
    hospitalId: staff.hospitalId,
    channel,
    ...(tokenId ? { tokenId } : {}),
  };
}
