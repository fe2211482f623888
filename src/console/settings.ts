/**
 * Settings of the web console: how long sign-in links and sessions live, and what the composition
 * root knows only once the system runs (where the pages are reached, the bot token Mini App launch
 * data is signed with).
 */

/** The console's settings. */
export interface ConsoleSettings {
  /** A sign-in link from `/console` works once, within this many minutes. */
  linkMinutes: number;
  /** A session ends after this many minutes without a request. */
  sessionIdleMinutes: number;
  /** A session ends this many hours after sign-in, whatever the activity. */
  sessionMaxHours: number;
  /** Mini App launch data older than this is refused (seconds). */
  miniAppMaxAgeSeconds: number;
  /**
   * Where people open the pages (PUBLIC_URL, or the local address of an offline run); undefined
   * when nobody outside this machine could reach them, and then `/console` says so.
   */
  publicUrl: () => string | undefined;
  /** The Telegram bot's token: Mini App launch data is signed with it. Undefined: no Mini App sign-in. */
  telegramBotToken: () => string | undefined;
}

/** Defaults: short links, a working day's session, a lunch break's idleness. */
export const DEFAULT_CONSOLE_SETTINGS: ConsoleSettings = {
  linkMinutes: 10,
  sessionIdleMinutes: 60,
  sessionMaxHours: 12,
  miniAppMaxAgeSeconds: 900,
  publicUrl: () => undefined,
  telegramBotToken: () => undefined,
};
