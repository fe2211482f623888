/**
 * The product's areas, in one list: the runtime, the job queue, the API and the translator are
 * built from it, and so is the flow validation test. Adding an area is one folder under src/ and
 * one line here.
 */
import { accessArea } from "../access/index.ts";
import { casesArea } from "../cases/index.ts";
import { DEFAULT_CASE_SETTINGS, type CaseSettings } from "../cases/settings.ts";
import { demoArea } from "../demo/index.ts";
import type { ChatApp } from "../platform/chat/app.ts";
import { createTranslator, type Translator } from "../platform/i18n/index.ts";
import { areaTexts, buildChatApp, type AreaModule } from "../platform/module.ts";
import { signalsArea } from "../signals/index.ts";
import { DEFAULT_SIGNAL_SETTINGS, type SignalSettings } from "../signals/settings.ts";

/** Settings of every area (from the configuration). */
export interface ProductSettings {
  signals: SignalSettings;
  cases: CaseSettings;
}

/** Defaults: what the standard says. */
export const DEFAULT_PRODUCT_SETTINGS: ProductSettings = {
  signals: DEFAULT_SIGNAL_SETTINGS,
  cases: DEFAULT_CASE_SETTINGS,
};

/** Every area of the product. */
export function productAreas(settings: ProductSettings = DEFAULT_PRODUCT_SETTINGS): AreaModule[] {
  return [accessArea, signalsArea(settings.signals), casesArea(settings.cases), demoArea];
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
