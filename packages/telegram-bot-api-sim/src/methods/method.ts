/**
 * The shape of a Bot API method implementation and the helper that ties it to its parameter schema.
 */
import type { z } from "zod";
import type { SimBot } from "../bot.ts";
import { parseParams } from "../params.ts";
import type { UploadedFile } from "../request-input.ts";
import type { SimState } from "../state.ts";

/** What a method sees of the call besides its parameters. */
export interface CallContext {
  state: SimState;
  bot: SimBot;
  /** Files uploaded with a multipart request, by part name. */
  uploads: Map<string, UploadedFile>;
  /** Aborts when the caller went away or the server shuts down; long polls end on it. */
  signal: AbortSignal;
}

/** A Bot API method: raw parameters in, `result` out, {@link BotApiError} thrown on failure. */
export type MethodHandler = (ctx: CallContext, params: Record<string, unknown>) => unknown;

/** A result with the `description` Telegram adds to some successes ("Webhook was set"). */
export class DescribedResult {
  constructor(
    readonly result: unknown,
    readonly description: string,
  ) {}
}

/**
 * Builds a method from its parameter schema and its implementation; parameters are validated first.
 *
 * @example
 * const getMe = defineMethod(z.object({}), ({ bot }) => bot.user);
 */
export function defineMethod<S extends z.ZodType>(
  schema: S,
  run: (ctx: CallContext, params: z.output<S>) => unknown,
): MethodHandler {
  return (ctx, params) => run(ctx, parseParams(schema, params));
}
