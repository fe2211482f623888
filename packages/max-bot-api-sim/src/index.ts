/**
 * A local MAX Bot API server for tests, offline runs and the /sim page: the bot side speaks the
 * subset of MAX's Bot API the product uses (with faults on demand: 429, 500, latency, dropped
 * connections), the user side (`/_sim/...`) lets tests and the page act as people. See README.md.
 */
export {
  createLocalMaxApi,
  type LocalMaxApi,
  type LocalMaxApiOptions,
  type RunningLocalMaxApi,
} from "./server.ts";
export { botIdOf } from "./state.ts";
export * from "./sim-client.ts";
