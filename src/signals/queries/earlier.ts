/**
 * Earlier signals about the same woman in the service (the standard's "check whether signals came
 * before"): candidates by indexed name key, then the tolerant comparison of ../domain/names.ts.
 */
import type { Db } from "../../platform/db/client.ts";
import { localDate } from "../../platform/flow/input.ts";
import type { SignalStatus } from "../domain/lifecycle.ts";
import { nameKey, samePerson, type PersonKey } from "../domain/names.ts";
import { signalNumber } from "../domain/numbers.ts";
import type { SignalView } from "./signal-view.ts";

/** An earlier signal about the same woman, as the head's card lists it. */
export interface EarlierSignal {
  number: string;
  status: SignalStatus;
  caseNumber: string | null;
  /** The curator's full name, null when none was assigned. */
  curator?: string | null;
}

const birthDateOf = (row: { womanBirthDate: Date | null }) =>
  row.womanBirthDate?.toISOString().slice(0, 10) ?? null;

/** Earlier signals (and their cases) about the woman of `signal`, newest first. */
export async function earlierSignals(db: Db, signal: SignalView, now: Date): Promise<EarlierSignal[]> {
  const person: PersonKey = {
    fullName: signal.womanFullName,
    birthDate: birthDateOf(signal),
    age: signal.womanAge,
  };
  const today = localDate(now, signal.service.timeZone);
  const candidates = await db.signal.findMany({
    where: { serviceId: signal.serviceId, womanNameKey: nameKey(person.fullName), id: { not: signal.id } },
    orderBy: { transmittedAt: "desc" },
    take: 50,
    include: { case: { select: { number: true } }, curator: { select: { fullName: true } } },
  });
  return candidates
    .filter((c) =>
      samePerson(person, { fullName: c.womanFullName, birthDate: birthDateOf(c), age: c.womanAge }, today),
    )
    .map((c) => ({
      number: signalNumber(c),
      status: c.status,
      caseNumber: c.case?.number ?? null,
      curator: c.curator?.fullName ?? null,
    }));
}
