/**
 * setMyCommands, getMyCommands and deleteMyCommands, kept per scope and language as Telegram keeps them.
 */
import type { BotCommand } from "@grammyjs/types";
import { z } from "zod";
import type { SimBot } from "../bot.ts";
import { tgJson, tgString } from "../params.ts";
import { defineMethod } from "./method.ts";

const commandSchema = z.object({
  command: z.string().regex(/^\/?[a-z0-9_]{1,32}$/, "Bad Request: BOT_COMMAND_INVALID"),
  description: z
    .string()
    .trim()
    .min(1, "Bad Request: BOT_COMMAND_DESCRIPTION_INVALID")
    .max(256, "Bad Request: BOT_COMMAND_DESCRIPTION_INVALID"),
});

const scopeParams = {
  scope: tgJson(z.looseObject({ type: z.string() })).optional(),
  language_code: tgString().optional(),
};

/**
 * Commands are stored under their scope and language; omitted ones mean the default scope, any
 * language. A chat scope's id is kept as a number (the chat views look it up that way).
 */
function commandsKey(params: {
  scope?: { type: string; chat_id?: unknown };
  language_code?: string;
}): string {
  const scope = params.scope ?? { type: "default" };
  const normal =
    scope.type === "chat" ? { type: "chat", chat_id: Number(scope.chat_id) } : { type: scope.type };
  return JSON.stringify([normal, params.language_code ?? ""]);
}

function storeCommands(
  bot: SimBot,
  key: string,
  commands: BotCommand[],
  scope: { type: string; chat_id?: unknown } | undefined,
): true {
  if (commands.length === 0) bot.commands.delete(key);
  else bot.commands.set(key, commands);
  // The chats whose menu may have changed show it at once.
  for (const chat of bot.chats.values()) {
    if (scope?.type !== "chat" || Number(scope.chat_id) === chat.user.id) chat.menuChanged();
  }
  return true;
}

/** Replaces the command list of a scope and language; an empty list removes it. */
export const setMyCommands = defineMethod(
  z.object({
    commands: tgJson(z.array(commandSchema).max(100, "Bad Request: too many commands")),
    ...scopeParams,
  }),
  ({ bot }, params) =>
    storeCommands(
      bot,
      commandsKey(params),
      params.commands.map(({ command, description }) => ({
        command: command.replace(/^\//, ""),
        description,
      })),
      params.scope,
    ),
);

/** The command list of a scope and language (empty when none was set). */
export const getMyCommands = defineMethod(
  z.object(scopeParams),
  ({ bot }, params): BotCommand[] => bot.commands.get(commandsKey(params)) ?? [],
);

/** Removes the command list of a scope and language. */
export const deleteMyCommands = defineMethod(z.object(scopeParams), ({ bot }, params) =>
  storeCommands(bot, commandsKey(params), [], params.scope),
);
