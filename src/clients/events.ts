/**
 * The channel's history per case (`client_events`) and the notices its actions tell.
 */
import type { Db } from "../platform/db/client.ts";
import type { Json } from "../platform/flow/types.ts";
import type { GuestChat } from "../platform/notify.ts";

/** Event types of the channel. */
export type ClientEventType =
  | "consent_recorded"
  | "invitation_created"
  | "joined"
  | "plan_sent"
  | "message_in"
  | "message_out"
  | "reminder"
  | "meeting_set"
  | "stopped";

/** Appends one event (ids and kinds only, never personal data). */
export async function appendClientEvent(
  tx: Db,
  e: {
    serviceId: string;
    caseId: string;
    type: ClientEventType;
    actorStaffId: string | null;
    at: Date;
    data?: Record<string, Json>;
  },
): Promise<void> {
  await tx.clientEvent.create({
    data: {
      serviceId: e.serviceId,
      caseId: e.caseId,
      type: e.type,
      actorStaffId: e.actorStaffId,
      at: e.at,
      data: e.data ?? {},
    },
  });
}

/** How a channel ended. */
export type StopHow = "client_stop" | "curator" | "case_ended";

/** What the clients' actions tell (renderers: ./chat/notices.ts). */
export type ClientNotice =
  | { type: "client.joined"; caseId: string }
  | { type: "client.message"; caseId: string; messageId: string }
  | { type: "client.reply"; caseId: string; messageId: string }
  | { type: "client.plan"; caseId: string; fileId: string; version: number; kind: string }
  | { type: "client.reminder"; caseId: string; refs: string[]; kinds: string[] }
  | { type: "client.meeting"; caseId: string; meetingId: string }
  | { type: "client.stopped"; caseId: string; how: StopHow; chat: GuestChat };
