/**
 * Removing the mother's channel data when her signal is anonymised (src/privacy/): the words of
 * her messages and her curator's answers, the places of meetings, and her messenger binding. What stays: that messages
 * were exchanged and when (rows without text), the consent's dates, the channel's events (ids and
 * kinds only).
 */
import type { Db } from "../platform/db/client.ts";
import type { PersonalDataHook } from "../platform/module.ts";

/** The hook the privacy area calls in the anonymising transaction. */
export const clientPersonalData: PersonalDataHook = {
  async anonymise(tx: Db, signalIds: readonly string[]): Promise<void> {
    if (signalIds.length === 0) return;
    const cases = await tx.case.findMany({
      where: { signalId: { in: [...signalIds] } },
      select: { id: true },
    });
    const caseIds = cases.map((c) => c.id);
    if (caseIds.length === 0) return;
    await tx.clientMessage.updateMany({ where: { caseId: { in: caseIds } }, data: { text: null } });
    await tx.clientMeeting.updateMany({ where: { caseId: { in: caseIds } }, data: { place: null } });
    await tx.clientIdentity.deleteMany({ where: { caseId: { in: caseIds } } });
    await tx.clientInvitation.updateMany({
      where: { caseId: { in: caseIds }, usedAt: null },
      data: { expiresAt: new Date(0) },
    });
  },
};
