/**
 * Today: for heads and administrators the service at a glance (signals waiting for a curator with
 * their waiting time, visits due, curators' loads out of 9, with the head's actions); for a
 * curator their own signals and cases.
 */
import { shortName } from "../../access/names.ts";
import { MAX_OPEN_CASES, minutesBetween } from "../../signals/domain/lifecycle.ts";
import { signalNumber } from "../../signals/domain/numbers.ts";
import type { AttentionItem, CaseAttention } from "../queries/attention.ts";
import type { CuratorWork, ServiceOverview, TodaySignal } from "../queries/today.ts";
import type { ViewContext } from "./context.ts";
import { Layout } from "./layout.tsx";
import { SignalActions, type Allowed } from "./signal-actions.tsx";
import { DataTable } from "./table.tsx";

function SignalLink({
  ctx,
  signal,
}: {
  ctx: ViewContext;
  signal: TodaySignal | { id: string; serviceNumber: number; serviceYear: number };
}) {
  const number = signalNumber(signal);
  return (
    <a href={`/console/signals/${signal.id}`} aria-label={ctx.t("console.journals.open", { number })}>
      {number}
    </a>
  );
}

function Deadline({ ctx, signal }: { ctx: ViewContext; signal: TodaySignal }) {
  if (!signal.visitDeadline) return <span class="muted">{ctx.t("console.today.no_deadline")}</span>;
  const overdue = signal.visitDeadline <= ctx.now;
  return (
    <span class={overdue ? "overdue" : undefined}>
      {ctx.dateTime(signal.visitDeadline)}
      {overdue ? ` · ${ctx.t("console.today.overdue")}` : ""}
    </span>
  );
}

function Urgency({ ctx, signal }: { ctx: ViewContext; signal: TodaySignal }) {
  return signal.urgency ? (
    <span class={`badge ${signal.urgency}`}>{ctx.t(`signal.urgency.${signal.urgency}`)}</span>
  ) : (
    <span class="muted">{ctx.t("console.none")}</span>
  );
}

function attentionText(ctx: ViewContext, item: AttentionItem): string {
  const { t } = ctx;
  const at = item.kind === "action" ? ctx.date(item.at.toISOString().slice(0, 10)) : ctx.dateTime(item.at);
  switch (item.kind) {
    case "monitoring":
      return t(`console.today.attention.monitoring_${item.stage ?? "decision_change"}`, { at });
    case "ack":
      return t(item.overdue ? "console.today.attention.ack_overdue" : "console.today.attention.ack", { at });
    case "limit":
      return t(item.overdue ? "console.today.attention.limit_over" : "console.today.attention.limit", { at });
    default:
      return t(`console.today.attention.${item.kind}`, { at });
  }
}

