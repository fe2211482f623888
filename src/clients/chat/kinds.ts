/**
 * The curator's buttons about the mother's channel. Her own buttons are not in the registry:
 * they are fixed strings the clients' guest handler reads (./guest.ts), naming nothing — her case
 * comes from her binding, so no crafted data can reach another case.
 */
import { buttonKind, idField } from "../../platform/chat/buttons.ts";

const kase = { caseId: idField };

/** The channel's card for a case. */
export const CONTACT = buttonKind({ id: "cm:v", fields: kase });
/** Record her consent (starts the dialogue; an invitation follows). */
export const CONSENT = buttonKind({ id: "cm:c", fields: kase });
/** A new invitation under the consent in force. */
export const INVITE = buttonKind({ id: "cm:i", fields: kase });
/** Answer her (starts the dialogue). */
export const REPLY = buttonKind({ id: "cm:r", fields: kase });
/** Record a meeting agreed with her (starts the dialogue). */
export const MEETING = buttonKind({ id: "cm:m", fields: kase });
/** Ask to confirm ending the channel. */
export const END_ASK = buttonKind({ id: "cm:e", fields: kase });
/** End the channel (confirmed). */
export const END = buttonKind({ id: "cm:E", fields: kase });

/** Her buttons (callback data), read by the guest handler only. */
export const CLIENT_BUTTONS = {
  write: "cx:w",
  plan: "cx:p",
  stopAsk: "cx:s",
  stop: "cx:S",
  keep: "cx:k",
} as const;
