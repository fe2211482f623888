/**
 * The job that makes a document asked for in a chat (../actions/request-export.ts) and sends it
 * back there as a stored file (chat code: it writes to that chat's outbox, including the
 * `sendDocument` a notice cannot carry). XLSX registers are streamed (the memory of one batch of rows, any
 * period); a long export shows a progress message that is edited as rows are written. The file
 * is kept until delivered, then for `keepHours` (the expiry job below), and deleted by the
 * platform's hourly clean-up.
 *
 * Idempotent: a finished or failed export is left alone; one interrupted while running (a crash)
 * is made again.
 */
import { findChatStaff } from "../../access/identity.ts";
import { staffActor, type StaffActor } from "../../access/policy.ts";
import { writeAudit } from "../../platform/audit.ts";
import type { ChatMessage, FeatureDeps } from "../../platform/chat/app.ts";
import type { Reader } from "../../platform/chat/render.ts";
import { DomainError } from "../../platform/errors.ts";
import { storeFile } from "../../platform/files.ts";
import type { Text } from "../../platform/flow/types.ts";
import { handleJob, type JobDefinition } from "../../platform/jobs/queue.ts";
import { safeError } from "../../platform/logger.ts";
import type { MessengerKind } from "../../platform/messenger/contract.ts";
import { chatKey, enqueue, type OutboxEntry } from "../../platform/outbox/enqueue.ts";
import { journalQuery } from "../../signals/queries/journals.ts";
import { exportParams, type ExportKind } from "../actions/request-export.ts";
import type { DayPeriod } from "../domain/periods.ts";
import {
  collect,
  CONTENT_TYPES,
  documentText,
  fileName,
  type DocumentFormat,
  type DocumentText,
} from "../documents/format.ts";
import { writeRegister } from "../documents/journal-register.ts";
import { writeReport } from "../documents/report.ts";
import { readEffectiveness } from "../queries/effectiveness.ts";
import type { RegisterSettings } from "../settings.ts";
import { EXPIRE_DOCUMENTS, MAKE_DOCUMENT } from "../jobs/types.ts";

/** The progress message is edited at most this often. */
const PROGRESS_EVERY_MS = 3000;
/** Documents never delivered are deleted after this many hours all the same. */
const UNDELIVERED_HOURS = 72;

type ExportRow = {
  id: string;
  service_id: string;
  requested_by_id: string;
  kind: ExportKind;
  format: DocumentFormat;
  params: unknown;
  messenger: MessengerKind;
  chat_id: string;
};

/** Who asked, as the document and the chat need them. */
interface Requester {
  actor: StaffActor;
  reader: Reader;
  text: DocumentText;
  serviceName: string;
}

/** The registers' jobs. */
export function registerJobs(deps: FeatureDeps, settings: RegisterSettings): JobDefinition[] {
  return [
    handleJob(MAKE_DOCUMENT, ({ exportId }) => makeDocument(deps, settings, exportId), { retryLimit: 0 }),
    handleJob(
      EXPIRE_DOCUMENTS,
      async () => {
        await expireDocuments(deps, settings);
      },
      { cron: "*/5 * * * *" },
    ),
  ];
}

/** The document's name as people read it ("Регистрационный журнал Службы"). */
async function documentName(
  deps: FeatureDeps,
  text: DocumentText,
  kind: ExportKind,
  hospitalId: string | null,
) {
  if (kind === "service_journal") return text.t("documents.service_journal");
  if (kind === "effectiveness") return text.t("documents.effectiveness");
  if (!hospitalId) return text.t("documents.hospital_journal_all");
  const hospital = await deps.db.hospital.findUnique({
    where: { id: hospitalId },
    select: { shortName: true },
  });
  return text.t("documents.hospital_journal", { hospital: hospital?.shortName ?? "?" });
}

