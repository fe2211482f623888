/**
 * The two journals with the API's filters, keyset paging, a search by the woman's name and the
 * registers' downloads. Filters and cursors travel in the address (ids, dates, statuses and
 * journal positions only); a searched name never does: the search is a form posted with the
 * page's CSRF token, and its pages are posted the same way.
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
import { Csrf, Layout } from "./layout.tsx";

/** What the filter form offers. */
export interface FilterOptions {
  hospitals: { id: string; shortName: string }[];
  curators: { id: string; fullName: string }[];
}

/** The filters that travel with every link and form of the page (never the name). */
const FILTER_KEYS = ["from", "to", "hospitalId", "curatorId", "status"] as const;

/** Page size of the console's journals. */
export const JOURNAL_PAGE_SIZE = 50;

/** The address of a journal with `filters` (and a page position). */
export function journalPath(
  kind: JournalKind,
  filters: Partial<JournalFilters>,
  at?: { cursor: string; n: number },
): string {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = filters[key];
    if (value) params.set(key, value);
  }
  if (at) {
    params.set("cursor", at.cursor);
    params.set("n", String(at.n));
  }
  const qs = params.toString();
  return `/console/journals/${kind}${qs ? `?${qs}` : ""}`;
}

/** The address of a register download with the journal's filters. */
function exportPath(kind: JournalKind, filters: JournalFilters, format: "xlsx" | "pdf"): string {
  const params = new URLSearchParams({ format });
  for (const key of FILTER_KEYS) {
    const value = filters[key];
    if (value) params.set(key, value);
  }
  return `/console/journals/${kind}/export?${params.toString()}`;
}

