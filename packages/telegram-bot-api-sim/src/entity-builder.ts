/**
 * Shared pieces of the parse_mode parsers: entity templates, ordering and Telegram's error wording.
 */
import type { MessageEntity } from "@grammyjs/types";
import { type BotApiError, badRequest } from "./errors.ts";

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** An entity before its position is known. */
export type EntityTemplate = DistributiveOmit<MessageEntity, "offset" | "length">;

/** Places a template over `[offset, end)` of the parsed text; empty entities are dropped, as Telegram does. */
export function placeEntity(
  template: EntityTemplate,
  offset: number,
  end: number,
): MessageEntity | undefined {
  return end > offset ? { ...template, offset, length: end - offset } : undefined;
}

/** Telegram's order: by offset, outer (longer) entities first; stable for equal ranges. */
export function sortEntities(entities: MessageEntity[]): MessageEntity[] {
  return entities.sort((a, b) => a.offset - b.offset || b.length - a.length);
}

/** The error Telegram gives for malformed markup, e.g. "can't parse entities: Unclosed start tag ...". */
export function parseError(detail: string): BotApiError {
  return badRequest(`can't parse entities: ${detail}`);
}

/** Offset in UTF-8 bytes of `index` in `source`: Telegram reports positions in bytes. */
export function byteOffset(source: string, index: number): number {
  return Buffer.byteLength(source.slice(0, index), "utf8");
}

/** Telegram accepts links with any scheme and completes bare domains; unusable links yield no entity. */
export function normalizeUrl(url: string): string | undefined {
  for (const candidate of [url, `http://${url}`]) {
    try {
      const parsed = new URL(candidate);
      if (parsed.hostname !== "" || parsed.protocol === "tg:") return parsed.href;
    } catch {
      // try the next form
    }
  }
  return undefined;
}
