/**
 * answerCallbackQuery: the answer is recorded on the chat, where the user side can see its notice.
 */
import { z } from "zod";
import { badRequest } from "../errors.ts";
import { tgBoolean, tgInteger, tgString } from "../params.ts";
import { defineMethod } from "./method.ts";

const MAX_NOTICE_LENGTH = 200;

const answerCallbackQueryParams = z.object({
  callback_query_id: tgString(),
  text: tgString().pipe(z.string().max(MAX_NOTICE_LENGTH, "Bad Request: MESSAGE_TOO_LONG")).optional(),
  show_alert: tgBoolean().optional(),
  url: tgString().optional(),
  cache_time: tgInteger().optional(),
});

/**
 * Answers a button press once. Unknown, already answered and expired queries all get Telegram's
 * "query is too old" error.
 */
export const answerCallbackQuery = defineMethod(answerCallbackQueryParams, ({ state, bot }, params) => {
  const chat = bot.callbacks.take(params.callback_query_id, state.options.now());
  if (!chat) throw badRequest("query is too old and response timeout expired or query ID is invalid");
  chat.answerNotice(params.callback_query_id, {
    text: params.text,
    showAlert: params.show_alert,
    url: params.url,
  });
  return true;
});
