import { spawn, type ChildProcess } from "node:child_process";
import {
  chmod,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  readlink,
  rm,
  rmdir,
  stat,
  symlink,
  writeFile,
} from "node:fs/promises";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  copyFolderOnce,
  startEmbeddedPostgres,
  type EmbeddedServer,
} from "../../../src/platform/db/embedded.ts";
import { projectRoot } from "../../../src/platform/db/paths.ts";

// One data folder for the whole file: initdb runs once (~1 s), each later start takes ~50 ms.
let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "signal-desk-embedded-"));
});
// Servers a test started are stopped even when it fails half-way, so the next test starts clean.
const started: EmbeddedServer[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((server) => server.stop()));
});
afterAll(async () => {
  try {
    // A child's server left behind by a failed test is an orphan by now: a start/stop cycle ends it.
    await (await startEmbeddedPostgres({ dataDir, durable: false })).stop();
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});

async function start(): Promise<EmbeddedServer> {
  const server = await startEmbeddedPostgres({ dataDir, durable: false });
  started.push(server);
  return server;
}
const pidFile = () => join(dataDir, "cluster", "postmaster.pid");
const postmasterPid = async () => Number((await readFile(pidFile(), "utf8")).split("\n")[0]);

async function scalar(url: string, sql: string): Promise<unknown> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const [row] = (await client.query<Record<string, unknown>>(sql)).rows;
    return row && Object.values(row)[0];
  } finally {
    await client.end();
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  return true;
}

