/**
 * The console's pure parts: when sessions and links are good, the CSRF token, and the texts (every
 * key in both languages, every key the pages name literally defined).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { linkState, sessionIsLive, shouldTouch } from "../../src/console/domain/session.ts";
import { en } from "../../src/console/locales/en.ts";
import { ru } from "../../src/console/locales/ru.ts";
import { csrfMatches, csrfToken, hashSecret, newSecret, SECRET_PATTERN } from "../../src/console/secrets.ts";
import { createProductTranslator } from "../../src/app/areas.ts";

const NOW = new Date("2026-12-01T10:00:00Z");
const minutes = (m: number) => new Date(NOW.getTime() + m * 60_000);

describe("session rules", () => {
  const live = { lastSeenAt: minutes(-59), expiresAt: minutes(60), endedAt: null };
  it.each([
    ["used within the idle time", true, live],
    ["idle for an hour", false, { ...live, lastSeenAt: minutes(-60) }],
    ["past its absolute end", false, { ...live, expiresAt: NOW }],
    ["ended", false, { ...live, endedAt: minutes(-1) }],
  ] as const)("a session %s is live: %s", (_what, expected, session) => {
    expect(sessionIsLive(session, NOW, 60)).toBe(expected);
  });

  it("writes activity at most once a minute", () => {
    expect(shouldTouch(minutes(-0.5), NOW)).toBe(false);
    expect(shouldTouch(minutes(-1), NOW)).toBe(true);
  });

  it("a link is usable once and until it expires", () => {
    expect(linkState({ usedAt: null, expiresAt: minutes(1) }, NOW)).toBe("usable");
    expect(linkState({ usedAt: minutes(-1), expiresAt: minutes(1) }, NOW)).toBe("used");
    expect(linkState({ usedAt: null, expiresAt: NOW }, NOW)).toBe("expired");
  });
});

describe("secrets", () => {
  it("are 256 random bits, stored as sha256, with a CSRF token only their holder can make", () => {
    const a = newSecret();
    const b = newSecret();
    expect(a).toMatch(SECRET_PATTERN);
    expect(a).not.toBe(b);
    expect(hashSecret(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(csrfMatches(a, csrfToken(a))).toBe(true);
    expect(csrfMatches(a, csrfToken(b))).toBe(false);
    expect(csrfMatches(a, undefined)).toBe(false);
    expect(csrfMatches(a, ["x"])).toBe(false);
    expect(csrfToken(a)).not.toContain(a);
  });
});

/** Flattens nested texts to keys, dropping plural suffixes (languages have different plural forms). */
function keys(tree: object, prefix = ""): string[] {
  return Object.entries(tree).flatMap(([k, v]) =>
    typeof v === "string"
      ? [`${prefix}${k}`.replace(/_(zero|one|two|few|many|other)$/, "")]
      : keys(v as object, `${prefix}${k}.`),
  );
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

describe("texts", () => {
  it("ru and en have the same keys", () => {
    expect([...new Set(keys(en))].sort()).toEqual([...new Set(keys(ru))].sort());
  });

  it('every key the console names literally (t("…"), key: "…") exists in both languages', () => {
    const translator = createProductTranslator();
    const named = new Set<string>();
    for (const file of sources("src/console")) {
      const source = readFileSync(file, "utf8");
      // t("…"), { key: "…" }, badInput("…"); and any nested console text ("console.a.b"), such as
      // a form field's label. (Audit actions and permissions have one dot and are not texts.)
      const patterns = [
        /(?:\bt\(|key: |badInput\()["'`]((?:console|signal|access|outcome|flows|errors|commands)\.[a-z_.]+[a-z_])["'`]/g,
        /["'`](console\.[a-z_]+\.[a-z_.]*[a-z_])["'`]/g,
      ];
      for (const pattern of patterns) for (const match of source.matchAll(pattern)) named.add(match[1]!);
    }
    expect(named.size).toBeGreaterThan(100);
    const missing = [...named].filter(
      (key) => !translator.exists("ru", key) || !translator.exists("en", key),
    );
    expect(missing).toEqual([]);
  });
});
