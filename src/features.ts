/**
 * The product's features, assembled for the chat runtime, the job queue and the API.
 */
import { settingsFeature } from "./access/save-settings.ts";
import type { ChatApp } from "./chat/app.ts";
import { builtinCommands } from "./chat/builtin.ts";

/** Builds the product's chat app. */
export function createChatApp(): ChatApp {
  return {
    flows: [settingsFeature],
    commands: [...builtinCommands],
    actions: [],
  };
}
