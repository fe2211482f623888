/**
 * `npm run sim:max`: the local MAX Bot API server on its own (LOCAL_MAX_API_PORT, default 8082;
 * LOCAL_MAX_API_HOST, default 127.0.0.1).
 */
import { createLocalMaxApi } from "./server.ts";

const port = Number(process.env.LOCAL_MAX_API_PORT ?? 8082);
const host = process.env.LOCAL_MAX_API_HOST ?? "127.0.0.1";
const running = await createLocalMaxApi().listen(port, host);
process.stdout.write(`Local MAX Bot API server at ${running.url} (user side: ${running.url}/_sim)\n`);
const stop = () => void running.close().then(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
