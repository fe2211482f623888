/**
 * Message text formatting: `parse_mode` and explicit entities on the bot side, and the entities Telegram
 * clients add to what users type (bot commands).
 */
import type { MessageEntity } from "@grammyjs/types";
import { badRequest } from "./errors.ts";
import { parseHtml } from "./parse-html.ts";
import { parseMarkdown, parseMarkdownV2 } from "./parse-markdown.ts";

/** Plain text plus the entities that format it. */
export interface FormattedText {
  text: string;
  entities?: MessageEntity[];
}

const PARSERS: Record<string, (source: string) => FormattedText> = {
  html: parseHtml,
  markdownv2: parseMarkdownV2,
  markdown: parseMarkdown,
};

/**
 * Applies `parse_mode` (case-insensitive, as Telegram reads it) unless explicit entities are given,
 * which Telegram then uses instead.
 *
 * @throws {BotApiError} 400 "can't parse entities: ..." for malformed markup, "unsupported parse_mode".
 */
export function formatText(text: string, parseMode?: string, entities?: MessageEntity[]): FormattedText {
  if (entities !== undefined) return trimFormatted({ text, entities });
  if (!parseMode) return trimFormatted({ text });
  const parse = PARSERS[parseMode.toLowerCase()];
  if (!parse) throw badRequest("unsupported parse_mode");
  return trimFormatted(parse(text));
}

/**
 * Telegram stores message text without leading and trailing whitespace; entities are shifted and clipped
 * to match, and those left empty are dropped.
 */
function trimFormatted({ text, entities }: FormattedText): FormattedText {
  const start = text.length - text.trimStart().length;
  const trimmed = text.trim();
  const kept = (entities ?? []).flatMap((entity) => {
    const from = Math.max(entity.offset - start, 0);
    const to = Math.min(entity.offset + entity.length - start, trimmed.length);
    return to > from ? [{ ...entity, offset: from, length: to - from }] : [];
  });
  return kept.length > 0 ? { text: trimmed, entities: kept } : { text: trimmed };
}

/** `/command` or `/command@bot_name` where clients highlight it: at the start or after whitespace. */
const COMMAND_PATTERN = /(^|\s)(\/[a-zA-Z0-9_]{1,32}(?:@[a-zA-Z0-9_]{3,32})?)(?![\w/@])/g;

/** The bot_command entities a Telegram client attaches to text a user types (e.g. `/start abc123`). */
export function commandEntities(text: string): MessageEntity[] {
  return [...text.matchAll(COMMAND_PATTERN)].map((match) => ({
    type: "bot_command" as const,
    offset: match.index + (match[1] ?? "").length,
    length: (match[2] ?? "").length,
  }));
}
