/**
 * sendChatAction: "typing…" and friends, shown on the user side until the bot's next message.
 */
import { z } from "zod";
import { tgChatId } from "../params.ts";
import { defineMethod } from "./method.ts";

const ACTIONS = [
  "typing",
  "upload_photo",
  "record_video",
  "upload_video",
  "record_voice",
  "upload_voice",
  "upload_document",
  "choose_sticker",
  "find_location",
  "record_video_note",
  "upload_video_note",
] as const;

const sendChatActionParams = z.object({
  chat_id: tgChatId(),
  action: z.enum(ACTIONS, { error: "Bad Request: wrong parameter action in request" }),
});

/** Shows a chat action to the user. */
export const sendChatAction = defineMethod(sendChatActionParams, ({ state, bot }, params) => {
  bot.writableChat(params.chat_id).showAction({ action: params.action, date: state.nowSeconds() });
  return true;
});
