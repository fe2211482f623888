/**
 * The curator records a meeting agreed with the mother: she is told at once (when she is bound)
 * and reminded a day before and two hours before (the sweep).
 */
import { z } from "zod";
import type { Actor } from "../../access/policy.ts";
import type { ActionDeps } from "../../platform/actions.ts";
import { writeAudit } from "../../platform/audit.ts";
import { DomainError } from "../../platform/errors.ts";
import { appendClientEvent } from "../events.ts";
import { caseForContact } from "./common.ts";

/** How far ahead a meeting may be set. */
export const MEETING_MAX_DAYS = 90;

export const scheduleMeetingInput = z.object({
  caseId: z.uuid(),
  at: z.date(),
  place: z.string().trim().max(200).nullable(),
});

/** Records the meeting; returns its id. */
export async function scheduleMeeting(
  deps: ActionDeps,
  actor: Actor,
  input: z.infer<typeof scheduleMeetingInput>,
): Promise<{ meetingId: string; number: string; connected: boolean }> {
  const parsed = scheduleMeetingInput.parse(input);
  const { tx, now } = deps;
  const c = await caseForContact(tx, actor, parsed.caseId);
  if (parsed.at <= now || parsed.at.getTime() > now.getTime() + MEETING_MAX_DAYS * 86_400_000)
    throw new DomainError("bad_request", "clients.meeting_time_invalid");
  const by = actor.kind === "staff" ? actor.id : null;
  if (!by) throw new Error("a meeting is set by a staff member");
  const meeting = await tx.clientMeeting.create({
    data: {
      serviceId: c.serviceId,
      caseId: c.id,
      at: parsed.at,
      place: parsed.place || null,
      createdById: by,
      createdAt: now,
    },
  });
  await appendClientEvent(tx, {
    serviceId: c.serviceId,
    caseId: c.id,
    type: "meeting_set",
    actorStaffId: by,
    at: now,
    data: { meetingId: meeting.id },
  });
  await writeAudit(tx, {
    actor,
    action: "client.meeting_set",
    subjectType: "case",
    subjectId: c.id,
    serviceId: c.serviceId,
    details: { meetingId: meeting.id },
    at: now,
  });
  const connected = (await tx.clientIdentity.count({ where: { caseId: c.id } })) > 0;
  if (connected) await deps.notifier.notify({ type: "client.meeting", caseId: c.id, meetingId: meeting.id });
  return { meetingId: meeting.id, number: c.number, connected };
}
