/**
 * Stored documents to download: the reader's own exports (registers and reports asked for in the
 * bot, while the server keeps them) and, on a signal's page, the forms handed over with its
 * assessments. Links name files by id only (no personal data in addresses); the file's name comes
 * in the download's `Content-Disposition`.
 */
import { lastDay } from "../../registers/domain/periods.ts";
import type { MyDocument, SignalDocument } from "../queries/files.ts";
import type { ViewContext } from "./context.ts";
import { Layout } from "./layout.tsx";
import { DataTable } from "./table.tsx";

/** A download link of a stored file (plain: htmx must not fetch a file into the page). */
export function FileLink(props: { href: string; label: string }) {
  return (
    <a href={props.href} hx-boost="false" download>
      {props.label}
    </a>
  );
}

/** The address of a stored file's download. */
export const filePath = (fileId: string) => `/console/files/${fileId}`;

/** The documents of a signal (or its case), when there are any. */
export function SignalDocuments({ ctx, documents }: { ctx: ViewContext; documents: SignalDocument[] }) {
  const { t } = ctx;
  if (documents.length === 0) return null;
  return (
    <section aria-labelledby="documents">
      <h2 id="documents">{t("console.documents.of_signal")}</h2>
      <ul class="documents">
        {documents.map((d) => (
          <li>
            <FileLink
              href={filePath(d.fileId)}
              label={t("console.documents.assessment_form", { number: d.assessmentNumber })}
            />{" "}
            <span class="muted">
              {t("console.documents.handed_over", { at: ctx.dateTime(d.handedOverAt) })}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function title(ctx: ViewContext, d: MyDocument): string {
  const { t } = ctx;
  const what =
    d.kind === "service_journal"
      ? t("registers.documents.service_journal")
      : d.kind === "effectiveness"
        ? t("registers.documents.effectiveness")
        : d.hospitalName
          ? t("registers.documents.hospital_journal", { hospital: d.hospitalName })
          : t("registers.documents.hospital_journal_all");
  const period =
    d.from && d.to ? ` · ${ctx.date(d.from)} – ${ctx.date(lastDay({ from: d.from, to: d.to }))}` : "";
  return `${what}${period} · ${d.format.toUpperCase()}`;
}

/** The reader's documents page. */
export function DocumentsPageView({ ctx, documents }: { ctx: ViewContext; documents: MyDocument[] }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("console.documents.title")} section="documents">
      <p class="lead">{t("console.documents.lead")}</p>
      <DataTable
        rows={documents.length}
        empty={t("console.documents.none")}
        columns={[
          t("console.documents.document"),
          t("console.documents.asked"),
          t("console.documents.state"),
        ]}
      >
        {documents.map((d) => (
          <tr data-export={d.id}>
            <td>{d.fileId ? <FileLink href={filePath(d.fileId)} label={title(ctx, d)} /> : title(ctx, d)}</td>
            <td>{ctx.dateTime(d.createdAt)}</td>
            <td>
              {d.status !== "done"
                ? t(`console.documents.status.${d.status}`)
                : d.fileId
                  ? d.deleteAfter
                    ? t("console.documents.kept_until", { at: ctx.dateTime(d.deleteAfter) })
                    : t("console.documents.kept")
                  : t("console.documents.deleted")}
              {d.rows !== null ? (
                <div class="muted">{t("console.documents.rows", { count: d.rows })}</div>
              ) : null}
            </td>
          </tr>
        ))}
      </DataTable>
    </Layout>
  );
}
