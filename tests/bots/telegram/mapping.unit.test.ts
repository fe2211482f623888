import { describe, expect, it } from "vitest";
import { MessengerApiError } from "../../../src/platform/messenger/contract.ts";
import { errorFields } from "../../../bots/core/dispatcher.ts";
import { normaliseApiRoot } from "../../../bots/telegram/base.ts";
import { toInboundUpdate, type TgUpdate } from "../../../bots/telegram/inbound.ts";
import {
  editedMessageId,
  telegramRequest,
  toChatId,
  toEditMarkup,
  toReplyMarkup,
} from "../../../bots/telegram/outbound.ts";

const chat = { id: 1001, type: "private" };
const from = { id: 1001, language_code: "ru" };

function message(fields: Record<string, unknown>): TgUpdate {
  return { update_id: 7, message: { message_id: 55, chat, from, ...fields } };
}

function inputOf(update: TgUpdate) {
  const mapped = toInboundUpdate(update, "42");
  if (!mapped.ok) throw new Error(`ignored: ${mapped.reason}`);
  return mapped.update.input;
}

describe("toInboundUpdate", () => {
  it("maps a text message with the update's envelope", () => {
    expect(toInboundUpdate(message({ text: "Здравствуйте" }), "42")).toEqual({
      ok: true,
      update: {
        messenger: "telegram",
        botId: "42",
        updateId: 7,
        chatId: "1001",
        userId: "1001",
        languageCode: "ru",
        input: { kind: "text", text: "Здравствуйте", messageId: 55 },
      },
    });
  });

  it("leaves languageCode out when Telegram does not send it", () => {
    const mapped = toInboundUpdate(
      { update_id: 1, message: { message_id: 1, chat, from: { id: 1001 }, text: "x" } },
      "42",
    );
    expect(mapped.ok && "languageCode" in mapped.update).toBe(false);
  });

  it.each([
    ["/start", "start", ""],
    ["/start campaign-7", "start", "campaign-7"],
    ["/help@signal_desk_bot  two words ", "help", "two words"],
  ])("maps %j to a command", (text, command, args) => {
    const entities = [{ type: "bot_command", offset: 0, length: text.split(" ")[0]!.length }];
    expect(inputOf(message({ text, entities }))).toEqual({ kind: "command", command, args, messageId: 55 });
  });

  it("keeps a command that is not at the start as text", () => {
    const entities = [{ type: "bot_command", offset: 4, length: 5 }];
    expect(inputOf(message({ text: "see /help", entities }))).toMatchObject({
      kind: "text",
      text: "see /help",
    });
  });

  it("keeps a text starting with a slash but without a bot_command entity as text", () => {
    expect(inputOf(message({ text: "/ 5" }))).toMatchObject({ kind: "text" });
  });

  it("maps a callback query without answering it", () => {
    const update: TgUpdate = {
      update_id: 8,
      callback_query: { id: "cq-1", from, data: "yes", message: { message_id: 60, chat } },
    };
    expect(toInboundUpdate(update, "42")).toEqual({
      ok: true,
      update: expect.objectContaining({
        chatId: "1001",
        userId: "1001",
        languageCode: "ru",
        input: { kind: "callback", data: "yes", callbackQueryId: "cq-1", messageId: 60 },
      }) as unknown,
    });
  });

  it("maps a contact, with and without the contact's user id", () => {
    expect(inputOf(message({ contact: { phone_number: "+79001234567", user_id: 1001 } }))).toEqual({
      kind: "contact",
      phone: "+79001234567",
      contactUserId: "1001",
      messageId: 55,
    });
    expect(inputOf(message({ contact: { phone_number: "79001234567" } }))).toEqual({
      kind: "contact",
      phone: "79001234567",
      messageId: 55,
    });
  });

  it.each(["sticker", "photo", "document", "voice", "video", "location"] as const)(
    "maps a %s as unsupported",
    (what) => {
      expect(inputOf(message({ [what]: {} }))).toEqual({ kind: "unsupported", what, messageId: 55 });
    },
  );

  it("maps a venue (which also has a location) as location, and unknown content as other", () => {
    expect(inputOf(message({ venue: {}, location: {} }))).toMatchObject({ what: "location" });
    expect(inputOf(message({ poll: {} }))).toMatchObject({ what: "other" });
  });

  it("maps a forwarded message as unsupported forward, even with text or a contact", () => {
    const forward_origin = { type: "hidden_user", date: 1, sender_user_name: "x" };
    expect(inputOf(message({ forward_origin, text: "hi" }))).toEqual({
      kind: "unsupported",
      what: "forward",
      messageId: 55,
    });
    expect(inputOf(message({ forward_origin, contact: { phone_number: "1" } }))).toMatchObject({
      what: "forward",
    });
  });

  it("maps an edited message", () => {
    const update: TgUpdate = { update_id: 9, edited_message: { message_id: 55, chat, from, text: "fixed" } };
    expect(inputOf(update)).toEqual({ kind: "edited", messageId: 55 });
  });

  it.each([
    ["a group message", message({ text: "hi" }), { chat: { id: -5, type: "group" } }, "not a private chat"],
    ["a message without a sender", message({ text: "hi" }), { from: undefined }, "message without a sender"],
  ])("ignores %s", (_name, update, override, reason) => {
    const changed = { ...update, message: { ...update.message!, ...override } };
    expect(toInboundUpdate(changed, "42")).toEqual({ ok: false, reason });
  });

  it("ignores callbacks from groups and from inline-mode messages, and other update types", () => {
    const group = {
      update_id: 1,
      callback_query: {
        id: "q",
        from,
        data: "d",
        message: { message_id: 1, chat: { id: -1, type: "supergroup" } },
      },
    };
    expect(toInboundUpdate(group, "42")).toEqual({ ok: false, reason: "not a private chat" });
    expect(
      toInboundUpdate({ update_id: 1, callback_query: { id: "q", from, data: "d" } }, "42"),
    ).toMatchObject({ ok: false });
    expect(toInboundUpdate({ update_id: 1 }, "42")).toEqual({ ok: false, reason: "unhandled update type" });
  });

  it("refuses a private chat that is not the sender's (forged or misrouted)", () => {
    const forged = {
      update_id: 2,
      message: { message_id: 1, chat: { id: 2002, type: "private" }, from, text: "x" },
    };
    expect(toInboundUpdate(forged, "42")).toEqual({ ok: false, reason: "chat is not the sender's" });
    const press = {
      update_id: 3,
      callback_query: {
        id: "q",
        from,
        data: "d",
        message: { message_id: 1, chat: { id: 2002, type: "private" } },
      },
    };
    expect(toInboundUpdate(press, "42")).toEqual({ ok: false, reason: "chat is not the sender's" });
  });

  it("ignores malformed updates instead of throwing", () => {
    const broken: unknown[] = [
      null,
      { update_id: "1" },
      { update_id: 1, message: { message_id: 1, from, text: "без чата" } },
      { update_id: 1, message: { message_id: 1, chat: { id: 1001 }, from, text: "без типа" } },
      { update_id: 1, message: { message_id: 1, chat, from: { id: "1001" }, text: "x" } },
      { update_id: 1, callback_query: { id: "q", data: "d" } },
      { update_id: 1, callback_query: { id: 5, from, message: { message_id: 1, chat } } },
      { update_id: 1, callback_query: { id: "q", from, message: { chat } } },
    ];
    for (const update of broken) {
      expect(toInboundUpdate(update as TgUpdate, "42"), JSON.stringify(update)).toMatchObject({ ok: false });
    }
    // A command entity that makes no sense is plain text.
    expect(
      inputOf(message({ text: "/", entities: [{ type: "bot_command", offset: 0, length: 1 }] })),
    ).toMatchObject({
      kind: "text",
    });
  });
});

