/**
 * The contract's keyboards → MAX attachments (pure). MAX has one kind of keyboard, the inline one
 * (`inline_keyboard` attachment); the contract's reply keyboard (the "share my contact" request)
 * becomes inline `request_contact` buttons, its other buttons `message` buttons (they send their
 * label as the person's message, as a reply keyboard does).
 */
import type { AttachmentRequest, Button } from "@maxhub/max-bot-api/types";
import { MessengerApiError, type Keyboard } from "../../src/platform/messenger/contract.ts";

/** The keyboard attachment of a new message; undefined for none (and for "remove": nothing to remove). */
export function keyboardAttachment(keyboard: Keyboard | undefined): AttachmentRequest | undefined {
  switch (keyboard?.type) {
    case undefined:
    case "remove":
      return undefined;
    case "inline":
      return inline(
        keyboard.rows.map((row) =>
          row.map((b): Button =>
            // A link (or a Mini App, which this adapter declares it cannot open) is a plain link.
            b.url !== undefined
              ? { type: "link", text: b.text, url: b.url }
              : { type: "callback", text: b.text, payload: b.data },
          ),
        ),
      );
    case "reply":
      return inline(
        keyboard.rows.map((row) =>
          row.map((b): Button =>
            b.requestContact ? { type: "request_contact", text: b.text } : { type: "message", text: b.text },
          ),
        ),
      );
  }
}

function inline(buttons: Button[][]): AttachmentRequest | undefined {
  const rows = buttons.filter((row) => row.length > 0);
  return rows.length > 0 ? { type: "inline_keyboard", payload: { buttons: rows } } : undefined;
}

/**
 * The attachments of an edit: the new inline keyboard, or an empty list, which removes the old one
 * (MAX: "if empty, all attachments will be removed"; `null` would keep them) — the contract's edit
 * without a keyboard removes it, as on Telegram. Only inline keyboards may be put on an edit.
 */
export function editAttachments(method: string, keyboard: Keyboard | undefined): AttachmentRequest[] {
  if (keyboard !== undefined && keyboard.type !== "inline") {
    throw new MessengerApiError(method, 400, "only an inline keyboard can be attached to an edited message");
  }
  const attachment = keyboardAttachment(keyboard);
  return attachment ? [attachment] : [];
}

/** A chat id as MAX wants it (int64 in the query); a malformed one fails like MAX would (400). */
export function maxChatId(method: string, chatId: string): number {
  const id = Number(chatId);
  if (!/^-?\d+$/.test(chatId) || !Number.isSafeInteger(id)) {
    throw new MessengerApiError(method, 400, `chat id "${chatId}" is not a MAX chat id`);
  }
  return id;
}
