/**
 * Ending console sessions: signing out here, or ending another of one's own sessions (a browser
 * left open elsewhere). Audited.
 */
import { z } from "zod";
import type { StaffActor } from "../../access/policy.ts";
import { writeAudit } from "../../platform/audit.ts";
import { DomainError } from "../../platform/errors.ts";
import { endSession as closeSession } from "../sessions.ts";
import type { ConsoleDeps } from "./deps.ts";

export const endSessionInput = z.object({
  sessionId: z.uuid(),
  /** The session the request came from: ending it is signing out. */
  currentSessionId: z.uuid(),
});
export type EndSessionInput = z.infer<typeof endSessionInput>;

/**
 * Ends one of the actor's own sessions. Ending one that has ended already changes nothing.
 *
 * @throws DomainError `not_found` for a session that is not the actor's.
 */
export async function endConsoleSession(
  deps: Pick<ConsoleDeps, "tx" | "now">,
  actor: StaffActor,
  input: EndSessionInput,
): Promise<{ signedOut: boolean }> {
  const { sessionId, currentSessionId } = endSessionInput.parse(input);
  const { tx, now } = deps;
  const session = await tx.consoleSession.findUnique({ where: { id: sessionId }, select: { staffId: true } });
  if (!session || session.staffId !== actor.id) {
    throw new DomainError("not_found", "errors.not_found", { message: "no such session" });
  }
  const signedOut = sessionId === currentSessionId;
  const reason = signedOut ? "signed_out" : "ended_by_owner";
  if (await closeSession(tx, sessionId, reason, now)) {
    await writeAudit(tx, {
      actor,
      action: signedOut ? "console.signed_out" : "console.session_ended",
      subjectType: "console_session",
      subjectId: sessionId,
      at: now,
    });
  }
  return { signedOut };
}
