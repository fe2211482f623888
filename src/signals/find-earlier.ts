/**
 * Earlier signals about the same woman in the service (the standard's "check whether
 * signals came before"): candidates by indexed name key, then the tolerant comparison of
 * src/domain/names.ts.
 */
import type { Tx } from "../platform/chat/app.ts";
import { nameKey, samePerson, type PersonKey } from "./domain/names.ts";
import { localDate } from "../platform/flow/input.ts";
import { signalNumber, type EarlierSignal, type SignalView } from "./cards.ts";

const birthDateOf = (row: { womanBirthDate: Date | null }) =>
  row.womanBirthDate?.toISOString().slice(0, 10) ?? null;

/** Earlier signals (and their cases) about the woman of `signal`, newest first. */
export async function findEarlierFor(tx: Tx, signal: SignalView, now: Date): Promise<EarlierSignal[]> {
  const person: PersonKey = {
    fullName: signal.womanFullName,
    birthDate: birthDateOf(signal),
    age: signal.womanAge,
  };
  const today = localDate(now, signal.service.timeZone);
  const candidates = await tx.signal.findMany({
    where: { serviceId: signal.serviceId, womanNameKey: nameKey(person.fullName), id: { not: signal.id } },
    orderBy: { transmittedAt: "desc" },
    take: 50,
    include: { case: { select: { number: true } } },
  });
  return candidates
    .filter((c) =>
      samePerson(person, { fullName: c.womanFullName, birthDate: birthDateOf(c), age: c.womanAge }, today),
    )
    .map((c) => ({ number: signalNumber(c), status: c.status, caseNumber: c.case?.number ?? null }));
}
