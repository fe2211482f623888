/**
 * Earlier signals about the same woman in the service (the standard's "check whether
 * signals came before"): candidates by indexed name key, then the tolerant comparison of
 * src/domain/names.ts.
 */
import type { Tx } from "../chat/app.ts";
import { nameKey, samePerson, type PersonKey } from "../domain/names.ts";
import type { EarlierSignal } from "./cards.ts";
import { signalNumber } from "./cards.ts";

/** Earlier signals (and their cases) about `person`, newest first, excluding `exceptId`. */
export async function findEarlier(
  tx: Tx,
  serviceId: string,
  person: PersonKey,
  today: string,
  exceptId?: string,
): Promise<EarlierSignal[]> {
  const candidates = await tx.signal.findMany({
    where: {
      serviceId,
      womanNameKey: nameKey(person.fullName),
      ...(exceptId ? { id: { not: exceptId } } : {}),
    },
    orderBy: { transmittedAt: "desc" },
    take: 50,
    include: { case: { select: { number: true } } },
  });
  return candidates
    .filter((c) =>
      samePerson(
        person,
        {
          fullName: c.womanFullName,
          birthDate: c.womanBirthDate?.toISOString().slice(0, 10) ?? null,
          age: c.womanAge,
        },
        today,
      ),
    )
    .map((c) => ({
      number: signalNumber(c),
      status: c.status,
      caseNumber: c.case?.number ?? null,
    }));
}
