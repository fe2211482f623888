/**
 * The Bot API methods the simulator implements, by lower-cased name (Telegram matches method names
 * case-insensitively).
 */
import { z } from "zod";
import { answerCallbackQuery } from "./callbacks.ts";
import { sendChatAction } from "./chat-action.ts";
import { deleteMyCommands, getMyCommands, setMyCommands } from "./commands.ts";
import { getFile, sendDocument } from "./documents.ts";
import { defineMethod, type MethodHandler } from "./method.ts";
import { deleteMessage, editMessageReplyMarkup, editMessageText, sendMessage } from "./messages.ts";
import { getUpdates } from "./updates.ts";
import { deleteWebhook, getWebhookInfo, setWebhook } from "./webhook.ts";

/** Returns the bot itself. */
const getMe = defineMethod(z.object({}), ({ bot }) => bot.user);

const METHODS: Record<string, MethodHandler> = {
  getMe,
  getUpdates,
  setWebhook,
  deleteWebhook,
  getWebhookInfo,
  sendMessage,
  editMessageText,
  editMessageReplyMarkup,
  deleteMessage,
  answerCallbackQuery,
  sendDocument,
  getFile,
  setMyCommands,
  getMyCommands,
  deleteMyCommands,
  sendChatAction,
};

const BY_LOWER_NAME = new Map(
  Object.entries(METHODS).map(([name, handler]) => [name.toLowerCase(), handler]),
);

/** The implementation of a method, if the simulator has one. */
export function findMethod(name: string): MethodHandler | undefined {
  return BY_LOWER_NAME.get(name.toLowerCase());
}
