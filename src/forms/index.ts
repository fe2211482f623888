/**
 * The secure form: with the service's `personalDataByForm` on, a dialogue's personal steps
 * (`personal: true` in flows/) are answered in a small page the chat opens as a Mini App, not in
 * chat messages. The page shows nothing without the messenger's signed launch data (`initData`,
 * checked by src/platform/web-app-data.ts); its answers go to the chat runtime as one update, so the
 * engine and the flows' schemas check them exactly as they check chat answers.
 *
 * Layout: http/ (the router: the page, its script, opening and sending), assets/ (the page's script),
 * locales/.
 */
import type { AreaModule } from "../platform/module.ts";
import { formsRouter } from "./http/router.ts";
import { en } from "./locales/en.ts";
import { ru } from "./locales/ru.ts";

/** The secure form's area. */
export const formsArea: AreaModule = {
  id: "forms",
  texts: { ru, en },
  pages: (deps) => [formsRouter(deps)],
};
