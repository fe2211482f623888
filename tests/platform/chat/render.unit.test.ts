/**
 * Rendering a feature message's link buttons: rows under the callback buttons, a Mini App only
 * where the reader's messenger has them.
 */
import { describe, expect, it } from "vitest";
import { renderMessage } from "../../../src/platform/chat/render.ts";
import { createTranslator } from "../../../src/platform/i18n/index.ts";
import type { MessengerCapabilities } from "../../../src/platform/messenger/contract.ts";

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
