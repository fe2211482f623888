/**
 * What the sending and editing methods share: common parameters, text limits, replies and the way a
 * bot message lands in a chat.
 */
import type { Message, MessageEntity } from "@grammyjs/types";
import { z } from "zod";
import type { ChatMessage, MessageContent, SimChat } from "../chat.ts";
import { badRequest } from "../errors.ts";
import { type FormattedText, formatText } from "../formatting.ts";
import { parseReplyMarkup } from "../markup.ts";
import { tgBoolean, tgChatId, tgInteger, tgJson, tgString } from "../params.ts";
import type { CallContext } from "./method.ts";

/** Telegram's limits, counted after entity parsing. */
export const MAX_TEXT_LENGTH = 4096;
export const MAX_CAPTION_LENGTH = 1024;

/** `entities` / `caption_entities`: shapes are checked, the rest passes through as sent. */
export const entitiesParam = tgJson(
  z.array(z.looseObject({ type: z.string(), offset: z.number().int(), length: z.number().int() })),
).transform((entities) => entities as MessageEntity[]);

/** Parameters every send method takes. */
export const sendParams = {
  chat_id: tgChatId(),
  reply_markup: tgJson(z.unknown()).optional(),
  reply_parameters: tgJson(
    z.looseObject({ message_id: tgInteger(), allow_sending_without_reply: tgBoolean().optional() }),
  ).optional(),
  reply_to_message_id: tgInteger().optional(),
  allow_sending_without_reply: tgBoolean().optional(),
};

/** Parsed common send parameters. */
export type SendParams = z.output<z.ZodObject<typeof sendParams>>;

/** Parameters that locate a message to edit. */
export const editTargetParams = {
  chat_id: tgChatId().optional(),
  message_id: tgInteger().optional(),
  inline_message_id: tgString().optional(),
};

/** Formats message text and applies Telegram's checks ("message text is empty", "message is too long"). */
export function messageText(
  text: string | undefined,
  parseMode?: string,
  entities?: MessageEntity[],
): FormattedText {
  const formatted = formatText(text ?? "", parseMode, entities);
  if (formatted.text === "") throw badRequest("message text is empty");
  if (formatted.text.length > MAX_TEXT_LENGTH) throw badRequest("message is too long");
  return formatted;
}

/** Formats an optional media caption ("message caption is too long"). */
export function captionContent(
  caption: string | undefined,
  parseMode?: string,
  entities?: MessageEntity[],
): Pick<Message, "caption" | "caption_entities"> {
  if (caption === undefined || caption === "") return {};
  const formatted = formatText(caption, parseMode, entities);
  if (formatted.text.length > MAX_CAPTION_LENGTH) throw badRequest("message caption is too long");
  return formatted.entities
    ? { caption: formatted.text, caption_entities: formatted.entities }
    : { caption: formatted.text };
}

/**
 * Posts a bot message: validates the reply markup and reply target, stores the message and updates
 * the reply keyboard the user sees.
 */
export function postBotMessage(
  ctx: CallContext,
  chat: SimChat,
  content: MessageContent,
  params: SendParams,
): ChatMessage {
  const markup = params.reply_markup === undefined ? undefined : parseReplyMarkup(params.reply_markup);
  const replyTo = replyTarget(chat, params);
  const inline =
    markup && "inline_keyboard" in markup && markup.inline_keyboard.flat().length > 0 ? markup : undefined;
  const message = chat.post(ctx.bot.sender, ctx.state.nowSeconds(), {
    ...content,
    ...(replyTo && { reply_to_message: replyTo }),
    ...(inline && { reply_markup: inline }),
  });
  chat.applyKeyboard(markup);
  // "It is currently only possible to edit messages without reply_markup or with inline keyboards."
  if (markup && !("inline_keyboard" in markup)) chat.forbidEdits(message.message_id);
  return message;
}

function replyTarget(
  chat: SimChat,
  params: SendParams,
): (Message & { reply_to_message: undefined }) | undefined {
  const id = params.reply_parameters?.message_id ?? params.reply_to_message_id;
  if (id === undefined) return undefined;
  const target = chat.find(id);
  if (!target) {
    const allowMissing =
      params.reply_parameters?.allow_sending_without_reply ?? params.allow_sending_without_reply;
    if (allowMissing) return undefined;
    throw badRequest("message to be replied not found");
  }
  // A replied-to message never carries its own reply_to_message.
  return { ...target, reply_to_message: undefined };
}

/**
 * The bot message an edit targets.
 *
 * @throws {BotApiError} 400 "message to edit not found", "message can't be edited" (a user's message).
 */
export function messageToEdit(
  ctx: CallContext,
  target: { chat_id?: number | string; message_id?: number; inline_message_id?: string },
): { chat: SimChat; message: ChatMessage } {
  if (target.inline_message_id !== undefined) throw badRequest("MESSAGE_ID_INVALID");
  if (target.chat_id === undefined) throw badRequest("chat_id is empty");
  if (target.message_id === undefined) throw badRequest("message identifier is not specified");
  const chat = ctx.bot.writableChat(target.chat_id);
  const message = chat.find(target.message_id);
  if (!message) throw badRequest("message to edit not found");
  if (!message.from.is_bot || !chat.canEdit(message.message_id)) throw badRequest("message can't be edited");
  return { chat, message };
}

/** Telegram's answer to an edit that changes nothing. */
export const NOT_MODIFIED =
  "message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message";
