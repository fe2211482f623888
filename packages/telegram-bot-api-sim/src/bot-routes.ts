/**
 * The bot side over HTTP: `/bot<token>/<method>` (any HTTP verb, any encoding) and file downloads at
 * `/file/bot<token>/<file_path>`, both shaped like api.telegram.org.
 */
import { type Request, type Response, Router } from "express";
import { dispatchCall } from "./dispatch.ts";
import { BotApiError } from "./errors.ts";
import type { Logger } from "./logger.ts";
import { readCallInput } from "./request-input.ts";
import type { SimState } from "./state.ts";
import { exchangeSignal } from "./waits.ts";

const CALL_PATH = /^\/bot([^/]+)\/([^/]+)\/?$/;
const FILE_PATH = /^\/file\/bot([^/]+)\/(.+)$/;

/** Routes serving bots. */
export function botApiRouter(state: SimState, logger: Logger): Router {
  const router = Router();
  router.use(async (req, res, next) => {
    const call = CALL_PATH.exec(req.path);
    const file = FILE_PATH.exec(req.path);
    if (call) await serveCall(state, logger, req, res, decodeSegment(call[1]), call[2] ?? "");
    else if (file && req.method === "GET")
      serveFile(state, res, decodeSegment(file[1]), decodeSegment(file[2]));
    else next();
  });
  return router;
}

async function serveCall(
  state: SimState,
  logger: Logger,
  req: Request,
  res: Response,
  token: string,
  method: string,
): Promise<void> {
  const outcome = await dispatchCall(state, {
    token,
    method,
    readInput: () => readCallInput(req),
    signal: exchangeSignal(res, state.signal),
  });
  if (outcome.kind === "drop") {
    logger.debug({ method }, "bot api call dropped (injected network fault)");
    req.socket.destroy();
    return;
  }
  logger.debug({ method, status: outcome.status }, "bot api call");
  res.status(outcome.status).json(outcome.body);
}

function serveFile(state: SimState, res: Response, token: string, filePath: string): void {
  try {
    state.authenticate(token);
  } catch (error) {
    if (!(error instanceof BotApiError)) throw error;
    res.status(error.errorCode).json(error.toResponse());
    return;
  }
  const file = state.files.atPath(filePath);
  if (!file) {
    res.status(404).json({ ok: false, error_code: 404, description: "Not Found" });
    return;
  }
  res.type("application/octet-stream").send(file.content);
}

/** A percent-decoded path segment; a malformed escape is kept as is (it then matches no token or file). */
function decodeSegment(segment: string | undefined): string {
  try {
    return decodeURIComponent(segment ?? "");
  } catch {
    return segment ?? "";
  }
}
