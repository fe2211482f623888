/**
 * Rendering a feature message's link buttons: rows under the callback buttons, a Mini App only
 * where the reader's messenger has them.
 */
import { describe, expect, it } from "vitest";
import { renderMessage } from "../../../src/platform/chat/render.ts";
import { createTranslator } from "../../../src/platform/i18n/index.ts";
import type { MessengerCapabilities } from "../../../src/platform/messenger/contract.ts";
import type { Text } from "../../../src/platform/flow/types.ts";

const translator = createTranslator(undefined, [
  {
    ru: { t: { go: "Войти", app: "Открыть", yes: "Да" } },
    en: { t: { go: "Sign in", app: "Open", yes: "Yes" } },
  },
]);
const reader = { locale: "ru" as const, timeZone: "Europe/Moscow" };
const base: MessengerCapabilities = { maxTextLength: 4096, maxCallbackDataBytes: 64, replyKeyboards: true };
const message = {
  texts: [{ key: "t.go" }],
  buttons: [[{ text: { key: "t.yes" }, data: "y" }]],
  links: [
    [{ text: { key: "t.go" }, url: "https://desk.example/console/sign-in?token=x" }],
    [{ text: { key: "t.app" }, url: "https://desk.example/console/mini-app", miniApp: true }],
  ],
};

describe("link buttons", () => {
  it("come as rows under the callback buttons, a Mini App where the messenger has them", () => {
    const [call] = renderMessage(translator, reader, "7", message, undefined, { ...base, miniApps: true });
    expect(call).toMatchObject({
      keyboard: {
        type: "inline",
        rows: [
          [{ text: "Да", data: "y" }],
          [{ text: "Войти", url: "https://desk.example/console/sign-in?token=x" }],
          [{ text: "Открыть", url: "https://desk.example/console/mini-app", miniApp: true }],
        ],
      },
    });
  });

  it("open in the browser where the messenger has no Mini Apps", () => {
    const [call] = renderMessage(translator, { ...reader, locale: "en" }, "7", message, undefined, base);
    const rows = call?.method === "sendMessage" && call.keyboard?.type === "inline" ? call.keyboard.rows : [];
    expect(rows[2]).toEqual([{ text: "Open", url: "https://desk.example/console/mini-app" }]);
  });
});

describe("bold labels", () => {
  const t = createTranslator(undefined, [
    {
      ru: {
        c: {
          name: "<b>Женщина:</b> {{name}}",
          note: "<b>Комментарий:</b> {{value}}",
          plain: "Ответ: {{value}}",
        },
      },
      en: {
        c: { name: "<b>Woman:</b> {{name}}", note: "<b>Comment:</b> {{value}}", plain: "Answer: {{value}}" },
      },
    },
  ]);
  const hostile = "<script>alert(1)</script> Иванова & Ко";

  it("send a message with bold labels as HTML, every value escaped", () => {
    const card: { texts: Text[] } = {
      texts: [
        { key: "c.name", params: { name: hostile } },
        { key: "c.note", params: { value: "a <b>bold</b> & b" } },
      ],
    };
    const [call] = renderMessage(t, reader, "7", card, undefined, base);
    expect(call).toEqual({
      method: "sendMessage",
      chatId: "7",
      format: "html",
      text:
        "<b>Женщина:</b> &lt;script&gt;alert(1)&lt;/script&gt; Иванова &amp; Ко\n" +
        "<b>Комментарий:</b> a &lt;b&gt;bold&lt;/b&gt; &amp; b",
    });
  });

  it("leave a message without them plain, values as typed", () => {
    const [call] = renderMessage(
      t,
      reader,
      "7",
      { texts: [{ key: "c.plain", params: { value: hostile } }] },
      undefined,
      base,
    );
    expect(call).toEqual({ method: "sendMessage", chatId: "7", text: `Ответ: ${hostile}` });
  });

  it("drop the tags where a text is shown plain", () => {
    expect(t.render({ key: "c.name", params: { name: hostile } }, "ru", "UTC")).toBe(`Женщина: ${hostile}`);
  });

  it("fall back to plain text when the HTML would not fit", () => {
    const [call] = renderMessage(
      t,
      reader,
      "7",
      { texts: [{ key: "c.note", params: { value: "&".repeat(30) } }] },
      undefined,
      { ...base, maxTextLength: 60 },
    );
    expect(call).toEqual({ method: "sendMessage", chatId: "7", text: `Комментарий: ${"&".repeat(30)}` });
  });
});
