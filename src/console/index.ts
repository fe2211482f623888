/**
 * The web console as an area of the product: a head's or an administrator's desk (and a curator's
 * own work), served by the same Express app under /console, signed in without passwords (`/console`
 * in the bot, or Telegram's Mini App launch data).
 *
 * Layout: domain/ (session rules), actions/ (sign-in, sign-out, links), queries/ (what the pages
 * read; journals.ts is the one bridge to the signal area's journal queries), chat/ (the `/console`
 * command), jobs/ (clean-up), http/ (the router: security headers, sessions, CSRF, pages),
 * views/ (server-rendered JSX), assets/ (CSS, the small script), locales/ (texts).
 */
import type { AreaModule } from "../platform/module.ts";
import { consoleCommands } from "./chat/commands.ts";
import { consoleRouter } from "./http/router.tsx";
import { consoleJobs } from "./jobs/cleanup.ts";
import { en } from "./locales/en.ts";
import { ru } from "./locales/ru.ts";
import { DEFAULT_CONSOLE_SETTINGS, type ConsoleSettings } from "./settings.ts";
import { DEFAULT_SIGNAL_SETTINGS, type SignalSettings } from "../signals/settings.ts";
import { DEFAULT_CASE_SETTINGS, type CaseSettings } from "../cases/settings.ts";

/** The console area with its settings. */
export function consoleArea(
  settings: ConsoleSettings = DEFAULT_CONSOLE_SETTINGS,
  signals: SignalSettings = DEFAULT_SIGNAL_SETTINGS,
  cases: CaseSettings = DEFAULT_CASE_SETTINGS,
): AreaModule {
  return {
    id: "console",
    texts: { ru, en },
    commands: consoleCommands(settings),
    jobs: (deps) => consoleJobs(deps),
    pages: (deps) => [consoleRouter(deps, settings, signals, cases)],
  };
}
