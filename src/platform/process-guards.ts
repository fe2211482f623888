/**
 * Process-wide guards: a promise rejection nobody handled is a bug to log, not a reason to take
 * down a process that is serving other people (Node's default since v15 is to crash). The log
 * line carries what {@link safeError} allows (no message of a database error, no personal data),
 * at most one line per kind of error a minute.
 */
import type { Logger } from "pino";
import { errorKey, rateLimited, safeError } from "./logger.ts";

/** Installs the guards once per process; returns a function removing them (tests). */
export function installProcessGuards(logger: Logger): () => void {
  const log = rateLimited(
    logger,
    "error",
    "unhandled promise rejection (a bug; the process goes on)",
    60_000,
  );
  const onRejection = (reason: unknown) => log(errorKey(reason), { err: safeError(reason) });
  process.on("unhandledRejection", onRejection);
  return () => process.off("unhandledRejection", onRejection);
}
