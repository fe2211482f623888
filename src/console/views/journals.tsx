/**
 * The two journals with the API's filters and paging. Filters travel in the address (ids, dates
 * and statuses only: no personal data in URLs).
 */
import { shortName } from "../../access/names.ts";
import { SIGNAL_STATUSES } from "../../signals/domain/lifecycle.ts";
import type {
  HospitalJournalRow,
  JournalFilters,
  JournalKind,
  JournalResult,
  ServiceJournalRow,
} from "../queries/journals.ts";
import type { ViewContext } from "./context.ts";
import { Layout } from "./layout.tsx";

/** What the filter form offers. */
export interface FilterOptions {
  hospitals: { id: string; shortName: string }[];
  curators: { id: string; fullName: string }[];
}

function query(kind: JournalKind, filters: JournalFilters, page: number): string {
  const params = new URLSearchParams();
  for (const key of ["from", "to", "hospitalId", "curatorId", "status"] as const) {
    const value = filters[key];
    if (value) params.set(key, value);
  }
  if (page > 1) params.set("page", String(page));
  const qs = params.toString();
  return `/console/journals/${kind}${qs ? `?${qs}` : ""}`;
}

function Addresses({ ctx, row }: { ctx: ViewContext; row: HospitalJournalRow | ServiceJournalRow }) {
  const { t } = ctx;
  const lines: [string, string | null][] = [
    ["registered_address", row.registeredAddress],
    ["actual_address", row.actualAddress],
    ["ambulance_from", row.ambulanceFrom],
  ];
  return (
    <>
      {lines
        .filter(([, value]) => value)
        .map(([key, value]) => (
          <div>
            <span class="muted">{t(`console.journals.col.${key}`)}</span> {value}
          </div>
        ))}
    </>
  );
}

