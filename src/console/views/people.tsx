/**
 * People and places, for administrators: hospitals, staff (with deactivation), invitations (the
 * deep link as a QR code to scan from a phone) and API tokens. The command line stays for scripting.
 */
import { STAFF_ROLES } from "../../platform/actor.ts";
import type { ApiTokenListItem } from "../../access/tokens.ts";
import type { HospitalRow, InvitationRow, StaffRow } from "../queries/people.ts";
import type { ViewContext } from "./context.ts";
import { Csrf, Layout } from "./layout.tsx";
import { DataTable } from "./table.tsx";

/** The sections of the page. */
export const PEOPLE_SECTIONS = ["staff", "invitations", "hospitals", "tokens"] as const;
export type PeopleSection = (typeof PEOPLE_SECTIONS)[number];

/** An invitation with its deep link and QR code (only while it can be used). */
export interface ShownInvitation extends InvitationRow {
  link: string | null;
  /** SVG markup made by the qrcode library from `link` (no user input inside). */
  qrSvg: string | null;
}

/** What one section shows. */
export type PeopleData =
  | { section: "hospitals"; hospitals: HospitalRow[] }
  | { section: "staff"; staff: StaffRow[] }
  | {
      section: "invitations";
      invitations: ShownInvitation[];
      hospitals: { id: string; shortName: string }[];
      /** The invitation just created: shown opened. */
      highlight: string | null;
    }
  | {
      section: "tokens";
      tokens: ApiTokenListItem[];
      holders: { id: string; fullName: string }[];
      /** A token just issued: shown once, never stored. */
      issued: string | null;
    };

function Tabs({
  ctx,
  current,
  sections,
}: {
  ctx: ViewContext;
  current: PeopleSection;
  sections: PeopleSection[];
}) {
  return (
    <nav class="tabs" aria-label={ctx.t("console.people.title")}>
      {sections.map((s) => (
        <a href={`/console/people/${s}`} aria-current={s === current ? "page" : undefined}>
          {ctx.t(`console.people.${s}`)}
        </a>
      ))}
    </nav>
  );
}

function Hospitals({ ctx, hospitals }: { ctx: ViewContext; hospitals: HospitalRow[] }) {
  const { t } = ctx;
  return (
    <>
      <DataTable
        rows={hospitals.length}
        empty={t("console.people.hospital.empty")}
        columns={[
          t("console.people.hospital.short"),
          t("console.people.hospital.name"),
          t("console.people.hospital.zone"),
          t("console.people.hospital.state"),
        ]}
      >
        {hospitals.map((h) => (
          <tr>
            <td>{h.shortName}</td>
            <td>
              {h.name}
              {h.isDemo ? <span class="badge">{t("console.demo")}</span> : null}
              {h.address ? (
                <>
                  <br />
                  <small>{h.address}</small>
                </>
              ) : null}
            </td>
            <td>{h.timeZone ?? t("console.people.hospital.zone_service")}</td>
            <td>{t(h.active ? "console.people.hospital.active" : "console.people.hospital.inactive")}</td>
          </tr>
        ))}
      </DataTable>
      <form method="post" action="/console/people/hospitals" class="stack">
        <Csrf ctx={ctx} />
        <h2>{t("console.people.hospital.create")}</h2>
        <label>
          <span>{t("console.people.hospital.name")}</span>
          <input name="name" required maxlength={200} autocomplete="off" />
        </label>
        <label>
          <span>{t("console.people.hospital.short")}</span>
          <input name="shortName" required maxlength={30} autocomplete="off" />
        </label>
        <label>
          <span>{t("console.people.hospital.address")}</span>
          <input name="address" maxlength={300} autocomplete="off" aria-describedby="address-hint" />
          <small id="address-hint">{t("console.people.hospital.address_hint")}</small>
        </label>
        <label>
          <span>{t("console.people.hospital.zone")}</span>
          <input name="timeZone" maxlength={60} autocomplete="off" aria-describedby="zone-hint" />
          <small id="zone-hint">{t("console.people.hospital.zone_hint")}</small>
        </label>
        <button type="submit">{t("console.people.hospital.create")}</button>
      </form>
    </>
  );
}

