/**
 * Telling "the database cannot be reached right now" apart from every other failure: such an
 * update or job was not handled and must be tried again later (nothing of it was committed, or,
 * when the connection broke during COMMIT, the redelivery is recognised as already processed).
 */

/** Node's network error codes that mean the server is unreachable. */
const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
]);

/** PostgreSQL SQLSTATEs of a server going away, starting up or full. */
const SERVER_STATES = new Set(["57P01", "57P02", "57P03", "53300", "53400"]);

/** Prisma's codes for an unreachable server, a closed connection and pool or transaction-start timeouts. */
const PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024"]);

/** Prisma driver-adapter error kinds that mean the same. */
const ADAPTER_KINDS = new Set([
  "DatabaseNotReachable",
  "ConnectionClosed",
  "SocketTimeout",
  "TooManyConnections",
  "TransactionAlreadyClosed",
]);

/** pg's messages for connections that broke or could not be made (it gives them no code). */
const PG_MESSAGES =
  /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Client was closed and is not queryable|Connection terminated due to connection timeout)|Unable to start a transaction in the given time/;

/** True when `error` (or one of its causes) says the database is unreachable. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; depth++) {
    if (typeof e !== "object") return false;
    const { code, message, meta, cause } = e as {
      code?: unknown;
      message?: unknown;
      meta?: { driverAdapterError?: { cause?: { kind?: unknown } } };
      cause?: unknown;
    };
    if (typeof code === "string") {
      if (NETWORK_CODES.has(code) || SERVER_STATES.has(code) || PRISMA_CODES.has(code)) return true;
      if (/^08/.test(code)) return true;
    }
    const kind = meta?.driverAdapterError?.cause?.kind;
    if (typeof kind === "string" && ADAPTER_KINDS.has(kind)) return true;
    if (typeof message === "string" && PG_MESSAGES.test(message)) return true;
    e = cause;
  }
  return false;
}
