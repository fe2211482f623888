/**
 * What a head's card suggests from the reporter's answers, never decides: the woman's age at the
 * signal, whether she is a minor, and the urgency the standard recommends.
 */
import { localDate, yearsBetween } from "../../platform/flow/input.ts";
import type { Urgency } from "./lifecycle.ts";

/**
 * The woman's age on the day the risk was identified (in `timeZone`): from her birth date, else
 * the stated age; null when neither is known.
 */
export function womanAgeAt(
  signal: { womanBirthDate: Date | null; womanAge: number | null; identifiedAt: Date },
  timeZone: string,
): number | null {
  if (signal.womanBirthDate)
    return yearsBetween(
      signal.womanBirthDate.toISOString().slice(0, 10),
      localDate(signal.identifiedAt, timeZone),
    );
  return signal.womanAge;
}

/** Under 18: the card marks her as a minor. */
export const MINOR_BELOW = 18;

/**
 * The urgency the standard recommends: a woman who intends to abandon (or has written a refusal)
 * and is in the hospital with the child needs a visit within 1–3 hours. Otherwise no suggestion.
 */
export function suggestedUrgency(signal: { category: string; location: string }): Urgency | null {
  const abandoning = signal.category === "intends_to_abandon" || signal.category === "refusal_written";
  const inHospital = signal.location === "together_in_ward" || signal.location === "child_in_icu";
  return abandoning && inHospital ? "urgent" : null;
}
