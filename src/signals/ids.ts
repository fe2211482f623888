/**
 * Compact ids for button data: a UUID (36 characters) becomes 22 base64url characters, so a
 * button naming a signal and a curator fits Telegram's 64-byte callback_data.
 */

/** "0b8e…-…" → 22 characters. */
export function shortId(uuid: string): string {
  return Buffer.from(uuid.replace(/-/g, ""), "hex").toString("base64url");
}

/** Inverse of {@link shortId}; null when malformed. */
export function fromShortId(short: string): string | null {
  if (!/^[A-Za-z0-9_-]{22}$/.test(short)) return null;
  const hex = Buffer.from(short, "base64url").toString("hex");
  if (hex.length !== 32) return null;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