/** Cases' overdue monitoring and actions, hand-overs waiting, limits near or over; safety plans' overdue actions. */
function Attention({
  ctx,
  attention,
  showCurator,
}: {
  ctx: ViewContext;
  attention: CaseAttention;
  showCurator: boolean;
}) {
  const { t } = ctx;
  const count = attention.cases.length + attention.safetyActions.length;
  return (
    <section aria-labelledby="attention">
      <h2 id="attention">
        {t("console.today.attention_title")} <span class="count">{count}</span>
      </h2>
      {count === 0 ? <p class="empty">{t("console.today.attention_empty")}</p> : null}
      {attention.cases.length > 0 ? (
        <ul class="cards">
          {attention.cases.map((c) => (
            <li class="card" data-case={c.number}>
              <div class="card-head">
                <strong>
                  <a
                    href={`/console/cases/${c.caseId}`}
                    aria-label={t("console.case_page.open", { number: c.number })}
                  >
                    {t("console.case_page.title", { number: c.number })}
                  </a>
                </strong>
                {showCurator ? <span>{shortName(c.curator.fullName)}</span> : null}
              </div>
              <ul>
                {c.items.map((item) => (
                  <li class={item.overdue ? "overdue" : undefined} data-attention={item.kind}>
                    {attentionText(ctx, item)}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      ) : null}
      {attention.safetyActions.length > 0 ? (
        <>
          <h3>{t("console.today.safety_title")}</h3>
          <ul>
            {attention.safetyActions.map((x) => (
              <li class="overdue" data-safety-action={`${x.assessmentNumber}:${x.position}`}>
                <a href={x.caseId ? `/console/cases/${x.caseId}` : `/console/assessments/${x.assessmentId}`}>
                  {t("console.today.safety_item", {
                    number: x.assessmentNumber,
                    position: x.position,
                    at: ctx.date(x.dueDate),
                  })}
                </a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

/** The head's and administrator's Today. */
export function OverviewPage(props: {
  ctx: ViewContext;
  overview: ServiceOverview;
  allowed: Allowed;
  attention: CaseAttention;
}) {
  const { ctx, overview, allowed } = props;
  const { t } = ctx;
  const readOnly = !allowed.assign && !allowed.urgency;
  return (
    <Layout ctx={ctx} title={t("console.today.title")} section="today">
      <p class="muted">
        {t("console.today.as_of", { at: ctx.dateTime(ctx.now) })} ·{" "}
        <a href="/console">{t("console.today.refresh")}</a>
      </p>
      {readOnly ? <p class="note">{t("console.today.read_only")}</p> : null}

      <section aria-labelledby="waiting">
        <h2 id="waiting">
          {t("console.today.waiting_title")} <span class="count">{overview.waiting.length}</span>
        </h2>
        {overview.waiting.length === 0 ? (
          <p class="empty">{t("console.today.waiting_empty")}</p>
        ) : (
          <ul class="cards">
            {overview.waiting.map((s) => (
              <li class={`card${s.urgency === "urgent" ? " urgent" : ""}`} data-signal={signalNumber(s)}>
                <div class="card-head">
                  <strong>
                    <SignalLink ctx={ctx} signal={s} />
                  </strong>
                  <span>{s.hospital.shortName}</span>
                  <span class="waiting">
                    {t("console.col.waiting")}: {ctx.duration(minutesBetween(s.transmittedAt, ctx.now))}
                  </span>
                  {s.isDemo ? <span class="badge">{t("console.demo")}</span> : null}
                </div>
                <dl class="facts">
                  <div>
                    <dt>{t("console.col.category")}</dt>
                    <dd>{t(`signal.category.${s.category}`)}</dd>
                  </div>
                  <div>
                    <dt>{t("console.col.location")}</dt>
                    <dd>{t(`signal.location.${s.location}`)}</dd>
                  </div>
                  <div>
                    <dt>{t("console.col.received")}</dt>
                    <dd>{ctx.dateTime(s.transmittedAt)}</dd>
                  </div>
                  <div>
                    <dt>{t("console.col.urgency")}</dt>
                    <dd>
                      <Urgency ctx={ctx} signal={s} />
                    </dd>
                  </div>
                </dl>
                <SignalActions ctx={ctx} signal={s} curators={overview.curators} allowed={allowed} />
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="visits">
        <h2 id="visits">
          {t("console.today.visits_title")} <span class="count">{overview.visits.length}</span>
        </h2>
        {overview.visits.length === 0 ? (
          <p class="empty">{t("console.today.visits_empty")}</p>
        ) : (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("console.col.number")}</th>
                  <th scope="col">{t("console.col.hospital")}</th>
                  <th scope="col">{t("console.col.urgency")}</th>
                  <th scope="col">{t("console.col.curator")}</th>
                  <th scope="col">{t("console.col.status")}</th>
                  <th scope="col">{t("console.col.deadline")}</th>
                  {allowed.reassign ? <th scope="col">{t("console.col.actions")}</th> : null}
                </tr>
              </thead>
              <tbody>
                {overview.visits.map((s) => (
                  <tr data-signal={signalNumber(s)}>
                    <td>
                      <SignalLink ctx={ctx} signal={s} />
                    </td>
                    <td>{s.hospital.shortName}</td>
                    <td>
                      <Urgency ctx={ctx} signal={s} />
                    </td>
                    <td>{s.curator ? shortName(s.curator.fullName) : t("console.none")}</td>
                    <td>{t(`signal.status.${s.status}`)}</td>
                    <td>
                      <Deadline ctx={ctx} signal={s} />
                    </td>
                    {allowed.reassign ? (
                      <td>
                        <SignalActions
                          ctx={ctx}
                          signal={s}
                          curators={overview.curators}
                          allowed={{ urgency: false, assign: false, reassign: true }}
                        />
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <Attention ctx={ctx} attention={props.attention} showCurator={true} />

      <section aria-labelledby="loads">
        <h2 id="loads">{t("console.today.loads_title")}</h2>
        {overview.curators.length === 0 ? (
          <p class="empty">{t("console.today.loads_empty")}</p>
        ) : (
          <ul class="loads">
            {overview.curators.map((c) => (
              <li class={c.openCases >= MAX_OPEN_CASES ? "full" : undefined}>
                <span class="name">{c.fullName}</span>
                <meter min={0} max={MAX_OPEN_CASES} high={MAX_OPEN_CASES - 1} value={c.openCases}>
                  {c.openCases}/{MAX_OPEN_CASES}
                </meter>
                <span>{t("console.today.load", { count: c.openCases })}</span>
                <span class="muted">{t("console.today.load_signals", { count: c.activeSignals })}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </Layout>
  );
}

/** A curator's Today. */
export function CuratorPage(props: { ctx: ViewContext; work: CuratorWork; attention: CaseAttention }) {
  const { ctx, work } = props;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("console.today.title")} section="today">
      <Attention ctx={ctx} attention={props.attention} showCurator={false} />
      <section aria-labelledby="mine-signals">
        <h2 id="mine-signals">{t("console.today.mine_signals")}</h2>
        <DataTable
          rows={work.signals.length}
          empty={t("console.today.mine_signals_empty")}
          columns={[
            t("console.col.number"),
            t("console.col.hospital"),
            t("console.col.urgency"),
            t("console.col.status"),
            t("console.col.deadline"),
          ]}
        >
          {work.signals.map((s) => (
            <tr>
              <td>
                <SignalLink ctx={ctx} signal={s} />
              </td>
              <td>{s.hospital.shortName}</td>
              <td>
                <Urgency ctx={ctx} signal={s} />
              </td>
              <td>{t(`signal.status.${s.status}`)}</td>
              <td>
                <Deadline ctx={ctx} signal={s} />
              </td>
            </tr>
          ))}
        </DataTable>
      </section>
      <section aria-labelledby="mine-cases">
        <h2 id="mine-cases">{t("console.today.mine_cases")}</h2>
        <DataTable
          rows={work.cases.length}
          empty={t("console.today.mine_cases_empty")}
          columns={[t("console.col.case"), t("console.col.number"), t("console.col.opened")]}
        >
          {work.cases.map((c) => (
            <tr>
              <td>
                <a
                  href={`/console/cases/${c.id}`}
                  aria-label={t("console.case_page.open", { number: c.number })}
                >
                  {c.number}
                </a>
              </td>
              <td>
                <SignalLink
                  ctx={ctx}
                  signal={{
                    id: c.signalId,
                    serviceNumber: c.serviceNumber,
                    serviceYear: c.serviceYear,
                  }}
                />
              </td>
              <td>{ctx.dateTime(c.openedAt)}</td>
            </tr>
          ))}
        </DataTable>
      </section>
    </Layout>
  );
}