function Staff({ ctx, staff }: { ctx: ViewContext; staff: StaffRow[] }) {
  const { t } = ctx;
  if (staff.length === 0) return <p class="empty">{t("console.people.staff_list.empty")}</p>;
  return (
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">{t("console.people.staff_list.name")}</th>
            <th scope="col">{t("console.people.staff_list.role")}</th>
            <th scope="col">{t("console.people.staff_list.hospital")}</th>
            <th scope="col">{t("console.people.staff_list.messenger")}</th>
            <th scope="col">{t("console.people.staff_list.access")}</th>
            <th scope="col">
              <span class="sr-only">{t("console.col.actions")}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {staff.map((s) => (
            <tr class={s.active ? undefined : "inactive"}>
              <th scope="row">{s.fullName}</th>
              <td>{t(`access.roles.${s.role}`)}</td>
              <td>{s.hospital?.shortName ?? t("console.none")}</td>
              <td>
                {s.messengers.length > 0
                  ? `${s.messengers.join(", ")}: ${t("console.people.staff_list.bound")}`
                  : t("console.people.staff_list.not_bound")}
              </td>
              <td>
                {s.active
                  ? t("console.people.staff_list.active")
                  : t("console.people.staff_list.inactive", { at: ctx.dateTime(s.deactivatedAt) })}
              </td>
              <td>
                <form method="post" action={`/console/people/staff/${s.id}/access`}>
                  <Csrf ctx={ctx} />
                  <input type="hidden" name="active" value={s.active ? "false" : "true"} />
                  <button type="submit" class={s.active ? "danger" : undefined}>
                    {t(
                      s.active
                        ? "console.people.staff_list.deactivate"
                        : "console.people.staff_list.activate",
                    )}
                  </button>
                </form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function InvitationState({ ctx, invitation: i }: { ctx: ViewContext; invitation: InvitationRow }) {
  const { t } = ctx;
  if (i.usedAt) return <>{t("console.people.invitation.used", { at: ctx.dateTime(i.usedAt) })}</>;
  if (i.expiresAt <= ctx.now)
    return <>{t("console.people.invitation.expired", { at: ctx.dateTime(i.expiresAt) })}</>;
  return <>{t("console.people.invitation.pending", { at: ctx.dateTime(i.expiresAt) })}</>;
}

function Invitations(props: {
  ctx: ViewContext;
  invitations: ShownInvitation[];
  hospitals: { id: string; shortName: string }[];
  highlight: string | null;
}) {
  const { ctx, invitations, hospitals, highlight } = props;
  const { t } = ctx;
  return (
    <>
      <form method="post" action="/console/people/invitations" class="stack">
        <Csrf ctx={ctx} />
        <h2>{t("console.people.invitation.create")}</h2>
        <label>
          <span>{t("console.people.invitation.name")}</span>
          <input name="fullName" required maxlength={200} autocomplete="off" />
        </label>
        <label>
          <span>{t("console.people.invitation.role")}</span>
          <select name="role" required>
            {STAFF_ROLES.map((role) => (
              <option value={role} selected={role === "curator"}>
                {t(`access.roles.${role}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t("console.people.invitation.hospital")}</span>
          <select name="hospitalId">
            <option value="">{t("console.none")}</option>
            {hospitals.map((h) => (
              <option value={h.id}>{h.shortName}</option>
            ))}
          </select>
        </label>
        <label>
          <span>{t("console.people.invitation.days")}</span>
          <input name="validDays" type="number" min={1} max={90} value="7" required />
        </label>
        <button type="submit">{t("console.people.invitation.create")}</button>
      </form>

      <h2>{t("console.people.invitations")}</h2>
      {invitations.length === 0 ? (
        <p class="empty">{t("console.people.invitation.empty")}</p>
      ) : (
        <ul class="invitations">
          {invitations.map((i) => (
            <li id={`invitation-${i.id}`} class={i.id === highlight ? "highlight" : undefined}>
              <div>
                <strong>{i.fullName}</strong> · {t(`access.roles.${i.role}`)}
                {i.hospital ? ` · ${i.hospital.shortName}` : ""} ·{" "}
                <span class="muted">
                  <InvitationState ctx={ctx} invitation={i} />
                </span>
              </div>
              {i.link && i.qrSvg ? (
                <details open={i.id === highlight}>
                  <summary>{t("console.people.invitation.show_qr")}</summary>
                  <figure class="qr">
                    <div
                      role="img"
                      aria-label={t("console.people.invitation.qr", { name: i.fullName })}
                      dangerouslySetInnerHTML={{ __html: i.qrSvg }}
                    />
                    <figcaption>
                      <label>
                        <span>{t("console.people.invitation.link")}</span>
                        <input type="text" readonly value={i.link} class="copy" />
                      </label>
                    </figcaption>
                  </figure>
                  <form method="post" action={`/console/people/invitations/${i.id}/revoke`}>
                    <Csrf ctx={ctx} />
                    <button type="submit" class="danger">
                      {t("console.people.invitation.revoke")}
                    </button>
                  </form>
                </details>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function Tokens(props: {
  ctx: ViewContext;
  tokens: ApiTokenListItem[];
  holders: { id: string; fullName: string }[];
  issued: string | null;
}) {
  const { ctx, tokens, holders, issued } = props;
  const { t } = ctx;
  return (
    <>
      {issued ? (
        <div class="issued" role="status">
          <p>{t("console.people.token.created")}</p>
          <input type="text" readonly value={issued} class="copy" aria-label={t("console.people.tokens")} />
        </div>
      ) : null}
      <form method="post" action="/console/people/tokens" class="stack">
        <Csrf ctx={ctx} />
        <h2>{t("console.people.token.create")}</h2>
        <label>
          <span>{t("console.people.token.staff")}</span>
          <select name="staffId" required>
            <option value="">{t("console.none")}</option>
            {holders.map((h) => (
              <option value={h.id}>{h.fullName}</option>
            ))}
          </select>
        </label>
        <label>
          <span>{t("console.people.token.name")}</span>
          <input
            name="name"
            required
            maxlength={100}
            placeholder={t("console.people.token.name_hint")}
            autocomplete="off"
          />
        </label>
        <button type="submit">{t("console.people.token.create")}</button>
      </form>
      <h2>{t("console.people.tokens")}</h2>
      <DataTable
        rows={tokens.length}
        empty={t("console.people.token.empty")}
        columns={[
          t("console.people.token.prefix"),
          t("console.people.token.name"),
          t("console.people.token.staff"),
          t("console.people.token.created_at"),
          t("console.people.token.last_used"),
          t("console.people.token.state"),
        ]}
      >
        {tokens.map((tk) => (
          <tr>
            <td>
              <code>{tk.prefix}…</code>
            </td>
            <td>{tk.name}</td>
            <td>{tk.staff.fullName}</td>
            <td>{ctx.dateTime(tk.createdAt)}</td>
            <td>{tk.lastUsedAt ? ctx.dateTime(tk.lastUsedAt) : t("console.people.token.never")}</td>
            <td>
              {tk.revokedAt ? (
                t("console.people.token.revoked_at", { at: ctx.dateTime(tk.revokedAt) })
              ) : (
                <form method="post" action={`/console/people/tokens/${tk.id}/revoke`} class="inline">
                  <Csrf ctx={ctx} />
                  {t("console.people.token.active")}{" "}
                  <button type="submit" class="danger">
                    {t("console.people.token.revoke")}
                  </button>
                </form>
              )}
            </td>
          </tr>
        ))}
      </DataTable>
    </>
  );
}

/** The page. */
export function PeoplePageView(props: { ctx: ViewContext; sections: PeopleSection[]; data: PeopleData }) {
  const { ctx, sections, data } = props;
  return (
    <Layout ctx={ctx} title={ctx.t(`console.people.${data.section}`)} section="people">
      <Tabs ctx={ctx} current={data.section} sections={sections} />
      {data.section === "hospitals" ? <Hospitals ctx={ctx} hospitals={data.hospitals} /> : null}
      {data.section === "staff" ? <Staff ctx={ctx} staff={data.staff} /> : null}
      {data.section === "invitations" ? (
        <Invitations
          ctx={ctx}
          invitations={data.invitations}
          hospitals={data.hospitals}
          highlight={data.highlight}
        />
      ) : null}
      {data.section === "tokens" ? (
        <Tokens ctx={ctx} tokens={data.tokens} holders={data.holders} issued={data.issued} />
      ) : null}
    </Layout>
  );
}
