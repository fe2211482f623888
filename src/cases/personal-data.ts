/**
 * Removing a case's personal data when its signal is anonymised (the retention policy, or the
 * woman's request: src/privacy/). What stays is what the journals and the half-year figures need:
 * the case's number, dates, status, close reason, its events' types and dates, the plans' structure
 * (versions, action dates, who was responsible, statuses) and the monitoring decisions. What goes:
 * the signal sheet's answers, the plans' texts, the actions' wording and organisations, the
 * monitoring notes, free texts in events (an extension's reason), and the stored documents made of
 * them (plan copies are not linked to a case and expire on their own; hand-over packages are).
 */
import type { Db } from "../platform/db/client.ts";
import type { PersonalDataHook } from "../platform/module.ts";

/** The hook the privacy area calls in the anonymising transaction. */
export const casePersonalData: PersonalDataHook = {
  async anonymise(tx: Db, signalIds: readonly string[]): Promise<void> {
    if (signalIds.length === 0) return;
    const cases = await tx.case.findMany({
      where: { signalId: { in: [...signalIds] } },
      select: { id: true },
    });
    const caseIds = cases.map((c) => c.id);
    if (caseIds.length === 0) return;
    await tx.caseSheet.updateMany({ where: { caseId: { in: caseIds } }, data: { answers: {} } });
    await tx.casePlan.updateMany({ where: { caseId: { in: caseIds } }, data: { content: {} } });
    await tx.casePlanAction.updateMany({
      where: { plan: { caseId: { in: caseIds } } },
      data: { what: "", organisation: null },
    });
    await tx.caseMonitoring.updateMany({ where: { caseId: { in: caseIds } }, data: { note: null } });
    // Free texts inside events: the extension's reason (the only one; see ./domain/events.ts).
    // Raw SQL: one statement for every extension event of these cases.
    await tx.$executeRaw`
      UPDATE case_events SET data = jsonb_set(data, '{reason}', '""'::jsonb)
       WHERE case_id = ANY(${caseIds}::uuid[]) AND type = 'extended' AND data ? 'reason'`;
    const handovers = await tx.caseHandover.findMany({
      where: { caseId: { in: caseIds }, fileId: { not: null } },
      select: { fileId: true },
    });
    const fileIds = handovers.flatMap((h) => (h.fileId ? [h.fileId] : []));
    // The package is the case's documents in full: deleted (the hand-over record keeps its date).
    if (fileIds.length > 0) await tx.storedFile.deleteMany({ where: { id: { in: fileIds } } });
  },
};
