/**
 * Earlier signals about the woman of a stored signal (for redrawing the head's card).
 */
import type { Tx } from "../chat/app.ts";
import { localDate } from "../flow/input.ts";
import type { EarlierSignal, SignalView } from "./cards.ts";
import { findEarlier } from "./find-earlier.ts";

/** Earlier signals about the woman of `signal`, as the card shows them. */
export function findEarlierFor(tx: Tx, signal: SignalView, now: Date): Promise<EarlierSignal[]> {
  const person = {
    fullName: signal.womanFullName,
    birthDate: signal.womanBirthDate?.toISOString().slice(0, 10) ?? null,
    age: signal.womanAge,
  };
  return findEarlier(tx, signal.serviceId, person, localDate(now, signal.service.timeZone), signal.id);
}
