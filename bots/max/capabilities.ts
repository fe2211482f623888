/**
 * What MAX allows, as the core needs to know it (the Bot API's OpenAPI schema on dev.max.ru:
 * `NewMessageBody.text` maxLength 4000, `CallbackButton.payload` maxLength 1024).
 */
import type { MessengerCapabilities } from "../../src/platform/messenger/contract.ts";

/**
 * MAX's limits: 4000 characters of text, 1024 characters of button payload (taken as bytes: never
 * more than the characters). No reply keyboards, but a `request_contact` inline button asks for the
 * contact the same way (see ./outbound.ts), so contact requests are shown.
 */
export const MAX_CAPABILITIES: MessengerCapabilities = {
  maxTextLength: 4000,
  maxCallbackDataBytes: 1024,
  replyKeyboards: true,
};
