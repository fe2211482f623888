/**
 * parse_mode "MarkdownV2" and legacy "Markdown", ported from Telegram's own parser (tdlib's
 * parse_markdown_v2 / parse_markdown) so that markup Telegram rejects — above all unescaped reserved
 * characters — is rejected here too, with the same texts.
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

const RESERVED_V2 = "_*[]()~`>#+-=|{}.!";

/** Entity kinds as tdlib names them in "Can't find end of X entity" errors. */
type V2Kind = "Bold" | "Italic" | "Underline" | "Strikethrough" | "Spoiler" | "Code" | "Pre" | "TextUrl";

interface OpenV2 {
  kind: V2Kind;
  language?: string;
  offset: number;
  byteStart: number;
}

const V2_TEMPLATES: Record<Exclude<V2Kind, "Pre" | "TextUrl">, EntityTemplate> = {
  Bold: { type: "bold" },
  Italic: { type: "italic" },
  Underline: { type: "underline" },
  Strikethrough: { type: "strikethrough" },
  Spoiler: { type: "spoiler" },
  Code: { type: "code" },
};

/** True when the character at `i` can be escaped with a backslash (codes 1–126). */
function escapable(source: string, i: number): boolean {
  const code = source.charCodeAt(i);
  return code > 0 && code <= 126;
}

/** Parses MarkdownV2 into plain text and entities. @throws {BotApiError} 400. */
export function parseMarkdownV2(source: string): FormattedText {
  const state: V2State = { text: "", entities: [], open: [], quote: undefined };
  for (let i = 0; i < source.length; i++) {
    const char = source[i] ?? "";
    const top = state.open.at(-1);
    const inCode = top?.kind === "Code" || top?.kind === "Pre";
    if (!inCode && (i === 0 || source[i - 1] === "\n")) {
      const skipped = quoteLineStart(state, source, i);
      if (skipped !== undefined) {
        i = skipped;
        continue;
      }
    }
    if (char === "\\" && escapable(source, i + 1)) {
      state.text += source[++i];
      continue;
    }
    if (state.quote?.expandable && /^\|\|(\n|$)/.test(source.slice(i, i + 3))) {
      closeQuote(state);
      i += 1;
      continue;
    }
    const reserved = inCode ? "`" : RESERVED_V2;
    if (!reserved.includes(char)) {
      state.text += char;
    } else if (top && endsEntity(top.kind, source, i)) {
      i = closeV2(state, source, i);
    } else {
      i = openV2(state, source, i);
    }
  }
  const unclosed = state.open.at(-1);
  if (unclosed)
    throw parseError(`Can't find end of ${unclosed.kind} entity at byte offset ${unclosed.byteStart}`);
  closeQuote(state);
  return finish(state.text, state.entities);
}

interface V2State {
  text: string;
  entities: MessageEntity[];
  open: OpenV2[];
  /** The block quotation being read: lines starting with `>` (`**>` for an expandable one). */
  quote: { offset: number; expandable: boolean } | undefined;
}

/**
 * At the start of a line: opens a quotation on `>`/`**>` (returning the index of the last marker
 * character to skip) or closes the open one when the line does not continue it.
 */
function quoteLineStart(state: V2State, s: string, i: number): number | undefined {
  const expandable = s.startsWith("**>", i);
  if (!expandable && s[i] !== ">") {
    closeQuote(state, 1);
    return undefined;
  }
  state.quote ??= { offset: state.text.length, expandable };
  return expandable ? i + 2 : i;
}

/** Ends the open quotation, leaving out the `trailing` line break that ended it. */
function closeQuote(state: V2State, trailing = 0): void {
  if (!state.quote) return;
  const { offset, expandable } = state.quote;
  const entity = placeEntity(
    { type: expandable ? "expandable_blockquote" : "blockquote" },
    offset,
    state.text.length - trailing,
  );
  if (entity) state.entities.push(entity);
  state.quote = undefined;
}

function endsEntity(kind: V2Kind, s: string, i: number): boolean {
  switch (kind) {
    case "Bold":
      return s[i] === "*";
    case "Italic":
      return s[i] === "_" && s[i + 1] !== "_";
    case "Underline":
      return s[i] === "_" && s[i + 1] === "_";
    case "Strikethrough":
      return s[i] === "~";
    case "Spoiler":
      return s[i] === "|" && s[i + 1] === "|";
    case "Code":
      return s[i] === "`";
    case "Pre":
      return s.startsWith("```", i);
    case "TextUrl":
      return s[i] === "]";
  }
}

/** Opens the entity starting at `i`; returns the index of its last marker character. */
function openV2(state: V2State, s: string, i: number): number {
  const entry = { offset: state.text.length, byteStart: byteOffset(s, i) };
  const char = s[i];
  if (char === "_" && s[i + 1] === "_") return push(state, { ...entry, kind: "Underline" }, i + 1);
  if (char === "_") return push(state, { ...entry, kind: "Italic" }, i);
  if (char === "*") return push(state, { ...entry, kind: "Bold" }, i);
  if (char === "~") return push(state, { ...entry, kind: "Strikethrough" }, i);
  if (char === "|" && s[i + 1] === "|") return push(state, { ...entry, kind: "Spoiler" }, i + 1);
  if (char === "[") return push(state, { ...entry, kind: "TextUrl" }, i);
  if (char === "`" && s.startsWith("```", i)) {
    const { language, next } = preHeader(s, i + 3);
    return push(state, { ...entry, kind: "Pre", language }, next - 1);
  }
  if (char === "`") return push(state, { ...entry, kind: "Code" }, i);
  throw parseError(`Character '${char}' is reserved and must be escaped with the preceding '\\'`);
}

