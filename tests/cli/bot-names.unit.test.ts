/**
 * Invitation links before the service has started: the bots' names come from the configuration,
 * the messenger (getMe, /me) or the local servers, never a placeholder.
 */
import { describe, expect, it } from "vitest";
import { configuredBotNames } from "../../src/cli/bot-names.ts";
import { loadConfig } from "../../src/platform/config.ts";

const TG_TOKEN = "123456:abcdefghijklmnop";
const MAX_TOKEN = "max-token-0123456789abcdef";

function fakeFetch(answers: Record<string, unknown>) {
  const asked: { url: string; headers?: Record<string, string> }[] = [];
  const fetchFn = async (url: string, init?: { headers?: Record<string, string> }) => {
    asked.push({ url, ...(init?.headers ? { headers: init.headers } : {}) });
    const body = answers[url];
    return body === undefined
      ? new Response("nope", { status: 401 })
      : new Response(JSON.stringify(body), { status: 200 });
  };
  return { asked, fetchFn };
}

describe("the bots' names for invitation links", () => {
  it("asks Telegram's getMe and MAX's /me for the configured tokens", async () => {
    const config = loadConfig({ BOT_TOKEN: TG_TOKEN, MAX_BOT_TOKEN: MAX_TOKEN, MESSENGERS: "telegram,max" });
    const { asked, fetchFn } = fakeFetch({
      [`https://api.telegram.org/bot${TG_TOKEN}/getMe`]: { ok: true, result: { username: "real_desk_bot" } },
      "https://platform-api2.max.ru/me": { user_id: 1, username: "real_desk_max" },
    });
    expect(await configuredBotNames(config, fetchFn)).toEqual({
      telegram: "real_desk_bot",
      max: "real_desk_max",
    });
    expect(asked[1]?.headers).toEqual({ Authorization: MAX_TOKEN });
  });

  it("prefers BOT_USERNAME and MAX_BOT_USERNAME and asks nobody then", async () => {
    const config = loadConfig({
      BOT_TOKEN: TG_TOKEN,
      BOT_USERNAME: "@named_bot",
      MAX_BOT_TOKEN: MAX_TOKEN,
      MAX_BOT_USERNAME: "named_max",
      MESSENGERS: "telegram,max",
    });
    const { asked, fetchFn } = fakeFetch({});
    expect(await configuredBotNames(config, fetchFn)).toEqual({ telegram: "named_bot", max: "named_max" });
    expect(asked).toEqual([]);
  });

  it("names the simulated bot when there is no token, and leaves out a name it could not read", async () => {
    const local = loadConfig({ MESSENGERS: "telegram,max" });
    expect(await configuredBotNames(local, fakeFetch({}).fetchFn)).toEqual({
      telegram: "signal_desk_local_bot",
      max: "signal_desk_local_bot",
    });
    const refused = loadConfig({ BOT_TOKEN: TG_TOKEN, MESSENGERS: "telegram" });
    expect(await configuredBotNames(refused, fakeFetch({}).fetchFn)).toEqual({});
  });
});
