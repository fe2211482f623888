/**
 * People and places, for administrators: the service's hospitals, staff, invitations and API
 * tokens. Each list asks the access policy first.
 */
import { authorize, type StaffActor } from "../../access/policy.ts";
import { listApiTokens, type ApiTokenListItem } from "../../access/tokens.ts";
import type { StaffRole } from "../../platform/actor.ts";
import type { Db } from "../../platform/db/client.ts";

/** A hospital as listed. */
export interface HospitalRow {
  id: string;
  name: string;
  shortName: string;
  timeZone: string | null;
  address: string | null;
  active: boolean;
  isDemo: boolean;
}

/** The service's hospitals, by short name. */
export async function listHospitals(db: Db, actor: StaffActor): Promise<HospitalRow[]> {
  authorize(actor, "hospital.manage");
  return db.hospital.findMany({
    where: { serviceId: actor.serviceId },
    orderBy: { shortName: "asc" },
    select: {
      id: true,
      name: true,
      shortName: true,
      timeZone: true,
      address: true,
      active: true,
      isDemo: true,
    },
  });
}

/** Active hospitals to invite a reporter to (also for the staff administrator). */
export async function hospitalChoices(
  db: Db,
  actor: StaffActor,
): Promise<{ id: string; shortName: string }[]> {
  authorize(actor, "staff.manage");
  return db.hospital.findMany({
    where: { serviceId: actor.serviceId, active: true },
    orderBy: { shortName: "asc" },
    select: { id: true, shortName: true },
  });
}

/** A staff member as listed. */
export interface StaffRow {
  id: string;
  fullName: string;
  role: StaffRole;
  hospital: { shortName: string } | null;
  active: boolean;
  deactivatedAt: Date | null;
  messengers: string[];
}

/** The service's staff: active first, then by role and name. */
export async function listStaff(db: Db, actor: StaffActor): Promise<StaffRow[]> {
  authorize(actor, "staff.manage");
  const rows = await db.staff.findMany({
    where: { serviceId: actor.serviceId },
    orderBy: [{ active: "desc" }, { role: "asc" }, { fullName: "asc" }],
    select: {
      id: true,
      fullName: true,
      role: true,
      active: true,
      deactivatedAt: true,
      hospital: { select: { shortName: true } },
      identities: { select: { messenger: true } },
    },
  });
  return rows.map(({ identities, ...s }) => ({
    ...s,
    messengers: [...new Set(identities.map((i) => i.messenger))],
  }));
}

/** An invitation as listed; `code` only while it can still be used. */
export interface InvitationRow {
  id: string;
  fullName: string;
  role: StaffRole;
  hospital: { shortName: string } | null;
  createdAt: Date;
  expiresAt: Date;
  usedAt: Date | null;
  code: string | null;
}

/** The newest invitations (100). */
export async function listInvitations(db: Db, actor: StaffActor, now: Date): Promise<InvitationRow[]> {
  authorize(actor, "staff.manage");
  const rows = await db.invitation.findMany({
    where: { serviceId: actor.serviceId },
    orderBy: { createdAt: "desc" },
    take: 100,
    select: {
      id: true,
      fullName: true,
      role: true,
      code: true,
      createdAt: true,
      expiresAt: true,
      usedAt: true,
      hospital: { select: { shortName: true } },
    },
  });
  return rows.map((r) => ({ ...r, code: r.usedAt === null && r.expiresAt > now ? r.code : null }));
}

/** The service's API tokens (never the tokens themselves). */
export async function listTokens(db: Db, actor: StaffActor): Promise<ApiTokenListItem[]> {
  authorize(actor, "api_token.manage");
  return listApiTokens(db, { serviceId: actor.serviceId });
}

/** Active staff to issue a token to. */
export async function tokenHolders(
  db: Db,
  actor: StaffActor,
): Promise<{ id: string; fullName: string; role: StaffRole }[]> {
  authorize(actor, "api_token.manage");
  return db.staff.findMany({
    where: { serviceId: actor.serviceId, active: true },
    orderBy: { fullName: "asc" },
    select: { id: true, fullName: true, role: true },
  });
}
