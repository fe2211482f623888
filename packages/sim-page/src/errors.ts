/**
 * What is safe to log about an error: its class and stack frames, never its message (an upstream error
 * may quote a chat's text).
 */
export function errorFields(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { errorType: typeof error };
  return {
    errorType: error.name,
    frames: error.stack
      ?.split("\n")
      .slice(1, 6)
      .map((l) => l.trim()),
  };
}
