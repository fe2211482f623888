/**
 * Time-based work on pg-boss: each job is a name, a zod payload schema and an idempotent
 * handler that re-checks the state it is about when it runs. Nothing time-based runs on
 * in-process timers, so a restart loses no deadline or retry.
 */
import { PgBoss } from "pg-boss";
import type { Logger } from "pino";
import type { z } from "zod";
import { errorKey, rateLimited, safeError } from "../logger.ts";

/**
 * A job kind's name and payload schema: what code that queues the job and code that runs it share,
 * so a payload is checked where it is written and where it is read.
 *
 * @example
 * export const ACCEPT_TIMEOUT = jobType("signal-accept-timeout", z.object({ signalId: z.uuid() }));
 * await deps.jobs.schedule(ACCEPT_TIMEOUT, { signalId }, acceptBy);
 */
export interface JobType<P extends z.ZodType = z.ZodType> {
  name: string;
  payload: P;
}

/** Declares a job kind. */
export function jobType<P extends z.ZodType>(name: string, payload: P): JobType<P> {
  return { name, payload };
}

/** A job kind with its handler. */
export interface JobDefinition<P extends z.ZodType = z.ZodType> extends JobType<P> {
  /** Runs the job; must be safe to run twice and do nothing when its subject is gone or done. */
  handle(payload: z.infer<P>): Promise<void>;
  /** A cron schedule (in UTC) for periodic jobs. */
  cron?: string;
  /** Retries on failure (pg-boss); default 5 with backoff. */
  retryLimit?: number;
}

/** Declares a job with its payload type inferred. */
export function defineJob<P extends z.ZodType>(job: JobDefinition<P>): JobDefinition<P> {
  return job;
}

/** Binds a handler to a declared {@link JobType}. */
export function handleJob<P extends z.ZodType>(
  type: JobType<P>,
  handle: (payload: z.infer<P>) => Promise<void>,
  options: Pick<JobDefinition<P>, "cron" | "retryLimit"> = {},
): JobDefinition<P> {
  return { ...type, handle, ...options };
}

/** Runs SQL in the caller's transaction, so a job exists exactly when the change that needs it commits. */
export interface SqlExecutor {
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T>;
}

/** Sends jobs; what use cases receive instead of pg-boss itself. */
export interface JobQueue {
  /** Queues a job to run at `at` (or now), inside `tx` when given. */
  send(name: string, payload: object, at?: Date, tx?: SqlExecutor): Promise<void>;
}

/** Queues typed jobs inside one transaction; what actions receive. */
export interface Scheduler {
  /** Queues `type` to run at `at` (or now); the payload is checked against the type's schema. */
  schedule<P extends z.ZodType>(type: JobType<P>, payload: z.infer<P>, at?: Date): Promise<void>;
}

/**
 * A {@link Scheduler} writing into `tx` (the job exists exactly when the transaction commits).
 * Throws when the queue is not running: a change that needs a timer must not commit without it.
 */
export function scheduler(queue: () => JobQueue | undefined, tx?: SqlExecutor): Scheduler {
  return {
    async schedule(type, payload, at) {
      const jobs = queue();
      if (!jobs) throw new Error("the job queue is not running");
      await jobs.send(type.name, type.payload.parse(payload) as object, at, tx);
    },
  };
}

/** The running job queue. */
export interface Jobs extends JobQueue {
  boss: PgBoss;
  stop(): Promise<void>;
  healthy(): Promise<boolean>;
}

/**
 * Starts pg-boss on `databaseUrl`, creates the queues and their workers. `clock` lets tests
 * move time (pg-boss's own Clock interface).
 */
export async function startJobs(options: {
  databaseUrl: string;
  logger: Logger;
  jobs: JobDefinition[];
  clock?: ConstructorParameters<typeof PgBoss>[0] extends infer O
    ? O extends { clock?: infer C }
      ? C
      : never
    : never;
  pollingIntervalSeconds?: number;
}): Promise<Jobs> {
  const { logger } = options;
  const boss = new PgBoss({
    connectionString: options.databaseUrl,
    max: 4,
    ...(options.clock ? { clock: options.clock } : {}),
  });
  // pg-boss reports every failed poll of every queue: during a database outage that is several
  // errors a second. One line per kind of error a minute, with the count of the ones left out.
  const logQueueError = rateLimited(logger, "error", "job queue error", 60_000);
  boss.on("error", (error: unknown) => logQueueError(errorKey(error), { err: safeError(error) }));
  await boss.start();
  for (const job of options.jobs) {
    await boss.createQueue(job.name, { retryLimit: job.retryLimit ?? 5, retryDelay: 5, retryBackoff: true });
    await boss.work(
      job.name,
      { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 1 },
      async (batch) => {
        for (const item of batch) {
          const payload = job.payload.parse(item.data);
          await job.handle(payload);
        }
      },
    );
    if (job.cron) await boss.schedule(job.name, job.cron, {});
  }
  const send = async (name: string, payload: object, at?: Date, tx?: SqlExecutor) => {
    // One transaction is one connection: pg-boss may issue statements concurrently, so they
    // are chained here (pg only queues them with a deprecation warning, and pg@9 will refuse).
    let previous: Promise<unknown> = Promise.resolve();
    const db = tx && {
      executeSql: (text: string, values: unknown[] = []) => {
        const run = previous.then(async () => ({
          rows: await tx.$queryRawUnsafe<unknown[]>(text, ...values),
        }));
        previous = run.catch(() => undefined);
        return run;
      },
    };
    await boss.send(name, payload, { ...(at ? { startAfter: at } : {}), ...(db ? { db } : {}) });
  };
  return {
    boss,
    send,
    stop: () => boss.stop({ graceful: true, timeout: 10_000 }),
    healthy: async () => {
      try {
        await boss.getQueue(options.jobs[0]?.name ?? "");
        return true;
      } catch {
        return false;
      }
    },
  };
}
