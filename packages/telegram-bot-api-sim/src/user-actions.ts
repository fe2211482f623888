/**
 * What a simulated user can do in a chat. Each action changes the chat as a Telegram client would and
 * queues the update the bot receives for it.
 */
import type {
  CallbackQuery,
  InlineKeyboardButton,
  MessageOrigin,
  PhotoSize,
  Sticker,
  User,
} from "@grammyjs/types";
import type { SimBot } from "./bot.ts";
import { type ChatMessage, type MessageContent, SimChat } from "./chat.ts";
import { SimError } from "./errors.ts";
import { commandEntities } from "./formatting.ts";
import { findInlineButton, keyboardButtonText, requestsContact } from "./markup.ts";
import { MAX_TEXT_LENGTH } from "./methods/sending.ts";
import type { SimPressResult, SimUserProfile } from "./sim-types.ts";
import type { SimState } from "./state.ts";

/** Content fields a forward copies from the original message. */
const FORWARDED_FIELDS = [
  "text",
  "entities",
  "caption",
  "caption_entities",
  "document",
  "photo",
  "sticker",
  "contact",
] as const;

/** Creates the user's private chat with the bot, or updates the user's profile in an existing one. */
export function ensureChat(bot: SimBot, profile: SimUserProfile): SimChat {
  const user: User = {
    id: profile.id,
    is_bot: false,
    first_name: profile.firstName,
    last_name: profile.lastName,
    username: profile.username,
    language_code: profile.languageCode,
  };
  const phone = profile.phoneNumber ?? `+1555${String(profile.id).padStart(7, "0").slice(-7)}`;
  const existing = bot.chats.get(profile.id);
  if (existing) {
    existing.updateProfile(user, phone);
    return existing;
  }
  const chat = new SimChat(user, phone);
  bot.chats.set(profile.id, chat);
  return chat;
}

/** Sends text; commands get bot_command entities as Telegram clients add them. */
export function sendText(
  state: SimState,
  bot: SimBot,
  chat: SimChat,
  input: { text: string; replyToMessageId?: number },
): ChatMessage {
  const text = typedText(input.text);
  const entities = commandEntities(text);
  const replied =
    input.replyToMessageId === undefined ? undefined : existingMessage(chat, input.replyToMessageId);
  return postUserMessage(state, bot, chat, {
    text,
    ...(entities.length > 0 && { entities }),
    ...(replied && { reply_to_message: { ...replied, reply_to_message: undefined } }),
  });
}

/**
 * Presses a button by its label and/or callback data: an inline button of the given message (or of the
 * newest message that has a matching one), else a button of the reply keyboard shown.
 */
export function press(
  state: SimState,
  bot: SimBot,
  chat: SimChat,
  input: { text?: string; data?: string; messageId?: number },
): SimPressResult {
  const candidates =
    input.messageId === undefined ? chat.list().reverse() : [existingMessage(chat, input.messageId)];
  for (const message of candidates) {
    const button = findInlineButton(message.reply_markup, input);
    if (button) return pressInline(state, bot, chat, message, button);
  }
  if (input.messageId === undefined && input.text !== undefined && input.data === undefined) {
    const key = chat.replyKeyboard?.keyboard
      .flat()
      .find((button) => keyboardButtonText(button) === input.text);
    if (key) return pressKey(state, bot, chat, requestsContact(key), input.text);
  }
  throw new SimError(404, `no button ${JSON.stringify(input.text ?? input.data)} in the chat`);
}

function pressInline(
  state: SimState,
  bot: SimBot,
  chat: SimChat,
  message: ChatMessage,
  button: InlineKeyboardButton,
): SimPressResult {
  if (!("callback_data" in button)) {
    throw new SimError(400, `button ${JSON.stringify(button.text)} has no callback_data`);
  }
  assertNotBlocked(chat);
  const query: CallbackQuery = {
    id: state.nextCallbackQueryId(),
    from: chat.user,
    message,
    chat_instance: `${bot.id}${chat.user.id}`,
    data: button.callback_data,
  };
  const date = state.nowSeconds();
  bot.callbacks.add(query.id, chat, state.options.now());
  chat.addNotice({
    callbackQueryId: query.id,
    messageId: message.message_id,
    data: button.callback_data,
    date,
    answered: false,
  });
  bot.enqueue({ callback_query: query });
  return {
    kind: "callback",
    callbackQueryId: query.id,
    messageId: message.message_id,
    data: button.callback_data,
  };
}

function pressKey(
  state: SimState,
  bot: SimBot,
  chat: SimChat,
  contact: boolean,
  text: string,
): SimPressResult {
  const message = contact ? shareContact(state, bot, chat, {}) : sendText(state, bot, chat, { text });
  chat.keyboardUsed();
  return { kind: "message", message };
}

/** Shares a contact: the user's own (as a request_contact button does) unless a phone number is given. */
export function shareContact(
  state: SimState,
  bot: SimBot,
  chat: SimChat,
  input: { phoneNumber?: string; firstName?: string; lastName?: string; userId?: number },
): ChatMessage {
  const own = input.phoneNumber === undefined;
  const contact = own
    ? {
        phone_number: chat.phoneNumber,
        first_name: chat.user.first_name,
        last_name: chat.user.last_name,
        user_id: chat.user.id,
      }
    : {
        phone_number: input.phoneNumber ?? "",
        first_name: input.firstName ?? "Contact",
        last_name: input.lastName,
        user_id: input.userId,
      };
  return postUserMessage(state, bot, chat, { contact });
}

