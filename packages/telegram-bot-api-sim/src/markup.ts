/**
 * Reply markup: validation with Telegram's error texts, and comparison for "message is not modified".
 */
import type {
  ForceReply,
  InlineKeyboardButton,
  InlineKeyboardMarkup,
  KeyboardButton,
  ReplyKeyboardMarkup,
  ReplyKeyboardRemove,
} from "@grammyjs/types";
import { z } from "zod";
import { badRequest } from "./errors.ts";

/** Any `reply_markup` a message can be sent with. */
export type ReplyMarkup = InlineKeyboardMarkup | ReplyKeyboardMarkup | ReplyKeyboardRemove | ForceReply;

/** Telegram's limit on callback_data, in UTF-8 bytes. */
const MAX_CALLBACK_DATA_BYTES = 64;

/** Inline button fields other than the label; exactly one of them must be set. */
const INLINE_ACTIONS = [
  "callback_data",
  "url",
  "web_app",
  "login_url",
  "switch_inline_query",
  "switch_inline_query_current_chat",
  "switch_inline_query_chosen_chat",
  "copy_text",
  "callback_game",
  "pay",
  "disabled",
] as const;

/** Fields every button may have besides its kind. */
const BUTTON_LOOKS = ["text", "icon_custom_emoji_id", "style"] as const;

/** Reply keyboard button kinds. */
const KEYBOARD_KINDS = [
  "request_contact",
  "request_location",
  "request_users",
  "request_chat",
  "request_poll",
  "request_managed_bot",
  "web_app",
] as const;

const rows = <T extends z.ZodType>(button: T) => z.array(z.array(button));
const inlineButton = z.looseObject({ text: z.string(), callback_data: z.string().optional() });
const keyboardButton = z.union([z.string(), z.looseObject({ text: z.string() })]);
const inlineMarkupShape = z.looseObject({ inline_keyboard: rows(inlineButton) });
const markupShape = z.union([
  inlineMarkupShape,
  z.looseObject({ keyboard: rows(keyboardButton) }),
  z.looseObject({ remove_keyboard: z.literal(true) }),
  z.looseObject({ force_reply: z.literal(true) }),
]);

/**
 * Checks a `reply_markup` value (already JSON-decoded) and returns it typed.
 *
 * @throws {BotApiError} 400 "can't parse reply keyboard markup JSON object" for a wrong shape,
 *   "BUTTON_DATA_INVALID" for callback_data outside 1–64 bytes, and Telegram's text for inline buttons
 *   without an action.
 */
export function parseReplyMarkup(value: unknown): ReplyMarkup {
  const shape = markupShape.safeParse(value);
  if (!shape.success) throw badRequest("can't parse reply keyboard markup JSON object");
  const markup = shape.data;
  // zod has checked every field the simulator reads; the other button kinds pass through as sent.
  if ("inline_keyboard" in markup) {
    const buttons = inlineMarkupShape.parse(markup).inline_keyboard;
    buttons.flat().forEach(checkInlineButton);
    return {
      inline_keyboard: buttons.map((row) => row.map((b) => pick(b, [...BUTTON_LOOKS, ...INLINE_ACTIONS]))),
    } as ReplyMarkup;
  }
  if ("keyboard" in markup) {
    const keyboard = z.looseObject({ keyboard: rows(keyboardButton) }).parse(markup).keyboard;
    const buttons = keyboard.map((row) =>
      row.map((b) => (typeof b === "string" ? { text: b } : pick(b, [...BUTTON_LOOKS, ...KEYBOARD_KINDS]))),
    );
    return { ...markup, keyboard: buttons };
  }
  return markup;
}

/** Telegram keeps only the fields it knows (Telegraf, for one, adds `hide: false` to buttons). */
function pick<T extends Record<string, unknown>>(source: T, fields: readonly string[]): T {
  return Object.fromEntries(
    fields.filter((field) => source[field] !== undefined).map((field) => [field, source[field]]),
  ) as T;
}

/**
 * Like {@link parseReplyMarkup} but only an inline keyboard is acceptable (message edits).
 * An empty keyboard means "no keyboard", as Telegram treats it.
 */
export function parseInlineMarkup(value: unknown): InlineKeyboardMarkup | undefined {
  const markup = parseReplyMarkup(value);
  if (!("inline_keyboard" in markup)) throw badRequest("inline keyboard expected");
  return markup.inline_keyboard.flat().length === 0 ? undefined : markup;
}

function checkInlineButton(button: z.infer<typeof inlineButton>): void {
  const actions = INLINE_ACTIONS.filter((field) => button[field] !== undefined);
  if (actions.length === 0) {
    throw badRequest("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard");
  }
  if (button.callback_data === undefined) return;
  const bytes = Buffer.byteLength(button.callback_data, "utf8");
  if (bytes === 0 || bytes > MAX_CALLBACK_DATA_BYTES) throw badRequest("BUTTON_DATA_INVALID");
}

/** The text of a reply keyboard button, which may be given as a bare string. */
export function keyboardButtonText(button: KeyboardButton): string {
  return typeof button === "string" ? button : button.text;
}

/** True for a reply keyboard button that shares the user's phone number when pressed. */
export function requestsContact(button: KeyboardButton): boolean {
  return typeof button !== "string" && "request_contact" in button && button.request_contact;
}

/** Finds an inline button by its label or by its callback data. */
export function findInlineButton(
  markup: InlineKeyboardMarkup | undefined,
  match: { text?: string; data?: string },
): InlineKeyboardButton | undefined {
  return markup?.inline_keyboard
    .flat()
    .find(
      (button) =>
        (match.text === undefined || button.text === match.text) &&
        (match.data === undefined || ("callback_data" in button && button.callback_data === match.data)),
    );
}

/** Structural equality of two JSON values, ignoring key order (Telegram compares content, not text). */
export function sameJson(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === "object" && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([x], [y]) => x.localeCompare(y)))
      : inner,
  );
}