function HospitalTable({ ctx, rows }: { ctx: ViewContext; rows: HospitalJournalRow[] }) {
  const { t } = ctx;
  const col = (key: string) => <th scope="col">{t(`console.journals.col.${key}`)}</th>;
  return (
    <table>
      <thead>
        <tr>
          {col("number")}
          {col("hospital")}
          {col("woman")}
          {col("addresses")}
          {col("identified")}
          {col("registered")}
          {col("transmitted")}
          {col("late")}
          {col("reporter")}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr>
            <td>
              <a href={`/console/signals/${r.id}`}>{r.number}</a>
            </td>
            <td>{r.hospital.name}</td>
            <td>{r.womanFullName}</td>
            <td>
              <Addresses ctx={ctx} row={r} />
            </td>
            <td>{ctx.dateTime(r.identifiedAt)}</td>
            <td>{ctx.dateTime(r.registeredAt)}</td>
            <td>{ctx.dateTime(r.transmittedAt)}</td>
            <td>{r.late ? <span class="overdue">{t("console.yes")}</span> : t("console.no")}</td>
            <td>{shortName(r.reporter.fullName)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ServiceTable({ ctx, rows }: { ctx: ViewContext; rows: ServiceJournalRow[] }) {
  const { t } = ctx;
  const col = (key: string) => <th scope="col">{t(`console.journals.col.${key}`)}</th>;
  return (
    <table>
      <thead>
        <tr>
          {col("number")}
          {col("received")}
          {col("hospital")}
          {col("woman")}
          {col("addresses")}
          {col("phone")}
          {col("reporter")}
          {col("urgency")}
          {col("curator")}
          {col("assigned")}
          {col("arrived")}
          {col("decision")}
          {col("case")}
          {col("status")}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr>
            <td>
              <a href={`/console/signals/${r.id}`}>{r.number}</a>
            </td>
            <td>
              {ctx.dateTime(r.receivedAt)}
              {r.late ? <div class="overdue">{t("console.journals.col.late")}</div> : null}
            </td>
            <td>{r.hospital.name}</td>
            <td>{r.womanFullName}</td>
            <td>
              <Addresses ctx={ctx} row={r} />
            </td>
            <td>{r.phone ?? t("console.none")}</td>
            <td>{shortName(r.reporter.fullName)}</td>
            <td>{r.urgency ? t(`signal.urgency.${r.urgency}`) : t("console.none")}</td>
            <td>{r.curator ? shortName(r.curator.fullName) : t("console.none")}</td>
            <td>
              {ctx.dateTime(r.assignedAt)}
              {r.assignedBy ? <div class="muted">{shortName(r.assignedBy.fullName)}</div> : null}
            </td>
            <td>{ctx.dateTime(r.arrivedAt)}</td>
            <td>
              {r.decision ? t(`console.signal.decisions.${r.decision}`) : t("console.none")}
              {r.decidedAt ? <div class="muted">{ctx.dateTime(r.decidedAt)}</div> : null}
            </td>
            <td>{r.caseNumber ?? t("console.none")}</td>
            <td>{t(`signal.status.${r.status}`)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The journal page. */
export function JournalPageView(props: {
  ctx: ViewContext;
  kinds: JournalKind[];
  result: JournalResult;
  filters: JournalFilters;
  options: FilterOptions;
}) {
  const { ctx, kinds, result, filters, options } = props;
  const { t } = ctx;
  const kind = result.kind;
  // The console reads numbered pages (never a cursor), so both are always set.
  const page = result.page.page ?? 1;
  const total = result.page.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / result.page.pageSize));
  return (
    <Layout ctx={ctx} title={t(`console.journals.${kind}`)} section="journals">
      {kinds.length > 1 ? (
        <nav class="tabs" aria-label={t("console.journals.title")}>
          {kinds.map((k) => (
            <a href={`/console/journals/${k}`} aria-current={k === kind ? "page" : undefined}>
              {t(`console.journals.${k}`)}
            </a>
          ))}
        </nav>
      ) : null}

      <form method="get" action={`/console/journals/${kind}`} class="filters" role="search">
        <fieldset>
          <legend>{t("console.journals.filters")}</legend>
          <label>
            <span>{t("console.journals.from")}</span>
            <input type="date" name="from" value={filters.from ?? ""} />
          </label>
          <label>
            <span>{t("console.journals.to")}</span>
            <input type="date" name="to" value={filters.to ?? ""} />
          </label>
          <label>
            <span>{t("console.journals.hospital_filter")}</span>
            <select name="hospitalId">
              <option value="">{t("console.journals.any")}</option>
              {options.hospitals.map((h) => (
                <option value={h.id} selected={filters.hospitalId === h.id}>
                  {h.shortName}
                </option>
              ))}
            </select>
          </label>
          {kind === "service" || options.curators.length > 0 ? (
            <label>
              <span>{t("console.journals.curator_filter")}</span>
              <select name="curatorId">
                <option value="">{t("console.journals.any")}</option>
                {options.curators.map((c) => (
                  <option value={c.id} selected={filters.curatorId === c.id}>
                    {c.fullName}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          <label>
            <span>{t("console.journals.status_filter")}</span>
            <select name="status">
              <option value="">{t("console.journals.any")}</option>
              {SIGNAL_STATUSES.map((s) => (
                <option value={s} selected={filters.status === s}>
                  {t(`signal.status.${s}`)}
                </option>
              ))}
            </select>
          </label>
          <div class="buttons">
            <button type="submit">{t("console.journals.apply")}</button>
            <a href={`/console/journals/${kind}`}>{t("console.journals.reset")}</a>
          </div>
        </fieldset>
      </form>
      {/* Issue 11: XLSX and PDF export buttons for the same filters go here. */}

      <p class="muted" aria-live="polite">
        {t("console.journals.total", { count: total })}
        {total > 0 ? ` · ${t("console.journals.page", { page, pages })}` : ""}
      </p>
      {total === 0 ? (
        <p class="empty">{t("console.journals.empty")}</p>
      ) : (
        <div class="table-wrap">
          {result.kind === "hospital" ? (
            <HospitalTable ctx={ctx} rows={result.page.items} />
          ) : (
            <ServiceTable ctx={ctx} rows={result.page.items} />
          )}
        </div>
      )}
      {pages > 1 ? (
        <nav class="paging" aria-label={t("console.journals.paging")}>
          {page > 1 ? <a href={query(kind, filters, page - 1)}>{t("console.journals.prev")}</a> : null}
          {page < pages ? <a href={query(kind, filters, page + 1)}>{t("console.journals.next")}</a> : null}
        </nav>
      ) : null}
    </Layout>
  );
}
