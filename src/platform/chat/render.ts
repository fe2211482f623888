/**
 * Turns engine and feature messages into messenger calls for one reader: texts rendered in their
 * language and time zone, buttons into an inline keyboard — within the limits the reader's
 * messenger declares.
 */
import type { EngineMessage, Text } from "../flow/types.ts";
import type { Translator } from "../i18n/index.ts";
import type {
  InlineButton,
  Keyboard,
  MessengerCapabilities,
  MessengerKind,
  OutboundCall,
  TextFormat,
} from "../messenger/contract.ts";
import type { ChatMessage, ChatStaff } from "./app.ts";

/** Longest caption of a document (Telegram's limit; MAX's is larger). */
const MAX_CAPTION = 1024;

/** Who reads a message: language and time zone (and, for "today", the moment it is read). */
export type Reader = Pick<ChatStaff, "locale" | "timeZone"> & { now?: Date };

/** A message as features and the engine give it. */
export type RenderableMessage = EngineMessage | (ChatMessage & { replace?: boolean });

/**
 * A message's text: as HTML when its templates mark something bold (and it fits: cutting HTML
 * could break a tag), plain otherwise.
 */
function textOf(
  translator: Translator,
  reader: Reader,
  texts: Text[],
  limits: MessengerCapabilities,
): { text: string; format?: TextFormat } {
  const text = translator.renderAll(texts, reader.locale, reader.timeZone, reader.now);
  const html = translator.renderHtml(texts, reader.locale, reader.timeZone, reader.now);
  if (html.includes("<b>") && html.length <= limits.maxTextLength) return { text: html, format: "html" };
  return {
    text: text.length > limits.maxTextLength ? `${text.slice(0, limits.maxTextLength - 1)}…` : text,
  };
}

function inlineKeyboard(
  translator: Translator,
  reader: Reader,
  buttons: { text: Text; data: string }[][] | undefined,
  limits: MessengerCapabilities,
  links: { text: Text; url: string; miniApp?: boolean }[][] = [],
  baseUrl?: string,
): Keyboard | undefined {
  // A link to one of our own pages ("/forms/…") opens at the address people reach us by; without
  // one nobody outside this machine could open it, so the button is left out.
  const absolute = (url: string) =>
    url.startsWith("/") ? (baseUrl ? `${baseUrl.replace(/\/+$/, "")}${url}` : undefined) : url;
  const linkRows: InlineButton[][] = links
    .map((row) => row.filter((b) => absolute(b.url) !== undefined))
    .filter((row) => row.length > 0)
    .map((row) =>
      row.map((b) => ({
        text: translator.render(b.text, reader.locale, reader.timeZone),
        url: absolute(b.url)!,
        // Where pages cannot open inside the messenger, the same page opens in the browser.
        ...(b.miniApp && limits.miniApps ? { miniApp: true } : {}),
      })),
    );
  const rows: InlineButton[][] = (buttons ?? [])
    .filter((row) => row.length > 0)
    .map((row) =>
      row.map((b) => {
        // A button whose data does not fit would be refused by the messenger: that is a bug here.
        if (Buffer.byteLength(b.data, "utf8") > limits.maxCallbackDataBytes) {
          throw new Error(`button data over ${limits.maxCallbackDataBytes} bytes: ${b.data.slice(0, 20)}…`);
        }
        return { text: translator.render(b.text, reader.locale, reader.timeZone), data: b.data };
      }),
    );
  rows.push(...linkRows);
  return rows.length > 0 ? { type: "inline", rows } : undefined;
}

/**
 * Calls showing `message` in `chatId`. A replacing message edits `pressedMessageId` when
 * known. A contact request needs a reply keyboard, which cannot be combined with inline buttons
 * on one message, so it follows as a second message (or is left out where the messenger has no
 * reply keyboards: the person types the number).
 */
export function renderMessage(
  translator: Translator,
  reader: Reader,
  chatId: string,
  message: RenderableMessage,
  pressedMessageId: number | undefined,
  limits: MessengerCapabilities,
  baseUrl?: string,
): OutboundCall[] {
  const { text, format } = textOf(translator, reader, message.texts, limits);
  const formatted = format ? { format } : {};
  const keyboard = inlineKeyboard(
    translator,
    reader,
    message.buttons,
    limits,
    "links" in message ? message.links : undefined,
    baseUrl,
  );
  const calls: OutboundCall[] = [];
  if ("document" in message && message.document) {
    // A caption is shorter than a message, and plain; the document itself carries the content.
    const plain = translator.renderAll(message.texts, reader.locale, reader.timeZone, reader.now);
    const caption = plain.length > MAX_CAPTION ? `${plain.slice(0, MAX_CAPTION - 1)}…` : plain;
    return [
      { method: "sendDocument", chatId, fileId: message.document.fileId, ...(caption ? { caption } : {}) },
    ];
  }
  if ("removeReplyKeyboard" in message && message.removeReplyKeyboard) {
    if (!limits.replyKeyboards) return [{ method: "sendMessage", chatId, text, ...formatted }];
    return [{ method: "sendMessage", chatId, text, ...formatted, keyboard: { type: "remove" } }];
  }
  if (message.replace && pressedMessageId !== undefined) {
    calls.push({
      method: "editMessageText",
      chatId,
      messageId: pressedMessageId,
      text,
      ...formatted,
      ...(keyboard ? { keyboard } : {}),
    });
  } else {
    calls.push({ method: "sendMessage", chatId, text, ...formatted, ...(keyboard ? { keyboard } : {}) });
  }
  if ("requestContact" in message && message.requestContact && limits.replyKeyboards) {
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

/** The limits of each messenger the running system speaks. */
export type CapabilityMap = ReadonlyMap<MessengerKind, MessengerCapabilities>;

/** Renders messages for any reader on any configured messenger. */
export class MessageRenderer {
  constructor(
    readonly translator: Translator,
    private readonly capabilities: CapabilityMap,
    /** Where our own pages are reached (links to "/…" are made absolute with it). */
    private readonly baseUrl: () => string | undefined = () => undefined,
    /** The current moment: a time that falls today is shown without its date. */
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** Whether the running system speaks `messenger` (a person may still be bound to one it does not). */
  serves(messenger: MessengerKind): boolean {
    return this.capabilities.has(messenger);
  }

  /** The limits of `messenger`; throws for a messenger the system does not run. */
  limitsOf(messenger: MessengerKind): MessengerCapabilities {
    const limits = this.capabilities.get(messenger);
    if (!limits) throw new Error(`no messenger "${messenger}" is configured`);
    return limits;
  }

  /** See {@link renderMessage}. */
  calls(
    messenger: MessengerKind,
    reader: Reader,
    chatId: string,
    message: RenderableMessage,
    pressedMessageId?: number,
  ): OutboundCall[] {
    return renderMessage(
      this.translator,
      { ...reader, now: reader.now ?? this.clock() },
      chatId,
      message,
      pressedMessageId,
      this.limitsOf(messenger),
      this.baseUrl(),
    );
  }
}
