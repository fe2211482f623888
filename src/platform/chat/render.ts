/**
 * Turns engine and feature messages into messenger calls for one reader: texts rendered in
 * their language and time zone, buttons into an inline keyboard.
 */
import type { InlineButton, Keyboard, OutboundCall } from "../messenger/contract.ts";
import type { EngineMessage, Text } from "../flow/types.ts";
import type { Translator } from "../i18n/index.ts";
import type { ChatMessage, ChatStaff } from "./app.ts";

/** Telegram's longest message text. */
export const MAX_MESSAGE_LENGTH = 4096;

/** Who reads a message: language and time zone. */
export type Reader = Pick<ChatStaff, "locale" | "timeZone">;

function textOf(translator: Translator, reader: Reader, texts: Text[]): string {
  const text = translator.renderAll(texts, reader.locale, reader.timeZone);
  return text.length > MAX_MESSAGE_LENGTH ? `${text.slice(0, MAX_MESSAGE_LENGTH - 1)}…` : text;
}

function inlineKeyboard(
  translator: Translator,
  reader: Reader,
  buttons: { text: Text; data: string }[][] | undefined,
): Keyboard | undefined {
  const rows: InlineButton[][] = (buttons ?? [])
    .filter((row) => row.length > 0)
    .map((row) =>
      row.map((b) => ({ text: translator.render(b.text, reader.locale, reader.timeZone), data: b.data })),
    );
  return rows.length > 0 ? { type: "inline", rows } : undefined;
}

/**
 * Calls showing `message` in `chatId`. A replacing message edits `pressedMessageId` when
 * known. A contact request needs a reply keyboard, which Telegram cannot combine with
 * inline buttons on one message, so it follows as a second message.
 */
export function renderMessage(
  translator: Translator,
  reader: Reader,
  chatId: string,
  message: EngineMessage | (ChatMessage & { replace?: boolean }),
  pressedMessageId?: number,
): OutboundCall[] {
  const text = textOf(translator, reader, message.texts);
  const keyboard = inlineKeyboard(translator, reader, message.buttons);
  const calls: OutboundCall[] = [];
  if ("removeReplyKeyboard" in message && message.removeReplyKeyboard) {
    return [{ method: "sendMessage", chatId, text, keyboard: { type: "remove" } }];
  }
  if (message.replace && pressedMessageId !== undefined) {
    calls.push({
      method: "editMessageText",
      chatId,
      messageId: pressedMessageId,
      text,
      ...(keyboard ? { keyboard } : {}),
    });
  } else {
    calls.push({ method: "sendMessage", chatId, text, ...(keyboard ? { keyboard } : {}) });
  }
  if ("requestContact" in message && message.requestContact) {
    const label = translator.render(message.requestContact, reader.locale, reader.timeZone);
    calls.push({
      method: "sendMessage",
      chatId,
      text: translator.render(
        { key: "chat.contact_hint", params: { label } },
        reader.locale,
        reader.timeZone,
      ),
      keyboard: { type: "reply", rows: [[{ text: label, requestContact: true }]], oneTime: true },
    });
  }
  return calls;
}
