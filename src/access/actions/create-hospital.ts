/**
 * An administrator registers a maternity hospital of the service (its journal numbers start at 1).
 */
import { z } from "zod";
import { authorize, type Actor } from "../policy.ts";
import { writeAudit } from "../../platform/audit.ts";
import { DomainError } from "../../platform/errors.ts";
import type { AccessDeps } from "./deps.ts";

/** Whether `zone` is an IANA time zone this runtime knows. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export const createHospitalInput = z.object({
  serviceId: z.uuid(),
  name: z.string().trim().min(1).max(200),
  shortName: z.string().trim().min(1).max(30),
  /** Only when it differs from the service's zone. */
  timeZone: z.string().trim().refine(isTimeZone, "not an IANA time zone").optional(),
  /** Its street address, shown on the curator's card. */
  address: z.string().trim().min(1).max(300).optional(),
});
export type CreateHospitalInput = z.input<typeof createHospitalInput>;

/** The hospital as created. */
export interface CreatedHospital {
  id: string;
  name: string;
  shortName: string;
  timeZone: string | null;
  address: string | null;
}

/**
 * Creates a hospital.
 *
 * @throws DomainError `forbidden` (not an admin), `not_found` (another service), `conflict`
 *   (`hospital_exists`: the name or the short name is taken in the service).
 */
export async function createHospital(
  deps: AccessDeps,
  actor: Actor,
  input: CreateHospitalInput,
): Promise<CreatedHospital> {
  const parsed = createHospitalInput.parse(input);
  authorize(actor, "hospital.manage", { serviceId: parsed.serviceId });
  const { tx, now } = deps;
  const taken = await tx.hospital.findFirst({
    where: {
      serviceId: parsed.serviceId,
      OR: [
        { name: { equals: parsed.name, mode: "insensitive" } },
        { shortName: { equals: parsed.shortName, mode: "insensitive" } },
      ],
    },
    select: { id: true },
  });
  if (taken) {
    throw new DomainError("conflict", "access.admin.hospital_exists", {
      message: "a hospital with this name or short name exists",
      reason: "hospital_exists",
    });
  }
  const hospital = await tx.hospital.create({
    data: {
      serviceId: parsed.serviceId,
      name: parsed.name,
      shortName: parsed.shortName,
      timeZone: parsed.timeZone ?? null,
      address: parsed.address ?? null,
      createdAt: now,
    },
    select: { id: true, name: true, shortName: true, timeZone: true, address: true },
  });
  await writeAudit(tx, {
    actor,
    action: "hospital.created",
    subjectType: "hospital",
    subjectId: hospital.id,
    serviceId: parsed.serviceId,
    at: now,
  });
  return hospital;
}
