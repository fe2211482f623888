/**
 * The one domain error type. An action or a query throws `DomainError` for an expected refusal
 * (not allowed, not found, wrong state, bad input); each channel renders it its own way:
 *
 * - the HTTP API answers `{ error: { code, message, details? } }` with {@link ERROR_STATUS}[code];
 * - the chat answers the pressed button with an alert showing the i18n text `key` in the reader's
 *   language (or replies with it when no button was pressed).
 *
 * Anything else thrown is a fault (a bug or the infrastructure) and is logged, never shown.
 *
 * @example
 * throw new DomainError("conflict", "signal.already_assigned", {
 *   params: { curator: "Петрова А. С.", head: "Орлова Е. Н." },
 *   message: "the signal already has a curator",
 * });
 */
import type { Text, TextParam } from "./flow/types.ts";

/** Error codes and their HTTP statuses. */
export const ERROR_STATUS = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unprocessable: 422,
  too_many_requests: 429,
  unavailable: 503,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** Options of a {@link DomainError}. */
export interface DomainErrorOptions {
  /** Parameters of the i18n text. */
  params?: Record<string, TextParam>;
  /**
   * The API's `message` (English, for developers): safe to show the caller. Defaults to the
   * i18n key, which the API replaces with the English text when a translator is at hand.
   */
  message?: string;
  /** Machine-readable details for the API (e.g. `{ field: "curatorId" }`). */
  details?: Record<string, unknown>;
  /** A more specific reason than the code, for clients (e.g. "override_required"). */
  reason?: string;
}

/** An expected refusal: `code` picks the HTTP status, `key` the text people read. */
export class DomainError extends Error {
  readonly params: Record<string, TextParam> | undefined;
  readonly details: Record<string, unknown> | undefined;
  readonly reason: string | undefined;
  /** True when `message` was given explicitly (otherwise it is the i18n key). */
  readonly hasMessage: boolean;

  constructor(
    readonly code: ErrorCode,
    readonly key: string,
    options: DomainErrorOptions = {},
  ) {
    super(options.message ?? key);
    this.name = "DomainError";
    this.params = options.params;
    this.details = options.details;
    this.reason = options.reason;
    this.hasMessage = options.message !== undefined;
  }

  /** The HTTP status of {@link code}. */
  get status(): number {
    return ERROR_STATUS[this.code];
  }

  /** The text people read. */
  get text(): Text {
    return this.params ? { key: this.key, params: this.params } : { key: this.key };
  }
}

/**
 * A refusal that only the API sees (malformed request, unknown parameter): it has an English
 * message and a generic i18n key.
 */
export function badRequest(message: string, details?: Record<string, unknown>): DomainError {
  return apiError("bad_request", message, details);
}

/**
 * A refusal with an English message and the code's generic text (`errors.<code>`), for checks
 * whose wording only a developer reads (query parameters, tokens).
 */
export function apiError(code: ErrorCode, message: string, details?: Record<string, unknown>): DomainError {
  return new DomainError(code, `errors.${code}`, { message, ...(details ? { details } : {}) });
}