/** Makes one export. */
export async function makeDocument(
  deps: FeatureDeps,
  settings: RegisterSettings,
  exportId: string,
): Promise<void> {
  const now = deps.clock();
  const [row] = await deps.db.$queryRaw<ExportRow[]>`
    UPDATE document_exports SET status = 'running', started_at = ${now}
     WHERE id = ${exportId}::uuid AND status IN ('queued', 'running')
     RETURNING id, service_id, requested_by_id, kind, format, params, messenger, chat_id`;
  if (!row) return;
  const requester = await loadRequester(deps, row);
  if (!requester) {
    await finish(deps, row, { status: "failed", error: "the requester is no longer active" }, []);
    return;
  }
  const params = exportParams.parse(row.params);
  const period: DayPeriod = { from: params.from, to: params.to };
  const { text } = requester;
  const name = await documentName(deps, text, row.kind, params.hospitalId);
  const to = (message: ChatMessage, messageId?: number): OutboxEntry[] =>
    deps.messages
      .calls(
        row.messenger,
        requester.reader,
        row.chat_id,
        messageId ? { ...message, replace: true } : message,
        messageId,
      )
      .map((call) => ({ messenger: row.messenger, chatId: row.chat_id, call }));
  const documentParams = { document: name, period: text.period(period) };

  try {
    const output = collect();
    let rows: number | null = null;
    if (row.kind === "effectiveness") {
      const report = await readEffectiveness(deps.db, {
        actor: requester.actor,
        serviceId: row.service_id,
        period,
        now,
      });
      await writeReport(report, row.format, text, output.stream);
    } else {
      // The scope is checked again: access may have changed since the request.
      const query = await journalQuery(
        deps.db,
        requester.actor,
        row.kind === "hospital_journal" ? "hospital" : "service",
        { from: params.from, to: params.to, ...(params.hospitalId ? { hospitalId: params.hospitalId } : {}) },
      );
      const progress = new ProgressMessage(deps, row, settings.progressMinRows, (done, total) =>
        to({ texts: [{ key: "registers.export.progress", params: { ...documentParams, done, total } }] }),
      );
      const hospitalName = params.hospitalId
        ? ((await deps.db.hospital.findUnique({ where: { id: params.hospitalId }, select: { name: true } }))
            ?.name ?? null)
        : null;
      const result = await writeRegister(
        deps.db,
        {
          query,
          format: row.format,
          text,
          serviceName: requester.serviceName,
          hospitalName,
          period,
          generatedAt: now,
        },
        output.stream,
        (done, total) => progress.update(done, total),
      );
      rows = result.rows;
      await progress.settle();
    }
    const content = await output.done;
    const doneText: Text =
      rows === null
        ? { key: "registers.export.done_report", params: { document: name } }
        : { key: "registers.export.done", params: { document: name, rows } };
    await finish(deps, row, { status: "done", rows, content, name: fileName(name, period, row.format) }, [], {
      caption: text.t("export.caption", { ...documentParams, hours: settings.keepHours }),
      done: doneText,
      to,
      requester,
    });
  } catch (error) {
    const failure: Text =
      error instanceof DomainError
        ? error.text
        : { key: "registers.export.failed", params: { document: name } };
    if (!(error instanceof DomainError))
      deps.logger.error({ err: safeError(error), exportId }, "document export failed");
    const code = error instanceof DomainError ? error.code : "internal";
    await finish(deps, row, { status: "failed", error: code }, to({ texts: [failure] }));
  }
}

async function loadRequester(deps: FeatureDeps, row: ExportRow): Promise<Requester | null> {
  const found = await findChatStaff(deps.db, { staffId: row.requested_by_id });
  if (!found?.active) return null;
  const service = await deps.db.service.findUniqueOrThrow({
    where: { id: row.service_id },
    select: { name: true, timeZone: true },
  });
  const { staff } = found;
  return {
    actor: staffActor(staff, "chat"),
    reader: { locale: staff.locale, timeZone: staff.timeZone },
    // Documents show the service's time: the registers are the service's.
    text: documentText(deps.translator, staff.locale, service.timeZone),
    serviceName: service.name,
  };
}

type Outcome =
  | { status: "done"; rows: number | null; content: Buffer; name: string }
  | { status: "failed"; error: string };

/**
 * Ends the export in one transaction: the file stored (kept until delivered), the row updated and
 * freed for the next request, the audit row, and the messages queued; then delivered.
 */
async function finish(
  deps: FeatureDeps,
  row: ExportRow,
  outcome: Outcome,
  messages: OutboxEntry[],
  done?: {
    caption: string;
    done: Text;
    to: (message: ChatMessage, messageId?: number) => OutboxEntry[];
    requester: Requester;
  },
): Promise<void> {
  const now = deps.clock();
  const chats = await deps.db.$transaction(async (tx) => {
    const entries = [...messages];
    let fileId: string | null = null;
    if (outcome.status === "done") {
      fileId = await storeFile(tx, {
        serviceId: row.service_id,
        name: outcome.name,
        contentType: CONTENT_TYPES[row.format],
        content: outcome.content,
        purpose: row.kind === "effectiveness" ? "report_export" : "register_export",
        // Set once it has been delivered (see expireDocuments).
        deleteAfter: null,
      });
      const [progress] = await tx.$queryRaw<{ message_id: number | null }[]>`
        SELECT o.result_message_id AS message_id FROM document_exports e
          JOIN outbox_messages o ON o.id = e.progress_outbox_id
         WHERE e.id = ${row.id}::uuid AND o.status = 'sent'`;
      if (done) {
        entries.push(...done.to({ texts: [done.done] }, progress?.message_id ?? undefined));
        entries.push({
          messenger: row.messenger,
          chatId: row.chat_id,
          call: { method: "sendDocument", chatId: row.chat_id, fileId, caption: done.caption },
        });
        await writeAudit(tx, {
          actor: done.requester.actor,
          action: "document.made",
          subjectType: "document_export",
          subjectId: row.id,
          details: { kind: row.kind, format: row.format, rows: outcome.rows, fileId },
          at: now,
        });
      }
    }
    await tx.documentExport.update({
      where: { id: row.id },
      data: {
        status: outcome.status,
        activeKey: null,
        finishedAt: now,
        ...(outcome.status === "done" ? { rows: outcome.rows, fileId } : { error: outcome.error }),
      },
    });
    return enqueue(tx, entries, now);
  });
  deps.deliver(chats);
}