/** The filters as hidden fields of a posted form. */
function HiddenFilters({ filters }: { filters: Partial<JournalFilters> }) {
  return (
    <>
      {FILTER_KEYS.map((key) =>
        filters[key] ? <input type="hidden" name={key} value={filters[key]} /> : null,
      )}
    </>
  );
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
              {r.kind === "child_threat" ? (
                <div class="overdue">⚠ {t("signal.kind.child_threat")}</div>
              ) : null}
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
              {r.kind === "child_threat" ? (
                <div class="overdue">⚠ {t("signal.kind.child_threat")}</div>
              ) : null}
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
            <td>
              {r.case ? (
                <a
                  href={`/console/cases/${r.case.id}`}
                  aria-label={t("console.case_page.open", { number: r.case.number })}
                >
                  {r.case.number}
                </a>
              ) : (
                t("console.none")
              )}
            </td>
            <td>{t(`signal.status.${r.status}`)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function FilterForm(props: {
  ctx: ViewContext;
  kind: JournalKind;
  filters: JournalFilters;
  options: FilterOptions;
}) {
  const { ctx, kind, filters, options } = props;
  const { t } = ctx;
  return (
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
  );
}

/** The name search: posted (a name must not sit in an address), within the current filters. */
function SearchForm(props: { ctx: ViewContext; kind: JournalKind; filters: JournalFilters }) {
  const { ctx, kind, filters } = props;
  const { t } = ctx;
  return (
    <form method="post" action={`/console/journals/${kind}`} class="filters search" role="search">
      <fieldset>
        <legend>{t("console.journals.search.title")}</legend>
        <Csrf ctx={ctx} />
        <HiddenFilters filters={filters} />
        <label class="grow">
          <span>{t("console.journals.search.label")}</span>
          <input
            type="search"
            name="name"
            value={filters.name ?? ""}
            maxlength={200}
            autocomplete="off"
            spellcheck={false}
            aria-describedby="search-hint"
          />
        </label>
        <div class="buttons">
          <button type="submit">{t("console.journals.search.submit")}</button>
          {filters.name !== undefined ? (
            <a href={journalPath(kind, filters)}>{t("console.journals.search.clear")}</a>
          ) : null}
        </div>
        <p id="search-hint" class="muted hint">
          {t("console.journals.search.hint")}
        </p>
      </fieldset>
    </form>
  );
}

/** The registers of the same filters, as files (the registers' own streaming path). */
function Downloads(props: { ctx: ViewContext; kind: JournalKind; filters: JournalFilters }) {
  const { ctx, kind, filters } = props;
  const { t } = ctx;
  const dated = (v: string | undefined) => v !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(v);
  return (
    <section class="downloads" aria-labelledby="downloads">
      <h2 id="downloads">{t("console.journals.export.title")}</h2>
      {dated(filters.from) && dated(filters.to) ? (
        <>
          <p class="muted">
            {t("console.journals.export.lead", { from: ctx.date(filters.from), to: ctx.date(filters.to) })}
            {filters.name !== undefined ? ` ${t("console.journals.export.not_search")}` : ""}
          </p>
          <p class="buttons">
            {/* Plain downloads: htmx must not fetch a file into the page. */}
            <a class="button" href={exportPath(kind, filters, "xlsx")} hx-boost="false" download>
              {t("console.journals.export.xlsx")}
            </a>
            <a class="button" href={exportPath(kind, filters, "pdf")} hx-boost="false" download>
              {t("console.journals.export.pdf")}
            </a>
          </p>
        </>
      ) : (
        <p class="muted">{t("console.journals.export.need_period")}</p>
      )}
    </section>
  );
}

/** Next page and back to the first: links, or posted forms in a search (the name stays out of the address). */
function Paging(props: {
  ctx: ViewContext;
  kind: JournalKind;
  filters: JournalFilters;
  n: number;
  nextCursor: string | null;
}) {
  const { ctx, kind, filters, n, nextCursor } = props;
  const { t } = ctx;
  if (n <= 1 && !nextCursor) return null;
  const search = filters.name !== undefined;
  const post = (label: string, at?: { cursor: string; n: number }) => (
    <form method="post" action={`/console/journals/${kind}`} class="inline">
      <Csrf ctx={ctx} />
      <HiddenFilters filters={filters} />
      <input type="hidden" name="name" value={filters.name ?? ""} />
      {at ? (
        <>
          <input type="hidden" name="cursor" value={at.cursor} />
          <input type="hidden" name="n" value={String(at.n)} />
        </>
      ) : null}
      <button type="submit" class="link">
        {label}
      </button>
    </form>
  );
  const first = t("console.journals.first");
  const next = t("console.journals.next");
  const at = nextCursor ? { cursor: nextCursor, n: n + 1 } : undefined;
  return (
    <nav class="paging" aria-label={t("console.journals.paging")}>
      {n > 1 ? search ? post(first) : <a href={journalPath(kind, filters)}>{first}</a> : null}
      {at ? search ? post(next, at) : <a href={journalPath(kind, filters, at)}>{next}</a> : null}
    </nav>
  );
}

/** The journal page. */
export function JournalPageView(props: {
  ctx: ViewContext;
  kinds: JournalKind[];
  result: JournalResult;
  filters: JournalFilters;
  options: FilterOptions;
  /** The page's position (1: the first, counted; later pages are reached by cursor). */
  n: number;
  /** Whether the reader may download registers. */
  canExport: boolean;
}) {
  const { ctx, kinds, result, filters, options, n, canExport } = props;
  const { t } = ctx;
  const kind = result.kind;
  const { total, pageSize, nextCursor, items } = result.page;
  const search = filters.name !== undefined;
  let summary: string;
  if (total !== null) {
    const pages = Math.max(1, Math.ceil(total / pageSize));
    const count = t(search ? "console.journals.search.found" : "console.journals.total", { count: total });
    summary = total > 0 && pages > 1 ? `${count} · ${t("console.journals.page", { page: 1, pages })}` : count;
  } else {
    summary = t("console.journals.page_n", { page: n });
  }
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

      <FilterForm ctx={ctx} kind={kind} filters={filters} options={options} />
      <SearchForm ctx={ctx} kind={kind} filters={filters} />
      {canExport ? <Downloads ctx={ctx} kind={kind} filters={filters} /> : null}

      <p class="muted" aria-live="polite" id="journal-summary">
        {summary}
      </p>
      {items.length === 0 ? (
        <p class="empty">{t(search ? "console.journals.search.nothing" : "console.journals.empty")}</p>
      ) : (
        <div class="table-wrap">
          {result.kind === "hospital" ? (
            <HospitalTable ctx={ctx} rows={result.page.items} />
          ) : (
            <ServiceTable ctx={ctx} rows={result.page.items} />
          )}
        </div>
      )}
      <Paging ctx={ctx} kind={kind} filters={filters} n={n} nextCursor={nextCursor} />
    </Layout>
  );
}
