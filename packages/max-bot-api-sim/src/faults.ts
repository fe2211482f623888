/**
 * Fault injection: planned failures of a bot's next API calls (429, 500, latency, a dropped
 * connection), so tests can exercise retries against answers shaped like MAX's.
 */
import { z } from "zod";

/** Which calls a fault hits and how many times. */
const target = {
  /** Only calls of this operation (MAX's operationId: sendMessage, editMessage, answerOnCallback, getUpdates…); every call when omitted. */
  method: z.string().min(1).optional(),
  count: z.number().int().min(1).default(1),
};

/** One planned fault. */
export const faultRuleSchema = z.discriminatedUnion("kind", [
  /** 429 `{ code: "too.many.requests" }` (MAX documents the status, not a retry-after). */
  z.object({ kind: z.literal("rate_limit"), ...target }),
  /** 500 `{ code: "internal.error" }`. */
  z.object({ kind: z.literal("server_error"), ...target }),
  /** Hold the call for `ms`, then serve it. */
  z.object({ kind: z.literal("latency"), ms: z.number().int().min(0).max(600_000), ...target }),
  /** Drop the connection without answering. */
  z.object({ kind: z.literal("network"), ...target }),
]);

export type FaultRuleInput = z.input<typeof faultRuleSchema>;
export type FaultRule = z.output<typeof faultRuleSchema>;

/** The faults planned for one bot, consumed in the order they were added. */
export class FaultPlan {
  private rules: FaultRule[] = [];

  add(rule: FaultRule): void {
    this.rules.push({ ...rule });
  }

  clear(): void {
    this.rules = [];
  }

  list(): FaultRule[] {
    return this.rules.map((rule) => ({ ...rule }));
  }

  /** Consumes one use of the first fault matching `operation`, if any. */
  take(operation: string): FaultRule | undefined {
    const rule = this.rules.find(
      (r) => r.method === undefined || r.method.toLowerCase() === operation.toLowerCase(),
    );
    if (!rule) return undefined;
    rule.count -= 1;
    if (rule.count === 0) this.rules = this.rules.filter((r) => r !== rule);
    return rule;
  }
}
