/**
 * `format: "html"` as MAX reads a bot's text: the tags become `markup` ranges and leave the text
 * (`<b>`/`<strong>` → `strong`, `<i>`/`<em>` → `emphasized`, `<u>` → `underline`, `<s>` →
 * `strikethrough`, `<code>`/`<pre>` → `monospaced`), and `&amp; &lt; &gt; &quot;` are read back.
 * Offsets and lengths count UTF-16 code units, as MAX's clients (JavaScript) do.
 */
import { MaxApiError } from "./state.ts";

/** One range of formatting in a message's text. */
export interface MarkupElement {
  type: "strong" | "emphasized" | "underline" | "strikethrough" | "monospaced";
  from: number;
  length: number;
}

const TAGS: Record<string, MarkupElement["type"]> = {
  b: "strong",
  strong: "strong",
  i: "emphasized",
  em: "emphasized",
  u: "underline",
  ins: "underline",
  s: "strikethrough",
  del: "strikethrough",
  code: "monospaced",
  pre: "monospaced",
};

const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"' };

/** The plain text and its markup; throws 400 for a tag MAX does not know or one left open. */
export function parseHtml(html: string): { text: string; markup: MarkupElement[] } {
  let text = "";
  const markup: MarkupElement[] = [];
  const open: { tag: string; from: number }[] = [];
  const pattern = /<(\/?)([a-z]+)>|&(#?\w+);/gi;
  let last = 0;
  for (let match = pattern.exec(html); match; match = pattern.exec(html)) {
    text += html.slice(last, match.index);
    last = pattern.lastIndex;
    const [whole, closing, tagName, entity] = match;
    if (entity !== undefined) {
      const code = entity.startsWith("#") ? Number(entity.slice(1)) : NaN;
      const named = NAMED[entity.toLowerCase()];
      text += named ?? (Number.isInteger(code) ? String.fromCodePoint(code) : whole);
      continue;
    }
    const tag = tagName!.toLowerCase();
    const type = TAGS[tag];
    if (!type) throw new MaxApiError(400, "proto.payload", `unsupported tag <${tag}> in html text`);
    if (!closing) {
      open.push({ tag, from: text.length });
      continue;
    }
    const start = open.pop();
    if (start?.tag !== tag) throw new MaxApiError(400, "proto.payload", `unexpected </${tag}> in html text`);
    if (text.length > start.from) markup.push({ type, from: start.from, length: text.length - start.from });
  }
  text += html.slice(last);
  if (open.length > 0) throw new MaxApiError(400, "proto.payload", `unclosed <${open[0]!.tag}> in html text`);
  return { text, markup: markup.sort((a, b) => a.from - b.from) };
}
