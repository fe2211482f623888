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
