/**
 * The small pages: signing in (the link's confirmation, "sign-in needed", the Mini App's start),
 * the account (open sessions), errors.
 */
import type { SignInMethod } from "../sessions.ts";
import type { ViewContext } from "./context.ts";
import { Csrf, Layout } from "./layout.tsx";

/** The sign-in link's page: a button, so that a link preview fetching the URL does not use it up. */
export function SignInPage({ ctx, token }: { ctx: ViewContext; token: string }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("console.sign_in.title")}>
      <p>{t("console.sign_in.lead")}</p>
      <form method="post" action="/console/sign-in">
        <input type="hidden" name="token" value={token} />
        <button type="submit" class="primary">
          {t("console.sign_in.button")}
        </button>
      </form>
    </Layout>
  );
}

/** A page with a title and a message (sign-in needed, refused, signed out, errors). */
export function MessagePage({
  ctx,
  title,
  message,
  home,
}: {
  ctx: ViewContext;
  title: string;
  message: string;
  home?: boolean;
}) {
  return (
    <Layout ctx={ctx} title={title}>
      <p class="message">{message}</p>
      {home ? (
        <p>
          <a href="/console">{ctx.t("console.errors.home")}</a>
        </p>
      ) : null}
    </Layout>
  );
}

/** The Mini App's start: the script posts Telegram's launch data and opens the console. */
export function MiniAppPage({ ctx }: { ctx: ViewContext }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("console.sign_in.mini_app_title")}>
      <div
        id="mini-app"
        data-no-data={t("console.sign_in.mini_app_no_data")}
        data-failed={t("console.sign_in.mini_app_failed")}
      >
        <p class="message" role="status">
          {t("console.sign_in.mini_app_lead")}
        </p>
      </div>
      <noscript>
        <p>{t("console.sign_in.noscript")}</p>
      </noscript>
    </Layout>
  );
}

/** One open session of the reader. */
export interface SessionRow {
  id: string;
  method: SignInMethod;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  current: boolean;
}

/** The reader's open sessions, each of which they can end. */
export function AccountPage({ ctx, sessions }: { ctx: ViewContext; sessions: SessionRow[] }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("console.account.title")} section="account">
      <p>{t("console.account.lead")}</p>
      <h2>{t("console.account.sessions")}</h2>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t("console.account.started")}</th>
              <th scope="col">{t("console.account.last_seen")}</th>
              <th scope="col">{t("console.account.ends")}</th>
              <th scope="col">
                <span class="sr-only">{t("console.col.actions")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {sessions.map((s) => (
              <tr>
                <td>
                  {ctx.dateTime(s.createdAt)} · {t(`console.account.methods.${s.method}`)}
                  {s.current ? <strong> · {t("console.account.this")}</strong> : null}
                </td>
                <td>{ctx.dateTime(s.lastSeenAt)}</td>
                <td>{ctx.dateTime(s.expiresAt)}</td>
                <td>
                  <form method="post" action={`/console/account/sessions/${s.id}/end`}>
                    <Csrf ctx={ctx} />
                    <button type="submit" class="danger">
                      {t("console.account.end")}
                    </button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>
  );
}
