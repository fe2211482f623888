/**
 * Fault injection: planned failures of a bot's next API calls, so tests can exercise retry and
 * back-off code against the same responses Telegram gives.
 */
import { z } from "zod";

/** Which calls a fault hits and how many times. */
const target = {
  /** Only calls of this method (case-insensitive); every method when omitted, getUpdates included. */
  method: z.string().min(1).optional(),
  /** How many calls it hits before it is used up. */
  count: z.number().int().min(1).default(1),
};

/** One planned fault: what it does to a call, and which calls it hits. */
export const faultRuleSchema = z.discriminatedUnion("kind", [
  /** Answer 429 "Too Many Requests: retry after N" with `parameters.retry_after`. */
  z.object({ kind: z.literal("rate_limit"), retryAfter: z.number().int().min(0).default(1), ...target }),
  /** Answer 500 "Internal Server Error". */
  z.object({ kind: z.literal("server_error"), ...target }),
  /** Hold the call for `ms` milliseconds, then serve it normally. */
  z.object({ kind: z.literal("latency"), ms: z.number().int().min(0).max(600_000), ...target }),
  /** Drop the connection without answering (the client sees a network error). */
  z.object({ kind: z.literal("network"), ...target }),
]);

/** One planned fault as given by the caller. */
export type FaultRuleInput = z.input<typeof faultRuleSchema>;
/** One planned fault with its defaults applied. */
export type FaultRule = z.output<typeof faultRuleSchema>;

/** The faults planned for one bot, consumed in the order they were added. */
export class FaultPlan {
  private rules: FaultRule[] = [];

  /** Plans a fault. */
  add(rule: FaultRule): void {
    this.rules.push({ ...rule });
  }

  /** Removes every planned fault. */
  clear(): void {
    this.rules = [];
  }

  /** The faults still planned, with their remaining counts. */
  list(): FaultRule[] {
    return this.rules.map((rule) => ({ ...rule }));
  }

  /** Consumes one use of the first fault matching `method`, if any. */
  take(method: string): FaultRule | undefined {
    const rule = this.rules.find(
      (r) => r.method === undefined || r.method.toLowerCase() === method.toLowerCase(),
    );
    if (!rule) return undefined;
    rule.count -= 1;
    if (rule.count === 0) this.rules = this.rules.filter((r) => r !== rule);
    return rule;
  }
}
