/**
 * Child safety and risk assessments as an area of the product (seed 003: the regulation on
 * protecting a child whose rights, life or health are at risk): planning with the earlier-signals
 * check, contact with the family, the safety assessment and safety plan, the risk ratings side by
 * side, the overall level the specialist states, the conclusion (3 and 4 open a case), the form
 * (Appendix 2) as a PDF handed to the guardianship authority, the time norms watched, and the
 * head's supervisor review.
 *
 * Layout: domain/ (pure rules and the checklist), actions/ (one write each, channel-neutral),
 * queries/ (reads; `latestCompletedAssessment` for case closure), jobs/ (timers), documents/ (the
 * form), chat/ (cards, buttons, dialogues, commands, notices), http/ (API), locales/ (texts).
 */
import { actionRunner } from "../platform/chat/app.ts";
import type { AreaModule } from "../platform/module.ts";
import { assessmentButtons } from "./chat/buttons.ts";
import { assessmentCommands } from "./chat/commands.ts";
import { assessmentFlows } from "./chat/flows.ts";
import { assessmentNoticeRenderers } from "./chat/notices.ts";
import { assessmentRoutes } from "./http/assessments.ts";
import { assessmentJobs } from "./jobs/handlers.ts";
import { en } from "./locales/en.ts";
import { ru } from "./locales/ru.ts";
import { assessmentPersonalData } from "./personal-data.ts";

/** The assessments area. */
export const assessmentsArea: AreaModule = {
  id: "assessments",
  texts: { ru, en },
  flows: assessmentFlows,
  commands: assessmentCommands,
  buttons: assessmentButtons,
  notices: assessmentNoticeRenderers,
  jobs: (deps) => assessmentJobs(actionRunner<unknown>(deps, {})),
  routes: (deps) => [assessmentRoutes(deps)],
  personalData: assessmentPersonalData,
};
