/**
 * Mini App launch data: the signature scheme pinned by a hand-built example, and every refusal.
 */
import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { checkWebAppData, signWebAppData } from "../../src/platform/web-app-data.ts";

const TOKEN = "1000001:local-signal-desk-bot";
const NOW = new Date("2026-12-01T10:00:00Z");
const AUTH = String(NOW.getTime() / 1000 - 30);
const USER = JSON.stringify({ id: 7_000_001, first_name: "Елена", language_code: "ru" });
const options = { botToken: TOKEN, now: NOW, maxAgeSeconds: 900 };

describe("checkWebAppData", () => {
  it("accepts data signed as the messenger documents it (sorted key=value lines, HMAC under HMAC('WebAppData', token))", () => {
    // Built by hand, independent of signWebAppData: the order of the query string does not matter.
    const signed = `auth_date=${AUTH}\nquery_id=AAHdF6IQ\nsignature=abc\nuser=${USER}`;
    const key = createHmac("sha256", "WebAppData").update(TOKEN).digest();
    const hash = createHmac("sha256", key).update(signed).digest("hex");
    const raw = `user=${encodeURIComponent(USER)}&signature=abc&hash=${hash}&auth_date=${AUTH}&query_id=AAHdF6IQ`;

    const checked = checkWebAppData(raw, options);
    expect(checked).toEqual({
      ok: true,
      data: {
        user: { id: "7000001", firstName: "Елена", languageCode: "ru" },
        authDate: new Date(Number(AUTH) * 1000),
        hash,
        fields: { user: USER, signature: "abc", hash, auth_date: AUTH, query_id: "AAHdF6IQ" },
      },
    });
  });

  it("round-trips what signWebAppData makes, spaces and all", () => {
    const raw = signWebAppData({ auth_date: AUTH, user: USER, start_param: "a b+c" }, TOKEN);
    const checked = checkWebAppData(raw, options);
    expect(checked.ok && checked.data.fields.start_param).toBe("a b+c");
  });

  it("refuses data changed on the way, or signed for another bot", () => {
    const raw = signWebAppData({ auth_date: AUTH, user: USER }, TOKEN);
    const otherUser = raw.replace(encodeURIComponent("7000001"), encodeURIComponent("7000002"));
    expect(otherUser).not.toBe(raw);
    expect(checkWebAppData(otherUser, options)).toEqual({ ok: false, reason: "bad_signature" });
    expect(checkWebAppData(raw, { ...options, botToken: "2:another-bot-token" })).toEqual({
      ok: false,
      reason: "bad_signature",
    });
    // A field added after signing.
    expect(checkWebAppData(`${raw}&chat_type=sender`, options)).toEqual({
      ok: false,
      reason: "bad_signature",
    });
  });

  it("refuses old data and data dated in the future", () => {
    const old = signWebAppData({ auth_date: String(Number(AUTH) - 900), user: USER }, TOKEN);
    expect(checkWebAppData(old, options)).toEqual({ ok: false, reason: "expired" });
    const future = signWebAppData({ auth_date: String(NOW.getTime() / 1000 + 120), user: USER }, TOKEN);
    expect(checkWebAppData(future, options)).toEqual({ ok: false, reason: "expired" });
    const slightlyAhead = signWebAppData({ auth_date: String(NOW.getTime() / 1000 + 30), user: USER }, TOKEN);
    expect(checkWebAppData(slightlyAhead, options).ok).toBe(true);
  });

  it.each([
    ["empty", ""],
    ["no hash", `auth_date=${AUTH}&user=${encodeURIComponent(USER)}`],
    ["a hash that is not hex", `auth_date=${AUTH}&user=x&hash=${"z".repeat(64)}`],
    ["a date that is not a number", signWebAppData({ auth_date: "yesterday", user: USER }, TOKEN)],
    ["no user", signWebAppData({ auth_date: AUTH }, TOKEN)],
    ["a user that is not JSON", signWebAppData({ auth_date: AUTH, user: "{id:7" }, TOKEN)],
    ["a user without a numeric id", signWebAppData({ auth_date: AUTH, user: '{"id":"7"}' }, TOKEN)],
    ["too long", signWebAppData({ auth_date: AUTH, user: USER, x: "a".repeat(9000) }, TOKEN)],
  ])("refuses malformed data: %s", (_what, raw) => {
    expect(checkWebAppData(raw, options)).toEqual({ ok: false, reason: "malformed" });
  });

  it("refuses a field given twice, even when one copy is signed", () => {
    const raw = signWebAppData({ auth_date: AUTH, user: USER }, TOKEN);
    expect(checkWebAppData(`${raw}&user=${encodeURIComponent(USER)}`, options)).toEqual({
      ok: false,
      reason: "malformed",
    });
  });
});
