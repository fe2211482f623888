/**
 * Stored files (src/platform/files.ts) as the console hands them out. A file is downloadable only
 * through the record that made it, and only to whom the one policy lets read that record:
 *
 * - a document export (a register or a report asked for in the bot): the person who asked, while
 *   they may still export that register or read the report (`document.read` and the kind's own
 *   permission);
 * - the form handed over with a child safety assessment (`assessments.handover_file_id`): whoever
 *   may read that assessment (`assessment.read`).
 *
 * A file no record names, or one of another service, is "not found". Every download is audited
 * (`file.downloaded`: ids and kind, never the name, which may carry a case number).
 *
 * - the package of a case's hand-over (`case_handovers.file_id`): whoever may read that case
 *   (`case.read`).
 *
 * Extension point: a new kind of stored document adds its record here, with the permission that
 * guards that record.
 */
import { authorize, type StaffActor } from "../../access/policy.ts";
import { assessmentSubject, loadAssessment } from "../../assessments/queries/assessment-view.ts";
import { caseSubject } from "../../cases/actions/change.ts";
import { writeAudit } from "../../platform/audit.ts";
import type { Db } from "../../platform/db/client.ts";
import { DomainError } from "../../platform/errors.ts";
import { loadFile } from "../../platform/files.ts";
import { exportParams, type ExportKind } from "../../registers/actions/request-export.ts";

const notFound = () => new DomainError("not_found", "console.files.gone", { message: "no such file" });

/** What a file belongs to, for the policy and the audit row. */
type Owner =
  | { kind: "document_export"; id: string }
  | { kind: "assessment"; id: string }
  | { kind: "case_handover"; id: string };

/** The audit detail naming the record a file belongs to. */
const OWNER_FIELD: Record<Owner["kind"], string> = {
  document_export: "exportId",
  assessment: "assessmentId",
  case_handover: "handoverId",
};

/** Checks that `actor` may read the record behind `fileId`; returns it. */
async function authorizeFile(db: Db, actor: StaffActor, fileId: string): Promise<Owner> {
  const [exported] = await db.$queryRaw<
    { id: string; service_id: string; requested_by_id: string; kind: ExportKind; params: unknown }[]
  >`SELECT id, service_id, requested_by_id, kind, params FROM document_exports WHERE file_id = ${fileId}::uuid LIMIT 1`;
  if (exported) {
    authorize(actor, "document.read", { serviceId: exported.service_id, ownerId: exported.requested_by_id });
    if (exported.kind === "effectiveness") {
      authorize(actor, "report.read", { serviceId: exported.service_id });
    } else {
      const params = exportParams.safeParse(exported.params);
      authorize(actor, "register.export", {
        serviceId: exported.service_id,
        ...(params.success && params.data.hospitalId ? { hospitalId: params.data.hospitalId } : {}),
      });
    }
    return { kind: "document_export", id: exported.id };
  }
  const handedOver = await db.assessment.findFirst({
    where: { handoverFileId: fileId },
    select: { id: true },
  });
  if (handedOver) {
    const assessment = await loadAssessment(db, handedOver.id);
    if (!assessment) throw notFound();
    authorize(actor, "assessment.read", assessmentSubject(assessment));
    return { kind: "assessment", id: assessment.id };
  }
  const handover = await db.caseHandover.findFirst({
    where: { fileId },
    select: { id: true, case: { select: { serviceId: true, curatorId: true, psychologistId: true } } },
  });
  if (handover) {
    authorize(actor, "case.read", caseSubject(handover.case));
    return { kind: "case_handover", id: handover.id };
  }
  throw notFound();
}

/**
 * A stored file for `actor` to download, audited.
 *
 * @throws DomainError `not_found` (no such file, deleted already, another service's, or a record
 *   the actor may not read), `forbidden` (the actor's role may no longer read that kind).
 */
