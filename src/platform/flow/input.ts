/**
 * Pure parsers for what people type: cleaned text, numbers, phones, dates and times.
 * No I/O and no clock: `now` and the time zone come from the caller.
 */
import { DateTime } from "luxon";

/** Zero-width and bidi control characters people paste by accident (and attackers on purpose). */
const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF\u00AD]/g;
/** Other control characters, except newline. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0009\u000B-\u001F\u007F]/g;

/**
 * Normalises typed text: Unicode NFC, invisible and control characters removed, runs of
 * spaces collapsed, lines trimmed, at most one empty line in a row.
 * @example cleanText("  Иванова\u200B  Анна ") === "Иванова Анна"
 */
export function cleanText(raw: string): string {
  return raw
    .normalize("NFC")
    .replace(INVISIBLE, "")
    .replace(CONTROL, " ")
    .split("\n")
    .map((line) => line.replace(/[ \t\u00A0]+/g, " ").trim())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/** True when the text has at least one letter or digit (not only emoji or punctuation). */
export function hasWordCharacters(text: string): boolean {
  return /[\p{L}\p{N}]/u.test(text);
}

/** Parses "25", "25,5", "25.5" (spaces allowed as thousands separators); null when not a number. */
export function parseNumber(text: string): number | null {
  const compact = text.replace(/[\s\u00A0]/g, "").replace(",", ".");
  if (!/^[-+]?\d+(\.\d+)?$/.test(compact)) return null;
  return Number(compact);
}

/**
 * Parses a phone number typed in any usual way into E.164-like "+<digits>". A Russian number
 * (11 digits starting with 7 or 8, or 10 digits without the leading 8) becomes "+7XXXXXXXXXX";
 * a foreign one must start with "+" and another country code. Anything else is refused, never
 * guessed at ("8 916 123-45-6", a digit short, is not a number).
 * @example parsePhone("8 (900) 123-45-67") === "+79001234567"
 */
export function parsePhone(text: string): string | null {
  if (!/^[+\d\s()\-.]+$/.test(text)) return null;
  const plus = text.trim().startsWith("+");
  const digits = text.replace(/\D/g, "");
  if (plus && !digits.startsWith("7"))
    return digits.length >= 10 && digits.length <= 15 ? `+${digits}` : null;
  if (digits.length === 11 && (digits.startsWith("7") || (digits.startsWith("8") && !plus)))
    return `+7${digits.slice(1)}`;
  // Ten digits: a Russian number without its 8 (mobile 9…, city 3…/4…); "8…" is a number missing a digit.
  if (digits.length === 10 && !plus && /^[349]/.test(digits)) return `+7${digits}`;
  return null;
}

const DATE_TIME_FORMATS = [
  "d.M.yyyy H:mm",
  "d.M.yy H:mm",
  "d.M H:mm",
  "d/M/yyyy H:mm",
  "yyyy-M-d H:mm",
  "yyyy-M-d'T'H:mm",
];
const DATE_FORMATS = ["d.M.yyyy", "d/M/yyyy", "yyyy-M-d", "d-M-yyyy"];

/** Outcome of parsing a typed moment. */
export type ParsedMoment = { ok: true; iso: string } | { ok: false; reason: "unparseable" | "no_such_date" };

/**
 * True when the text is shaped like a day and month (and maybe a year) that does not exist,
 * like "31.02" or "30.02.1995": the person typed a date, just not a real one.
 */
export function isImpossibleDate(text: string): boolean {
  const match = /^(\d{1,2})[./-](\d{1,2})(?:[./-](\d{2}|\d{4}))?(?:\D|$)/.exec(text.trim());
  if (!match) return false;
  const day = Number(match[1]);
  const month = Number(match[2]);
  const year = match[3] ? Number(match[3].length === 2 ? `20${match[3]}` : match[3]) : 2024; // a leap year
  if (month < 1 || month > 12 || day < 1) return true;
  return !DateTime.fromObject({ year, month, day }).isValid;
}

/**
 * Parses a date and time typed in `zone` into a UTC ISO string.
 * Accepts "14:30" (today, or yesterday if today's 14:30 has not come yet),
 * "23.11 14:30", "23.11.2026 14:30", "2026-11-23 14:30".
 */
export function parseDateTime(
  text: string,
  now: Date,
  zone: string,
  options: { future?: boolean } = {},
): ParsedMoment {
  const input = text
    .replace(/\s+/g, " ")
    .replace(/[.,]?\s*в\s+/i, " ")
    .replace(/(\d)\.(\d\d)$/, "$1:$2");
  const today = DateTime.fromJSDate(now, { zone });
  const timeOnly = /^(\d{1,2})[:.](\d{2})$/.exec(input.trim());
  if (timeOnly) {
    const hour = Number(timeOnly[1]);
    const minute = Number(timeOnly[2]);
    if (hour > 23 || minute > 59) return { ok: false, reason: "unparseable" };
    let moment = today.set({ hour, minute, second: 0, millisecond: 0 });
    // A moment to come (a planned visit): a time already passed today means tomorrow.
    if (options.future) {
      if (moment <= today) moment = moment.plus({ days: 1 });
    } else if (moment > today.plus({ minutes: 1 })) moment = moment.minus({ days: 1 });
    return { ok: true, iso: moment.toUTC().toISO()! };
  }
  for (const format of DATE_TIME_FORMATS) {
    let moment = DateTime.fromFormat(input.trim(), format, { zone });
    if (!moment.isValid) continue;
    if (!format.includes("y")) moment = moment.set({ year: today.year });
    return { ok: true, iso: moment.toUTC().toISO() };
  }
  return { ok: false, reason: isImpossibleDate(input) ? "no_such_date" : "unparseable" };
}

/** Parses a calendar date ("12.03.1995", "1995-03-12") into "YYYY-MM-DD"; null when not a real date. */
export function parseDate(text: string): string | null {
  const input = text.trim();
  for (const format of DATE_FORMATS) {
    const date = DateTime.fromFormat(input, format, { zone: "UTC" });
    if (date.isValid) return date.toISODate();
  }
  return null;
}

/** The calendar date of `now` in `zone`, as "YYYY-MM-DD". */
export function localDate(now: Date, zone: string): string {
  return DateTime.fromJSDate(now, { zone }).toISODate()!;
}

/** Whole years between a "YYYY-MM-DD" date and "YYYY-MM-DD" `today`. */
export function yearsBetween(date: string, today: string): number {
  return Math.floor(DateTime.fromISO(today).diff(DateTime.fromISO(date), "years").years);
}
