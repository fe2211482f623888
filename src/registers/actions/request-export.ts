/**
 * Someone asks in a chat for a document: a register (the hospital's journal or the service's) or
 * the effectiveness report, for a period, as XLSX or PDF. The request is recorded and a job makes
 * the document and sends it back to that chat (../jobs/make-document.ts). The same document asked
 * for again while it is being made is made once: the second request is told it is on its way.
 */
import { z } from "zod";
import { authorize, type StaffActor } from "../../access/policy.ts";
import { writeAudit } from "../../platform/audit.ts";
import type { ActionDeps } from "../../platform/actions.ts";
import { DomainError } from "../../platform/errors.ts";
import { journalCount, journalQuery } from "../../signals/queries/journals.ts";
import { periodProblem } from "../domain/periods.ts";
import { DOCUMENT_FORMATS } from "../documents/format.ts";
import { MAX_PDF_ROWS } from "../documents/journal-register.ts";
import { MAKE_DOCUMENT } from "../jobs/types.ts";

/** What can be exported. */
export const EXPORT_KINDS = ["hospital_journal", "service_journal", "effectiveness"] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

export const requestExportInput = z.object({
  kind: z.enum(EXPORT_KINDS),
  format: z.enum(DOCUMENT_FORMATS),
  /** First day (ISO date) and the day after the last. */
  from: z.string(),
  to: z.string(),
  /** The hospital of a hospital register; none: all the caller may see. */
  hospitalId: z.uuid().nullable(),
  /** Where the document goes: the messenger and chat it was asked for in. */
  messenger: z.string().min(1).max(20),
  chatId: z.string().min(1).max(64),
});
export type RequestExportInput = z.infer<typeof requestExportInput>;

/** The parameters a job reads back from `document_exports.params`. */
export const exportParams = z.object({
  from: z.string(),
  to: z.string(),
  hospitalId: z.uuid().nullable(),
});

/**
 * Records the request and queues the job; returns the export's id.
 *
 * @throws DomainError `forbidden` (the role may not export it; a reporter and another hospital's
 *   or the service's journal), `unprocessable` (a PDF register of too many rows),
 *   `conflict` (`registers.export.already`: the same document is being made).
 */
export async function requestExport(
  deps: ActionDeps<unknown>,
  actor: StaffActor,
  input: RequestExportInput,
): Promise<{ exportId: string }> {
  const request = requestExportInput.parse(input);
  const problem = periodProblem(request);
  if (problem)
    throw new DomainError("bad_request", "errors.bad_request", {
      message: `${problem.field}: ${problem.reason}`,
    });
  const { tx, now } = deps;
  if (request.kind === "effectiveness") {
    authorize(actor, "report.read");
  } else {
    authorize(actor, "register.export", {
      serviceId: actor.serviceId,
      ...(request.hospitalId ? { hospitalId: request.hospitalId } : {}),
    });
    // The journal's own scope (a reporter: their hospital's hospital journal only), checked now
    // rather than in the job, and a PDF too long to print refused before anything is queued.
    const query = await journalQuery(
      tx,
      actor,
      request.kind === "hospital_journal" ? "hospital" : "service",
      {
        from: request.from,
        to: request.to,
        ...(request.hospitalId ? { hospitalId: request.hospitalId } : {}),
      },
    );
    if (request.format === "pdf") {
      const rows = await journalCount(tx, query);
      if (rows > MAX_PDF_ROWS) {
        throw new DomainError("unprocessable", "registers.export.too_many_for_pdf", {
          params: { max: MAX_PDF_ROWS, rows },
          reason: "too_many_rows_for_pdf",
        });
      }
    }
  }
  const params = { from: request.from, to: request.to, hospitalId: request.hospitalId };
  const activeKey = [
    actor.id,
    request.kind,
    request.format,
    request.from,
    request.to,
    request.hospitalId ?? "-",
  ].join(":");
  // ON CONFLICT, not a caught unique violation: a failed statement would abort the caller's
  // transaction (the chat turn). The unique key exists only while an export is queued or running.
  const [created] = await tx.$queryRaw<{ id: string }[]>`
    INSERT INTO document_exports (id, service_id, requested_by_id, kind, format, params, active_key, messenger, chat_id, created_at)
    VALUES (gen_random_uuid(), ${actor.serviceId}::uuid, ${actor.id}::uuid, ${request.kind}, ${request.format},
            ${JSON.stringify(params)}::jsonb, ${activeKey}, ${request.messenger}, ${request.chatId}, ${now})
    ON CONFLICT (active_key) DO NOTHING
    RETURNING id`;
  if (!created) {
    throw new DomainError("conflict", "registers.export.already", {
      message: "the same document is being made",
      reason: "already_in_progress",
    });
  }
  await writeAudit(tx, {
    actor,
    action: "document.requested",
    subjectType: "document_export",
    subjectId: created.id,
    details: { kind: request.kind, format: request.format, ...params },
    at: now,
  });
  await deps.jobs.schedule(MAKE_DOCUMENT, { exportId: created.id });
  return { exportId: created.id };
}
