/**
 * Cases (случаи) as an area of the product: stage 3 (work on changing the decision, up to a month)
 * and accompaniment of seed 000, from opening to closure or hand-over. A case is opened from a
 * confirmed signal (./actions/open-case.ts); then the curator fills the signal sheet, makes the plan
 * with the woman, records monitoring; the heads decide, extend, hand over. Every deadline is data
 * swept by one job (./jobs/sweep.ts).
 *
 * Layout: domain/ (pure rules: stages, events, sheet, plans, monitoring, the schedule), actions/
 * (one write each, channel-neutral), queries/ (reads), jobs/ (the sweep, documents), documents/
 * (PDF), chat/ (cards, buttons, dialogues, commands, notices), http/ (API routes), locales/.
 */
import { actionRunner } from "../platform/chat/app.ts";
import type { AreaModule } from "../platform/module.ts";
import { caseButtons } from "./chat/buttons.ts";
import { caseCommands, workPageButtons } from "./chat/commands.ts";
import { caseFlows } from "./chat/flows.ts";
import { caseNoticeRenderers } from "./chat/notices.ts";
import { caseRoutes } from "./http/cases.ts";
import { caseJobs } from "./jobs/handlers.ts";
import { en } from "./locales/en.ts";
import { ru } from "./locales/ru.ts";
import { casePersonalData } from "./personal-data.ts";
import { DEFAULT_CASE_SETTINGS, type CaseSettings } from "./settings.ts";

/** The cases area with its timings. */
export function casesArea(settings: CaseSettings = DEFAULT_CASE_SETTINGS): AreaModule {
  return {
    id: "cases",
    texts: { ru, en },
    flows: caseFlows(settings),
    commands: caseCommands(settings),
    buttons: [...caseButtons(settings), ...workPageButtons(settings)],
    notices: caseNoticeRenderers,
    jobs: (deps) => caseJobs({ ...actionRunner(deps, { cases: settings }), translator: deps.translator }),
    routes: (deps) => [caseRoutes(deps, settings)],
    personalData: casePersonalData,
  };
}
