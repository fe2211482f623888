/**
 * Parameter schemas that read Bot API parameters the way Telegram does.
 *
 * A parameter arrives typed in a JSON body but as a string in a query string, a url-encoded or a multipart
 * body, where objects and arrays are JSON text. Each helper here accepts both forms, so one zod schema per
 * method serves every encoding.
 */
import { z } from "zod";
import { BotApiError, badRequest } from "./errors.ts";

const fromFormString =
  (convert: (text: string) => unknown) =>
  (value: unknown): unknown =>
    typeof value === "string" ? convert(value) : value;

function parseJsonOrKeep(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

const BOOLEAN_WORDS: Record<string, boolean> = { true: true, false: false, "1": true, "0": false };

/** An integer, also given as its decimal text. */
export const tgInteger = () =>
  z.preprocess(
    fromFormString((text) => (/^-?\d+$/.test(text.trim()) ? Number(text) : text)),
    z.number().int(),
  );

/** A boolean, also given as `true`/`false`/`1`/`0`. */
export const tgBoolean = () =>
  z.preprocess(
    fromFormString((text) => BOOLEAN_WORDS[text.toLowerCase()] ?? text),
    z.boolean(),
  );

/** A string; numbers are accepted and turned into their text, as Telegram does. */
export const tgString = () =>
  z.preprocess((value) => (typeof value === "number" ? String(value) : value), z.string());

/** A JSON-serialised object or array (`reply_markup`, `allowed_updates`, `commands`...). */
export const tgJson = <T extends z.ZodType>(schema: T) =>
  z.preprocess(fromFormString(parseJsonOrKeep), schema);

/** `chat_id`: an integer id or an `@username`. */
export const tgChatId = () => z.union([tgInteger(), z.string()]);

/**
 * Validates call parameters against a method's schema.
 *
 * A schema may word its own error as a full Telegram description (starting with "Bad Request: ");
 * otherwise missing parameters read "<name> is empty" and malformed ones "<name> is invalid".
 *
 * @throws {BotApiError} 400 on the first problem found.
 */
export function parseParams<S extends z.ZodType>(schema: S, params: Record<string, unknown>): z.output<S> {
  const result = schema.safeParse(params);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  if (!issue) throw badRequest("invalid parameters");
  if (issue.message.startsWith("Bad Request: ")) throw new BotApiError(400, issue.message);
  const name = issue.path.map(String).join(".");
  const given = params[String(issue.path[0])];
  throw badRequest(given === undefined || given === "" ? `${name} is empty` : `${name} is invalid`);
}
