import { readdirSync, writeFileSync, existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createTranslator } from "../../../src/platform/i18n/index.ts";
import { intakeFlow } from "../../fixtures/flows/intake.ts";
import { intakeTexts } from "../../fixtures/flows/intake.texts.ts";
import { planFlow, progressFlow } from "../../fixtures/flows/plan.ts";
import { planTexts } from "../../fixtures/flows/plan.texts.ts";
import { readJson, runTranscript, type TranscriptCase } from "../../helpers/transcript.ts";

const dir = path.resolve(import.meta.dirname, "../../fixtures/transcripts");
const update = process.env.UPDATE_TRANSCRIPTS === "1";
const flows = { intake: intakeFlow, plan: planFlow, progress: progressFlow };

const translator = createTranslator((locale, key) => {
  throw new Error(`missing text ${key} in ${locale}`);
});
translator.addTexts("ru", intakeTexts.ru);
translator.addTexts("en", intakeTexts.en);
translator.addTexts("ru", planTexts.ru);
translator.addTexts("en", planTexts.en);

describe("engine transcripts", () => {
  const cases = readdirSync(dir).filter((f) => f.endsWith(".case.json"));
  it("has case files", () => expect(cases.length).toBeGreaterThan(0));
  for (const file of cases) {
    it(file.replace(".case.json", ""), () => {
      const c = readJson<TranscriptCase>(path.join(dir, file));
      const turns = runTranscript(flows[c.flow as keyof typeof flows], c, translator);
      const expectedFile = path.join(dir, file.replace(".case.json", ".expected.json"));
      if (update || !existsSync(expectedFile)) {
        if (!update) throw new Error(`${expectedFile} is missing: run npm run test:update-transcripts`);
        writeFileSync(expectedFile, `${JSON.stringify(turns, null, 2)}\n`);
      }
      expect(turns).toEqual(readJson(expectedFile));
    });
  }
});
