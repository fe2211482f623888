/**
 * parse_mode parsing (HTML, MarkdownV2, Markdown) and user-typed command entities.
 */
import { describe, expect, it } from "vitest";
import { commandEntities, formatText } from "../src/formatting.ts";

const parseError = (detail: string): unknown =>
  expect.objectContaining({ description: `Bad Request: can't parse entities: ${detail}` });

describe("HTML", () => {
  it("turns tags into entities and decodes character references", () => {
    expect(
      formatText('<b>Name</b>: &lt;Ann&gt; &amp; <a href="https://x.org">site</a> &#128512;', "HTML"),
    ).toEqual({
      text: "Name: <Ann> & site 😀",
      entities: [
        { type: "bold", offset: 0, length: 4 },
        { type: "text_link", url: "https://x.org/", offset: 14, length: 4 },
      ],
    });
    expect(formatText('<pre><code class="language-ts">let x</code></pre>', "html")).toEqual({
      text: "let x",
      entities: [{ type: "pre", language: "ts", offset: 0, length: 5 }],
    });
  });

  it("rejects what Telegram rejects", () => {
    expect(() => formatText("<b>open", "HTML")).toThrow(
      parseError('Can\'t find end tag corresponding to start tag "b"'),
    );
    expect(() => formatText("<b><i>x</b></i>", "HTML")).toThrow(
      parseError('Unmatched end tag at byte offset 7, expected "</i>", found "</b>"'),
    );
    expect(() => formatText("ä <br>", "HTML")).toThrow(
      parseError('Unsupported start tag "br" at byte offset 3'),
    );
  });
});

describe("MarkdownV2", () => {
  it("parses nested entities, links, code and block quotations", () => {
    expect(formatText("*bold _both_* [link](https://x.org/a\\)b) `a_b`", "MarkdownV2")).toEqual({
      text: "bold both link a_b",
      entities: [
        { type: "bold", offset: 0, length: 9 },
        { type: "italic", offset: 5, length: 4 },
        { type: "text_link", url: "https://x.org/a)b", offset: 10, length: 4 },
        { type: "code", offset: 15, length: 3 },
      ],
    });
    expect(formatText(">quoted\n>lines\nplain", "MarkdownV2")).toEqual({
      text: "quoted\nlines\nplain",
      entities: [{ type: "blockquote", offset: 0, length: 12 }],
    });
  });

  it("demands escaping of reserved characters", () => {
    expect(formatText("Done\\. 1\\+1\\=2\\!", "MarkdownV2")).toEqual({ text: "Done. 1+1=2!" });
    expect(() => formatText("Done.", "MarkdownV2")).toThrow(
      parseError("Character '.' is reserved and must be escaped with the preceding '\\'"),
    );
    expect(() => formatText("a *b", "MarkdownV2")).toThrow(
      parseError("Can't find end of Bold entity at byte offset 2"),
    );
  });
});

describe("Markdown (legacy)", () => {
  it("parses the four markers and reports unclosed ones", () => {
    expect(formatText("*b* _i_ `c` [l](https://x.org)", "Markdown")).toEqual({
      text: "b i c l",
      entities: [
        { type: "bold", offset: 0, length: 1 },
        { type: "italic", offset: 2, length: 1 },
        { type: "code", offset: 4, length: 1 },
        { type: "text_link", url: "https://x.org/", offset: 6, length: 1 },
      ],
    });
    expect(() => formatText("x _y", "Markdown")).toThrow(
      parseError("Can't find end of the entity starting at byte offset 2"),
    );
  });
});

describe("common rules", () => {
  it("trims the text and keeps entities in place", () => {
    expect(formatText("  <b>hi</b>\n\n", "HTML")).toEqual({
      text: "hi",
      entities: [{ type: "bold", offset: 0, length: 2 }],
    });
  });

  it("refuses an unknown parse_mode", () => {
    expect(() => formatText("x", "BBCode")).toThrow(
      expect.objectContaining({ description: "Bad Request: unsupported parse_mode" }),
    );
  });

  it("marks commands as a Telegram client does", () => {
    expect(commandEntities("/start abc123")).toEqual([{ type: "bot_command", offset: 0, length: 6 }]);
    expect(commandEntities("try /help@desk_bot now, not a/b")).toEqual([
      { type: "bot_command", offset: 4, length: 14 },
    ]);
  });
});
