/**
 * A local Telegram Bot API server for tests, offline runs and the /sim demo page: the bot side speaks the
 * Bot API subset the product uses (with faults on demand: 429, 5xx, latency), the user side (`/_sim/...`)
 * lets tests and the page act as people. See README.md.
 */
export {
  createLocalBotApi,
  type LocalBotApi,
  type LocalBotApiOptions,
  type RunningLocalBotApi,
} from "./server.ts";
export * from "./sim-client.ts";