describe("keyboards", () => {
  it("maps an inline keyboard", () => {
    const keyboard = {
      type: "inline" as const,
      rows: [
        [
          { text: "Да", data: "yes" },
          { text: "Нет", data: "no" },
        ],
      ],
    };
    const expected = {
      inline_keyboard: [
        [
          { text: "Да", callback_data: "yes" },
          { text: "Нет", callback_data: "no" },
        ],
      ],
    };
    expect(toReplyMarkup(keyboard)).toEqual(expected);
    expect(toEditMarkup(keyboard)).toEqual(expected);
  });

  it("maps a one-time reply keyboard with a contact button, always resized", () => {
    const keyboard = {
      type: "reply" as const,
      rows: [[{ text: "Share phone", requestContact: true }], [{ text: "Skip" }]],
      oneTime: true,
    };
    expect(toReplyMarkup(keyboard)).toEqual({
      keyboard: [[{ text: "Share phone", request_contact: true }], [{ text: "Skip" }]],
      one_time_keyboard: true,
      resize_keyboard: true,
    });
    expect(toReplyMarkup({ type: "reply", rows: [[{ text: "A" }]] })).toEqual({
      keyboard: [[{ text: "A" }]],
      resize_keyboard: true,
    });
  });

  it("maps keyboard removal and no keyboard", () => {
    expect(toReplyMarkup({ type: "remove" })).toEqual({ remove_keyboard: true });
    expect(toReplyMarkup(undefined)).toBeUndefined();
    expect(toEditMarkup(undefined)).toBeUndefined();
  });

  it("refuses anything but an inline keyboard on an edit", () => {
    expect(toEditMarkup({ type: "remove" })).toBe("invalid");
    expect(toEditMarkup({ type: "reply", rows: [] })).toBe("invalid");
  });
});

