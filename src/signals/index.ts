/**
 * The signal round trip as an area of the product (stages 1–2 of the standard): a hospital's
 * signal, the head's urgency and assignment, the curator's visit and its outcome, the two journals.
 *
 * Layout: domain/ (pure rules), actions/ (one write each, channel-neutral), queries/ (reads),
 * jobs/ (timers), chat/ (cards, buttons, dialogues, commands, notices), http/ (API routes),
 * locales/ (texts).
 */
import { actionRunner } from "../platform/chat/app.ts";
import type { AreaModule } from "../platform/module.ts";
import { signalButtons } from "./chat/buttons.ts";
import { workButtons } from "./chat/my-work.ts";
import { signalCommands } from "./chat/commands.ts";
import { newSignalButton, signalFlows } from "./chat/flows.ts";
import { signalNoticeRenderers } from "./chat/notices.ts";
import { signalActionRoutes } from "./http/actions.ts";
import { journalRoutes } from "./http/journals.ts";
import { signalJobs } from "./jobs/handlers.ts";
import { en } from "./locales/en.ts";
import { ru } from "./locales/ru.ts";
import type { SignalSettings } from "./settings.ts";

/** The signals area with its timings. */
export function signalsArea(settings: SignalSettings): AreaModule {
  return {
    id: "signals",
    texts: { ru, en },
    flows: signalFlows(settings),
    commands: signalCommands,
    buttons: [...signalButtons(settings), newSignalButton, ...workButtons()],
    notices: signalNoticeRenderers,
    jobs: (deps) => signalJobs(actionRunner(deps, { signals: settings })),
    routes: (deps) => [journalRoutes(deps), signalActionRoutes(deps, settings)],
  };
}
