/**
 * The product's features, assembled for the chat runtime, the job queue and the API.
 */
import { settingsFeature } from "../access/save-settings.ts";
import { journalRouters } from "../signals/http/journals.ts";
import type { ChatApp } from "../platform/chat/app.ts";
import { builtinCommands } from "../platform/chat/builtin.ts";
import { demoPages } from "../demo/pages.ts";
import { signalFeatures } from "../signals/feature.ts";
import { DEFAULT_SIGNAL_SETTINGS, type SignalSettings } from "../signals/settings.ts";

/** Builds the product's chat app. */
export function createChatApp(settings: SignalSettings = DEFAULT_SIGNAL_SETTINGS): ChatApp {
  const signals = signalFeatures(settings);
  return {
    flows: [settingsFeature, ...signals.flows],
    commands: [...signals.commands, ...builtinCommands],
    actions: [...signals.actions],
    jobs: signals.jobs,
    routers: (deps) => journalRouters(deps),
    pages: (deps) => demoPages(deps),
  };
}
