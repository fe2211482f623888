/**
 * A TCP proxy in front of the test PostgreSQL that a test can cut and restore: "the database is
 * down" (every open connection dropped, new ones refused) without touching the shared server.
 */
import { createServer, connect, type Server, type Socket } from "node:net";
import type { AddressInfo } from "node:net";

/** A running proxy. */
export interface DbProxy {
  /** `databaseUrl` with its host and port replaced by the proxy's. */
  url: string;
  /** Drops every connection and refuses new ones until {@link up}. */
  down(): void;
  up(): void;
  readonly isDown: boolean;
  close(): Promise<void>;
}

/** Starts a proxy for `databaseUrl` on 127.0.0.1 and a free port. */
export async function startDbProxy(databaseUrl: string): Promise<DbProxy> {
  const target = new URL(databaseUrl);
  const sockets = new Set<Socket>();
  let isDown = false;
  const server: Server = createServer((client) => {
    if (isDown) {
      client.destroy();
      return;
    }
    const upstream = connect(Number(target.port || 5432), target.hostname);
    sockets.add(client).add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on("error", drop).on("close", drop);
    upstream.on("error", drop).on("close", drop);
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = new URL(databaseUrl);
  url.hostname = "127.0.0.1";
  url.port = String((server.address() as AddressInfo).port);
  return {
    url: url.toString(),
    get isDown() {
      return isDown;
    },
    down() {
      isDown = true;
      for (const socket of sockets) socket.destroy();
      sockets.clear();
    },
    up() {
      isDown = false;
    },
    close() {
      isDown = true;
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
