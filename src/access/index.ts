/**
 * People and access as an area of the product: invitations and identities (the chat runtime
 * binds strangers through them), personal settings, API tokens, and the one access policy
 * (./policy.ts) every other area asks.
 */
import { builtinCommands } from "../platform/chat/builtin.ts";
import type { AreaModule } from "../platform/module.ts";
import { en } from "./locales/en.ts";
import { ru } from "./locales/ru.ts";
import { linkMessengerCommand } from "./link-messenger.ts";
import { settingsFeature } from "./save-settings.ts";

/** The access area. */
export const accessArea: AreaModule = {
  id: "access",
  texts: { ru, en },
  flows: [settingsFeature],
  commands: [...builtinCommands, linkMessengerCommand],
};
