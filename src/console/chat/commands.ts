/**
 * `/console` in the bot: the one-time sign-in link as a button (and, where the console is served
 * over HTTPS, a button that opens it inside Telegram as a Mini App).
 */
import type { CommandFeature, LinkButton } from "../../platform/chat/app.ts";
import { issueSignInLink } from "../actions/issue-sign-in-link.ts";
import type { ConsoleSettings } from "../settings.ts";

/** The console's commands. */
export function consoleCommands(settings: ConsoleSettings): CommandFeature[] {
  return [
    {
      name: "console",
      description: "commands.console",
      permission: "console.sign_in",
      run: async (turn) => {
        const base = settings.publicUrl()?.replace(/\/+$/, "");
        if (!base) return turn.reply({ texts: [{ key: "console.bot.not_configured" }] });
        const link = await issueSignInLink(turn.actionDeps(settings), turn.actor);
        const links: LinkButton[][] = [
          [{ text: { key: "console.bot.open_link" }, url: `${base}/console/sign-in?token=${link.secret}` }],
        ];
        // Telegram opens Mini Apps from HTTPS pages only; the app signs in with its own launch data.
        if (base.startsWith("https://") && settings.telegramBotToken()) {
          links.push([
            { text: { key: "console.bot.open_app" }, url: `${base}/console/mini-app`, miniApp: true },
          ]);
        }
        turn.reply({
          texts: [{ key: "console.bot.link", params: { minutes: settings.linkMinutes } }],
          links,
        });
      },
    },
  ];
}
