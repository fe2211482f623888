/**
 * Errors of the local Bot API server.
 *
 * {@link BotApiError} is what a bot sees: it becomes Telegram's `{ ok: false, error_code, description }`
 * envelope with the same HTTP status. {@link SimError} is what the user-side (`/_sim`) endpoints answer
 * with; it never reaches a bot.
 */

/** The failure envelope of the Bot API, exactly as Telegram sends it. */
export interface ApiFailure {
  ok: false;
  error_code: number;
  description: string;
  parameters?: { retry_after?: number };
}

/** A Bot API call failed; carries Telegram's error code and description. */
export class BotApiError extends Error {
  constructor(
    readonly errorCode: number,
    readonly description: string,
    readonly retryAfter?: number,
  ) {
    super(description);
    this.name = "BotApiError";
  }

  /** The JSON body Telegram would answer with. */
  toResponse(): ApiFailure {
    const failure: ApiFailure = { ok: false, error_code: this.errorCode, description: this.description };
    if (this.retryAfter !== undefined) failure.parameters = { retry_after: this.retryAfter };
    return failure;
  }
}

/** 400 with Telegram's "Bad Request: " prefix, e.g. `badRequest("chat not found")`. */
export function badRequest(detail: string): BotApiError {
  return new BotApiError(400, `Bad Request: ${detail}`);
}

/** 403 with Telegram's "Forbidden: " prefix, e.g. `forbidden("bot was blocked by the user")`. */
export function forbidden(detail: string): BotApiError {
  return new BotApiError(403, `Forbidden: ${detail}`);
}

/** 409 with Telegram's "Conflict: " prefix. */
export function conflict(detail: string): BotApiError {
  return new BotApiError(409, `Conflict: ${detail}`);
}

/** 429 with `parameters.retry_after`, worded as Telegram words it. */
export function tooManyRequests(retryAfterSeconds: number): BotApiError {
  return new BotApiError(429, `Too Many Requests: retry after ${retryAfterSeconds}`, retryAfterSeconds);
}

/** Telegram's answer to a wrong or revoked token. */
export const unauthorized = (): BotApiError => new BotApiError(401, "Unauthorized");

/** Telegram's answer to an unknown method name. */
export const methodNotFound = (): BotApiError => new BotApiError(404, "Not Found");

/** Shared 409 texts: bots match on them, so they must not drift. */
export const CONFLICT_WEBHOOK_ACTIVE =
  "can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first";
export const CONFLICT_OTHER_GET_UPDATES =
  "terminated by other getUpdates request; make sure that only one bot instance is running";

/** A user-side (`/_sim`) request could not be served; `status` is the HTTP status to answer with. */
export class SimError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = "SimError";
  }
}
