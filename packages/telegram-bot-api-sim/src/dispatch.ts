/**
 * Runs one Bot API call: authentication, method lookup, planned faults, the method itself, and the
 * translation of the outcome into Telegram's response envelope.
 */
import type { SimBot } from "./bot.ts";
import { BotApiError, type ApiFailure, methodNotFound, tooManyRequests } from "./errors.ts";
import { DescribedResult } from "./methods/method.ts";
import { findMethod } from "./methods/index.ts";
import type { CallInput } from "./request-input.ts";
import type { SimState } from "./state.ts";
import { delay } from "./waits.ts";

/** Telegram's success envelope. */
export interface ApiSuccess {
  ok: true;
  result: unknown;
  description?: string;
}

/** What to do with the HTTP exchange: answer it, or drop the connection (injected network fault). */
export type CallOutcome = { kind: "reply"; status: number; body: ApiSuccess | ApiFailure } | { kind: "drop" };

/** One incoming call over HTTP. */
export interface BotCall {
  token: string;
  method: string;
  /** Reads the request's parameters; called first so a refused call still consumes its body. */
  readInput(): Promise<CallInput>;
  /** Aborts when the client disconnects or the server shuts down. */
  signal: AbortSignal;
}

/**
 * Serves a call and answers the way Telegram would, including the failures planned with fault injection.
 * Only programming errors escape as exceptions.
 */
export async function dispatchCall(state: SimState, call: BotCall): Promise<CallOutcome> {
  try {
    const input = await call.readInput();
    const bot = state.authenticate(call.token);
    const handler = findMethod(call.method);
    if (!handler) throw methodNotFound();
    const fault = bot.faults.take(call.method);
    if (fault?.kind === "network") return { kind: "drop" };
    if (fault?.kind === "rate_limit") throw tooManyRequests(fault.retryAfter);
    if (fault?.kind === "server_error") throw new BotApiError(500, "Internal Server Error");
    if (fault?.kind === "latency") await delay(fault.ms, call.signal);
    const result: unknown = await handler(
      { state, bot, uploads: input.uploads, signal: call.signal },
      input.params,
    );
    return { kind: "reply", status: 200, body: toSuccess(result) };
  } catch (error) {
    if (error instanceof BotApiError)
      return { kind: "reply", status: error.errorCode, body: error.toResponse() };
    throw error;
  }
}

/**
 * Executes a method a bot returned in its webhook answer. No faults apply: it is not an HTTP call.
 *
 * @throws {BotApiError} when the method is unknown or fails (the caller logs it; Telegram reports nothing).
 */
export async function runWebhookReply(
  state: SimState,
  bot: SimBot,
  method: string,
  params: Record<string, unknown>,
): Promise<void> {
  const handler = findMethod(method);
  if (!handler) throw methodNotFound();
  await handler({ state, bot, uploads: new Map(), signal: state.signal }, params);
}

function toSuccess(result: unknown): ApiSuccess {
  return result instanceof DescribedResult
    ? { ok: true, result: result.result, description: result.description }
    : { ok: true, result };
}
