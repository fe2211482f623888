/**
 * The product's areas, in one list: the runtime, the job queue, the API and the translator are
 * built from it, and so is the flow validation test. Adding an area is one folder under src/ and
 * one line here.
 */
import { accessArea } from "../access/index.ts";
import { assessmentsArea } from "../assessments/index.ts";
import { casesArea } from "../cases/index.ts";
import { clientsArea } from "../clients/index.ts";
import { consoleArea } from "../console/index.ts";
import { DEFAULT_CONSOLE_SETTINGS, type ConsoleSettings } from "../console/settings.ts";
import { DEFAULT_CASE_SETTINGS, type CaseSettings } from "../cases/settings.ts";
import { demoArea } from "../demo/index.ts";
import { formsArea } from "../forms/index.ts";
import type { ChatApp } from "../platform/chat/app.ts";
import { createTranslator, type Translator } from "../platform/i18n/index.ts";
import { areaTexts, buildChatApp, type AreaModule, type PersonalDataHook } from "../platform/module.ts";
import { registersArea } from "../registers/index.ts";
import { DEFAULT_REGISTER_SETTINGS, type RegisterSettings } from "../registers/settings.ts";
import { privacyArea } from "../privacy/index.ts";
import { signalsArea } from "../signals/index.ts";
import { DEFAULT_SIGNAL_SETTINGS, type SignalSettings } from "../signals/settings.ts";

/** Settings of every area (from the configuration). */
export interface ProductSettings {
  signals: SignalSettings;
  /** The web console's lifetimes and what it learns at start-up (its address, the bot token). */
  console?: ConsoleSettings;
  /** Optional so that callers of the signals' settings alone keep working. */
  registers?: RegisterSettings;
  /** Optional so that callers of the signals' settings alone keep working. */
  cases?: CaseSettings;
}

/** Defaults: what the standard says. */
export const DEFAULT_PRODUCT_SETTINGS: ProductSettings = {
  signals: DEFAULT_SIGNAL_SETTINGS,
  registers: DEFAULT_REGISTER_SETTINGS,
  cases: DEFAULT_CASE_SETTINGS,
};

/** Every area of the product. */
export function productAreas(settings: ProductSettings = DEFAULT_PRODUCT_SETTINGS): AreaModule[] {
  const areas: AreaModule[] = [
    accessArea,
    signalsArea(settings.signals),
    casesArea(settings.cases ?? DEFAULT_CASE_SETTINGS),
    assessmentsArea,
    clientsArea,
    consoleArea(settings.console ?? DEFAULT_CONSOLE_SETTINGS, settings.signals, settings.cases),
    registersArea(settings.registers ?? DEFAULT_REGISTER_SETTINGS),
    formsArea,
    demoArea,
  ];
  return [...areas, privacyArea(() => personalDataHooks(areas))];
}

/** Every area's hook for removing its own personal data of anonymised signals. */
export function personalDataHooks(areas: readonly AreaModule[]): PersonalDataHook[] {
  return areas.flatMap((a) => (a.personalData ? [a.personalData] : []));
}

/** The chat app of the product (or of the given areas). */
export function createChatApp(areas: readonly AreaModule[] = productAreas()): ChatApp {
  return buildChatApp(areas);
}

/** A translator with every area's texts. */
export function createProductTranslator(
  onMissing?: (locale: string, key: string) => void,
  areas: readonly AreaModule[] = productAreas(),
): Translator {
  return createTranslator(onMissing, [areaTexts(areas)]);
}
