/**
 * The page frame: head (CSP-friendly: our own stylesheet and scripts only, htmx configured not to
 * evaluate code or keep pages in localStorage), the header with the menu and the reader, the
 * one-time message, the content. Every form posts the CSRF token.
 */
import type { ComponentChildren } from "preact";
import type { ViewContext } from "./context.ts";

/**
 * htmx settings: no eval, no inline styles (the CSP forbids both), no page copies in localStorage
 * (personal data), and error pages swapped in like any page (htmx ignores 4xx/5xx by default, so
 * an expired session or a refusal would otherwise look like a dead click).
 */
const HTMX_CONFIG = JSON.stringify({
  responseHandling: [
    { code: "204", swap: false },
    { code: "[23]..", swap: true },
    // A refusal (4xx) is a page the reader should read, not an error of the page.
    { code: "4..", swap: true, error: false },
    { code: "5..", swap: true, error: true },
  ],
  allowEval: false,
  allowScriptTags: false,
  includeIndicatorStyles: false,
  selfRequestsOnly: true,
  historyCacheSize: 0,
  refreshOnHistoryMiss: true,
});

/** Where the assets are served (see ../http/assets.ts). */
export const ASSETS = "/console/assets";

/** The hidden CSRF field of a form. */
export function Csrf({ ctx }: { ctx: ViewContext }) {
  return <input type="hidden" name="_csrf" value={ctx.reader?.csrf ?? ""} />;
}

/** A form field that brings the reader back to this page after the action. */
export function Back({ ctx }: { ctx: ViewContext }) {
  return <input type="hidden" name="back" value={ctx.path} />;
}

type Section = "today" | "cases" | "journals" | "report" | "documents" | "people" | "account";

/** The page. */
export function Layout(props: {
  ctx: ViewContext;
  title: string;
  section?: Section;
  children: ComponentChildren;
}) {
  const { ctx, title, section } = props;
  const { t, reader } = ctx;
  const link = (key: Section, href: string) => (
    <li>
      <a href={href} aria-current={section === key ? "page" : undefined}>
        {t(`console.nav.${key}`)}
      </a>
    </li>
  );
  return (
    <html lang={ctx.locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="same-origin" />
        <link rel="icon" href="data:," />
        <meta name="htmx-config" content={HTMX_CONFIG} />
        <title>{`${title} · ${t("console.product")}`}</title>
        <link rel="stylesheet" href={`${ASSETS}/console.css`} />
        <script src={`${ASSETS}/htmx.min.js`} defer></script>
        <script src={`${ASSETS}/console.js`} defer></script>
      </head>
      <body hx-boost={reader ? "true" : undefined}>
        <a class="skip" href="#main">
          {t("console.skip")}
        </a>
        <header class="top">
          <div class="brand">
            <strong>{t("console.product")}</strong>
            {reader ? <span class="service">{reader.serviceName}</span> : null}
          </div>
          {reader ? (
            <nav aria-label={t("console.nav.label")}>
              <ul>
                {reader.menu.today ? link("today", "/console") : null}
                {reader.menu.cases ? link("cases", "/console/cases") : null}
                {reader.menu.journals ? link("journals", "/console/journals") : null}
                {reader.menu.report ? link("report", "/console/report") : null}
                {reader.menu.documents ? link("documents", "/console/documents") : null}
                {reader.menu.people ? link("people", "/console/people") : null}
                {link("account", "/console/account")}
              </ul>
            </nav>
          ) : null}
          {reader ? (
            <div class="me">
              <span>
                {t("console.signed_in_as", { name: reader.fullName, role: t(`access.roles.${reader.role}`) })}
              </span>
              {/* A full page load: the document's language (html lang) changes with it. */}
              <form method="post" action="/console/language" class="inline" hx-boost="false">
                <Csrf ctx={ctx} />
                <Back ctx={ctx} />
                <input type="hidden" name="locale" value={ctx.locale === "ru" ? "en" : "ru"} />
                <button
                  type="submit"
                  class="link"
                  lang={ctx.locale === "ru" ? "en" : "ru"}
                  aria-label={t("console.switch_language_label")}
                >
                  {t("console.switch_language")}
                </button>
              </form>
              <form method="post" action="/console/sign-out" class="inline" hx-boost="false">
                <Csrf ctx={ctx} />
                <button type="submit" class="link">
                  {t("console.sign_out")}
                </button>
              </form>
            </div>
          ) : null}
        </header>
        <main id="main" tabindex={-1}>
          {ctx.flash ? (
            <p class={`flash ${ctx.flash.kind}`} role={ctx.flash.kind === "error" ? "alert" : "status"}>
              {ctx.flash.text}
            </p>
          ) : null}
          <h1>{title}</h1>
          {props.children}
        </main>
        {reader ? (
          <footer>
            <small>{t("console.time_zone", { zone: ctx.timeZone })}</small>
          </footer>
        ) : null}
      </body>
    </html>
  );
}
