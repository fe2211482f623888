/**
 * parse_mode "HTML" as Telegram implements it: the supported tags, the four named entities plus numeric
 * ones, and the same error texts for malformed markup.
 */
import type { MessageEntity } from "@grammyjs/types";
import {
  byteOffset,
  type EntityTemplate,
  normalizeUrl,
  parseError,
  placeEntity,
  sortEntities,
} from "./entity-builder.ts";
import type { FormattedText } from "./formatting.ts";

const SIMPLE_TAGS: Record<string, EntityTemplate["type"]> = {
  b: "bold",
  strong: "bold",
  i: "italic",
  em: "italic",
  u: "underline",
  ins: "underline",
  s: "strikethrough",
  strike: "strikethrough",
  del: "strikethrough",
  "tg-spoiler": "spoiler",
  code: "code",
  pre: "pre",
};

const NAMED_CHARACTERS: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"' };

interface OpenTag {
  name: string;
  /** Undefined for tags that are valid but produce no entity (e.g. `<a>` without href). */
  template: EntityTemplate | undefined;
  offset: number;
}

/** Parses Telegram-flavoured HTML into plain text and entities. @throws {BotApiError} 400. */
export function parseHtml(source: string): FormattedText {
  let text = "";
  const open: OpenTag[] = [];
  const entities: MessageEntity[] = [];
  let i = 0;
  while (i < source.length) {
    const char = source[i];
    if (char === "<") {
      const end = source.indexOf(">", i);
      if (source[i + 1] === "/") {
        if (end === -1) throw parseError(`Unclosed end tag at byte offset ${byteOffset(source, i)}`);
        const closed = closeTag(
          source,
          i,
          source
            .slice(i + 2, end)
            .trim()
            .toLowerCase(),
          open,
        );
        const entity = closed.template && placeEntity(closed.template, closed.offset, text.length);
        if (entity) entities.push(entity);
      } else {
        if (end === -1) throw parseError(`Unclosed start tag at byte offset ${byteOffset(source, i)}`);
        open.push(openTag(source, i, source.slice(i + 1, end), open.at(-1), text.length));
      }
      i = end + 1;
    } else if (char === "&") {
      const [decoded, consumed] = decodeCharacter(source, i);
      text += decoded;
      i += consumed;
    } else {
      text += char;
      i += 1;
    }
  }
  const unclosed = open.at(-1);
  if (unclosed) throw parseError(`Can't find end tag corresponding to start tag "${unclosed.name}"`);
  return entities.length > 0 ? { text, entities: sortEntities(entities) } : { text };
}

function openTag(
  source: string,
  at: number,
  raw: string,
  parent: OpenTag | undefined,
  offset: number,
): OpenTag {
  const name = /^[a-zA-Z][\w-]*/.exec(raw)?.[0].toLowerCase();
  if (!name) throw parseError(`Empty tag name at byte offset ${byteOffset(source, at)}`);
  const attributes = parseAttributes(raw.slice(name.length));
  const language = /^language-(.+)$/.exec(attributes.get("class") ?? "")?.[1];
  if (name === "code" && parent?.name === "pre" && language !== undefined) {
    // <pre><code class="language-x"> is one pre entity with a language.
    parent.template = { type: "pre", language };
    return { name, template: undefined, offset };
  }
  return { name, template: templateFor(source, at, name, attributes), offset };
}

function templateFor(
  source: string,
  at: number,
  name: string,
  attributes: Map<string, string>,
): EntityTemplate | undefined {
  const simple = SIMPLE_TAGS[name];
  if (simple) return { type: simple } as EntityTemplate;
  switch (name) {
    case "a": {
      const url = normalizeUrl(attributes.get("href") ?? "");
      return url === undefined ? undefined : { type: "text_link", url };
    }
    case "span":
      if (attributes.get("class") === "tg-spoiler") return { type: "spoiler" };
      throw parseError(`Tag "span" must have class "tg-spoiler" at byte offset ${byteOffset(source, at)}`);
    case "blockquote":
      return { type: attributes.has("expandable") ? "expandable_blockquote" : "blockquote" };
    case "tg-emoji": {
      const id = attributes.get("emoji-id");
      if (id) return { type: "custom_emoji", custom_emoji_id: id };
      throw parseError(`Expected custom emoji identifier at byte offset ${byteOffset(source, at)}`);
    }
    default:
      throw parseError(`Unsupported start tag "${name}" at byte offset ${byteOffset(source, at)}`);
  }
}

function closeTag(source: string, at: number, name: string, open: OpenTag[]): OpenTag {
  const top = open.pop();
  if (!top) throw parseError(`Unexpected end tag at byte offset ${byteOffset(source, at)}`);
  if (name !== "" && name !== top.name) {
    throw parseError(
      `Unmatched end tag at byte offset ${byteOffset(source, at)}, expected "</${top.name}>", found "</${name}>"`,
    );
  }
  return top;
}

function parseAttributes(raw: string): Map<string, string> {
  const attributes = new Map<string, string>();
  const pattern = /([a-zA-Z_:-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g;
  for (const [, name = "", double, single, bare] of raw.matchAll(pattern)) {
    attributes.set(name.toLowerCase(), decodeAll(double ?? single ?? bare ?? ""));
  }
  return attributes;
}

function decodeAll(value: string): string {
  let decoded = "";
  for (let i = 0; i < value.length;) {
    const [text, consumed] = value[i] === "&" ? decodeCharacter(value, i) : [value[i] ?? "", 1];
    decoded += text;
    i += consumed;
  }
  return decoded;
}

/** Decodes `&lt;`, `&#65;`, `&#x41;`...; anything else is kept literally, as Telegram keeps it. */
function decodeCharacter(source: string, at: number): [string, number] {
  const match = /^&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,4});/i.exec(source.slice(at, at + 12));
  const body = match?.[1];
  if (!match || !body) return ["&", 1];
  if (body.startsWith("#")) {
    const code = body[1]?.toLowerCase() === "x" ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? [String.fromCodePoint(code), match[0].length] : ["&", 1];
  }
  const named = NAMED_CHARACTERS[body.toLowerCase()];
  return named === undefined ? ["&", 1] : [named, match[0].length];
}