function push(state: { open: OpenV2[] }, entry: OpenV2, last: number): number {
  state.open.push(entry);
  return last;
}

/** Closes the innermost entity at its end marker `i`; returns the index of the marker's last character. */
function closeV2(state: V2State, s: string, i: number): number {
  const entry = state.open.pop();
  if (!entry) return i;
  const { template, last } = entityEnd(entry, s, i, state.text);
  const entity = template && placeEntity(template, entry.offset, state.text.length);
  if (entity) state.entities.push(entity);
  return last;
}

/** The entity an end marker completes, and where that marker ends (links run on to their URL). */
function entityEnd(
  entry: OpenV2,
  s: string,
  i: number,
  text: string,
): { template: EntityTemplate | undefined; last: number } {
  switch (entry.kind) {
    case "Pre":
      return {
        template: entry.language ? { type: "pre", language: entry.language } : { type: "pre" },
        last: i + 2,
      };
    case "TextUrl": {
      const link = linkTarget(s, i, text.slice(entry.offset));
      return {
        template: link.url === undefined ? undefined : { type: "text_link", url: link.url },
        last: link.last,
      };
    }
    case "Underline":
    case "Spoiler":
      return { template: V2_TEMPLATES[entry.kind], last: i + 1 };
    default:
      return { template: V2_TEMPLATES[entry.kind], last: i };
  }
}

/** Reads `(url)` after a link's `]`; without it the link text is the URL. */
function linkTarget(s: string, close: number, linkText: string): { url: string | undefined; last: number } {
  if (s[close + 1] !== "(") return { url: normalizeUrl(linkText), last: close };
  let url = "";
  let i = close + 2;
  for (; i < s.length && s[i] !== ")"; i++) {
    if (s[i] === "\\" && escapable(s, i + 1)) i += 1;
    url += s[i];
  }
  if (s[i] !== ")") throw parseError(`Can't find end of a URL at byte offset ${byteOffset(s, close + 2)}`);
  return { url: normalizeUrl(url), last: i };
}

/** After an opening ```: an optional language up to the first whitespace, then one skipped line break. */
function preHeader(s: string, start: number): { language: string | undefined; next: number } {
  let end = start;
  while (end < s.length && !/\s/.test(s[end] ?? "") && s[end] !== "`") end++;
  const hasLanguage = end !== start && end < s.length && s[end] !== "`";
  let next = hasLanguage ? end : start;
  if (s[next] === "\n" || s[next] === "\r") {
    const pair = (s[next + 1] === "\n" || s[next + 1] === "\r") && s[next] !== s[next + 1];
    next += pair ? 2 : 1;
  }
  return { language: hasLanguage ? s.slice(start, end) : undefined, next };
}

const LEGACY_MARKERS = "_*`[";

/** Parses legacy Markdown into plain text and entities. @throws {BotApiError} 400. */
export function parseMarkdown(source: string): FormattedText {
  let text = "";
  const entities: MessageEntity[] = [];
  for (let i = 0; i < source.length; i++) {
    const char = source[i] ?? "";
    if (char === "\\" && LEGACY_MARKERS.includes(source[i + 1] ?? "")) {
      text += source[++i];
      continue;
    }
    if (!LEGACY_MARKERS.includes(char)) {
      text += char;
      continue;
    }
    const parsed = legacyEntity(source, i, text.length);
    text += parsed.content;
    if (parsed.entity) entities.push(parsed.entity);
    i = parsed.last;
  }
  return finish(text, entities);
}

function legacyEntity(
  s: string,
  begin: number,
  offset: number,
): { content: string; entity: MessageEntity | undefined; last: number } {
  const marker = s[begin];
  const isPre = marker === "`" && s.startsWith("```", begin);
  const header = isPre ? preHeader(s, begin + 3) : { language: undefined, next: begin + 1 };
  const endMarker = marker === "[" ? "]" : marker;
  let i = header.next;
  while (i < s.length && (s[i] !== endMarker || (isPre && !s.startsWith("```", i)))) i++;
  if (i >= s.length) {
    throw parseError(`Can't find end of the entity starting at byte offset ${byteOffset(s, begin)}`);
  }
  const content = s.slice(header.next, i);
  let last = isPre ? i + 2 : i;
  let template: EntityTemplate | undefined;
  if (marker === "[") {
    const link = legacyLink(s, i, content);
    last = link.last;
    template = link.url === undefined ? undefined : { type: "text_link", url: link.url };
  } else if (isPre) {
    template = header.language ? { type: "pre", language: header.language } : { type: "pre" };
  } else {
    template = { type: marker === "*" ? "bold" : marker === "_" ? "italic" : "code" };
  }
  return { content, entity: template && placeEntity(template, offset, offset + content.length), last };
}

function legacyLink(s: string, close: number, linkText: string): { url: string | undefined; last: number } {
  if (s[close + 1] !== "(") return { url: normalizeUrl(linkText), last: close };
  const end = s.indexOf(")", close + 2);
  const last = end === -1 ? s.length - 1 : end;
  return { url: normalizeUrl(s.slice(close + 2, last + (end === -1 ? 1 : 0))), last };
}

function finish(text: string, entities: MessageEntity[]): FormattedText {
  return entities.length > 0 ? { text, entities: sortEntities(entities) } : { text };
}
