/**
 * Read models of the user side: what a chat shows, the chat list and bot status.
 */
import type { Message } from "@grammyjs/types";
import type { SimBot } from "./bot.ts";
import type { ChatMessage, SimChat } from "./chat.ts";
import type { SimBotInfo, SimChatSummary, SimChatView, SimMessageKind, SimMessageView } from "./sim-types.ts";

/** Everything the chat shows now. */
export function toChatView(bot: SimBot, chat: SimChat): SimChatView {
  return {
    botId: bot.id,
    chatId: chat.user.id,
    user: chat.user,
    version: chat.version,
    blocked: chat.blocked,
    messages: chat.list().map(toMessageView),
    replyKeyboard: chat.replyKeyboard ?? null,
    callbackAnswers: chat.callbackNotices.map((notice) => ({ ...notice })),
    chatAction: chat.chatAction ?? null,
    commands: chatCommands(bot, chat),
  };
}

/**
 * The menu a private chat shows, found as Telegram finds it: this chat's scope, then all private
 * chats, then the default; each first in the user's language, then for any language.
 */
export function chatCommands(bot: SimBot, chat: SimChat): { command: string; description: string }[] {
  const lang = chat.user.language_code ?? "";
  const scopes = [
    { type: "chat", chat_id: chat.user.id },
    { type: "all_private_chats" },
    { type: "default" },
  ];
  for (const scope of scopes) {
    for (const language of lang ? [lang, ""] : [""]) {
      const found = bot.commands.get(JSON.stringify([scope, language]));
      if (found) return found.map(({ command, description }) => ({ command, description }));
    }
  }
  return [];
}

/** One message with its kind and the parts tests and pages look at. */
export function toMessageView(message: ChatMessage): SimMessageView {
  return {
    messageId: message.message_id,
    from: message.from.is_bot ? "bot" : "user",
    date: message.date,
    editDate: message.edit_date,
    kind: kindOf(message),
    text: message.text ?? message.caption,
    entities: message.entities ?? message.caption_entities,
    buttons: message.reply_markup?.inline_keyboard,
    document: message.document,
    contact: message.contact,
    forwarded: message.forward_origin !== undefined,
    replyToMessageId: message.reply_to_message?.message_id,
    message,
  };
}

function kindOf(message: Message): SimMessageKind {
  if (message.text !== undefined) return "text";
  if (message.document) return "document";
  if (message.photo) return "photo";
  if (message.sticker) return "sticker";
  if (message.contact) return "contact";
  return "other";
}

/** A line of the chat list. */
export function toChatSummary(bot: SimBot, chat: SimChat): SimChatSummary {
  return {
    botId: bot.id,
    chatId: chat.user.id,
    user: chat.user,
    version: chat.version,
    messageCount: chat.list().length,
  };
}

/** A bot's identity, delivery mode and queue. */
export function toBotInfo(bot: SimBot): SimBotInfo {
  const { username, first_name } = bot.user;
  return {
    id: bot.id,
    username,
    firstName: first_name,
    tokenBound: bot.token !== undefined,
    mode: bot.webhook ? "webhook" : bot.polling ? "polling" : "idle",
    webhookUrl: bot.webhook?.url,
    pendingUpdateCount: bot.queue.size,
    lastWebhookError: bot.delivery.lastError?.message,
    chatIds: [...bot.chats.keys()],
    faults: bot.faults.list(),
  };
}
