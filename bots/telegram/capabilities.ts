/**
 * What Telegram allows, as the core needs to know it (https://core.telegram.org/bots/api).
 */
import type { MessengerCapabilities } from "../../src/platform/messenger/contract.ts";

/** Telegram's limits: 4096 characters of text, 64 bytes of callback data, reply keyboards, Mini Apps. */
export const TELEGRAM_CAPABILITIES: MessengerCapabilities = {
  maxTextLength: 4096,
  maxCallbackDataBytes: 64,
  replyKeyboards: true,
  miniApps: true,
};
