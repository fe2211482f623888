/**
 * One signal: everything known about it, the head's actions, and its history.
 */
import type { ComponentChildren } from "preact";
import { shortName } from "../../access/names.ts";
import type { CuratorLoad } from "../../signals/domain/lifecycle.ts";
import type { SignalDetail, TimelineEntry } from "../../signals/queries/signal-detail.ts";
import type { ViewContext } from "./context.ts";
import type { SignalDocument } from "../queries/files.ts";
import { SignalDocuments } from "./documents.tsx";
import { Layout } from "./layout.tsx";
import { SignalActions, type Allowed } from "./signal-actions.tsx";

function Row({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function text(ctx: ViewContext, value: string | null | undefined): string {
  return value === null || value === undefined || value === "" ? ctx.t("console.none") : value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** One line of the history, in words; ids of curators become their names. */
export function eventText(
  ctx: ViewContext,
  entry: TimelineEntry,
  names: ReadonlyMap<string, string>,
): string {
  const { t } = ctx;
  const data = isRecord(entry.data) ? entry.data : {};
  const name = (id: unknown) =>
    typeof id === "string" ? shortName(names.get(id) ?? t("console.none")) : t("console.none");
  const override =
    data.override === true && typeof data.overrideReason === "string"
      ? ` (${t("console.signal.event.override", { reason: data.overrideReason })})`
      : "";
  const number = (n: unknown, y: unknown) =>
    typeof n === "number" && typeof y === "number" ? `${n}/${y}` : "";
  switch (entry.type) {
    case "registered":
      return t("console.signal.event.registered", { number: number(data.hospitalNumber, data.hospitalYear) });
    case "transmitted":
      return t(
        data.late === true ? "console.signal.event.transmitted_late" : "console.signal.event.transmitted",
        {
          number: number(data.serviceNumber, data.serviceYear),
        },
      );
    case "urgency_set":
      return t("console.signal.event.urgency_set", {
        urgency:
          data.urgency === "urgent" || data.urgency === "planned" ? t(`signal.urgency.${data.urgency}`) : "",
      });
    case "assigned":
    case "reassigned":
      return t(`console.signal.event.${entry.type}`, { curator: name(data.curatorId) }) + override;
    case "declined":
      return t("console.signal.event.declined", {
        curator: name(data.curatorId),
        reason:
          data.reason === "other" && typeof data.text === "string"
            ? data.text
            : t(`signal.decline_reasons.${typeof data.reason === "string" ? data.reason : "other"}`),
      });
    case "case_opened":
      return t("console.signal.event.case_opened", {
        case: typeof data.caseNumber === "string" ? data.caseNumber : "",
      });
    case "visit_planned":
      return t("console.signal.event.visit_planned", {
        at: typeof data.at === "string" ? ctx.dateTime(new Date(data.at)) : "",
      });
    case "visit_reminded":
      return t("console.signal.event.visit_reminded");
    case "reminder_sent":
      return t("console.signal.event.reminder_sent", { n: typeof data.n === "number" ? data.n : 0 });
    case "accepted":
    case "departed":
    case "arrived":
    case "outcome":
    case "closed":
    case "accept_overdue":
    case "visit_overdue":
      return t(`console.signal.event.${entry.type}`);
    default:
      return t("console.signal.event.other", { type: entry.type });
  }
}

/** The visit outcome's answers, labelled as the outcome dialogue labels them. */
function Outcome({ ctx, outcome }: { ctx: ViewContext; outcome: unknown }) {
  if (!isRecord(outcome)) return null;
  const { t } = ctx;
  const label = (field: string) => t(`flows.visit_outcome.${field}.label`);
  const choice = (group: string, value: unknown) =>
    typeof value === "string" ? t(`outcome.${group}.${value}`) : null;
  const rows: [string, string | null][] = [
    [label("met"), choice("met", outcome.met)],
    [label("address_visit"), choice("address_visit", outcome.address_visit)],
    [label("intention"), choice("intention", outcome.intention)],
  ];
  const reasons = outcome.reasons;
  if (isRecord(reasons) && Array.isArray(reasons.values)) {
    const texts = isRecord(reasons.texts) ? reasons.texts : {};
    const items = reasons.values
      .filter((v): v is string => typeof v === "string")
      .map((v) => {
        const extra = texts[v];
        return typeof extra === "string" && extra
          ? `${t(`outcome.reasons.${v}`)}: ${extra}`
          : t(`outcome.reasons.${v}`);
      });
    rows.push([label("reasons"), items.join("; ")]);
  }
  rows.push([label("potential"), typeof outcome.potential === "string" ? outcome.potential : null]);
  rows.push([label("decision"), choice("decision", outcome.decision)]);
  rows.push([label("close_reason"), typeof outcome.close_reason === "string" ? outcome.close_reason : null]);
  return (
    <dl class="facts">
      {rows
        .filter(([, value]) => value !== null && value !== "")
        .map(([key, value]) => (
          <Row label={key}>{value}</Row>
        ))}
    </dl>
  );
}

/** The page. */
export function SignalPageView(props: {
  ctx: ViewContext;
  signal: SignalDetail;
  names: ReadonlyMap<string, string>;
  curators: CuratorLoad[];
  allowed: Allowed;
  showOutcome: boolean;
  /** Stored documents of the signal (or its case) the reader may download. */
  documents: SignalDocument[];
}) {
  const { ctx, signal: s, names, curators, allowed } = props;
  const { t } = ctx;
  const person = (p: { fullName: string } | null) => (p ? p.fullName : t("console.none"));
  const [serviceNumber, serviceYear] = s.number.split("/").map(Number);
  return (
    <Layout ctx={ctx} title={t("console.signal.title", { number: s.number })} section="today">
      <p>
        <a href="/console">{t("console.signal.back")}</a>
        {s.isDemo ? <span class="badge">{t("console.demo")}</span> : null}
      </p>
      <p class="status-line">
        <span class="badge">{t(`signal.status.${s.status}`)}</span>
        {s.urgency ? <span class={`badge ${s.urgency}`}>{t(`signal.urgency.${s.urgency}`)}</span> : null}
        {s.late ? <span class="badge late">{t("console.signal.late")}</span> : null}
      </p>

      <SignalActions
        ctx={ctx}
        signal={{
          id: s.id,
          serviceNumber: serviceNumber ?? 0,
          serviceYear: serviceYear ?? 0,
          status: s.status,
          urgency: s.urgency,
          curator: s.curator,
        }}
        curators={curators}
        allowed={allowed}
      />

      <div class="columns">
        <section aria-labelledby="woman">
          <h2 id="woman">{t("console.signal.woman")}</h2>
          <dl class="facts">
            <Row label={t("console.signal.full_name")}>{s.womanFullName}</Row>
            {s.womanBirthDate ? (
              <Row label={t("console.signal.born")}>{ctx.date(s.womanBirthDate)}</Row>
            ) : null}
            {s.womanAge !== null ? <Row label={t("console.signal.age")}>{s.womanAge}</Row> : null}
            <Row label={t("console.signal.registered_address")}>{text(ctx, s.registeredAddress)}</Row>
            <Row label={t("console.signal.actual_address")}>{text(ctx, s.actualAddress)}</Row>
            <Row label={t("console.signal.ambulance_from")}>{text(ctx, s.ambulanceFrom)}</Row>
            <Row label={t("console.signal.phone")}>{text(ctx, s.phone)}</Row>
            <Row label={t("console.signal.location")}>{t(`signal.location.${s.location}`)}</Row>
          </dl>
        </section>

        <section aria-labelledby="details">
          <h2 id="details">{t("console.signal.details")}</h2>
          <dl class="facts">
            <Row label={t("console.signal.hospital")}>{s.hospital.name}</Row>
            <Row label={t("console.signal.service_number")}>{s.number}</Row>
            <Row label={t("console.signal.hospital_number")}>{s.hospitalNumber}</Row>
            <Row label={t("console.signal.category")}>{t(`signal.category.${s.category}`)}</Row>
            <Row label={t("console.signal.identified")}>{ctx.dateTime(s.identifiedAt)}</Row>
            <Row label={t("console.signal.registered")}>{ctx.dateTime(s.registeredAt)}</Row>
            <Row label={t("console.signal.transmitted")}>{ctx.dateTime(s.transmittedAt)}</Row>
            <Row label={t("console.signal.reporter")}>{s.reporter.fullName}</Row>
            <Row label={t("console.signal.comment")}>{text(ctx, s.comment)}</Row>
          </dl>
        </section>

        <section aria-labelledby="visit">
          <h2 id="visit">{t("console.signal.visit")}</h2>
          <dl class="facts">
            <Row label={t("console.signal.urgency")}>
              {s.urgency ? t(`signal.urgency.${s.urgency}`) : t("console.none")}
            </Row>
            <Row label={t("console.signal.deadline")}>{ctx.dateTime(s.visitDeadline)}</Row>
            <Row label={t("console.signal.curator")}>{person(s.curator)}</Row>
            <Row label={t("console.signal.assigned")}>{ctx.dateTime(s.assignedAt)}</Row>
            <Row label={t("console.signal.assigned_by")}>{person(s.assignedBy)}</Row>
            <Row label={t("console.signal.accepted")}>{ctx.dateTime(s.acceptedAt)}</Row>
            <Row label={t("console.signal.departed")}>{ctx.dateTime(s.departedAt)}</Row>
            <Row label={t("console.signal.arrived")}>{ctx.dateTime(s.arrivedAt)}</Row>
            <Row label={t("console.signal.decision")}>
              {s.decision ? t(`console.signal.decisions.${s.decision}`) : t("console.none")}
            </Row>
            <Row label={t("console.signal.decided")}>{ctx.dateTime(s.decidedAt)}</Row>
          </dl>
        </section>

        {props.showOutcome && s.outcome ? (
          <section aria-labelledby="outcome">
            <h2 id="outcome">{t("console.signal.outcome")}</h2>
            <Outcome ctx={ctx} outcome={s.outcome} />
          </section>
        ) : null}

        {s.case ? (
          <section aria-labelledby="case">
            <h2 id="case">{t("console.signal.case")}</h2>
            <dl class="facts">
              <Row label={t("console.signal.case_number")}>
                <a
                  href={`/console/cases/${s.case.id}`}
                  aria-label={t("console.case_page.open", { number: s.case.number })}
                >
                  {s.case.number}
                </a>
              </Row>
              <Row label={t("console.signal.case_status")}>
                {t(`console.signal.case_statuses.${s.case.status}`)}
              </Row>
              <Row label={t("console.signal.curator")}>{s.case.curator.fullName}</Row>
              <Row label={t("console.signal.case_opened_at")}>{ctx.dateTime(s.case.openedAt)}</Row>
              {s.case.closedAt ? (
                <Row label={t("console.signal.case_closed_at")}>{ctx.dateTime(s.case.closedAt)}</Row>
              ) : null}
            </dl>
          </section>
        ) : null}
      </div>

      <SignalDocuments ctx={ctx} documents={props.documents} />

      <section aria-labelledby="timeline">
        <h2 id="timeline">{t("console.signal.timeline")}</h2>
        <ol class="timeline">
          {s.timeline.map((entry) => (
            <li data-event={entry.type}>
              <time dateTime={entry.at.toISOString()}>{ctx.dateTime(entry.at)}</time>
              <span class="what">{eventText(ctx, entry, names)}</span>
              <span class="who">
                {entry.actor ? shortName(entry.actor.fullName) : t("console.signal.system")}
              </span>
            </li>
          ))}
        </ol>
      </section>
    </Layout>
  );
}