/** Sends a sticker, so bots meet a message without text. */
export function sendSticker(
  state: SimState,
  bot: SimBot,
  chat: SimChat,
  input: { emoji?: string },
): ChatMessage {
  const file = state.files.add(Buffer.from("RIFF\0\0\0\0WEBPVP8 "), "stickers", "sticker.webp");
  const sticker: Sticker = {
    file_id: file.fileId,
    file_unique_id: file.fileUniqueId,
    type: "regular",
    width: 512,
    height: 512,
    is_animated: false,
    is_video: false,
    emoji: input.emoji ?? "👍",
    file_size: file.content.length,
  };
  return postUserMessage(state, bot, chat, { sticker });
}

/** Sends a photo (placeholder bytes unless content is given), with an optional caption. */
export function sendPhoto(
  state: SimState,
  bot: SimBot,
  chat: SimChat,
  input: { caption?: string; content?: Buffer },
): ChatMessage {
  const photo: PhotoSize[] = [
    { width: 90, height: 67, content: Buffer.from("simulated photo thumbnail") },
    { width: 800, height: 600, content: input.content ?? Buffer.from("simulated photo") },
  ].map(({ width, height, content }) => {
    const file = state.files.add(content, "photos", "photo.jpg");
    return {
      file_id: file.fileId,
      file_unique_id: file.fileUniqueId,
      width,
      height,
      file_size: content.length,
    };
  });
  return postUserMessage(state, bot, chat, { photo, ...(input.caption && { caption: input.caption }) });
}

/**
 * Forwards a message into the chat: one of this chat's messages (its sender becomes the origin), or new
 * text from someone who hides their account.
 */
export function forwardMessage(
  state: SimState,
  bot: SimBot,
  chat: SimChat,
  input: { messageId?: number; text?: string; senderName?: string },
): ChatMessage {
  if (input.messageId !== undefined) {
    const original = existingMessage(chat, input.messageId);
    const origin: MessageOrigin = { type: "user", date: original.date, sender_user: original.from };
    const copied = FORWARDED_FIELDS.filter((field) => original[field] !== undefined).map((field) => [
      field,
      original[field],
    ]);
    return postUserMessage(state, bot, chat, {
      ...(Object.fromEntries(copied) as MessageContent),
      forward_origin: origin,
    });
  }
  if (!input.text) throw new SimError(400, "give messageId or text to forward");
  const origin: MessageOrigin = {
    type: "hidden_user",
    date: state.nowSeconds(),
    sender_user_name: input.senderName ?? "Hidden User",
  };
  return postUserMessage(state, bot, chat, { text: input.text, forward_origin: origin });
}

/** Edits one of the user's own text messages; the bot receives an edited_message update. */
export function editText(
  state: SimState,
  bot: SimBot,
  chat: SimChat,
  input: { messageId: number; text: string },
): ChatMessage {
  const message = existingMessage(chat, input.messageId);
  if (message.from.is_bot) throw new SimError(400, "the user can only edit their own messages");
  if (message.text === undefined) throw new SimError(400, "the message has no text to edit");
  const text = typedText(input.text);
  assertNotBlocked(chat);
  const entities = commandEntities(text);
  const date = state.nowSeconds();
  const edited = { ...message, text, entities: entities.length > 0 ? entities : undefined, edit_date: date };
  bot.enqueue({ edited_message: edited });
  return chat.replace(edited);
}

/** Blocks or unblocks the bot; the bot gets a my_chat_member update either way. */
export function setBlocked(state: SimState, bot: SimBot, chat: SimChat, blocked: boolean): void {
  if (chat.blocked === blocked) return;
  chat.setBlocked(blocked);
  const member = { status: "member" as const, user: bot.sender };
  const kicked = { status: "kicked" as const, user: bot.sender, until_date: 0 };
  bot.enqueue({
    my_chat_member: {
      chat: chat.chat,
      from: chat.user,
      date: state.nowSeconds(),
      old_chat_member: blocked ? member : kicked,
      new_chat_member: blocked ? kicked : member,
    },
  });
}

function postUserMessage(state: SimState, bot: SimBot, chat: SimChat, content: MessageContent): ChatMessage {
  assertNotBlocked(chat);
  const message = chat.post(chat.user, state.nowSeconds(), content);
  bot.enqueue({ message });
  return message;
}

/** Text as Telegram stores what a user typed: trimmed, non-empty, at most 4096 characters. */
function typedText(text: string): string {
  const trimmed = text.trim();
  if (trimmed === "") throw new SimError(400, "text is empty");
  if (trimmed.length > MAX_TEXT_LENGTH) throw new SimError(400, "text is too long");
  return trimmed;
}

/** A user who blocked the bot cannot write to it, as in Telegram clients. */
function assertNotBlocked(chat: SimChat): void {
  if (chat.blocked) throw new SimError(409, "the user has blocked the bot; unblock it first");
}

function existingMessage(chat: SimChat, messageId: number): ChatMessage {
  const message = chat.find(messageId);
  if (!message) throw new SimError(404, `message ${messageId} not found in the chat`);
  return message;
}
