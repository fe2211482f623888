/**
 * Structured logs (pino). Nothing personal goes into them: log ids, counts and kinds, never
 * names, phones, addresses or message texts. Known personal fields are redacted as a second
 * line of defence.
 */
import { pino, type Logger } from "pino";

const REDACT = [
  "*.text",
  "*.fullName",
  "*.phone",
  "*.womanFullName",
  "*.address",
  "*.first_name",
  "*.last_name",
  "*.username",
  "*.payload",
  "*.answers",
];

/** Creates the process logger. */
export function createLogger(options: { level?: string; pretty?: boolean } = {}): Logger {
  return pino({
    level: options.level ?? "info",
    redact: { paths: REDACT, censor: "[redacted]" },
    base: { app: "signal-desk" },
  });
}

/**
 * An error reduced to what is safe to log: its class, code and stack frames. The message
 * is dropped for database errors, which may quote the values of a failed query.
 */
export function safeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { type: typeof error };
  const code = (error as { code?: unknown }).code;
  const fromDatabase = error.name.startsWith("Prisma") || typeof code === "string";
  const frames = error.stack
    ?.split("\n")
    .slice(1, 8)
    .map((line) => line.trim());
  return {
    type: error.name,
    ...(code !== undefined ? { code } : {}),
    ...(fromDatabase ? {} : { message: error.message.slice(0, 300) }),
    stack: frames,
  };
}

/**
 * A log call that repeats itself at most once per `intervalMs` per key: during an outage a job
 * queue or a delivery loop fails every second, and one line per failure would drown the log.
 * The first failure is logged at once; later ones within the interval are counted, and the
 * next line carries `suppressed: n`.
 *
 * @example
 * const logQueueError = rateLimited(logger, "error", "job queue error", 60_000);
 * boss.on("error", (error) => logQueueError(errorKey(error), { err: safeError(error) }));
 */
export function rateLimited(
  logger: Logger,
  level: "warn" | "error",
  message: string,
  intervalMs: number,
  clock: () => number = Date.now,
): (key: string, fields: Record<string, unknown>) => void {
  const last = new Map<string, { at: number; suppressed: number }>();
  return (key, fields) => {
    const now = clock();
    const seen = last.get(key);
    if (seen && now - seen.at < intervalMs) {
      seen.suppressed += 1;
      return;
    }
    const suppressed = seen?.suppressed ?? 0;
    last.set(key, { at: now, suppressed: 0 });
    logger[level]({ ...fields, ...(suppressed > 0 ? { suppressed } : {}) }, message);
  };
}

/** A grouping key for {@link rateLimited}: the error's class and code. */
export function errorKey(error: unknown): string {
  if (!(error instanceof Error)) return typeof error;
  const code = (error as { code?: unknown }).code;
  return `${error.name}:${typeof code === "string" ? code : ""}`;
}
