/**
 * A register as the HTTP response (`GET /api/journals/{hospital|service}?format=xlsx|pdf&from&to`):
 * streamed as it is written, so a long period takes the memory of one batch of rows. Writes the
 * audit row `register.exported`.
 */
import type { Response } from "express";
import { authorize, type StaffActor } from "../../access/policy.ts";
import { writeAudit } from "../../platform/audit.ts";
import type { DbClient } from "../../platform/db/client.ts";
import { apiError, DomainError } from "../../platform/errors.ts";
import type { Json } from "../../platform/flow/types.ts";
import { pickLocale, type Locale, type Translator } from "../../platform/i18n/index.ts";
import {
  journalCount,
  journalQuery,
  type JournalFilters,
  type JournalName,
} from "../../signals/queries/journals.ts";
import { isIsoDate, type DayPeriod } from "../domain/periods.ts";
import { CONTENT_TYPES, documentText, fileName, type DocumentFormat } from "../documents/format.ts";
import { MAX_PDF_ROWS, writeRegister } from "../documents/journal-register.ts";

/** What a register response needs. */
export interface RegisterFileDeps {
  db: DbClient;
  clock: () => Date;
  translator: Translator;
}

/** `Content-Disposition` naming a file with any letters (RFC 6266 / 5987). */
export function attachment(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/**
 * Streams the register to `res`.
 *
 * @throws DomainError `bad_request` (a document needs `from` and `to` as dates), `forbidden`,
 *   `unprocessable` (a PDF of more than {@link MAX_PDF_ROWS} rows).
 */
export async function sendRegister(
  deps: RegisterFileDeps,
  request: {
    actor: StaffActor;
    journal: JournalName;
    filters: JournalFilters;
    format: DocumentFormat;
    /** The document's language; default: the person's own (the bot's). */
    locale?: Locale;
  },
  res: Response,
): Promise<void> {
  const { actor, journal, filters, format } = request;
  for (const field of ["from", "to"] as const) {
    const value = filters[field];
    if (value === undefined || !isIsoDate(value)) {
      throw apiError("bad_request", `${field}: a register needs whole days: an ISO date (2026-01-01)`, {
        field,
      });
    }
  }
  const period: DayPeriod = { from: filters.from!, to: filters.to! };
  const hospitalId =
    filters.hospitalId ?? (actor.role === "reporter" ? (actor.hospitalId ?? undefined) : undefined);
  authorize(actor, "register.export", { serviceId: actor.serviceId, ...(hospitalId ? { hospitalId } : {}) });
  const { db } = deps;
  const now = deps.clock();
  const query = await journalQuery(db, actor, journal, {
    from: period.from,
    to: period.to,
    ...(filters.hospitalId ? { hospitalId: filters.hospitalId } : {}),
    ...(filters.curatorId ? { curatorId: filters.curatorId } : {}),
    ...(filters.status ? { status: filters.status } : {}),
  });
  if (format === "pdf") {
    const rows = await journalCount(db, query);
    if (rows > MAX_PDF_ROWS) {
      throw new DomainError("unprocessable", "registers.export.too_many_for_pdf", {
        params: { max: MAX_PDF_ROWS, rows },
        message: `a PDF register holds at most ${MAX_PDF_ROWS} rows; this period has ${rows} (use format=xlsx)`,
        reason: "too_many_rows_for_pdf",
      });
    }
  }
  const [staff, service, hospital] = await Promise.all([
    db.staff.findUniqueOrThrow({ where: { id: actor.id }, select: { locale: true } }),
    db.service.findUniqueOrThrow({ where: { id: actor.serviceId }, select: { name: true, timeZone: true } }),
    hospitalId
      ? db.hospital.findUnique({ where: { id: hospitalId }, select: { name: true, shortName: true } })
      : null,
  ]);
  const text = documentText(deps.translator, request.locale ?? pickLocale(staff.locale), service.timeZone);
  const title =
    journal === "service"
      ? text.t("documents.service_journal")
      : hospital
        ? text.t("documents.hospital_journal", { hospital: hospital.shortName })
        : text.t("documents.hospital_journal_all");
  await writeAudit(db, {
    actor,
    action: "register.exported",
    subjectType: "journal",
    subjectId: journal,
    details: {
      journal,
      format,
      // A searched name is never part of a register (nor of its audit row).
      filters: Object.fromEntries(
        Object.entries(filters).filter(([k, v]) => v !== undefined && k !== "name"),
      ) as Record<string, Json>,
    },
    at: now,
  });
  res.setHeader("Content-Type", CONTENT_TYPES[format]);
  res.setHeader("Content-Disposition", attachment(fileName(title, period, format)));
  res.setHeader("Cache-Control", "no-store");
  try {
    await writeRegister(
      db,
      {
        query,
        format,
        text,
        serviceName: service.name,
        hospitalName: journal === "hospital" ? (hospital?.name ?? null) : null,
        period,
        generatedAt: now,
      },
      res,
    );
  } catch (error) {
    // Part of the file may have left already: the only honest answer now is a cut connection.
    if (res.headersSent) {
      res.destroy(error instanceof Error ? error : undefined);
      return;
    }
    res.removeHeader("Content-Disposition");
    throw error;
  }
}
