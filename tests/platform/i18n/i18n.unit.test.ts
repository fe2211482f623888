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

  it("shows a moment of today by its time alone, in the reader's zone; another day in full", () => {
    const at = { key: "engine.current_answer", params: { value: { time: "2026-11-23T19:49:00.000Z" } } };
    // 22:49 in Moscow on 23 Nov; the reader reads it at 23:10 the same evening.
    const evening = new Date("2026-11-23T20:10:00.000Z");
    expect(t.render(at, "ru", "Europe/Moscow", evening)).toBe("Сейчас: 22:49");
    // Already the next day in Vladivostok (05:49 on 24 Nov), and the reader is there the same day.
    expect(t.render(at, "ru", "Asia/Vladivostok", evening)).toBe("Сейчас: 05:49");
    // Read the next morning in Moscow: the date is needed.
    const nextMorning = new Date("2026-11-24T06:00:00.000Z");
    expect(t.render(at, "ru", "Europe/Moscow", nextMorning)).toBe("Сейчас: 23.11.2026 22:49");
    expect(t.render(at, "en", "Europe/Moscow", nextMorning)).toBe("Now: 23 Nov 2026, 22:49");
  });

  it("does not escape user text in plain rendering (HTML is only for texts with bold labels)", () => {
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
