/**
 * Registers and reports as an area of the product (seed 000, «Документооборот» and «Оценка
 * эффективности»): the hospital's and the service's journals as XLSX and PDF documents, the
 * half-year effectiveness report with its eight figures, and the hospitals' abandonment counts
 * the first figure needs.
 *
 * Layout: domain/ (periods, figures, totals: pure), queries/ (the report's facts), documents/
 * (XLSX and PDF), actions/ (asking for a document, entering a count), jobs/ (making documents),
 * chat/ (/journal, /report, /totals), http/ (the report API, registers as files), locales/.
 */
import type { AreaModule } from "../platform/module.ts";
import { registerButtons } from "./chat/buttons.ts";
import { registerCommands } from "./chat/commands.ts";
import { registerFlows } from "./chat/flows.ts";
import { reportRoutes } from "./http/reports.ts";
import { registerJobs } from "./chat/deliver-document.ts";
import { en } from "./locales/en.ts";
import { ru } from "./locales/ru.ts";
import type { RegisterSettings } from "./settings.ts";

/** The registers area with its settings. */
export function registersArea(settings: RegisterSettings): AreaModule {
  return {
    id: "registers",
    texts: { ru, en },
    flows: registerFlows,
    commands: registerCommands,
    buttons: registerButtons,
    jobs: (deps) => registerJobs(deps, settings),
    routes: (deps) => [reportRoutes(deps, settings)],
  };
}
