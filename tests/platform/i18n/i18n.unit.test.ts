import { describe, expect, it } from "vitest";
import { productAreas } from "../../../src/app/areas.ts";
import { createTranslator, pickLocale } from "../../../src/platform/i18n/index.ts";
import { en } from "../../../src/platform/i18n/locales/en.ts";
import { ru } from "../../../src/platform/i18n/locales/ru.ts";

/** Flattens nested texts to keys, dropping plural suffixes (languages have different plural forms). */
function keys(tree: object, prefix = ""): string[] {
  return Object.entries(tree).flatMap(([k, v]) =>
    typeof v === "string"
      ? [`${prefix}${k}`.replace(/_(zero|one|two|few|many|other)$/, "")]
      : keys(v as object, `${prefix}${k}.`),
  );
}

describe("i18n", () => {
  const t = createTranslator((locale, key) => {
    throw new Error(`missing ${key} in ${locale}`);
  });

  it("ru and en have the same keys", () => {
    expect([...new Set(keys(en))].sort()).toEqual([...new Set(keys(ru))].sort());
  });

  it.each(
    productAreas()
      .filter((a) => a.texts)
      .map((a) => [a.id, a] as const),
  )("the %s area's ru and en texts have the same keys", (_id, area) => {
    expect([...new Set(keys(area.texts!.en))].sort()).toEqual([...new Set(keys(area.texts!.ru))].sort());
  });

  it.each([
    [1, "1 случай"],
    [2, "2 случая"],
    [3, "3 случая"],
    [5, "5 случаев"],
    [11, "11 случаев"],
    [21, "21 случай"],
    [22, "22 случая"],
    [25, "25 случаев"],
  ])("Russian plural of %i cases is %s", (count, expected) => {
    expect(t.render({ key: "common.cases", params: { count } }, "ru", "UTC")).toBe(expected);
  });

  it("English plurals", () => {
    expect(t.render({ key: "common.cases", params: { count: 1 } }, "en", "UTC")).toBe("1 case");
    expect(t.render({ key: "common.cases", params: { count: 3 } }, "en", "UTC")).toBe("3 cases");
  });

  it("shows a UTC moment in the reader's time zone", () => {
    const at = { key: "engine.current_answer", params: { value: { datetime: "2026-11-23T21:30:00.000Z" } } };
    expect(t.render(at, "ru", "Europe/Moscow")).toBe("Сейчас: 24.11.2026 00:30");
    expect(t.render(at, "ru", "Asia/Vladivostok")).toBe("Сейчас: 24.11.2026 07:30");
    expect(t.render(at, "en", "Europe/Kaliningrad")).toBe("Now: 23 Nov 2026, 23:30");
  });

  it("does not escape user text (messages are plain text, never HTML)", () => {
    expect(t.render({ key: "engine.answer_echo", params: { value: "<b>x</b> & y" } }, "ru", "UTC")).toBe(
      "→ <b>x</b> & y",
    );
  });

  it("reports a missing key", () => {
    expect(() => t.render({ key: "no.such.key" }, "ru", "UTC")).toThrow("missing no.such.key in ru");
  });

  it.each([
    ["ru-RU", "ru"],
    ["en", "en"],
    ["en-GB", "en"],
    ["de", "ru"],
    [undefined, "ru"],
  ] as const)("picks locale %s → %s", (code, locale) => {
    expect(pickLocale(code)).toBe(locale);
  });
});