/** The progress message of a long export: sent once, then edited as rows are written. */
class ProgressMessage {
  private lastAt = 0;
  private pending: Promise<void> = Promise.resolve();

  constructor(
    private readonly deps: FeatureDeps,
    private readonly row: ExportRow,
    private readonly minRows: number,
    private readonly render: (done: number, total: number) => OutboxEntry[],
  ) {}

  /** Shows `done` of `total` (throttled); the first call for a long export sends the message. */
  update(done: number, total: number): Promise<void> {
    if (total < this.minRows) return Promise.resolve();
    const now = Date.now();
    if (done > 0 && done < total && now - this.lastAt < PROGRESS_EVERY_MS) return Promise.resolve();
    if (done >= total) return Promise.resolve();
    this.lastAt = now;
    this.pending = this.pending.then(() => this.show(done, total));
    return this.pending;
  }

  settle(): Promise<void> {
    return this.pending;
  }

  private async show(done: number, total: number): Promise<void> {
    const { deps, row } = this;
    const now = deps.clock();
    const chats = await deps.db.$transaction(async (tx) => {
      const [current] = await tx.$queryRaw<{ outbox_id: bigint | null; message_id: number | null }[]>`
        SELECT e.progress_outbox_id AS outbox_id, o.result_message_id AS message_id
          FROM document_exports e LEFT JOIN outbox_messages o ON o.id = e.progress_outbox_id AND o.status = 'sent'
         WHERE e.id = ${row.id}::uuid`;
      if (current?.outbox_id) {
        // Not sent yet: the next update edits it.
        if (current.message_id === null) return [];
        return enqueue(tx, this.edit(done, total, current.message_id), now);
      }
      const entries = this.render(done, total).slice(0, 1);
      const queued = await enqueue(tx, entries, now);
      // currval is this session's: the id the insert above just took, whatever others insert.
      await tx.$executeRaw`
        UPDATE document_exports SET progress_outbox_id = currval(pg_get_serial_sequence('outbox_messages', 'id'))
         WHERE id = ${row.id}::uuid`;
      return queued;
    });
    deps.deliver(chats.length > 0 ? chats : [chatKey(row.messenger, row.chat_id)]);
  }

  private edit(done: number, total: number, messageId: number): OutboxEntry[] {
    return this.render(done, total).map((entry) =>
      entry.call.method === "sendMessage"
        ? {
            ...entry,
            call: { method: "editMessageText", chatId: entry.chatId, messageId, text: entry.call.text },
          }
        : entry,
    );
  }
}

/**
 * Documents delivered are deleted `keepHours` after delivery; those whose delivery failed at once,
 * and those never delivered within {@link UNDELIVERED_HOURS}.
 */
export async function expireDocuments(deps: FeatureDeps, settings: RegisterSettings): Promise<number> {
  const now = deps.clock();
  const delivered = await deps.db.$executeRaw`
    UPDATE stored_files f
       SET delete_after = CASE WHEN o.status = 'sent' THEN o.sent_at + make_interval(hours => ${settings.keepHours}::int)
                               ELSE ${now}::timestamptz END
      FROM document_exports e
      JOIN outbox_messages o ON o.messenger = e.messenger AND o.chat_id = e.chat_id
     WHERE e.file_id = f.id AND f.delete_after IS NULL
       AND o.payload->>'method' = 'sendDocument' AND o.payload->>'fileId' = f.id::text
       AND o.status IN ('sent', 'failed', 'dead')`;
  const stale = await deps.db.$executeRaw`
    UPDATE stored_files SET delete_after = ${now}
     WHERE delete_after IS NULL AND purpose IN ('register_export', 'report_export')
       AND created_at < ${new Date(now.getTime() - UNDELIVERED_HOURS * 3_600_000)}`;
  return delivered + stale;
}
