/**
 * What every page is rendered with: the reader's language and time zone, a translator bound to
 * them, formatters, and (when signed in) the person, their permissions' menu and the CSRF token.
 */
import { DateTime } from "luxon";
import type { StaffRole } from "../../platform/actor.ts";
import type { TextParam } from "../../platform/flow/types.ts";
import type { Locale, Translator } from "../../platform/i18n/index.ts";

/** Renders a text key in the reader's language. */
export type T = (key: string, params?: Record<string, TextParam>) => string;

/** The signed-in reader. */
export interface Reader {
  fullName: string;
  role: StaffRole;
  serviceName: string;
  csrf: string;
  /** Sections the reader may open. */
  menu: {
    today: boolean;
    cases: boolean;
    journals: boolean;
    report: boolean;
    documents: boolean;
    people: boolean;
  };
}

/** A one-time message shown at the top of the page. */
export interface ShownFlash {
  kind: "done" | "error";
  text: string;
}

/** The rendering context of one page. */
export interface ViewContext {
  locale: Locale;
  timeZone: string;
  now: Date;
  t: T;
  /** "24.11.2026 00:30" / "23 Nov 2026, 21:30" in the reader's zone; "—" for null. */
  dateTime(at: Date | null | undefined): string;
  /** "24.11.2026" / "24 Nov 2026" of an ISO date ("YYYY-MM-DD"), no zone involved. */
  date(iso: string | null | undefined): string;
  /** "1 ч 5 мин" / "1 h 5 min". */
  duration(minutes: number): string;
  reader?: Reader;
  flash?: ShownFlash;
  /** The current path with its query, for forms that come back here. */
  path: string;
}

const DATETIME_FORMAT: Record<Locale, string> = { ru: "dd.MM.yyyy HH:mm", en: "d MMM yyyy, HH:mm" };
const DATE_FORMAT: Record<Locale, string> = { ru: "dd.MM.yyyy", en: "d MMM yyyy" };

/** "24.11.2026" / "24 Nov 2026" of an ISO date ("YYYY-MM-DD"), no zone involved. */
export function formatDate(iso: string, locale: Locale): string {
  return DateTime.fromISO(iso).setLocale(locale).toFormat(DATE_FORMAT[locale]);
}

/** Builds the context for a reader. */
export function viewContext(input: {
  translator: Translator;
  locale: Locale;
  timeZone: string;
  now: Date;
  path: string;
  reader?: Reader;
  flash?: ShownFlash;
}): ViewContext {
  const { translator, locale, timeZone } = input;
  // A page renders the same texts many times (a label per row): each is translated once per page.
  const cache = new Map<string, string>();
  const t: T = (key, params) => {
    const id = params ? `${key}\u0000${JSON.stringify(params)}` : key;
    let text = cache.get(id);
    if (text === undefined) {
      text = translator.render(params ? { key, params } : { key }, locale, timeZone);
      cache.set(id, text);
    }
    return text;
  };
  return {
    locale,
    timeZone,
    now: input.now,
    t,
    path: input.path,
    ...(input.reader ? { reader: input.reader } : {}),
    ...(input.flash ? { flash: input.flash } : {}),
    dateTime: (at) =>
      at
        ? DateTime.fromJSDate(at, { zone: timeZone }).setLocale(locale).toFormat(DATETIME_FORMAT[locale])
        : "—",
    date: (iso) => (iso ? formatDate(iso, locale) : "—"),
    duration: (minutes) => {
      const m = Math.max(0, Math.floor(minutes));
      if (m < 60) return t("console.duration.minutes", { m });
      if (m < 24 * 60) return t("console.duration.hours", { h: Math.floor(m / 60), m: m % 60 });
      return t("console.duration.days", { d: Math.floor(m / 1440), h: Math.floor((m % 1440) / 60) });
    },
  };
}
