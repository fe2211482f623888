/**
 * Messages between the mother and her curator: hers reaches the curator's chat under the case
 * number; the curator's answer reaches her from the bot. Both are kept in the case file
 * (`client_messages`, events) and audited. Outside the curator's working hours she learns when
 * to expect an answer and the service's emergency phone.
 */
import { z } from "zod";
import type { Actor, ClientActor } from "../../access/policy.ts";
import type { ActionDeps } from "../../platform/actions.ts";
import { writeAudit } from "../../platform/audit.ts";
import { DomainError } from "../../platform/errors.ts";
import { DEFAULT_HOURS, nextOpening, withinHours, type WorkingHours } from "../domain/hours.ts";
import { appendClientEvent } from "../events.ts";
import { activeCase, caseForContact, clientCase } from "./common.ts";

/** Longest message either way (a messenger's message is 4096; hers is relayed with a header). */
export const MAX_CLIENT_TEXT = 3500;

const textInput = z.string().trim().min(1).max(MAX_CLIENT_TEXT);

/** The curator's working hours (the default when not set). */
export async function curatorHours(db: ActionDeps["tx"], staffId: string): Promise<WorkingHours> {
  const row = await db.clientCuratorHours.findUnique({ where: { staffId } });
  return row ? { days: row.days, fromMinute: row.fromMinute, toMinute: row.toMinute } : DEFAULT_HOURS;
}

/** Her message to her curator. */
export async function relayClientMessage(
  deps: ActionDeps,
  actor: ClientActor,
  input: { text: string },
): Promise<{ within: boolean; opensAt: Date | null; emergencyPhone: string | null; curatorName: string }> {
  const parsed = textInput.safeParse(input.text);
  if (!parsed.success)
    throw new DomainError("bad_request", "clients.text_too_long", { params: { max: MAX_CLIENT_TEXT } });
  const { tx, now } = deps;
  const c = await clientCase(tx, actor.caseId);
  if (!c || !activeCase(c.status) || c.serviceId !== actor.serviceId)
    throw new DomainError("conflict", "clients.channel_closed", { message: "the channel is closed" });
  const message = await tx.clientMessage.create({
    data: { serviceId: c.serviceId, caseId: c.id, direction: "in", text: parsed.data, at: now },
  });
  await appendClientEvent(tx, {
    serviceId: c.serviceId,
    caseId: c.id,
    type: "message_in",
    actorStaffId: null,
    at: now,
    data: { messageId: message.id, length: parsed.data.length },
  });
  await writeAudit(tx, {
    actor,
    action: "client.message_relayed",
    subjectType: "case",
    subjectId: c.id,
    serviceId: c.serviceId,
    details: { messageId: message.id, to: c.curatorId },
    at: now,
  });
  await deps.notifier.notify({ type: "client.message", caseId: c.id, messageId: message.id });
  const hours = await curatorHours(tx, c.curatorId);
  const zone = c.service.timeZone;
  const settings = await tx.clientServiceSettings.findUnique({ where: { serviceId: c.serviceId } });
  const curator = await tx.staff.findUniqueOrThrow({
    where: { id: c.curatorId },
    select: { fullName: true },
  });
  return {
    within: withinHours(hours, now, zone),
    opensAt: nextOpening(hours, now, zone),
    emergencyPhone: settings?.emergencyPhone ?? null,
    curatorName: curator.fullName,
  };
}

export const replyToClientInput = z.object({ caseId: z.uuid(), text: textInput });

/** The curator's answer to her. */
export async function replyToClient(
  deps: ActionDeps,
  actor: Actor,
  input: { caseId: string; text: string },
): Promise<{ number: string }> {
  const parsed = replyToClientInput.safeParse(input);
  if (!parsed.success)
    throw new DomainError("bad_request", "clients.text_too_long", { params: { max: MAX_CLIENT_TEXT } });
  const { tx, now } = deps;
  const c = await caseForContact(tx, actor, parsed.data.caseId);
  const identity = await tx.clientIdentity.findUnique({ where: { caseId: c.id } });
  if (!identity)
    throw new DomainError("conflict", "clients.not_connected", { message: "she is not connected" });
  const by = actor.kind === "staff" ? actor.id : null;
  const message = await tx.clientMessage.create({
    data: {
      serviceId: c.serviceId,
      caseId: c.id,
      direction: "out",
      staffId: by,
      text: parsed.data.text,
      at: now,
    },
  });
  await appendClientEvent(tx, {
    serviceId: c.serviceId,
    caseId: c.id,
    type: "message_out",
    actorStaffId: by,
    at: now,
    data: { messageId: message.id, length: parsed.data.text.length },
  });
  await writeAudit(tx, {
    actor,
    action: "client.reply_sent",
    subjectType: "case",
    subjectId: c.id,
    serviceId: c.serviceId,
    details: { messageId: message.id },
    at: now,
  });
  await deps.notifier.notify({ type: "client.reply", caseId: c.id, messageId: message.id });
  return { number: c.number };
}
