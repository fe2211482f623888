/**
 * The messengers the product can run on and the adapters for each. Adding a messenger is one
 * folder under bots/ plus an entry here (and its name in the contract's MESSENGER_KINDS).
 */
import type {
  BotAdapter,
  MessageIdMap,
  MessengerCapabilities,
  MessengerKind,
  UpdateHandler,
} from "../src/platform/messenger/contract.ts";
import type { Logger } from "pino";
import { TELEGRAM_CAPABILITIES } from "./telegram/capabilities.ts";
import { createGrammyAdapter } from "./telegram/grammy.ts";
import { createTelegrafAdapter } from "./telegram/telegraf.ts";
import { createMaxAdapter } from "./max/adapter.ts";
import { MAX_CAPABILITIES } from "./max/capabilities.ts";

/** What every adapter factory receives. */
export interface AdapterFactoryOptions {
  token: string;
  /** The messenger's API root (a local test server, or the default). */
  apiRoot?: string;
  handler: UpdateHandler;
  logger: Logger;
  webhookSecret?: string;
  /** Where a messenger with string message ids (MAX) numbers them; others ignore it. */
  messageIds?: MessageIdMap;
}

/** A messenger: its limits and its adapters by library name (the first is the default). */
export interface MessengerEntry {
  capabilities: MessengerCapabilities;
  libraries: Record<string, (options: AdapterFactoryOptions) => BotAdapter>;
}

/** Every messenger the product can run on. */
export const MESSENGERS: Partial<Record<MessengerKind, MessengerEntry>> = {
  telegram: {
    capabilities: TELEGRAM_CAPABILITIES,
    libraries: { grammy: createGrammyAdapter, telegraf: createTelegrafAdapter },
  },
  max: {
    capabilities: MAX_CAPABILITIES,
    libraries: { "max-bot-api": createMaxAdapter },
  },
};

/** The limits of every registered messenger (for rendering). */
export function messengerCapabilities(): Map<MessengerKind, MessengerCapabilities> {
  return new Map(
    Object.entries(MESSENGERS).map(([kind, entry]) => [kind as MessengerKind, entry.capabilities]),
  );
}

/** Creates an adapter; throws for an unknown messenger or library. */
export function createAdapter(
  messenger: MessengerKind,
  library: string,
  options: AdapterFactoryOptions,
): BotAdapter {
  const entry = MESSENGERS[messenger];
  const factory = entry?.libraries[library];
  if (!factory) throw new Error(`no adapter "${library}" for the messenger "${messenger}"`);
  return factory(options);
}
