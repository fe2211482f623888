/**
 * Links that open a chat with the bot: how a person redeems an invitation in each messenger.
 */
import type { MessengerKind } from "./contract.ts";

/** The username of the bot the local servers simulate (Telegram and MAX alike). */
export const LOCAL_BOT_USERNAME = "signal_desk_local_bot";

/**
 * The deep link that opens a chat with the bot and hands it `payload` (an invitation code): Telegram
 * sends it as `/start <payload>`, MAX as a `bot_started` update with `payload` (up to 512 characters).
 * @example deepLink("max", "signal_desk_bot", "Ab12Cd34") // "https://max.ru/signal_desk_bot?start=Ab12Cd34"
 */
export function deepLink(messenger: MessengerKind, username: string, payload: string): string {
  const code = encodeURIComponent(payload);
  // Telegram: core.telegram.org/bots/features#deep-linking; MAX: dev.max.ru/docs-api, "Deep linking".
  return messenger === "max"
    ? `https://max.ru/${username}?start=${code}`
    : `https://t.me/${username}?start=${code}`;
}
