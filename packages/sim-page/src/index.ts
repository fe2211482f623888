/**
 * The demo page `/sim`: chats of simulated messenger users side by side, played against the project's
 * local Bot API server. The application mounts {@link createSimPage} only when that server runs (no bot
 * token configured), and imports this package only then.
 */
export { createSimPage, SIM_API_BASE, type SimPageConfig, type SimPageOptions } from "./page.ts";
export type { SimPerson, SimRole } from "./people.ts";
export { isLoopbackAddress, DEFAULT_BODY_LIMIT_BYTES } from "./sim-proxy.ts";
