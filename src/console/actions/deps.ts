/**
 * What the console's actions need: the transaction, the moment and the console's settings. They
 * queue no jobs and tell nobody, so any channel's action dependencies will do.
 */
import type { ActionDeps } from "../../platform/actions.ts";
import type { ConsoleSettings } from "../settings.ts";

/** Dependencies of a console action. */
export type ConsoleDeps = Pick<ActionDeps<ConsoleSettings>, "tx" | "now" | "settings">;
