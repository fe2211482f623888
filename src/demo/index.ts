/**
 * The offline demo as an area: the /sim page when the local Bot API server runs.
 */
import type { AreaModule } from "../platform/module.ts";
import { demoPages } from "./pages.ts";

/** The demo area. */
export const demoArea: AreaModule = {
  id: "demo",
  pages: (deps) => demoPages(deps),
};
