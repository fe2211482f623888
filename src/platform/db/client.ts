/**
 * The Prisma client, connected through `@prisma/adapter-pg` (Prisma 7 runs without native engines).
 *
 * Use cases receive the database as a parameter ({@link Db}); only the composition root calls
 * {@link createDb}, so tests can hand in a client bound to their own throw-away database.
 */
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient, type Prisma } from "../../generated/prisma/client.ts";
import { silentLogger, type DbLogger } from "./logger.ts";

/** Options for {@link createDb}. */
export interface CreateDbOptions {
  /** Most connections the pool opens (default 10). */
  poolSize?: number;
  /** Told about connections that fail while idle in the pool (they are replaced). */
  logger?: DbLogger;
}

/**
 * A client with its own connection pool. Call `$disconnect()` to close the pool.
 *
 * @example
 * const db = createDb(config.databaseUrl, { poolSize: 5, logger });
 * await runActions({ db, clock, ... }, (deps) => submitSignal(deps, actor, input));
 */
export function createDb(databaseUrl: string, options: CreateDbOptions = {}): DbClient {
  const logger = options.logger ?? silentLogger;
  const adapter = new PrismaPg(
    {
      connectionString: databaseUrl,
      max: options.poolSize ?? 10,
      // An unreachable server must fail a request within seconds (an update then stays
      // unacknowledged, see db/unavailable.ts), not hang until the turn's timeout.
      connectionTimeoutMillis: 5_000,
      // Sessions in UTC: raw SQL that casts or truncates timestamps must not depend on the
      // server's zone (an embedded server inherits the developer's). Local days are computed in
      // code from the service's or hospital's IANA zone.
      options: "-c TimeZone=UTC",
    },
    { onPoolError: (error) => logger.warn(`db: idle connection failed: ${error.message}`) },
  );
  return new PrismaClient({ adapter });
}

/** The full client: can open transactions (`db.$transaction(async (tx) => ...)`). */
export type DbClient = PrismaClient;

/**
 * What a use case queries through: the full client or the client of an open transaction, so the
 * same code runs alone or as part of a caller's transaction. A use case that must open its own
 * transaction asks for a {@link DbClient} instead.
 */
export type Db = Prisma.TransactionClient;