export async function downloadFile(
  db: Db,
  actor: StaffActor,
  fileId: string,
  now: Date,
): Promise<{ name: string; contentType: string; content: Buffer }> {
  const meta = await db.storedFile.findUnique({
    where: { id: fileId },
    select: { serviceId: true, purpose: true, size: true },
  });
  if (!meta || meta.serviceId !== actor.serviceId) throw notFound();
  const owner = await authorizeFile(db, actor, fileId).catch((error: unknown) => {
    // Another's document: told as a missing one (the policy's "not found"), in this page's words.
    throw error instanceof DomainError && error.code === "not_found" ? notFound() : error;
  });
  const file = await loadFile(db, fileId);
  if (!file) throw notFound();
  await writeAudit(db, {
    actor,
    action: "file.downloaded",
    subjectType: "stored_file",
    subjectId: fileId,
    details: {
      purpose: meta.purpose,
      size: meta.size,
      [OWNER_FIELD[owner.kind]]: owner.id,
    },
    at: now,
  });
  return file;
}

/** A document the reader asked for, as the documents page lists it. */
export interface MyDocument {
  id: string;
  kind: ExportKind;
  format: string;
  from: string | null;
  to: string | null;
  hospitalName: string | null;
  status: "queued" | "running" | "done" | "failed";
  rows: number | null;
  createdAt: Date;
  /** The stored file while it is kept; null once deleted (or never made). */
  fileId: string | null;
  /** When the file will be deleted (null: not decided yet, until delivered). */
  deleteAfter: Date | null;
}

/** The reader's own document exports, newest first (the last `limit`). */
export async function myDocuments(db: Db, actor: StaffActor, limit = 30): Promise<MyDocument[]> {
  const rows = await db.$queryRaw<
    {
      id: string;
      kind: ExportKind;
      format: string;
      params: unknown;
      status: MyDocument["status"];
      rows: number | null;
      created_at: Date;
      file_id: string | null;
      delete_after: Date | null;
      hospital_name: string | null;
    }[]
  >`
    SELECT e.id, e.kind, e.format, e.params, e.status::text AS status, e.rows, e.created_at,
           f.id AS file_id, f.delete_after, h.short_name AS hospital_name
      FROM document_exports e
      LEFT JOIN stored_files f ON f.id = e.file_id
      LEFT JOIN hospitals h ON h.id::text = e.params->>'hospitalId'
     WHERE e.requested_by_id = ${actor.id}::uuid AND e.service_id = ${actor.serviceId}::uuid
     ORDER BY e.created_at DESC
     LIMIT ${limit}`;
  return rows.map((r) => {
    const params = exportParams.safeParse(r.params);
    return {
      id: r.id,
      kind: r.kind,
      format: r.format,
      from: params.success ? params.data.from : null,
      to: params.success ? params.data.to : null,
      hospitalName: r.hospital_name,
      status: r.status,
      rows: r.rows,
      createdAt: r.created_at,
      fileId: r.file_id,
      deleteAfter: r.delete_after,
    };
  });
}

/** A handed-over assessment form of a signal (or its case). */
export interface SignalDocument {
  fileId: string;
  assessmentNumber: string;
  handedOverAt: Date | null;
  name: string;
}

/** The forms handed over with the assessments of a signal or its case that `actor` may read. */
export async function signalDocuments(
  db: Db,
  actor: StaffActor,
  signal: { id: string; caseId: string | null },
): Promise<SignalDocument[]> {
  const candidates = await db.assessment.findMany({
    where: {
      handoverFileId: { not: null },
      OR: [{ signalId: signal.id }, ...(signal.caseId ? [{ caseId: signal.caseId }] : [])],
    },
    orderBy: { handedOverAt: "asc" },
    select: { id: true },
  });
  const shown: SignalDocument[] = [];
  for (const { id } of candidates) {
    const assessment = await loadAssessment(db, id);
    if (!assessment?.handoverFileId) continue;
    try {
      authorize(actor, "assessment.read", assessmentSubject(assessment));
    } catch (error) {
      if (error instanceof DomainError) continue;
      throw error;
    }
    const file = await db.storedFile.findUnique({
      where: { id: assessment.handoverFileId },
      select: { name: true },
    });
    if (!file) continue;
    shown.push({
      fileId: assessment.handoverFileId,
      assessmentNumber: assessment.number,
      handedOverAt: assessment.handedOverAt,
      name: file.name,
    });
  }
  return shown;
}