describe("small helpers", () => {
  it("normalises the API root", () => {
    expect(normaliseApiRoot(undefined)).toBe("https://api.telegram.org");
    expect(normaliseApiRoot("http://127.0.0.1:8081//")).toBe("http://127.0.0.1:8081");
  });

  it("sends numeric chat ids as numbers", () => {
    expect(toChatId("1001")).toBe(1001);
    expect(toChatId("-1001234567890")).toBe(-1001234567890);
    expect(toChatId("@channel")).toBe("@channel");
  });

  it("reads edit results", () => {
    expect(editedMessageId(true, 5)).toBe(5);
    expect(editedMessageId({ message_id: 6 }, 5)).toBe(6);
  });

  it("logs an error's type and frames, never its message", () => {
    const fields = errorFields(new TypeError("phone +79001234567 is invalid"));
    expect(fields.errorType).toBe("TypeError");
    expect(JSON.stringify(fields)).not.toContain("79001234567");
    expect(errorFields("boom")).toEqual({ errorType: "string" });
    const api = errorFields(
      new MessengerApiError("sendMessage", 403, "Forbidden: bot was blocked by the user"),
    );
    expect(api).toMatchObject({ errorType: "MessengerApiError", method: "sendMessage", errorCode: 403 });
  });
});

describe("telegramRequest (the one table both libraries send through)", () => {
  it("names the method and Telegram's parameters, nothing else", () => {
    expect(
      telegramRequest({
        method: "sendMessage",
        chatId: "1001",
        text: "Привет",
        keyboard: { type: "inline", rows: [[{ text: "Да", data: "sg:acc:x" }]] },
      }),
    ).toEqual({
      method: "sendMessage",
      params: {
        chat_id: 1001,
        text: "Привет",
        reply_markup: { inline_keyboard: [[{ text: "Да", callback_data: "sg:acc:x" }]] },
      },
      result: "message",
    });
    // A text with bold labels goes as HTML; an edit keeps it.
    expect(
      telegramRequest({
        method: "editMessageText",
        chatId: "7",
        messageId: 3,
        text: "<b>A:</b> b",
        format: "html",
      }),
    ).toEqual({
      method: "editMessageText",
      params: { chat_id: 7, message_id: 3, text: "<b>A:</b> b", parse_mode: "HTML" },
      result: "edited",
    });
    expect(telegramRequest({ method: "answerCallbackQuery", callbackQueryId: "q", text: "ok" })).toEqual({
      method: "answerCallbackQuery",
      params: { callback_query_id: "q", text: "ok" },
      result: "none",
    });
    const file = { name: "a.pdf", contentType: "application/pdf", content: Buffer.from("%PDF") };
    expect(telegramRequest({ method: "sendDocument", chatId: "7", file })).toEqual({
      method: "sendDocument",
      params: { chat_id: 7 },
      document: file,
      result: "message",
    });
  });

  it("refuses an edit with a reply keyboard before calling Telegram", () => {
    expect(() =>
      telegramRequest({
        method: "editMessageText",
        chatId: "1",
        messageId: 2,
        text: "x",
        keyboard: { type: "remove" },
      }),
    ).toThrow(MessengerApiError);
  });
});
