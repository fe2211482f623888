/**
 * Checking the launch data (`initData`) a messenger hands a page it opens inside itself (Telegram's
 * Mini Apps; MAX's mini-apps use the same scheme): the fields are signed with a key derived from
 * the bot's token, so a page's backend can trust who opened it without a password.
 *
 * The scheme (Telegram's "Validating data received via the Mini App", MAX's "Валидация данных"):
 * every field but `hash`, as `key=value` with decoded values, sorted by key and joined by "\n", is
 * signed with HMAC-SHA256 under the key HMAC-SHA256(key: "WebAppData", message: bot token); `hash`
 * is that signature in hex. Each field appears once. `auth_date` (Unix seconds) says when the
 * messenger made the data: too old is refused, so a leaked copy soon stops working.
 *
 * Pure: no I/O, the clock comes in.
 *
 * @example
 * const checked = checkWebAppData(initData, { botToken, now: new Date(), maxAgeSeconds: 900 });
 * if (checked.ok) findStaffByMessengerUser("telegram", checked.data.user.id);
 */
import { createHmac, timingSafeEqual } from "node:crypto";

/** The user the launch data names (the fields a backend needs). */
export interface WebAppUser {
  /** The messenger's user id, as a string. */
  id: string;
  firstName?: string;
  languageCode?: string;
}

/** Launch data whose signature and age were checked. */
export interface WebAppData {
  user: WebAppUser;
  authDate: Date;
  /** The signature: unique per launch, for refusing a replay. */
  hash: string;
  /** Every signed field, decoded (for what a caller needs besides the user). */
  fields: Readonly<Record<string, string>>;
}

/** Why launch data was refused. */
export type WebAppDataRefusal =
  /** Not a query string of unique fields with a hex `hash`, a numeric `auth_date` and a user. */
  | "malformed"
  /** The signature does not match: another bot's data, or changed on the way. */
  | "bad_signature"
  /** Older than allowed (or dated in the future beyond clock skew). */
  | "expired";

/** Options of {@link checkWebAppData}. */
export interface WebAppDataOptions {
  botToken: string;
  now: Date;
  /** Oldest `auth_date` accepted, in seconds. */
  maxAgeSeconds: number;
}

/** Longest launch data accepted (Telegram's is well under 1 KB; a cap keeps hashing cheap). */
export const MAX_WEB_APP_DATA_LENGTH = 8192;
/** How far in the future `auth_date` may lie (clock skew between the messenger and us). */
const ALLOWED_SKEW_SECONDS = 60;
const HEX_HASH = /^[0-9a-f]{64}$/;

/** The signing key for a bot: HMAC-SHA256 of the token under the key "WebAppData". */
function secretKey(botToken: string): Buffer {
  return createHmac("sha256", "WebAppData").update(botToken).digest();
}

/** The string that is signed: every field but `hash`, sorted by key, `key=value` per line. */
function dataCheckString(fields: ReadonlyMap<string, string> | Record<string, string>): string {
  const entries = fields instanceof Map ? [...fields.entries()] : Object.entries(fields);
  return entries
    .filter(([key]) => key !== "hash")
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, value]) => `${key}=${value}`)
    .join("\n");
}

/**
 * Checks launch data; never throws for bad input.
 *
 * @returns the data with its user, or the reason it is refused.
 */
export function checkWebAppData(
  raw: string,
  options: WebAppDataOptions,
): { ok: true; data: WebAppData } | { ok: false; reason: WebAppDataRefusal } {
  if (raw.length === 0 || raw.length > MAX_WEB_APP_DATA_LENGTH) return { ok: false, reason: "malformed" };
  const fields = new Map<string, string>();
  for (const [key, value] of new URLSearchParams(raw)) {
    if (fields.has(key)) return { ok: false, reason: "malformed" };
    fields.set(key, value);
  }
  const hash = fields.get("hash");
  const authDate = fields.get("auth_date");
  if (!hash || !HEX_HASH.test(hash) || !authDate || !/^\d{1,12}$/.test(authDate)) {
    return { ok: false, reason: "malformed" };
  }
  const expected = createHmac("sha256", secretKey(options.botToken)).update(dataCheckString(fields)).digest();
  if (!timingSafeEqual(expected, Buffer.from(hash, "hex"))) return { ok: false, reason: "bad_signature" };

  const age = options.now.getTime() / 1000 - Number(authDate);
  if (age > options.maxAgeSeconds || age < -ALLOWED_SKEW_SECONDS) return { ok: false, reason: "expired" };

  const user = parseUser(fields.get("user"));
  if (!user) return { ok: false, reason: "malformed" };
  return {
    ok: true,
    data: { user, authDate: new Date(Number(authDate) * 1000), hash, fields: Object.fromEntries(fields) },
  };
}

function parseUser(json: string | undefined): WebAppUser | null {
  if (!json) return null;
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return null;
  }
  if (typeof value !== "object" || value === null) return null;
  const { id, first_name: firstName, language_code: languageCode } = value as Record<string, unknown>;
  if (typeof id !== "number" || !Number.isSafeInteger(id) || id <= 0) return null;
  return {
    id: String(id),
    ...(typeof firstName === "string" ? { firstName } : {}),
    ...(typeof languageCode === "string" ? { languageCode } : {}),
  };
}

/**
 * Signs fields as the messenger would: the query string a page receives. For tests and local
 * simulators; production data is signed by the messenger.
 *
 * @example
 * signWebAppData({ auth_date: "1767225600", user: JSON.stringify({ id: 7 }) }, botToken);
 */
export function signWebAppData(fields: Record<string, string>, botToken: string): string {
  const hash = createHmac("sha256", secretKey(botToken)).update(dataCheckString(fields)).digest("hex");
  return new URLSearchParams({ ...fields, hash }).toString();
}
