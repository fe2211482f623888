/**
 * The /sim demo page, for offline runs only: the demo cast's chats side by side against the local Bot
 * API server. Loaded (a dynamic import) only when that server runs, so a production start-up with a
 * real bot token never imports the page's package.
 */
import type { Router } from "express";
import type { Logger } from "pino";
import type { DbClient } from "../platform/db/client.ts";
import { signWebAppData } from "../platform/web-app-data.ts";
import { resetDemo } from "./seed.ts";
import { DEMO_HOSPITALS, DEMO_USERS } from "./users.ts";

/** What the page needs from the running system. */
export interface DemoPageDeps {
  db: DbClient;
  logger: Logger;
  /** The local Bot API server's URL; undefined when the bot talks to a real messenger. */
  localBotApiUrl: string | undefined;
  botUsername: string;
  /** The local MAX server's URL, when MAX runs offline, and the MAX bot's username. */
  localMaxApiUrl?: string | undefined;
  botUsernames?: { max?: string };
  /** The tokens Mini App launch data is signed with (the local bot's, offline). */
  webAppTokens?: { telegram?: string };
  /** The clock (the reset's rows are stamped with it). */
  clock?: () => Date;
}

/** Whether a demo service exists. */
export async function hasDemoData(db: DbClient): Promise<boolean> {
  return (await db.service.count({ where: { isDemo: true } })) > 0;
}

/** The page's routers: none unless the local Bot API server runs. */
export async function demoPages(deps: DemoPageDeps): Promise<Router[]> {
  if (!deps.localBotApiUrl) return [];
  const { createSimPage } = await import("@signal-desk/sim-page");
  return [
    createSimPage({
      localBotApiUrl: deps.localBotApiUrl,
      botUsername: deps.botUsername,
      logger: deps.logger,
      seeded: () => hasDemoData(deps.db),
      // A web_app button (the secure form) opens with launch data signed as Telegram would sign it.
      ...(deps.webAppTokens?.telegram
        ? {
            webAppData: (userId: number) => {
              const user = DEMO_USERS.find((u) => u.userId === userId);
              const now = (deps.clock ?? (() => new Date()))();
              return signWebAppData(
                {
                  auth_date: String(Math.floor(now.getTime() / 1000)),
                  user: JSON.stringify({ id: userId, first_name: user?.firstName ?? "Demo" }),
                },
                deps.webAppTokens!.telegram!,
              );
            },
          }
        : {}),
      reset: async () => {
        await resetDemo(deps.db, { now: (deps.clock ?? (() => new Date()))() });
      },
      people: DEMO_USERS.flatMap((u) => {
        const person = {
          key: u.key,
          userId: u.userId,
          role: u.role,
          fullName: u.fullName,
          firstName: u.firstName,
          lastName: u.lastName,
          title: u.title,
          ...(u.hospital !== undefined ? { hospitalShortName: DEMO_HOSPITALS[u.hospital]!.shortName } : {}),
        };
        // A person also bound to MAX gets a second column: the same person's MAX dialog.
        return u.alsoOnMax
          ? [
              person,
              {
                ...person,
                key: `${u.key}-max`,
                messenger: "max" as const,
                title: { ru: `${u.title.ru} · MAX`, en: `${u.title.en} · MAX` },
              },
            ]
          : [person];
      }),
      ...(deps.localMaxApiUrl && deps.botUsernames?.max
        ? { max: { localApiUrl: deps.localMaxApiUrl, botUsername: deps.botUsernames.max } }
        : {}),
    }),
  ];
}
