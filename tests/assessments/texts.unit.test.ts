/**
 * The assessment texts: the same keys in Russian and English, every text a card, a notice or the
 * form uses exists, and the checklist's wording is complete (a short label, the full wording and
 * an explanation for every threat; a name and definitions for every factor).
 */
import { describe, expect, it } from "vitest";
import { createTranslator } from "../../src/platform/i18n/index.ts";
import { en } from "../../src/assessments/locales/en.ts";
import { ru } from "../../src/assessments/locales/ru.ts";
import {
  factorKey,
  FORM_ROWS,
  RISK_FACTORS,
  THREATS,
  VULNERABLE_GROUPS,
} from "../../src/assessments/domain/checklist.ts";

/** Flattens nested texts to keys, dropping plural suffixes (languages have different plural forms). */
function keys(tree: object, prefix = ""): string[] {
  return Object.entries(tree).flatMap(([k, v]) =>
    typeof v === "string"
      ? [`${prefix}${k}`.replace(/_(zero|one|two|few|many|other)$/, "")]
      : keys(v as object, `${prefix}${k}.`),
  );
}

describe("assessment texts", () => {
  const t = createTranslator(
    (locale, key) => {
      throw new Error(`missing ${key} in ${locale}`);
    },
    [{ ru, en }],
  );

  it("ru and en have the same keys", () => {
    expect([...new Set(keys(en))].sort()).toEqual([...new Set(keys(ru))].sort());
  });

  it.each(["ru", "en"] as const)("every threat, group and factor has its texts (%s)", (locale) => {
    for (const id of THREATS) {
      for (const part of ["short", "full", "info"]) {
        expect(t.render({ key: `assessment.threat.${id}.${part}` }, locale, "UTC").length).toBeGreaterThan(5);
      }
      // The explanation quotes the full wording and the manual's criteria of an immediate threat.
      const info = t.render({ key: `assessment.threat.${id}.info` }, locale, "UTC");
      expect(info).toContain(t.render({ key: "assessment.threat_criteria" }, locale, "UTC"));
    }
    for (const id of VULNERABLE_GROUPS) t.render({ key: `assessment.vulnerable.${id}` }, locale, "UTC");
    for (const row of FORM_ROWS)
      t.render({ key: `assessment.factor.${factorKey(row.id as never)}.name` }, locale, "UTC");
    for (const id of RISK_FACTORS) {
      const info = t.render({ key: `assessment.factor.${factorKey(id)}.info` }, locale, "UTC");
      const [high, moderate, low] =
        locale === "ru" ? ["Высокий:", "Умеренный:", "Низкий:"] : ["High:", "Moderate:", "Low:"];
      if (id !== "4") for (const level of [high, moderate, low]) expect(info).toContain(level);
    }
  });

  it("the explanation of the conclusions quotes all four in full", () => {
    const info = t.render({ key: "flows.assessment_conclusion.conclusion.info" }, "ru", "UTC");
    for (const c of [1, 2, 3, 4]) {
      expect(info).toContain(`${c}. ${t.render({ key: `assessment.conclusion.c${c}.full` }, "ru", "UTC")}`);
    }
  });
});