/** A process that has exited, so its pid names nobody. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ["-e", ""]);
  await new Promise((done) => child.once("exit", done));
  return child.pid!;
}

describe("startEmbeddedPostgres", () => {
  it("initialises, creates the app database, and keeps data and port across restarts", async () => {
    const first = await start();
    expect(first.url).toMatch(
      new RegExp(`^postgresql://postgres:[^@]+@127\\.0\\.0\\.1:${first.port}/signal_desk$`),
    );
    expect(first.port).not.toBe(5432);
    expect(await scalar(first.url, "SELECT current_setting('server_encoding')")).toBe("UTF8");
    expect(await scalar(first.url, "SELECT upper('ёлка')")).toBe("ЁЛКА");
    await scalar(first.url, "CREATE TABLE kept AS SELECT 42 AS answer");
    await first.stop();
    await first.stop(); // idempotent
    await expect(readFile(pidFile())).rejects.toMatchObject({ code: "ENOENT" });

    const second = await start();
    expect(second.port).toBe(first.port);
    expect(await scalar(second.url, "SELECT answer FROM kept")).toBe(42);
    await second.stop();
  });

  it("moves to another free port when the remembered one is taken", async () => {
    const { port } = JSON.parse(await readFile(join(dataDir, "server.json"), "utf8")) as { port: number };
    const squatter: Server = createServer();
    await new Promise<void>((done, fail) => squatter.once("error", fail).listen(port, "127.0.0.1", done));
    try {
      const server = await start();
      expect(server.port).not.toBe(port);
      expect(await scalar(server.url, "SELECT 1")).toBe(1);
      await server.stop();
    } finally {
      await new Promise((done) => squatter.close(done));
    }
  });

  it("removes a stale postmaster.pid naming a dead or an unrelated process", async () => {
    for (const pid of [await deadPid(), process.pid]) {
      await writeFile(pidFile(), `${pid}\n${join(dataDir, "cluster")}\n1700000000\n5432\n\n`);
      const server = await start();
      expect(await postmasterPid()).not.toBe(pid);
      expect(await scalar(server.url, "SELECT 1")).toBe(1);
      await server.stop();
    }
  });

  it("shares a server another live process runs, and replaces it once that process is killed", async () => {
    const child = await startInChild();
    try {
      const owned = await postmasterPid();

      const shared = await start();
      expect(shared.port).toBe(child.port);
      expect(await postmasterPid()).toBe(owned);
      await shared.stop(); // not ours: must leave it running
      expect(isRunning(owned)).toBe(true);

      // What a crash of the Node process looks like: postgres survives, orphaned.
      child.process.kill("SIGKILL");
      await new Promise((done) => child.process.once("exit", done));
      expect(isRunning(owned)).toBe(true);

      const replacement = await start();
      expect(await postmasterPid()).not.toBe(owned);
      expect(await scalar(replacement.url, "SELECT 1")).toBe(1);
      await replacement.stop();
    } finally {
      child.process.kill("SIGKILL");
    }
  });
});

// As root, PostgreSQL runs as the "postgres" OS user, who cannot enter a folder of mode 700.
describe.runIf(process.getuid?.() === 0)("as root, a data folder the postgres user cannot reach", () => {
  let closed: string;
  afterEach(async () => {
    await rm(closed, { recursive: true, force: true });
  });

  it("is an error naming the folder when the caller chose it outside the checkout", async () => {
    closed = await mkdtemp(join(tmpdir(), "signal-desk-closed-"));
    await chmod(closed, 0o700);
    await expect(startEmbeddedPostgres({ dataDir: join(closed, "pg") })).rejects.toThrow(
      new RegExp(
        `cannot reach the data folder ${join(closed, "pg")}: it cannot enter ${closed}\\. .*DATA_DIR`,
      ),
    );
  });

  it("is moved to /var/lib when it is inside the checkout (a clone under /root)", async () => {
    const createdDataDir = await mkdir(join(projectRoot, ".data"), { recursive: true });
    closed = await mkdtemp(join(projectRoot, ".data", "closed-"));
    await chmod(closed, 0o700);
    const warnings: string[] = [];
    const logger = { info: () => {}, warn: (message: string) => warnings.push(message) };
    const server = await startEmbeddedPostgres({ dataDir: join(closed, "pg"), durable: false, logger });
    const moved = /data in (\S+)$/.exec(warnings.join("\n"))?.[1];
    try {
      expect(moved).toMatch(/signal-desk-embedded-pg\/data-[0-9a-f]{16}$/);
      expect(await scalar(server.url, "SELECT current_setting('data_directory')")).toBe(
        join(moved!, "cluster"),
      );
      expect(await readFile(join(closed, "pg", "MOVED.txt"), "utf8")).toContain(moved);
    } finally {
      await server.stop();
      if (moved) await rm(moved, { recursive: true, force: true });
      if (moved) await rmdir(dirname(moved)).catch(() => {});
      await rm(closed, { recursive: true, force: true });
      // rmdir: only if still empty, i.e. nobody else started using it meanwhile.
      if (createdDataDir) await rmdir(createdDataDir).catch(() => {});
    }
  });
});

describe("copyFolderOnce", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "signal-desk-copy-"));
    await mkdir(join(dir, "source", "bin"), { recursive: true });
    await mkdir(join(dir, "source", "lib"));
    await writeFile(join(dir, "source", "bin", "tool"), "#!/bin/sh\n", { mode: 0o700 });
    await writeFile(join(dir, "source", "lib", "libx.so.1.2"), "x", { mode: 0o600 });
    await symlink("libx.so.1.2", join(dir, "source", "lib", "libx.so.1"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  const mode = async (path: string) => (await stat(path)).mode & 0o777;

  it("copies once, keeping relative symlinks, and makes everything readable by everyone", async () => {
    const target = join(dir, "once");
    expect(await copyFolderOnce(join(dir, "source"), target)).toBe(true);
    expect(await copyFolderOnce(join(dir, "source"), target)).toBe(false);
    expect(await readlink(join(target, "lib", "libx.so.1"))).toBe("libx.so.1.2");
    expect(await readFile(join(target, "lib", "libx.so.1"), "utf8")).toBe("x");
    expect(await mode(join(target, "bin", "tool"))).toBe(0o755);
    expect(await mode(join(target, "lib", "libx.so.1.2"))).toBe(0o644);
    expect(await mode(target)).toBe(0o755);
  });

  it("leaves one complete copy and no temporary folder when several copies run at once", async () => {
    const target = join(dir, "concurrent");
    const copied = await Promise.all([1, 2, 3, 4].map(() => copyFolderOnce(join(dir, "source"), target)));
    expect(copied).toContain(true);
    expect((await readdir(target, { recursive: true })).sort()).toEqual(
      (await readdir(join(dir, "source"), { recursive: true })).sort(),
    );
    expect((await readdir(dir)).sort()).toEqual(["concurrent", "once", "source"]);
  });

  it("replaces a copy some files of which were pruned", async () => {
    const target = join(dir, "once");
    await rm(join(target, "lib", "libx.so.1.2"));
    expect(await copyFolderOnce(join(dir, "source"), target)).toBe(true);
    expect(await readFile(join(target, "lib", "libx.so.1"), "utf8")).toBe("x");
    expect((await readdir(dir)).sort()).toEqual(["concurrent", "once", "source"]);
  });
});

/** Starts the server from a child process (tsx), resolving once it printed `ready <port>`. */
async function startInChild(): Promise<{ process: ChildProcess; port: number }> {
  const script = fileURLToPath(new URL("./fixtures/start-embedded.ts", import.meta.url));
  const child = spawn(process.execPath, ["--import", "tsx", script, dataDir], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  return new Promise((done, fail) => {
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const port = /ready (\d+)/.exec(output)?.[1];
      if (port) done({ process: child, port: Number(port) });
    });
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.once("exit", (code) => fail(new Error(`child exited (${code}) before it was ready:\n${output}`)));
  });
}
