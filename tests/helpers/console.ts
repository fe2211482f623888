/**
 * Driving the web console over HTTP as a browser would: a cookie jar, the CSRF token of the page
 * last read, forms posted with the page's own origin, redirects not followed (tests look at them).
 */
import type { FakeMessage, HarnessPerson } from "./harness.ts";

/** A response as tests read it. */
export interface PageResponse {
  status: number;
  text: string;
  headers: Headers;
  /** `Location` of a redirect. */
  location: string | null;
}

/** The sign-in link in the newest bot message of a chat that has one. */
export function signInLinkOf(messages: FakeMessage[]): string {
  for (const message of [...messages].reverse()) {
    const link = message.buttons.flat().find((b) => b.url?.includes("/console/sign-in?token="));
    if (link?.url) return link.url;
  }
  throw new Error(`no sign-in link in the chat:\n${messages.map((m) => `  ${m.text}`).join("\n")}`);
}

/** Sends `/console` in the person's chat and returns the link the bot answered with. */
export async function requestSignInLink(person: HarnessPerson): Promise<string> {
  await person.send("/console");
  return signInLinkOf(person.messages());
}

/** A browser of the console: cookies kept between requests. */
export class ConsoleBrowser {
  readonly cookies = new Map<string, string>();
  /** The CSRF token of the last page read (from its forms). */
  csrf: string | undefined;

  constructor(readonly baseUrl: string) {}

  private cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  private remember(headers: Headers): void {
    for (const line of headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(";");
      const [name, ...rest] = pair!.split("=");
      const value = rest.join("=");
      const expired = attributes.some((a) => /expires=Thu, 01 Jan 1970/i.test(a)) || value === "";
      if (expired) this.cookies.delete(name!.trim());
      else this.cookies.set(name!.trim(), value);
    }
  }

  async request(
    method: "GET" | "POST",
    path: string,
    options: { form?: Record<string, string>; json?: unknown; headers?: Record<string, string> } = {},
  ): Promise<PageResponse> {
    const url = path.startsWith("http") ? path : `${this.baseUrl}${path}`;
    const headers: Record<string, string> = { "accept-language": "ru", ...options.headers };
    if (this.cookies.size > 0) headers.cookie = this.cookieHeader();
    let body: string | undefined;
    if (options.form) {
      headers["content-type"] = "application/x-www-form-urlencoded";
      body = new URLSearchParams(options.form).toString();
    } else if (options.json !== undefined) {
      headers["content-type"] = "application/json";
      body = JSON.stringify(options.json);
    }
    if (method === "POST") headers.origin ??= this.baseUrl;
    const response = await fetch(url, { method, headers, body, redirect: "manual" });
    this.remember(response.headers);
    const text = await response.text();
    const csrf = /name="_csrf" value="([^"]+)"/.exec(text)?.[1];
    if (csrf) this.csrf = csrf;
    return {
      status: response.status,
      text,
      headers: response.headers,
      location: response.headers.get("location"),
    };
  }

  get(path: string, headers?: Record<string, string>): Promise<PageResponse> {
    return this.request("GET", path, headers ? { headers } : {});
  }

  /** Posts a form with the CSRF token of the last page read (unless the form gives its own). */
  post(
    path: string,
    form: Record<string, string> = {},
    headers?: Record<string, string>,
  ): Promise<PageResponse> {
    return this.request("POST", path, {
      form: { ...(this.csrf !== undefined ? { _csrf: this.csrf } : {}), ...form },
      ...(headers ? { headers } : {}),
    });
  }

  /** Opens a sign-in link and presses "Sign in"; returns the POST's response. */
  async signIn(link: string): Promise<PageResponse> {
    const page = await this.get(link);
    if (page.status !== 200) return page;
    const token = new URL(link).searchParams.get("token") ?? "";
    return this.request("POST", "/console/sign-in", { form: { token } });
  }
}

/** The text of a page without tags, whitespace collapsed (for reading what a person sees). */
export function visibleText(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/&nbsp;/g, " ")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();
}
