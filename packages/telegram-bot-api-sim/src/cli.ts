/**
 * Starts the local Bot API server on its own: `npm run sim:telegram` (tsx packages/telegram-bot-api-sim/src/cli.ts).
 * Port from `LOCAL_BOT_API_PORT` (default 8081), host from `LOCAL_BOT_API_HOST` (default 127.0.0.1).
 */
import { z } from "zod";
import { pino } from "pino";
import { createLocalBotApi } from "./server.ts";

const env = z
  .object({
    LOCAL_BOT_API_PORT: z.coerce.number().int().min(0).max(65_535).default(8081),
    LOCAL_BOT_API_HOST: z.string().min(1).default("127.0.0.1"),
  })
  .parse(process.env);

const logger = pino({ base: { app: "telegram-bot-api-sim" } });
const running = await createLocalBotApi({ logger }).listen(env.LOCAL_BOT_API_PORT, env.LOCAL_BOT_API_HOST);
console.log(
  `Local Bot API server: ${running.url}  (bots: apiRoot=${running.url}, users: ${running.url}/_sim)`,
);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void running.close().then(() => process.exit(0));
  });
}
