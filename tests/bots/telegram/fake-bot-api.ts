/**
 * A few-line stand-in for the Bot API, for unit tests of what the adapters send and how they
 * read errors. The integration tests use the project's local Bot API server instead.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** One request the fake received. */
export interface RecordedCall {
  method: string;
  contentType: string;
  /** Parsed JSON body, or the raw text of a multipart body. */
  body: unknown;
}

/** What the fake answers: a status and a JSON (or raw text) body. */
export type Answer = { status?: number; json?: unknown; text?: string };

/** The running fake; `answer` decides the response to each call (default: `{ ok: true }`). */
export interface FakeBotApi {
  apiRoot: string;
  calls: RecordedCall[];
  answer: (call: RecordedCall) => Answer;
  close(): Promise<void>;
}

/** Starts the fake on 127.0.0.1 and a free port. */
export async function startFakeBotApi(): Promise<FakeBotApi> {
  const fake: FakeBotApi = {
    apiRoot: "",
    calls: [],
    answer: () => ({ json: { ok: true, result: true } }),
    close: () => {
      // Keep-alive sockets from the libraries' agents would otherwise hold close() open.
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      const contentType = req.headers["content-type"] ?? "";
      const call: RecordedCall = {
        method: req.url?.split("/").pop() ?? "",
        contentType,
        body: contentType.startsWith("application/json") ? (JSON.parse(raw || "{}") as unknown) : raw,
      };
      fake.calls.push(call);
      const { status = 200, json, text } = fake.answer(call);
      res.writeHead(status, { "content-type": json === undefined ? "text/html" : "application/json" });
      res.end(json === undefined ? (text ?? "") : JSON.stringify(json));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  fake.apiRoot = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}
