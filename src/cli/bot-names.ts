/**
 * The bots' usernames for invitation links printed before the service has ever started (once it
 * has, `messenger_bots` holds them): the configured `BOT_USERNAME` / `MAX_BOT_USERNAME`, else the
 * messenger's own answer to getMe (Telegram) or /me (MAX) for the configured token, else, with no
 * token, the bot the local servers simulate.
 */
import type { Config } from "../platform/config.ts";
import type { MessengerKind } from "../platform/messenger/contract.ts";
import { LOCAL_BOT_USERNAME } from "../platform/messenger/links.ts";

/** Usernames by messenger; a messenger whose name could not be read is missing. */
export type BotNames = Partial<Record<MessengerKind, string>>;

type Fetch = (url: string, init?: { headers?: Record<string, string> }) => Promise<Response>;

async function readName(
  fetchFn: Fetch,
  url: string,
  headers: Record<string, string>,
): Promise<string | undefined> {
  try {
    const response = await fetchFn(url, { headers });
    if (!response.ok) return undefined;
    const body = (await response.json()) as { result?: { username?: unknown }; username?: unknown };
    const name = body.result?.username ?? body.username;
    return typeof name === "string" && name !== "" ? name : undefined;
  } catch {
    return undefined;
  }
}

/** The username of each configured messenger's bot (see the module comment for the order). */
export async function configuredBotNames(config: Config, fetchFn: Fetch = fetch): Promise<BotNames> {
  const names: BotNames = {};
  for (const messenger of config.messengers) {
    if (messenger === "telegram") {
      const root = (config.telegramApiRoot ?? "https://api.telegram.org").replace(/\/$/, "");
      const name =
        config.botUsername ??
        (config.botToken
          ? await readName(fetchFn, `${root}/bot${config.botToken}/getMe`, {})
          : LOCAL_BOT_USERNAME);
      if (name) names.telegram = name;
    } else {
      const root = (config.max.apiRoot ?? "https://platform-api2.max.ru").replace(/\/$/, "");
      const name =
        config.max.username ??
        (config.max.token
          ? await readName(fetchFn, `${root}/me`, { Authorization: config.max.token })
          : LOCAL_BOT_USERNAME);
      if (name) names.max = name;
    }
  }
  return names;
}
