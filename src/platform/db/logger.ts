/**
 * The little the database tooling needs from a logger. A pino logger satisfies it, and so does
 * `console`; the default is silence, so library code never prints unless asked to.
 */
export interface DbLogger {
  info(message: string): void;
  warn(message: string): void;
}

/** A logger that drops everything. */
export const silentLogger: DbLogger = { info: () => {}, warn: () => {} };
