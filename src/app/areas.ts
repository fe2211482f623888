/**
 * The product's areas, in one list: the runtime, the job queue, the API and the translator are
 * built from it, and so is the flow validation test. Adding an area is one folder under src/ and
 * one line here.
 */
import { accessArea } from "../access/index.ts";
import { casesArea } from "../cases/index.ts";
import { demoArea } from "../demo/index.ts";
import type { ChatApp } from "../platform/chat/app.ts";
import { createTranslator, type Translator } from "../platform/i18n/index.ts";
import { areaTexts, buildChatApp, type AreaModule, type PersonalDataHook } from "../platform/module.ts";
import { privacyArea } from "../privacy/index.ts";
import { signalsArea } from "../signals/index.ts";
import { DEFAULT_SIGNAL_SETTINGS, type SignalSettings } from "../signals/settings.ts";

/** Settings of every area (from the configuration). */
export interface ProductSettings {
  signals: SignalSettings;
}

/** Defaults: what the standard says. */
export const DEFAULT_PRODUCT_SETTINGS: ProductSettings = { signals: DEFAULT_SIGNAL_SETTINGS };

/** Every area of the product. */
export function productAreas(settings: ProductSettings = DEFAULT_PRODUCT_SETTINGS): AreaModule[] {
  const areas: AreaModule[] = [accessArea, signalsArea(settings.signals), casesArea, demoArea];
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
