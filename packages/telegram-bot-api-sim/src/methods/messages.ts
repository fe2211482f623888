/**
 * sendMessage, editMessageText, editMessageReplyMarkup and deleteMessage.
 */
import type { Message } from "@grammyjs/types";
import { z } from "zod";
import { badRequest } from "../errors.ts";
import { parseInlineMarkup, sameJson } from "../markup.ts";
import { tgChatId, tgInteger, tgJson, tgString } from "../params.ts";
import { defineMethod } from "./method.ts";
import {
  NOT_MODIFIED,
  editTargetParams,
  entitiesParam,
  messageText,
  messageToEdit,
  postBotMessage,
  sendParams,
} from "./sending.ts";

const sendMessageParams = z.object({
  ...sendParams,
  text: tgString().optional(),
  parse_mode: tgString().optional(),
  entities: entitiesParam.optional(),
});

/** Sends a text message, optionally with a keyboard, as a reply or not. */
export const sendMessage = defineMethod(sendMessageParams, (ctx, params): Message => {
  const chat = ctx.bot.writableChat(params.chat_id);
  const { text, entities } = messageText(params.text, params.parse_mode, params.entities);
  return postBotMessage(ctx, chat, entities ? { text, entities } : { text }, params);
});

const editMessageTextParams = z.object({
  ...editTargetParams,
  text: tgString().optional(),
  parse_mode: tgString().optional(),
  entities: entitiesParam.optional(),
  reply_markup: tgJson(z.unknown()).optional(),
});

/** Replaces a bot message's text; without reply_markup its inline keyboard goes away, as on Telegram. */
export const editMessageText = defineMethod(editMessageTextParams, (ctx, params): Message => {
  const { chat, message } = messageToEdit(ctx, params);
  if (message.text === undefined) throw badRequest("there is no text in the message to edit");
  const { text, entities } = messageText(params.text, params.parse_mode, params.entities);
  const markup = params.reply_markup === undefined ? undefined : parseInlineMarkup(params.reply_markup);
  const unchanged =
    text === message.text && sameJson(entities, message.entities) && sameJson(markup, message.reply_markup);
  if (unchanged) throw badRequest(NOT_MODIFIED);
  return chat.replace({
    ...message,
    text,
    entities,
    reply_markup: markup,
    edit_date: ctx.state.nowSeconds(),
  });
});

const editMessageReplyMarkupParams = z.object({
  ...editTargetParams,
  reply_markup: tgJson(z.unknown()).optional(),
});

/** Replaces (or, without reply_markup, removes) a bot message's inline keyboard. */
export const editMessageReplyMarkup = defineMethod(editMessageReplyMarkupParams, (ctx, params): Message => {
  const { chat, message } = messageToEdit(ctx, params);
  const markup = params.reply_markup === undefined ? undefined : parseInlineMarkup(params.reply_markup);
  if (sameJson(markup, message.reply_markup)) throw badRequest(NOT_MODIFIED);
  return chat.replace({ ...message, reply_markup: markup, edit_date: ctx.state.nowSeconds() });
});

const deleteMessageParams = z.object({ chat_id: tgChatId(), message_id: tgInteger() });

/** Deletes a message of either side (bots may delete incoming messages in private chats). */
export const deleteMessage = defineMethod(deleteMessageParams, ({ bot }, params) => {
  if (!bot.chat(params.chat_id).remove(params.message_id)) throw badRequest("message to delete not found");
  return true;
});
