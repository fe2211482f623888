/**
 * The journals as the console reads them: the API's filters and paging, on the signal area's own
 * journal queries (which apply the access policy and write the audit rows). Everything the console
 * needs from those queries goes through this one module, so their rewrite (keyset paging, name
 * search, XLSX/PDF exports: issue 11) touches the console here only.
 */
import { type StaffActor } from "../../access/policy.ts";
import type { Db } from "../../platform/db/client.ts";
import {
  readHospitalJournal,
  readServiceJournal,
  type HospitalJournalRow,
  type JournalFilters,
  type JournalPage,
  type ServiceJournalRow,
} from "../../signals/queries/journals.ts";

export type { HospitalJournalRow, JournalFilters, JournalPage, ServiceJournalRow };

/** Which journal. */
export type JournalKind = "hospital" | "service";

/** One page of either journal. */
export type JournalResult =
  | { kind: "hospital"; page: JournalPage<HospitalJournalRow> }
  | { kind: "service"; page: JournalPage<ServiceJournalRow> };

/** Reads a page of a journal (audited by the query). */
export async function readJournal(
  db: Db,
  actor: StaffActor,
  kind: JournalKind,
  filters: JournalFilters,
  now: Date,
): Promise<JournalResult> {
  return kind === "hospital"
    ? { kind, page: await readHospitalJournal(db, { actor, filters, now }) }
    : { kind, page: await readServiceJournal(db, { actor, filters, now }) };
}

/** What the filter form offers: the service's hospitals and curators (active or not: journals keep them). */
export async function journalFilterOptions(
  db: Db,
  actor: StaffActor,
): Promise<{ hospitals: { id: string; shortName: string }[]; curators: { id: string; fullName: string }[] }> {
  const [hospitals, curators] = await Promise.all([
    db.hospital.findMany({
      where: { serviceId: actor.serviceId, ...(actor.hospitalId ? { id: actor.hospitalId } : {}) },
      orderBy: { shortName: "asc" },
      select: { id: true, shortName: true },
    }),
    // A curator filters by themselves only (the policy's scope); nobody else is listed to them.
    db.staff.findMany({
      where: {
        serviceId: actor.serviceId,
        role: "curator",
        ...(actor.role === "curator" ? { id: actor.id } : {}),
      },
      orderBy: { fullName: "asc" },
      select: { id: true, fullName: true },
    }),
  ]);
  return { hospitals, curators };
}
