/**
 * Translations (i18next) and rendering of the engine's {@link Text}s into strings for one
 * reader: their language, and times shown in the service's time zone.
 */
import i18next, { type i18n as I18nInstance } from "i18next";
import { DateTime } from "luxon";
import type { Text, TextParam } from "../flow/types.ts";
import type { KeyCheck } from "../flow/validate.ts";
import { en } from "./locales/en.ts";
import { ru } from "./locales/ru.ts";

/** Supported languages; the first is the default. */
export const LOCALES = ["ru", "en"] as const;
export type Locale = (typeof LOCALES)[number];

/** Picks a supported locale from a messenger's language code ("en-US" → "en"); Russian otherwise. */
export function pickLocale(code: string | undefined | null): Locale {
  const base = code?.toLowerCase().split("-")[0];
  return (LOCALES as readonly string[]).includes(base ?? "") ? (base as Locale) : "ru";
}

/** Renders texts for a reader. */
export interface Translator {
  /** One text in a locale; times in `timeZone`; `now` decides what "today" is (the current moment by default). */
  render(text: Text, locale: Locale, timeZone: string, now?: Date): string;
  /** Several texts, one per line. */
  renderAll(texts: Text[], locale: Locale, timeZone: string, now?: Date): string;
  /**
   * Several texts as Telegram/MAX HTML: labels marked `<b>` in the templates stay bold, everything
   * else (every parameter included) is escaped.
   */
  renderHtml(texts: Text[], locale: Locale, timeZone: string, now?: Date): string;
  /** Whether a key exists (plural keys count when any plural form exists). */
  exists(locale: string, key: string): boolean;
  /** A key's text in every language (lets the engine match typed button labels). */
  labelsOf: (key: string) => string[];
  /** The key check the flow validator uses. */
  keyCheck: KeyCheck;
  /** Adds texts (tests add their own fixture flows' texts). */
  addTexts(locale: Locale, texts: Record<string, unknown>): void;
}

const DATETIME_FORMAT: Record<Locale, string> = { ru: "dd.MM.yyyy HH:mm", en: "d MMM yyyy, HH:mm" };
const DATE_FORMAT: Record<Locale, string> = { ru: "dd.MM.yyyy", en: "d MMM yyyy" };
const TIME_FORMAT = "HH:mm";

/** Text made safe inside Telegram's and MAX's HTML (`&`, `<`, `>`). */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/**
 * A name with initials at the end of a sentence keeps one full stop: «…куратор Белова А. С.», not
 * «Белова А. С..». An ellipsis stays as it is.
 */
export function oneFullStop(text: string): string {
  return text.replace(/(\s\p{Lu}\.)\.(?!\.)/gu, "$1");
}

/**
 * Creates a translator with the platform's texts and the given areas' texts. `onMissing` is called
 * for a key missing in a locale (tests throw; production logs and shows the key).
 */
export function createTranslator(
  onMissing: (locale: string, key: string) => void = () => {},
  areas: readonly { ru: Record<string, unknown>; en: Record<string, unknown> }[] = [],
): Translator {
  const instance: I18nInstance = i18next.createInstance();
  void instance.init({
    initAsync: false,
    resources: { ru: { translation: ru }, en: { translation: en } },
    lng: "ru",
    fallbackLng: false,
    supportedLngs: [...LOCALES],
    interpolation: { escapeValue: false },
    returnNull: false,
  });

  const exists = (locale: string, key: string) =>
    instance.exists(key, { lng: locale, fallbackLng: false }) ||
    instance.exists(`${key}_other`, { lng: locale, fallbackLng: false });

  /** Every parameter as it goes into a template: plain, or escaped HTML when `html`. */
  const param = (
    value: TextParam,
    locale: Locale,
    timeZone: string,
    now: Date | undefined,
    html: boolean,
  ): string | number => {
    const text = (plain: string) => (html ? escapeHtml(plain) : plain);
    if (typeof value === "number") return value;
    if (typeof value === "string") return text(value);
    if ("key" in value) return renderIn(value, locale, timeZone, now, html);
    if ("time" in value) {
      const moment = DateTime.fromISO(value.time, { zone: timeZone }).setLocale(locale);
      const today = DateTime.fromJSDate(now ?? new Date(), { zone: timeZone });
      return text(moment.toFormat(moment.hasSame(today, "day") ? TIME_FORMAT : DATETIME_FORMAT[locale]));
    }
    if ("datetime" in value) {
      return text(
        DateTime.fromISO(value.datetime, { zone: timeZone })
          .setLocale(locale)
          .toFormat(DATETIME_FORMAT[locale]),
      );
    }
    if ("date" in value)
      return text(DateTime.fromISO(value.date).setLocale(locale).toFormat(DATE_FORMAT[locale]));
    if ("lines" in value)
      return value.lines.map((item) => param(item, locale, timeZone, now, html)).join("\n");
    const separator = text(instance.t("common.list_separator", { lng: locale }));
    return value.list.map((item) => param(item, locale, timeZone, now, html)).join(separator);
  };

  /**
   * A text with its parameters. Templates may mark labels `<b>…</b>`: as plain text the tags are
   * dropped; as HTML the template is escaped except those tags. Parameters (names, addresses, free
   * text) go into the template as placeholders and are put in afterwards, so nothing a person typed
   * is ever read as markup or as an i18next nesting.
   */
  const renderIn = (
    text: Text,
    locale: Locale,
    timeZone: string,
    now: Date | undefined,
    html: boolean,
  ): string => {
    if (!exists(locale, text.key)) {
      onMissing(locale, text.key);
      return html ? escapeHtml(text.key) : text.key;
    }
    const params: Record<string, string | number> = {};
    const values: string[] = [];
    for (const [name, value] of Object.entries(text.params ?? {})) {
      const rendered = param(value, locale, timeZone, now, html);
      if (typeof rendered === "number") params[name] = rendered;
      else params[name] = `\uE000${values.push(rendered) - 1}\uE001`;
    }
    const template = instance
      .t(text.key, { ...params, lng: locale })
      .split(/(<\/?b>)/)
      .map((part) => (/^<\/?b>$/.test(part) ? (html ? part : "") : html ? escapeHtml(part) : part))
      .join("");
    return oneFullStop(template.replace(/\uE000(\d+)\uE001/g, (_, i: string) => values[Number(i)] ?? ""));
  };
  const render = (text: Text, locale: Locale, timeZone: string, now?: Date) =>
    renderIn(text, locale, timeZone, now, false);

  for (const texts of areas) {
    instance.addResourceBundle("ru", "translation", texts.ru, true, false);
    instance.addResourceBundle("en", "translation", texts.en, true, false);
  }

  return {
    render,
    renderAll: (texts, locale, timeZone, now) =>
      texts.map((t) => render(t, locale, timeZone, now)).join("\n"),
    renderHtml: (texts, locale, timeZone, now) =>
      texts.map((t) => renderIn(t, locale, timeZone, now, true)).join("\n"),
    exists,
    labelsOf: (key) => LOCALES.filter((l) => exists(l, key)).map((l) => instance.t(key, { lng: l })),
    keyCheck: { locales: LOCALES, exists },
    addTexts: (locale, texts) => instance.addResourceBundle(locale, "translation", texts, true, true),
  };
}
